package org.nsl4j.keras.mixedprecision;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/** Whether TensorFlow can run an op on a GPU: it places one there, without soft placement. */
final class GpuProbe {

  private static volatile Boolean available;

  private GpuProbe() {}

  static boolean available() {
    if (available == null) {
      available = probe();
    }
    return available;
  }

  private static boolean probe() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g).withDevice(
          DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
      var sum = tf.math.add(tf.constant(1f), tf.constant(1f));
      ConfigProto config = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
      try (Session s = new Session(g, config); Result r = s.runner().fetch(sum).run()) {
        return true;
      }
    } catch (RuntimeException e) {
      return false;
    }
  }
}
