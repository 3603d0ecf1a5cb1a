package org.nsl4j.savedmodel;

import java.nio.file.Path;

/**
 * What a model file is: its {@link ModelFormat} and the Keras version that wrote it ({@code
 * "unknown"} when the file does not say).
 */
public record ModelFileInfo(Path path, ModelFormat format, String kerasVersion) {}
