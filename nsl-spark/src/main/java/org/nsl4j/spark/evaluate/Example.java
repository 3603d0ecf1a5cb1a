package org.nsl4j.spark.evaluate;

import java.io.Serializable;

/**
 * One test image shipped to an executor: as bytes when every pixel is exactly {@code k / 255}
 * (8-bit images, a quarter of the floats' size), else as floats.
 *
 * @param id the example's index in the test set, from which its random choices derive
 * @param label the true class
 * @param floats its pixels in [0, 1], or null when {@code bytes} holds them
 * @param bytes its pixels times 255, or null
 */
public record Example(long id, long label, float[] floats, byte[] bytes) implements Serializable {

  /** The example of pixels {@code image}, stored as bytes when that is exact. */
  public static Example of(long id, long label, float[] image) {
    byte[] b = new byte[image.length];
    for (int i = 0; i < image.length; i++) {
      int k = Math.round(image[i] * 255f);
      if (k < 0 || k > 255 || Float.floatToIntBits(k / 255f) != Float.floatToIntBits(image[i])) {
        return new Example(id, label, image, null);
      }
      b[i] = (byte) k;
    }
    return new Example(id, label, null, b);
  }

  /** The pixels, exactly as given to {@link #of}. */
  public float[] image() {
    if (floats != null) {
      return floats;
    }
    float[] out = new float[bytes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (bytes[i] & 0xff) / 255f;
    }
    return out;
  }
}
