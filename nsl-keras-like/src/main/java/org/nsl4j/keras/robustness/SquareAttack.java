package org.nsl4j.keras.robustness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nsl4j.keras.data.FeatureArray;

/**
 * The Square attack (Andriushchenko, Croce, Flammarion and Hein 2020; ART's {@code SquareAttack}),
 * L∞: a score-based black-box attack that needs only the classifier's scores, no gradient, so it
 * attacks any SavedModel signature. It starts from vertical stripes of ±ε and then, query after
 * query, sets a random square window of each example to ±ε per channel, keeping the change when
 * it lowers the margin of the true class over the best other class. The window covers a share
 * {@code p} of the image that starts at {@code pInit} and is halved on a fixed schedule of the
 * query budget {@code maxIter}. Examples stop being queried once fooled.
 *
 * <pre>{@code
 * Attack square = SquareAttack.builder().eps(0.2f).maxIter(1000).build();
 * }</pre>
 */
public final class SquareAttack extends Attack {

  private static final long serialVersionUID = 1L;

  private final float eps;
  private final int maxIter;
  private final float pInit;
  private final int numRestarts;
  private final int batchSize;
  private final long seed;

  private SquareAttack(Builder b) {
    this.eps = Checks.positive("eps", b.eps);
    this.maxIter = Checks.atLeast("maxIter", b.maxIter, 1);
    this.pInit = Checks.inUnitInterval("pInit", b.pInit);
    this.numRestarts = Checks.atLeast("numRestarts", b.numRestarts, 1);
    this.batchSize = Checks.atLeast("batchSize", b.batchSize, 1);
    this.seed = b.seed;
  }

  /** A builder: ε 0.3, 1,000 queries, pInit 0.8, one restart, batches of 500. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "square";
  }

  @Override
  public float eps() {
    return eps;
  }

  /** The query budget per example and restart. */
  public int maxIter() {
    return maxIter;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public boolean needsGradients() {
    return false;
  }

  @Override
  public SquareAttack withEps(float newEps) {
    return new Builder().eps(newEps).maxIter(maxIter).pInit(pInit).numRestarts(numRestarts)
        .batchSize(batchSize).seed(seed).build();
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("eps", Checks.decimal(eps));
    p.put("norm", "infinity");
    p.put("max_iter", maxIter);
    p.put("p_init", Checks.decimal(pInit));
    p.put("nb_restarts", numRestarts);
    p.put("loss", "margin");
    p.put("batch_size", batchSize);
    p.put("seed", seed);
    p.put("clip", "every query");
    return p;
  }

  @Override
  void check(Classifier c) {
    long[] shape = c.inputShape();
    if (shape.length < 1 || shape.length > 3) {
      throw new IllegalArgumentException("the Square attack needs image inputs [H, W, C], [H, W]"
          + " or [H·W], " + c.describe() + " takes " + java.util.Arrays.toString(shape));
    }
  }

  @Override
  void perturb(Classifier c, Batch batch, Tracker tracker) {
    long[] shape = c.inputShape();
    int h;
    int w;
    int channels = shape.length == 3 ? (int) shape[2] : 1;
    if (shape.length == 1) {
      h = (int) Math.round(Math.sqrt(shape[0]));
      w = (int) (shape[0] / Math.max(h, 1));
      if (h * w != shape[0]) {
        h = 1;
        w = (int) shape[0];
      }
    } else {
      h = (int) shape[0];
      w = (int) shape[1];
    }
    SquareRun.Image image = new SquareRun.Image(h, w, channels);
    restarts(batch, tracker, numRestarts, (b, index, r) ->
        new SquareRun(c, b, tracker, index, image, maxIter, pInit, randoms(b, r))
            .run());
  }

  /** One random stream per example of {@code b} for restart {@code r} (see {@link Batch}). */
  private static SplittableRandom[] randoms(Batch b, int r) {
    SplittableRandom[] randoms = new SplittableRandom[b.size()];
    for (int j = 0; j < randoms.length; j++) {
      randoms[j] = new SplittableRandom(b.exampleSeed(j, r));
    }
    return randoms;
  }

  /** The share of the image each window covers at query {@code i} of {@code n}. */
  static float windowShare(float pInit, int i, int n) {
    int it = (int) (i / Checks.decimal(n) * 10000);
    int halvings;
    if (it <= 10) {
      halvings = 0;
    } else if (it <= 50) {
      halvings = 1;
    } else if (it <= 200) {
      halvings = 2;
    } else if (it <= 500) {
      halvings = 3;
    } else if (it <= 1000) {
      halvings = 4;
    } else if (it <= 2000) {
      halvings = 5;
    } else if (it <= 4000) {
      halvings = 6;
    } else if (it <= 6000) {
      halvings = 7;
    } else if (it <= 8000) {
      halvings = 8;
    } else {
      halvings = 9;
    }
    return pInit / (1 << halvings);
  }

  @Override
  public String toString() {
    return name() + params();
  }

  /** Builder of a {@link SquareAttack}. */
  public static final class Builder {
    private float eps = 0.3f;
    private int maxIter = 1000;
    private float pInit = 0.8f;
    private int numRestarts = 1;
    private int batchSize = 500;
    private long seed;

    private Builder() {}

    /** The L∞ radius (default 0.3). */
    public Builder eps(float eps) {
      this.eps = eps;
      return this;
    }

    /** The query budget per example (default 1,000). */
    public Builder maxIter(int maxIter) {
      this.maxIter = maxIter;
      return this;
    }

    /** The share of the image the first windows cover, in (0, 1] (default 0.8). */
    public Builder pInit(float pInit) {
      this.pInit = pInit;
      return this;
    }

    /** Restarts of the whole search on the examples not fooled yet (default 1). */
    public Builder numRestarts(int numRestarts) {
      this.numRestarts = numRestarts;
      return this;
    }

    /** Examples queried together (default 500). */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** The seed of the random windows and signs (default 0). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Validates the values and builds the attack. */
    public SquareAttack build() {
      return new SquareAttack(this);
    }
  }
}
