package org.nsl4j.examples;

import org.nsl4j.examples.bench.BenchCommand;
import org.nsl4j.examples.inspect.InspectCommand;
import org.nsl4j.examples.savedmodel.EvaluateSavedModelCommand;
import org.nsl4j.examples.savedmodel.HardenCommand;
import org.nsl4j.examples.tutorial.SummaryCommand;
import org.nsl4j.examples.tutorial.TrainBaseCommand;
import org.nsl4j.examples.tutorial.TutorialCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code java -jar nsl-examples.jar <command>}: the NSL tutorial and tools. */
@Command(name = "nsl-examples", mixinStandardHelpOptions = true, version = "nsl4j 0.1.0",
    description = "Neural Structured Learning for Java: the adversarial-regularization tutorial"
        + " and tools.",
    subcommands = {TutorialCommand.class, SummaryCommand.class, TrainBaseCommand.class,
        BenchCommand.class, EvaluateSavedModelCommand.class, HardenCommand.class,
        InspectCommand.class})
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with errors printed as one clear message rather than a stack trace. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      if (System.getenv("NSL4J_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      }
      return 2;
    });
    return cli;
  }
}
