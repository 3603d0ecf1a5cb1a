package org.nsl4j.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.ModelExporter;
import org.nsl4j.savedmodel.SignatureInfo;
import org.nsl4j.savedmodel.TensorSpec;
import org.tensorflow.proto.DataType;

/**
 * A SavedModel signature used as a classifier of pixel images: its one float32 input takes the
 * preprocessed images as {@code [-1, H, W, C]}, {@code [-1, H, W]} (one channel) or {@code [-1,
 * H·W·C]}, and its one float32 output {@code [-1, K]} holds class scores (logits or
 * probabilities).
 */
final class SignatureClassifier implements PixelClassifier {

  private final LoadedModel model;
  private final SignatureInfo signature;
  private final long[] inputShape;
  private final Preprocessing preprocessing;
  private final int batchSize;

  private SignatureClassifier(LoadedModel model, SignatureInfo signature, long[] inputShape,
      Preprocessing preprocessing, int batchSize) {
    this.model = model;
    this.signature = signature;
    this.inputShape = inputShape;
    this.preprocessing = preprocessing;
    this.batchSize = batchSize;
  }

  /**
   * The signature {@code key} of {@code model}, or when {@code key} is null the first that fits
   * of {@code serving_default} and the predict signatures in key order.
   *
   * @param imageShape the shape of one image, e.g. {@code [28, 28, 1]}
   * @throws IllegalArgumentException naming the signature input and its shape when none fits
   */
  static SignatureClassifier select(LoadedModel model, String key, long[] imageShape,
      Preprocessing preprocessing, int batchSize) {
    List<SignatureInfo> candidates = new ArrayList<>();
    if (key != null) {
      candidates.add(model.signature(key));
    } else {
      Map<String, SignatureInfo> all = model.signatures();
      if (all.containsKey(ModelExporter.SIGNATURE_KEY)) {
        candidates.add(all.get(ModelExporter.SIGNATURE_KEY));
      }
      all.values().stream()
          .filter(s -> s.methodName().equals(ModelExporter.PREDICT_METHOD))
          .filter(s -> !candidates.contains(s))
          .forEach(candidates::add);
    }
    List<String> problems = new ArrayList<>();
    for (SignatureInfo s : candidates) {
      String problem = problem(s, imageShape);
      if (problem == null) {
        long[] shape = s.inputs().values().iterator().next().shape().asArray();
        return new SignatureClassifier(model, s, shape, preprocessing, batchSize);
      }
      problems.add(problem);
    }
    if (problems.isEmpty()) {
      throw new IllegalArgumentException(model.dir() + " has no serving_default or predict"
          + " signature (signatures: " + model.signatures().keySet() + "); name one with"
          + " --signature");
    }
    List<String> shapes =
        fittingShapes(imageShape).stream().map(SignatureClassifier::dims).toList();
    throw new IllegalArgumentException(String.join("; ", problems) + ": the images of shape "
        + dims(imageShape) + " need one float32 input of shape "
        + String.join(", ", shapes.subList(0, shapes.size() - 1)) + " or "
        + shapes.get(shapes.size() - 1) + " and one float32 output of class scores [-1,K]");
  }

  /** Why signature {@code s} cannot classify images of {@code imageShape}, or null. */
  private static String problem(SignatureInfo s, long[] imageShape) {
    String name = "signature '" + s.key() + "'";
    if (s.inputs().size() != 1) {
      return name + " has inputs " + s.inputs().keySet() + ", not one image input";
    }
    TensorSpec in = s.inputs().values().iterator().next();
    boolean fits = in.dtype() == DataType.DT_FLOAT && !in.shape().isUnknown()
        && fittingShapes(imageShape).stream().anyMatch(f -> Arrays.equals(f, in.shape().asArray()));
    if (!fits) {
      return name + " input '" + in.key() + "' is " + in.describe();
    }
    if (s.outputs().size() != 1) {
      return name + " has outputs " + s.outputs().keySet() + ", not one output of class scores";
    }
    TensorSpec out = s.outputs().values().iterator().next();
    if (out.dtype() != DataType.DT_FLOAT || out.shape().isUnknown()
        || out.shape().numDimensions() != 2) {
      return name + " output '" + out.key() + "' is " + out.describe()
          + ", not float32 class scores [-1, K]";
    }
    return null;
  }

  /** {@code [-1, H, W, C]}, {@code [-1, H, W]} (when C = 1) and {@code [-1, H·W·C]}. */
  private static List<long[]> fittingShapes(long[] image) {
    List<long[]> shapes = new ArrayList<>();
    shapes.add(batch(image));
    if (image.length == 3 && image[2] == 1) {
      shapes.add(batch(Arrays.copyOf(image, 2)));
    }
    shapes.add(batch(new long[] {Arrays.stream(image).reduce(1, (a, b) -> a * b)}));
    return shapes;
  }

  private static long[] batch(long[] example) {
    long[] shape = new long[example.length + 1];
    shape[0] = -1;
    System.arraycopy(example, 0, shape, 1, example.length);
    return shape;
  }

  private static String dims(long[] shape) {
    return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
  }

  /** The signature in use. */
  SignatureInfo signature() {
    return signature;
  }

  /** The signature's class scores for {@code pixels}, called in batches. */
  FeatureArray scores(FeatureArray pixels) {
    long[] shape = inputShape.clone();
    shape[0] = pixels.rows();
    FeatureArray inputs = preprocessing.apply(pixels).reshape(shape);
    String in = signature.inputs().keySet().iterator().next();
    return model.call(signature.key(), Map.of(in, inputs), batchSize).values().iterator().next();
  }

  @Override
  public long[] classes(FeatureArray pixels) {
    return Predictions.argmax(scores(pixels));
  }
}
