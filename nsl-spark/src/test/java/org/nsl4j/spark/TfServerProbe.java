package org.nsl4j.spark;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Server;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;
import org.tensorflow.types.TFloat32;

/**
 * Run in a child JVM by {@link TfServerSessionTest}: starts an {@code org.tensorflow.Server}
 * (job {@code worker}, task 0 at 127.0.0.1) and prints, one {@code key=value} line each, where it
 * listens, what public {@link Session}s do with a graph placed on its device, what a session of
 * TensorFlow's C API opened on its {@code grpc://} target sees, and what closing it does.
 */
public final class TfServerProbe {

  static final String WORKER_CPU = "/job:worker/replica:0/task:0/device:CPU:0";

  private TfServerProbe() {}

  public static void main(String[] args) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    String target = "grpc://127.0.0.1:" + port;
    ServerDef def = ServerDef.newBuilder()
        .setCluster(ClusterDef.newBuilder().addJob(
            JobDef.newBuilder().setName("worker").putTasks(0, "127.0.0.1:" + port)))
        .setJobName("worker").setTaskIndex(0).setProtocol("grpc").build();
    Server server = new Server(def);
    server.start();
    print("listen", listenAddresses(port));
    print("public_session", runOnWorker(null));
    print("public_session_cluster_def",
        runOnWorker(ConfigProto.newBuilder().setClusterDef(def.getCluster()).build()));
    print("local_session", runLocally());
    print("c_api_devices", cApiDevices(target));
    try {
      server.close();
      print("server_close", "closed");
    } catch (RuntimeException e) {
      print("server_close", e.toString());
    }
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  private static void print(String key, String value) {
    System.out.println(key + "=" + value.replace('\n', ' '));
  }

  /** 3 * 2 on the server's CPU, through a public Session. */
  private static String runOnWorker(ConfigProto config) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().job("worker").replica(0).task(0)
          .deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build());
      return run(g, tf.math.mul(tf.constant(3f), tf.constant(2f)), config);
    }
  }

  private static String runLocally() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      return run(g, tf.math.mul(tf.constant(3f), tf.constant(2f)), null);
    }
  }

  private static String run(Graph g, Operand<TFloat32> y, ConfigProto config) {
    try (Session s = config == null ? new Session(g) : new Session(g, config);
        Result r = s.runner().fetch(y).run()) {
      return Float.toString(((TFloat32) r.get(0)).getFloat());
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  /** The devices of a C API session whose options carry {@code target}. */
  private static String cApiDevices(String target) {
    TF_Status status = TF_NewStatus();
    TF_Graph graph = TF_NewGraph();
    TF_SessionOptions options = TF_NewSessionOptions();
    TF_SetTarget(options, target);
    TF_Session session = TF_NewSession(graph, options, status);
    List<String> devices = new ArrayList<>();
    if (TF_GetCode(status) == 0) {
      TF_DeviceList list = TF_SessionListDevices(session, status);
      for (int i = 0; TF_GetCode(status) == 0 && i < TF_DeviceListCount(list); i++) {
        devices.add(TF_DeviceListName(list, i, status).getString());
      }
      TF_DeleteDeviceList(list);
      TF_CloseSession(session, status);
      TF_DeleteSession(session, status);
    }
    String result = TF_GetCode(status) == 0 ? String.join(",", devices)
        : "error " + TF_Message(status).getString();
    TF_DeleteSessionOptions(options);
    TF_DeleteGraph(graph);
    TF_DeleteStatus(status);
    return result;
  }

  /** The local addresses listening on {@code port}, from Linux's socket tables. */
  private static String listenAddresses(int port) throws IOException {
    List<String> found = new ArrayList<>();
    String hexPort = String.format(":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(table);
      if (!Files.isReadable(p)) {
        continue;
      }
      for (String line : Files.readAllLines(p)) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
          found.add(address(f[1].substring(0, f[1].length() - 5)));
        }
      }
    }
    return found.isEmpty() ? "unknown" : String.join(",", found);
  }

  private static String address(String hex) {
    if (hex.matches("0+")) {
      return hex.length() == 8 ? "0.0.0.0" : "::";
    }
    if (hex.length() == 8) {
      long v = Long.parseLong(hex, 16);
      return (v & 0xff) + "." + (v >> 8 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 24 & 0xff);
    }
    return hex;
  }
}
