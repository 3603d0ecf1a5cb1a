package org.nsl4j.core.adversarial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/** Runs a graph once, feeding float matrices, and reads fetched tensors as float arrays. */
final class GraphRun {

  private final Graph graph;
  private final Map<Operand<?>, Feed> feeds = new LinkedHashMap<>();

  private record Feed(float[] values, long[] shape) {}

  GraphRun(Graph graph) {
    this.graph = graph;
  }

  GraphRun feed(Operand<TFloat32> placeholder, float[][] rows) {
    int width = rows.length == 0 ? 0 : rows[0].length;
    float[] flat = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return feed(placeholder, flat, rows.length, width);
  }

  GraphRun feed(Operand<TFloat32> placeholder, float[] values, long... shape) {
    feeds.put(placeholder, new Feed(values, shape));
    return this;
  }

  /** Values of each fetched tensor, row-major; float32, float64 and int32 tensors only. */
  List<float[]> fetch(Operand<?>... fetches) {
    List<Tensor> fed = new ArrayList<>();
    try (Session session = new Session(graph)) {
      Session.Runner runner = session.runner();
      for (Map.Entry<Operand<?>, Feed> feed : feeds.entrySet()) {
        Tensor t = TFloat32.tensorOf(Shape.of(feed.getValue().shape()),
            DataBuffers.of(feed.getValue().values(), true, false));
        fed.add(t);
        runner.feed(feed.getKey(), t);
      }
      for (Operand<?> fetch : fetches) {
        runner.fetch(fetch);
      }
      try (Result result = runner.run()) {
        List<float[]> values = new ArrayList<>();
        for (int i = 0; i < fetches.length; i++) {
          values.add(toFloats(result.get(i)));
        }
        return values;
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  /** Values of a single fetched tensor. */
  float[] fetchOne(Operand<?> fetch) {
    return fetch(fetch).get(0);
  }

  private static float[] toFloats(Tensor t) {
    int n = Math.toIntExact(t.shape().size());
    float[] out = new float[n];
    if (t instanceof TFloat32 f) {
      f.copyTo(DataBuffers.of(out, false, false));
    } else if (t instanceof TFloat64 d) {
      double[] values = new double[n];
      d.copyTo(DataBuffers.of(values, false, false));
      for (int i = 0; i < n; i++) {
        out[i] = (float) values[i];
      }
    } else if (t instanceof TInt32 ints) {
      int[] values = new int[n];
      ints.copyTo(DataBuffers.of(values, false, false));
      for (int i = 0; i < n; i++) {
        out[i] = values[i];
      }
    } else {
      throw new IllegalArgumentException("unsupported tensor type " + t.dataType());
    }
    return out;
  }
}
