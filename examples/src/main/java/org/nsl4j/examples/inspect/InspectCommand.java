package org.nsl4j.examples.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code inspect --model PATH [--json]}: what a Keras model file is and whether its network can
 * be rebuilt. Exits 0 whenever the file was read as a model, rebuilt or not (the report says why
 * not); 2 when the path is no model file.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Describe a Keras model file: its format and Keras version, inputs and"
        + " outputs, the network rebuilt with nsl4j's layers (summary and parameter count) or why"
        + " it cannot be rebuilt (inference-only, custom layer, unsupported layer), and, for a"
        + " SavedModel with a serving signature, the rebuilt network's largest absolute"
        + " difference from it on random inputs in [0, 1).",
        "Exit code 0 when the file was read as a model (rebuilt or not), 2 when it was not."})
public final class InspectCommand implements Callable<Integer> {

  @Option(names = "--model", required = true,
      description = "a SavedModel directory, a .keras archive or an HDF5 (.h5) file")
  Path model;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  @Mixin CustomLayers customLayers = new CustomLayers();

  @Option(names = "--batch", defaultValue = "8",
      description = "random examples compared with the signature (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--seed", defaultValue = "42",
      description = "seed of the random inputs (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (batch < 1) {
      throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
    }
    ObjectNode report = new Inspection(customLayers.loader(), batch, seed)
        .of(model);
    System.out.print(json
        ? new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n"
        : InspectionText.of(report));
    return 0;
  }
}
