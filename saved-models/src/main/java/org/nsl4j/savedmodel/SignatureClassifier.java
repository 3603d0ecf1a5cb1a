package org.nsl4j.savedmodel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Objects;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.robustness.Classifier;
import org.nsl4j.keras.robustness.ClipValues;
import org.nsl4j.keras.robustness.Preprocessing;
import org.tensorflow.proto.DataType;

/**
 * A SavedModel signature as a {@link Classifier} of images, without gradients (TF2 signatures
 * cannot be differentiated in TensorFlow Java): attack it with the score-based {@code
 * SquareAttack}, or rebuild its Keras network with {@link KerasModelLoader} for white-box attacks.
 * Its one float32 input takes the preprocessed images as {@code [-1, H, W, C]}, {@code [-1, H, W]}
 * (one channel) or {@code [-1, H·W·C]}, and its one float32 output {@code [-1, K]} holds class
 * scores (logits or probabilities). The model stays open as long as the classifier is used; the
 * caller closes it.
 *
 * <pre>{@code
 * try (LoadedModel loaded = LoadedModel.load(dir)) {
 *   Classifier target = SignatureClassifier.select(loaded, null, new long[] {28, 28, 1},
 *       ClipValues.UNIT, Preprocessing.NONE, 500);
 *   double acc = Robustness.adversarialAccuracy(target, SquareAttack.builder().eps(0.2f).build(),
 *       testTuples);
 * }
 * }</pre>
 */
public final class SignatureClassifier implements Classifier {

  private final LoadedModel model;
  private final SignatureInfo signature;
  private final long[] signatureShape;
  private final long[] imageShape;
  private final ClipValues clipValues;
  private final Preprocessing preprocessing;
  private final int batchSize;
  private final int numClasses;

  private SignatureClassifier(LoadedModel model, SignatureInfo signature, long[] signatureShape,
      long[] imageShape, ClipValues clipValues, Preprocessing preprocessing, int batchSize) {
    this.model = model;
    this.signature = signature;
    this.signatureShape = signatureShape;
    this.imageShape = imageShape.clone();
    this.clipValues = Objects.requireNonNull(clipValues, "clipValues");
    this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    this.batchSize = batchSize;
    this.numClasses = (int) signature.outputs().values().iterator().next().shape().size(1);
  }

  /**
   * The signature {@code key} of {@code model}, or when {@code key} is null the first that fits
   * of {@code serving_default} and the predict signatures in key order.
   *
   * @param imageShape the shape of one image, e.g. {@code [28, 28, 1]}
   * @param clipValues the box the images lie in
   * @param preprocessing the map from images to what the signature takes
   * @param batchSize images per signature call
   * @throws IllegalArgumentException naming the signature input and its shape when none fits
   */
  public static SignatureClassifier select(LoadedModel model, String key, long[] imageShape,
      ClipValues clipValues, Preprocessing preprocessing, int batchSize) {
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
        return new SignatureClassifier(model, s, shape, imageShape, clipValues, preprocessing,
            batchSize);
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
        || out.shape().numDimensions() != 2 || out.shape().size(1) < 2) {
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
  public SignatureInfo signature() {
    return signature;
  }

  @Override
  public long[] inputShape() {
    return imageShape.clone();
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public ClipValues clipValues() {
    return clipValues;
  }

  @Override
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  @Override
  public String describe() {
    return "signature '" + signature.key() + "' of " + model.dir();
  }

  /** The signature's class scores for the images {@code x}, called in batches. */
  @Override
  public FeatureArray logits(FeatureArray x) {
    if (x.rowSize() != inputSize()) {
      throw new IllegalArgumentException(describe() + " takes images of shape "
          + dims(imageShape) + ", which inputs of shape " + dims(x.shape()) + " do not fit");
    }
    long[] shape = signatureShape.clone();
    shape[0] = x.rows();
    FeatureArray inputs = preprocessing.apply(x).reshape(shape);
    String in = signature.inputs().keySet().iterator().next();
    return model.call(signature.key(), Map.of(in, inputs), batchSize).values().iterator().next();
  }
}
