package org.nsl4j.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.nsl4j.examples.reports.Reports;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Default values read from the file given with {@code --config}: a JSON object such as {@code
 * {"epochs": 5, "adv-step-size": 0.2}} or a {@code .properties} file ({@code epochs=5}), keyed by
 * the command's option names without dashes (lists as JSON arrays or {@code 32,64,64}). Flags on
 * the command line override the file; options set by neither keep their built-in defaults.
 *
 * <p>Picocli asks for defaults only after the command line has been parsed, so the value of
 * {@code --config} is known when the file is needed. A file that cannot be read, or a key that
 * names no option, fails the parse with a message naming the file.
 */
public final class ConfigFileDefaults implements IDefaultValueProvider {

  /** The option naming the file. */
  public static final String OPTION = "--config";

  private static final Set<String> NOT_CONFIGURABLE = Set.of(OPTION, "--help", "--version");

  private Path loaded;
  private Map<String, String> values = Map.of();

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    CommandSpec command = arg.command();
    OptionSpec config = command.findOption(OPTION);
    Path file = config == null ? null : config.getValue();
    if (file == null || NOT_CONFIGURABLE.contains(option.longestName())) {
      return null;
    }
    if (!file.equals(loaded)) {
      values = read(file, command);
      loaded = file;
    }
    return values.get(key(option));
  }

  private static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }

  /** Key → option value text; keys are checked against the command's options. */
  private static Map<String, String> read(Path file, CommandSpec command) {
    if (!Files.isRegularFile(file)) {
      throw error(command, file, "is not a readable file");
    }
    Map<String, String> raw;
    try {
      raw = isJson(file) ? readJson(file) : readProperties(file);
    } catch (JsonProcessingException e) {
      throw error(command, file, "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw error(command, file, "cannot be read: " + e);
    } catch (IllegalArgumentException e) {
      throw error(command, file, e.getMessage());
    }
    Set<String> known = command.options().stream()
        .filter(o -> !NOT_CONFIGURABLE.contains(o.longestName()))
        .map(ConfigFileDefaults::key)
        .collect(Collectors.toCollection(TreeSet::new));
    for (String k : raw.keySet()) {
      if (!known.contains(k)) {
        throw error(command, file, "has the unknown key '" + k
            + "'; keys are option names without dashes: " + String.join(", ", known));
      }
    }
    return raw;
  }

  private static boolean isJson(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".json")) {
      return true;
    }
    if (name.endsWith(".properties")) {
      return false;
    }
    return Files.readString(file, StandardCharsets.UTF_8).stripLeading().startsWith("{");
  }

  private static Map<String, String> readJson(Path file) throws IOException {
    JsonNode root = Reports.json().readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("must hold one JSON object of option names to values");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      if (v.isObject() || (v.isArray()
          && StreamSupport.stream(v.spliterator(), false).anyMatch(JsonNode::isContainerNode))) {
        throw new IllegalArgumentException(
            "key '" + e.getKey() + "' must be a number, string, boolean or flat list, got " + v);
      }
      m.put(e.getKey(), v.isArray()
          ? StreamSupport.stream(v.spliterator(), false).map(JsonNode::asText)
              .collect(Collectors.joining(","))
          : v.asText());
    }
    return m;
  }

  private static Map<String, String> readProperties(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, String> m = new LinkedHashMap<>();
    p.stringPropertyNames().stream().sorted().forEach(k -> m.put(k, p.getProperty(k).strip()));
    return m;
  }

  private static ParameterException error(CommandSpec command, Path file, String what) {
    return new ParameterException(command.commandLine(), OPTION + " " + file + " " + what);
  }
}
