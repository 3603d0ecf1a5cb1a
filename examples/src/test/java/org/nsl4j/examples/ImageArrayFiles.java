package org.nsl4j.examples;

import static org.nsl4j.keras.datasets.NpyWriter.int64;
import static org.nsl4j.keras.datasets.NpyWriter.npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.NpyWriter;

/** Labeled uint8 images written as NumPy files, for the commands' --data and --images flags. */
public final class ImageArrayFiles {

  private ImageArrayFiles() {}

  /** {@code n} random uint8 images of {@code shape} (one image), seeded. */
  public static byte[] randomPixels(long seed, int n, long... shape) {
    int size = n;
    for (long d : shape) {
      size *= (int) d;
    }
    byte[] pixels = new byte[size];
    new Random(seed).nextBytes(pixels);
    return pixels;
  }

  /** The pixels as float32 [n, shape...] with their raw values 0-255. */
  public static FeatureArray raw(byte[] pixels, int n, long... shape) {
    float[] x = new float[pixels.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = pixels[i] & 0xff;
    }
    long[] full = new long[shape.length + 1];
    full[0] = n;
    System.arraycopy(shape, 0, full, 1, shape.length);
    return FeatureArray.ofFloats(x, full);
  }

  /** One split: uint8 images {@code [n, shape...]} and their labels, under two keys. */
  public record Split(
      String imagesKey, String labelsKey, byte[] pixels, long[] labels, long[] shape) {}

  /** An .npz of the splits, labels as int64 [n, 1] as Keras's cifar10.load_data() has them. */
  public static Path npz(Path file, Split... splits) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (Split s : splits) {
      entries.put(s.imagesKey() + ".npy", images(s.pixels(), s.labels().length, s.shape()));
      entries.put(s.labelsKey() + ".npy", npy("<i8", false, new long[] {s.labels().length, 1},
          int64(s.labels()), 1));
    }
    return NpyWriter.npz(file, entries, false);
  }

  /** A .npy file of uint8 images {@code [n, shape...]}. */
  public static byte[] images(byte[] pixels, int n, long... shape) {
    long[] full = new long[shape.length + 1];
    full[0] = n;
    System.arraycopy(shape, 0, full, 1, shape.length);
    return npy("|u1", false, full, pixels, 1);
  }

  /** Writes {@code bytes} to {@code file}. */
  public static Path write(Path file, byte[] bytes) throws IOException {
    return Files.write(file, bytes);
  }

  /** A .npy file of int64 labels [n]. */
  public static byte[] labels(long[] labels) {
    return npy("<i8", false, new long[] {labels.length}, int64(labels), 1);
  }
}
