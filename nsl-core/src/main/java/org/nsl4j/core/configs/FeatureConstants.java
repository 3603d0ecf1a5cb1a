package org.nsl4j.core.configs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Constants attached to input features by key: none, one constant for every feature, or one per
 * named feature (features not named get none). Immutable.
 */
public final class FeatureConstants {

  private static final FeatureConstants NONE = new FeatureConstants(null, Map.of());

  private final FeatureConstant forAll;
  private final Map<String, FeatureConstant> byKey;

  private FeatureConstants(FeatureConstant forAll, Map<String, FeatureConstant> byKey) {
    this.forAll = forAll;
    this.byKey = byKey;
  }

  /** No constant for any feature. */
  public static FeatureConstants none() {
    return NONE;
  }

  /** The same constant for every feature. */
  public static FeatureConstants forAll(FeatureConstant constant) {
    return new FeatureConstants(Objects.requireNonNull(constant, "constant"), Map.of());
  }

  /** The same scalar for every feature. */
  public static FeatureConstants forAll(float value) {
    return forAll(FeatureConstant.scalar(value));
  }

  /** One constant per named feature; other features get none. */
  public static FeatureConstants byKey(Map<String, FeatureConstant> constants) {
    Map<String, FeatureConstant> copy = new LinkedHashMap<>();
    constants.forEach(
        (key, value) ->
            copy.put(
                Objects.requireNonNull(key, "feature key"),
                Objects.requireNonNull(value, "constant for feature " + key)));
    return copy.isEmpty() ? NONE : new FeatureConstants(null, Collections.unmodifiableMap(copy));
  }

  /** The constant for a feature, if any. */
  public Optional<FeatureConstant> get(String featureKey) {
    return forAll != null ? Optional.of(forAll) : Optional.ofNullable(byKey.get(featureKey));
  }

  /** Whether no feature has a constant. */
  public boolean isEmpty() {
    return forAll == null && byKey.isEmpty();
  }

  /** The feature keys given their own constant (empty when one constant is shared by all). */
  public java.util.Set<String> keys() {
    return byKey.keySet();
  }

  /** The constant shared by all features, if this holds one. */
  Optional<FeatureConstant> shared() {
    return Optional.ofNullable(forAll);
  }

  /** The per-feature constants (empty when one constant is shared by all features). */
  Map<String, FeatureConstant> perKey() {
    return byKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureConstants c
        && Objects.equals(forAll, c.forAll)
        && byKey.equals(c.byKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(forAll, byKey);
  }

  @Override
  public String toString() {
    return isEmpty() ? "none" : forAll != null ? "all=" + forAll : byKey.toString();
  }
}
