/**
 * Datasets as Keras's {@code keras.datasets} has them: {@link org.nsl4j.keras.datasets.Mnist}
 * loads MNIST-format data from a directory of IDX files, Keras's {@code mnist.npz}, a verified
 * download, or the full MNIST embedded in the optional artifact {@code org.nsl4j:nsl-datasets},
 * and says which it used; {@link org.nsl4j.keras.datasets.Idx} and the NumPy readers parse the
 * files with errors that name the file.
 */
package org.nsl4j.keras.datasets;
