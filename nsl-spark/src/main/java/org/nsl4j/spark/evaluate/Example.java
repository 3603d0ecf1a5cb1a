package org.nsl4j.spark.evaluate;

import java.io.Serializable;

/**
 * One test image shipped to an executor.
 *
 * @param id the example's index in the test set, from which its random choices derive
 * @param label the true class
 * @param image its pixels in [0, 1], one image's values in order
 */
public record Example(long id, long label, float[] image) implements Serializable {}
