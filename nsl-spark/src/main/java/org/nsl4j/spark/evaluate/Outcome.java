package org.nsl4j.spark.evaluate;

import java.io.Serializable;

/**
 * How one example fared on an executor.
 *
 * @param id the example's index in the test set
 * @param clean the predicted class of the image
 * @param attacked the predicted class of its adversarial example (-1 without attack)
 * @param shown the adversarial (or, without attack, clean) pixels of an example the driver
 *     draws, else null
 */
public record Outcome(long id, long clean, long attacked, float[] shown) implements Serializable {}
