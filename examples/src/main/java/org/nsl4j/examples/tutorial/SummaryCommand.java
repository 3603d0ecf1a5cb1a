package org.nsl4j.examples.tutorial;

import java.util.concurrent.Callable;
import org.nsl4j.keras.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Prints the tutorial base model's Keras summary. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Print the tutorial base model's summary.")
public final class SummaryCommand implements Callable<Integer> {

  @Mixin HParams h = new HParams();

  @Override
  public Integer call() {
    h.validate();
    try (Model model = BaseModel.build(h)) {
      model.summary();
    }
    return 0;
  }
}
