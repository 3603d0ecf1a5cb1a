package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;

/** An opened Keras model file: its config and the weights for the model rebuilt from it. */
interface KerasSource extends AutoCloseable {

  /** The file's format and Keras version. */
  ModelFileInfo info();

  /** Where the config comes from, for messages. */
  String origin();

  /** The model config; {@link InferenceOnlyException} when the file holds none. */
  JsonNode modelConfig();

  /** Sets the weights of {@code rebuilt} (built from this file's config) by the format's rules. */
  WeightReport restore(KerasArchitecture architecture, KerasArchitecture.Rebuilt rebuilt);

  @Override
  void close();
}
