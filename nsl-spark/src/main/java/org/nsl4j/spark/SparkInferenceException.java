package org.nsl4j.spark;

/**
 * Inference that cannot run as asked: on the driver, the model path, signature or column at
 * fault and what was expected; inside a task, also the partition and the example's index in it.
 */
public class SparkInferenceException extends RuntimeException {

  public SparkInferenceException(String message) {
    super(message);
  }

  public SparkInferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
