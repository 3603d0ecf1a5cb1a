package org.nsl4j.examples.tutorial;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nsl4j.examples.cli.DataOptions;
import org.nsl4j.examples.cli.Labels;
import org.nsl4j.examples.cli.Outputs;
import org.nsl4j.examples.cli.PerformanceOptions;
import org.nsl4j.examples.reports.Reports;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.keras.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains the tutorial's base model and reports its test accuracy. */
@Command(name = "train-base", mixinStandardHelpOptions = true,
    description = "Train the tutorial's base CNN and print its test accuracy.")
public final class TrainBaseCommand implements Callable<Integer> {

  @Mixin HParams h = new HParams();
  @Mixin DataOptions dataOptions = new DataOptions();
  @Mixin PerformanceOptions perf = new PerformanceOptions();

  @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report to this"
      + " file (checked before training: not a directory, and not an existing file unless"
      + " --overwrite).")
  Path report;

  @Option(names = "--overwrite", description = "Replace an existing --report file.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    h.validate();
    perf.validate();
    if (report != null) {
      Outputs.checkFile("--report", report, overwrite);
    }
    MnistData data = dataOptions.load();
    DataOptions.checkShape(data, h.inputShape());
    h.training().clampBatchSize(data.train().rows());
    Labels.check(data, h.numClasses());
    System.out.println("data: " + data.source());
    System.out.println("performance: " + perf.describe());
    try (Model model = BaseModel.build(h)) {
      perf.applyTo(model);
      Experiments.compileBase(model, h.training());
      long t0 = System.nanoTime();
      History history =
          Experiments.fit(model, Experiments.trainTuples(data, h.training()), h.epochs());
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Double> test = model.evaluate(
          Experiments.testTuples(data, perf.inferenceBatchSize()), 0);
      double accuracy = test.get("sparse_categorical_accuracy");
      System.out.printf(Locale.ROOT, "test accuracy: %.4f (loss %.4f) on %d test digits%n",
          accuracy, test.get("loss"), data.test().rows());
      if (report != null) {
        long steps = Experiments.steps(data, h.training()) * h.epochs();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("test_accuracy", accuracy);
        r.put("test_loss", test.get("loss"));
        r.put("data", DataOptions.describe(data));
        r.put("epochs", h.epochs());
        r.put("ms_per_step", steps == 0 ? null : seconds * 1000 / steps);
        r.put("train_seconds", seconds);
        r.put("history", history.history());
        r.put("hparams", h.toMap());
        r.put("performance", perf.toMap());
        Reports.write(report, r);
      }
    }
    return 0;
  }
}
