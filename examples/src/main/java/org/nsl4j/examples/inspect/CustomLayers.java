package org.nsl4j.examples.inspect;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.savedmodel.KerasModelLoader;
import org.nsl4j.savedmodel.LayerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --custom-layer CLASS=FACTORY}: Keras class (or registered) name {@code CLASS} rebuilt by
 * {@code FACTORY}, a {@link LayerFactory} implementation with a no-argument constructor on the
 * class path ({@code java -cp nsl-examples.jar:my-layers.jar org.nsl4j.examples.Main ...}): the
 * option of every command that rebuilds Keras models.
 */
public final class CustomLayers {

  @Option(names = "--custom-layer", paramLabel = "CLASS=FACTORY",
      description = "rebuild Keras layer class CLASS with FACTORY, a class on the class path"
          + " implementing org.nsl4j.savedmodel.LayerFactory (repeatable)")
  List<String> specs = new ArrayList<>();

  /** The {@code --custom-layer} specifications, {@code CLASS=FACTORY} each. */
  public List<String> specs() {
    return List.copyOf(specs);
  }

  /** A loader with every {@code CLASS=FACTORY} of {@code --custom-layer} registered. */
  public KerasModelLoader loader() {
    return loader(specs);
  }

  /** A loader with every {@code CLASS=FACTORY} of {@code specs} registered (in any JVM). */
  public static KerasModelLoader loader(List<String> specs) {
    KerasModelLoader.Builder builder = KerasModelLoader.builder();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq < 1 || eq == spec.length() - 1) {
        throw new IllegalArgumentException("--custom-layer '" + spec + "': expected"
            + " CLASS=FACTORY, e.g. CastToFloat32=com.example.CastFactory");
      }
      builder.customLayer(spec.substring(0, eq), factory(spec.substring(eq + 1), spec));
    }
    return builder.build();
  }

  private static LayerFactory factory(String className, String spec) {
    try {
      Class<?> type = Class.forName(className);
      if (!LayerFactory.class.isAssignableFrom(type)) {
        throw new IllegalArgumentException("--custom-layer '" + spec + "': " + className
            + " does not implement " + LayerFactory.class.getName());
      }
      return (LayerFactory) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("--custom-layer '" + spec + "': cannot create "
          + className + " (" + e + "); it must be on the class path with a public no-argument"
          + " constructor", e);
    }
  }
}
