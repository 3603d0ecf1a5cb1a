/**
 * SavedModels in and out of nsl4j, interoperable with Python TensorFlow.
 *
 * <ul>
 *   <li>{@link org.nsl4j.savedmodel.ModelExporter}: a Keras-like model to a serving SavedModel
 *       (inference graph only) that Python's {@code tf.saved_model.load} and TensorFlow Serving
 *       read.
 *   <li>{@link org.nsl4j.savedmodel.LoadedModel} and {@link
 *       org.nsl4j.savedmodel.SavedModelInfo}: any SavedModel (TF1 graphs, {@code tf.Module}s,
 *       Keras 2 and 3) loaded for inference, its signatures listed and called with checked
 *       inputs.
 *   <li>{@link org.nsl4j.savedmodel.KerasModelLoader}: a Keras model saved by Python (SavedModel,
 *       {@code .keras} archive or legacy HDF5, told apart by content) rebuilt with this project's
 *       layers and trained weights, for training or white-box attacks. Inside: {@code ModelFiles}
 *       opens a file as a {@code KerasSource}, {@code ModelConfigParser} reads its config into
 *       {@code ModelSpec}s, {@code GraphBuilder} rebuilds the graph, and {@code ArchiveWeights},
 *       {@code H5Weights} or {@code SavedModelSource} match the weights by the format's rules.
 *       Each layer config ({@link org.nsl4j.savedmodel.LayerConfig}) becomes a layer through the
 *       {@link org.nsl4j.savedmodel.LayerFactory} registered for its class in a {@link
 *       org.nsl4j.savedmodel.LayerRegistry}: the built-in factories live in small classes by kind
 *       ({@code ConvolutionFactories}, {@code PoolingFactories}...); custom layers are added with
 *       {@code KerasModelLoader.builder().customLayer(...)}.
 * </ul>
 *
 * <p>Every failure to read, load or run a model is a {@link
 * org.nsl4j.savedmodel.SavedModelException} naming the file, signature or key at fault.
 */
package org.nsl4j.savedmodel;
