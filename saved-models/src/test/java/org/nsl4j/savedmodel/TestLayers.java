package org.nsl4j.savedmodel;

import java.util.function.BiFunction;
import org.nsl4j.keras.layers.Layer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A test-only custom layer for {@code customLayer} registrations. */
final class TestLayers {

  private TestLayers() {}

  /** A layer without weights applying {@code f}. */
  static final class Unary extends Layer {
    private final String className;
    private final BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f;

    Unary(String name, String className, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f) {
      super(name);
      this.className = className;
      this.f = f;
    }

    @Override
    public String className() {
      return className;
    }

    @Override
    protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, boolean training) {
      return f.apply(tf, x);
    }
  }
}
