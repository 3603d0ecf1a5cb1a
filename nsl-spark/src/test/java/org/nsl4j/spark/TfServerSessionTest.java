package org.nsl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * What TensorFlow Java 1.1.0's public API can do with TensorFlow's distributed (gRPC) runtime.
 * {@code Session}'s constructors take no target and pass none to the C API (its {@code
 * allocate(graph, target, config)} is only ever called with {@code null}), so a public session is
 * always in-process and cannot use the devices of an {@code org.tensorflow.Server}, even one in
 * the same JVM; a session of the C API given the server's {@code grpc://} target does reach them.
 * The server listens on every interface and cannot be stopped, so it runs in a child JVM inside a
 * private network namespace that only has loopback.
 */
class TfServerSessionTest {

  @Test
  void publicSessionOffersNoTarget() {
    Set<Class<?>> allowed = Set.of(Graph.class, ConfigProto.class, boolean.class);
    for (Constructor<?> c : Session.class.getConstructors()) {
      for (Class<?> p : c.getParameterTypes()) {
        assertTrue(allowed.contains(p), "Session constructor " + c + " takes a " + p);
      }
    }
    assertEquals(null, ConfigProto.getDescriptor().findFieldByName("target"),
        "the target is a SessionOptions field, not a ConfigProto one");
  }

  @Test
  void publicSessionCannotReachAServerThatTheCApiReaches() throws Exception {
    Map<String, String> found = probe();
    String placement = "was explicitly assigned to " + TfServerProbe.WORKER_CPU
        + " but available devices are [ /job:localhost/replica:0/task:0/device:CPU:0 ]";
    assertTrue(found.get("public_session").contains(placement), found.toString());
    assertTrue(found.get("public_session_cluster_def").contains(placement), found.toString());
    assertEquals("6.0", found.get("local_session"));
    assertEquals(TfServerProbe.WORKER_CPU, found.get("c_api_devices"));
    assertTrue(found.get("server_close").contains("Clean shutdown is not currently implemented"),
        found.toString());
    String listen = found.get("listen");
    assertFalse(listen.contains("127.0.0.1"), "TensorFlow's gRPC server binds 0.0.0.0: " + listen);
    assertTrue(listen.equals("::") || listen.contains("0.0.0.0"), "every interface: " + listen);
  }

  /** Runs {@link TfServerProbe} in a private network namespace; skips where none can be made. */
  private static Map<String, String> probe() throws IOException, InterruptedException {
    String inNamespace = "ip link set lo up && exec \"$0\" -cp \"$1\" " + TfServerProbe.class
        .getName();
    assumeTrue(run(List.of("unshare", "-rn", "sh", "-c", "ip link set lo up")).exitCode == 0,
        "no private network namespace (unshare -rn, ip) here to confine TensorFlow's server,"
            + " which listens on every interface: skipped");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Run r = run(List.of("unshare", "-rn", "sh", "-c", inNamespace, java,
        System.getProperty("java.class.path")));
    assertEquals(0, r.exitCode, r.output);
    Map<String, String> found = new HashMap<>();
    for (String line : r.output.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.matches("^[a-z_]+=.*")) {
        found.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    assertEquals(6, found.size(), r.output);
    return found;
  }

  private record Run(int exitCode, String output) {}

  private static Run run(List<String> command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Run(-1, e.toString());
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Run(-1, "timed out");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
