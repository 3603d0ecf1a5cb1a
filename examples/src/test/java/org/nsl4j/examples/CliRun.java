package org.nsl4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the command line as {@code main} does, capturing the exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun of(String... args) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    int code;
    try (PrintStream tee = new PrintStream(new TeeStream(stdout, captured), true,
        StandardCharsets.UTF_8)) {
      System.setOut(tee);
      CommandLine cli = Main.commandLine();
      cli.setErr(new PrintWriter(err, true));
      code = cli.execute(args);
    } finally {
      System.setOut(stdout);
    }
    return new CliRun(code, captured.toString(StandardCharsets.UTF_8), err.toString());
  }

  /** Whether training started: a Keras epoch line was printed. */
  public boolean trained() {
    return out.contains("Epoch 1/");
  }

  private static final class TeeStream extends java.io.OutputStream {
    private final PrintStream a;
    private final ByteArrayOutputStream b;

    TeeStream(PrintStream a, ByteArrayOutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
