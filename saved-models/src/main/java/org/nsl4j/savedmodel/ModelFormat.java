package org.nsl4j.savedmodel;

/** The kinds of Keras model files {@link KerasModelLoader} reads, told apart by their content. */
public enum ModelFormat {
  /** A TensorFlow SavedModel directory (Keras config in keras_metadata.pb or the object graph). */
  SAVED_MODEL("TensorFlow SavedModel"),
  /** A {@code .keras} zip (or its unzipped directory) written by Keras 3. */
  KERAS_ARCHIVE("Keras 3 .keras archive"),
  /** A {@code .keras} zip written by tf.keras 2.13 to 2.15 (an earlier weight layout). */
  TF_KERAS_ARCHIVE("tf.keras 2.13-2.15 .keras archive"),
  /** A legacy HDF5 file written by Keras 2 (tf.keras or standalone Keras). */
  H5_KERAS2("legacy HDF5 (Keras 2)"),
  /** A legacy HDF5 file written by Keras 3 ({@code model.save('m.h5')}). */
  H5_KERAS3("legacy HDF5 (Keras 3)");

  private final String description;

  ModelFormat(String description) {
    this.description = description;
  }

  /** A short human description, e.g. {@code Keras 3 .keras archive}. */
  public String description() {
    return description;
  }
}
