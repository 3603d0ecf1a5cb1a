package org.nsl4j.keras.callbacks;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file path with Keras-style placeholders: {@code {epoch}} (counted from 1) and any metric of
 * the epoch's logs, each with an optional Python format spec, e.g. {@code
 * weights-{epoch:02d}-{val_loss:.2f}}. Specs of the form {@code [0][width][.precision](d|f|e|g)}
 * are supported.
 */
final class FilePattern {

  private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
  private static final Pattern SPEC = Pattern.compile("0?\\d*(\\.\\d+)?[dfeg]?");

  private final String pattern;

  FilePattern(String pattern) {
    this.pattern = pattern;
    Matcher m = FIELD.matcher(pattern);
    while (m.find()) {
      if (m.group(2) != null && !SPEC.matcher(m.group(2)).matches()) {
        throw new IllegalArgumentException("unsupported format spec '" + m.group(2) + "' in "
            + pattern + " (expected e.g. 02d, .2f, .4e)");
      }
    }
  }

  /** Whether the path is the same for every epoch. */
  boolean isFixed() {
    return !FIELD.matcher(pattern).find();
  }

  /** The path for {@code epoch} (from 0) and its {@code logs}. */
  String format(int epoch, Map<String, Double> logs) {
    Matcher m = FIELD.matcher(pattern);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      Number value = name.equals("epoch") ? (Number) (epoch + 1) : logs.get(name);
      if (value == null) {
        throw new IllegalArgumentException("file path " + pattern + " uses {" + name
            + "}, which is not in the logs " + logs.keySet());
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(render(value, m.group(2), name)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private String render(Number value, String spec, String name) {
    if (spec == null || spec.isEmpty()) {
      return value instanceof Integer ? value.toString() : Double.toString(value.doubleValue());
    }
    char type = spec.charAt(spec.length() - 1);
    if (type == 'd') {
      if (!(value instanceof Integer)) {
        throw new IllegalArgumentException(
            "{" + name + ":" + spec + "} in " + pattern + " formats a decimal value as an integer");
      }
      return String.format(Locale.ROOT, "%" + spec, value.intValue());
    }
    String javaSpec = Character.isDigit(type) ? spec + "g" : spec;
    return String.format(Locale.ROOT, "%" + javaSpec, value.doubleValue());
  }
}
