package org.nsl4j.savedmodel;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/** Checks the inputs given to a signature, before TensorFlow runs it, naming what is wrong. */
final class FeedCheck {

  private FeedCheck() {}

  /** The keys given must be exactly the signature's input keys. */
  static void keys(SignatureInfo signature, Set<String> given) {
    Set<String> expected = signature.inputs().keySet();
    if (!given.equals(expected)) {
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(given);
      Set<String> unknown = new TreeSet<>(given);
      unknown.removeAll(expected);
      throw new SavedModelException(
          "signature '" + signature.key() + "' takes inputs " + expected
              + (missing.isEmpty() ? "" : "; missing " + missing)
              + (unknown.isEmpty() ? "" : "; unknown " + unknown));
    }
  }

  /** A value of {@code dtype} and {@code shape} must fit the input spec. */
  static void value(SignatureInfo signature, TensorSpec spec, DataType dtype, Shape shape) {
    if (dtype != spec.dtype() || !fits(spec.shape(), shape)) {
      throw new SavedModelException(
          "signature '" + signature.key() + "' input '" + spec.key() + "': expected "
              + spec.describe() + ", got " + TensorSpec.dtypeName(dtype) + TensorSpec.dims(shape));
    }
  }

  /** All values of a map must fit their specs (keys checked first). */
  static void values(SignatureInfo signature, Map<String, DataType> dtypes,
      Map<String, Shape> shapes) {
    keys(signature, dtypes.keySet());
    signature.inputs().forEach(
        (key, spec) -> value(signature, spec, dtypes.get(key), shapes.get(key)));
  }

  /** Whether {@code actual} fits {@code expected}, where {@code -1} matches any size. */
  static boolean fits(Shape expected, Shape actual) {
    if (expected.isUnknown()) {
      return true;
    }
    if (actual.isUnknown() || expected.numDimensions() != actual.numDimensions()) {
      return false;
    }
    for (int i = 0; i < expected.numDimensions(); i++) {
      if (expected.get(i) >= 0 && expected.get(i) != actual.get(i)) {
        return false;
      }
    }
    return true;
  }
}
