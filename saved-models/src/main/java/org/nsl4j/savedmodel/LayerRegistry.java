package org.nsl4j.savedmodel;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps Keras class names to the {@link LayerFactory} that rebuilds each layer: the one place the
 * importer looks layers up (Keras's {@code custom_objects} adds to it). Immutable: {@link #with}
 * returns a new registry.
 */
public final class LayerRegistry {

  private static final LayerRegistry BUILT_IN = new LayerRegistry(BuiltInLayers.factories());

  private final Map<String, LayerFactory> factories;

  private LayerRegistry(Map<String, LayerFactory> factories) {
    this.factories = Collections.unmodifiableMap(new TreeMap<>(factories));
  }

  /** The layers this project rebuilds out of the box. */
  public static LayerRegistry builtIn() {
    return BUILT_IN;
  }

  /**
   * This registry plus {@code factory} for Keras class {@code className} (a custom layer's class
   * name or its registered name, e.g. {@code CastToFloat32} or {@code autokeras>CastToFloat32});
   * it replaces a built-in factory of that name.
   */
  public LayerRegistry with(String className, LayerFactory factory) {
    if (className == null || className.isBlank() || factory == null) {
      throw new IllegalArgumentException("a custom layer needs a class name and a factory");
    }
    Map<String, LayerFactory> all = new TreeMap<>(factories);
    all.put(className, factory);
    return new LayerRegistry(all);
  }

  /** The Keras class names this registry rebuilds, sorted. */
  public Set<String> supported() {
    return factories.keySet();
  }

  /** The layer for {@code config}; an unknown class fails naming it and how to register it. */
  public org.nsl4j.keras.layers.Layer create(LayerConfig config) {
    LayerFactory factory = factories.get(config.registeredName());
    if (factory == null) {
      factory = factories.get(config.className());
    }
    if (factory == null) {
      throw unknown(config);
    }
    try {
      return factory.create(config);
    } catch (IllegalArgumentException e) {
      throw new SavedModelException(
          config.className() + " layer '" + config.name() + "': " + e.getMessage(), e);
    }
  }

  private UnknownLayerException unknown(LayerConfig c) {
    if (c.className().equals("Lambda")) {
      return new UnknownLayerException("layer '" + c.name() + "' is a Lambda layer: its Python"
          + " code cannot be rebuilt in Java; rewrite it as a layer class and register a factory"
          + " with KerasModelLoader.builder().customLayer(\"ClassName\", config -> ...)",
          "Lambda", true);
    }
    boolean custom = !c.module().isEmpty() && !c.module().startsWith("keras");
    String where = custom ? " (module " + c.module()
        + (c.registeredName().isEmpty() ? "" : ", registered as '" + c.registeredName() + "'")
        + ")" : "";
    return new UnknownLayerException("layer '" + c.name() + "' has class " + c.className()
        + where + ", which has no factory; "
        + (custom ? "it is a custom layer: register one with" : "supported classes are "
            + String.join(", ", supported()) + "; or register one with")
        + " KerasModelLoader.builder().customLayer(\"" + c.className() + "\", config -> ...)",
        c.className(), custom);
  }
}
