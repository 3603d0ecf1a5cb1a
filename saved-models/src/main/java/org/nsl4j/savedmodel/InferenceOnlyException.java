package org.nsl4j.savedmodel;

/**
 * The model file holds no Keras model config to rebuild the network from (e.g. a Keras 3 {@code
 * model.export()}, a {@code tf.Module} or a TF1 graph). It can still be run for inference with
 * {@link LoadedModel}: catch this to fall back to it.
 */
public class InferenceOnlyException extends SavedModelException {

  public InferenceOnlyException(String message) {
    super(message);
  }
}
