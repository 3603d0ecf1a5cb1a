package org.nsl4j.spark.cli;

import org.nsl4j.spark.SparkInferenceException;
import picocli.CommandLine;

/** The one-line message of a failed run. */
final class CliErrors {

  private static final String TASK_FAILURE = SparkInferenceException.class.getName() + ": ";

  private CliErrors() {}

  /** The command line of {@code command}, with every error printed as one line and exit code 2. */
  static CommandLine commandLine(Object command) {
    CommandLine cli = new CommandLine(command);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + message(e));
      if (System.getenv("NSL4J_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      }
      return 2;
    });
    return cli;
  }

  /**
   * The message of the outermost {@link SparkInferenceException} in {@code e} or its causes, or
   * in the text of a task failure that Spark reports, else the first line of {@code e}'s.
   */
  static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkInferenceException) {
        return t.getMessage();
      }
      String m = t.getMessage();
      int at = m == null ? -1 : m.indexOf(TASK_FAILURE);
      if (at >= 0) {
        return firstLine(m.substring(at + TASK_FAILURE.length()));
      }
    }
    return firstLine(e.getMessage() == null ? e.toString() : e.getMessage());
  }

  static String firstLine(String m) {
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
