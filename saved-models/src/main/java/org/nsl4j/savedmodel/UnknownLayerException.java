package org.nsl4j.savedmodel;

/**
 * A Keras layer class no factory rebuilds: a built-in Keras layer this project lacks, a custom
 * layer without a registered factory, or a {@code Lambda} layer (Python code). The message says
 * how to register a factory with {@link KerasModelLoader.Builder#customLayer}.
 */
public class UnknownLayerException extends SavedModelException {

  private final String className;
  private final boolean custom;

  public UnknownLayerException(String message, String className, boolean custom) {
    super(message);
    this.className = className;
    this.custom = custom;
  }

  /** The Keras class name, e.g. {@code CastToFloat32}. */
  public String className() {
    return className;
  }

  /** Whether it is a custom layer (or Lambda) rather than a Keras built-in. */
  public boolean custom() {
    return custom;
  }

  /** The same error with {@code prefix} (e.g. the file) before the message. */
  UnknownLayerException in(String prefix) {
    UnknownLayerException e = new UnknownLayerException(prefix + ": " + getMessage(), className,
        custom);
    e.initCause(this);
    return e;
  }
}
