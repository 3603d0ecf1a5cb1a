package org.nsl4j.keras.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory a tool writes its outputs into, claimed before any work so that nothing the tool
 * did not write is ever overwritten or deleted. A directory that is absent or empty is claimed by
 * writing the manifest {@value #MANIFEST} first: the tool's name and every output entry (a file
 * such as {@code report.json}, or a folder such as {@code models/base/}) it may write. A
 * directory holding this tool's manifest is its own. Anything else in the way, a directory with
 * entries the manifest does not list (or no manifest) or an output entry of another's, is
 * refused with one error naming the directory and the first such entries, unless the tool is
 * told to overwrite: then it replaces only its output entries and leaves everything else as it
 * is (the manifest lists those entries as {@code kept}, so that a later run accepts them).
 *
 * <pre>{@code
 * OutputDirectory out = OutputDirectory.of(Path.of("run"), "my-tool")
 *     .outputs("report.json", "model/").overwrite(false).claim();
 * AtomicFiles.write(out.resolve("report.json"), stream -> ...);
 * }</pre>
 */
public final class OutputDirectory {

  /** The manifest's file name. */
  public static final String MANIFEST = ".nsl4j-outputs.json";

  private static final String FORMAT = "nsl4j-outputs/1";
  private static final int SHOWN = 5;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;
  private final String tool;
  private final Set<String> outputs = new LinkedHashSet<>();
  /** Entries of others found when the directory was claimed with overwrite, left alone. */
  private final Set<String> kept = new TreeSet<>();
  private boolean overwrite;
  private String overwriteHint = "ask to overwrite";
  private String name;

  private OutputDirectory(Path dir, String tool) {
    this.dir = dir;
    this.tool = tool;
    this.name = "output directory " + dir;
  }

  /** The output directory {@code dir} of {@code tool}, not claimed yet. */
  public static OutputDirectory of(Path dir, String tool) {
    return new OutputDirectory(dir, tool);
  }

  /**
   * The entries the tool writes, relative to the directory, folders ending in {@code /} (e.g.
   * {@code report.json}, {@code models/adv/}).
   */
  public OutputDirectory outputs(String... entries) {
    for (String e : entries) {
      if (e.isEmpty() || e.startsWith("/") || e.contains("..") || e.equals(MANIFEST)) {
        throw new IllegalArgumentException("not an output entry: '" + e + "'");
      }
      outputs.add(e);
    }
    return this;
  }

  /** Whether output entries of others may be replaced (everything else is still kept). */
  public OutputDirectory overwrite(boolean overwrite) {
    this.overwrite = overwrite;
    return this;
  }

  /**
   * How errors name the directory and the way to overwrite, e.g. {@code ("--out", "add
   * --overwrite")}.
   */
  public OutputDirectory describedAs(String label, String overwriteHint) {
    this.name = label + " " + dir;
    this.overwriteHint = overwriteHint;
    return this;
  }

  /**
   * Checks the directory without writing anything: what {@link #claim} would refuse is refused
   * here, so that a tool can check before loading data or training.
   *
   * @throws OutputOwnershipException if it is a file, an output entry is of the wrong kind, or
   *     it holds what this tool did not write and overwriting was not asked for
   */
  public OutputDirectory check() throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new OutputOwnershipException(name + " is a file, not a directory; give a directory"
          + " (absent, empty or an earlier output of " + tool + ")", dir, List.of());
    }
    checkCreatable();
    Set<String> owned = ownedEntries();
    checkKinds();
    List<String> foreign = foreignEntries(owned);
    if (!foreign.isEmpty() && !overwrite) {
      throw new OutputOwnershipException(name + " holds files that " + tool + " did not write ("
          + shown(foreign) + ") and " + (Files.exists(dir.resolve(MANIFEST))
              ? "its " + MANIFEST + " does not list them" : "no " + MANIFEST + " of " + tool)
          + "; nothing was written. Choose another directory, or " + overwriteHint
          + " (it replaces only " + String.join(", ", outputs) + " and keeps everything else)",
          dir, foreign);
    }
    owned.addAll(outputs);
    kept.addAll(foreign);
    kept.removeIf(k -> owned.stream().anyMatch(e -> top(e).equals(top(k))));
    outputs.clear();
    outputs.addAll(owned);
    return this;
  }

  /**
   * Checks the directory ({@link #check}) and claims it: creates it if needed and writes the
   * manifest, which lists the output entries (with those an earlier run of this tool listed).
   */
  public OutputDirectory claim() throws IOException {
    check();
    Files.createDirectories(dir);
    writeManifest();
    return this;
  }

  /** The directory. */
  public Path dir() {
    return dir;
  }

  /** The output entries (after {@link #claim}: with those of an earlier run), in order. */
  public Set<String> outputs() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(outputs));
  }

  /** The path of output entry {@code entry}, which must be one of {@link #outputs}. */
  public Path resolve(String entry) {
    if (!outputs.contains(entry) && !outputs.contains(entry + "/")) {
      throw new IllegalStateException("'" + entry + "' is not an output of " + tool + " in "
          + dir + " (outputs: " + outputs + ")");
    }
    return dir.resolve(entry);
  }

  /**
   * Removes the temporary files and folders that interrupted writes of the output entries left
   * ({@link AtomicFiles} temporaries, {@link #createStaging} folders); returns them, relative to
   * the directory.
   */
  public List<String> removeStaleTemporaries() throws IOException {
    List<String> removed = new ArrayList<>();
    List<String> entries = new ArrayList<>(outputs);
    entries.add(MANIFEST);
    for (String entry : entries) {
      Path target = dir.resolve(entry);
      Path parent = target.getParent();
      String base = target.getFileName().toString();
      if (!Files.isDirectory(parent)) {
        continue;
      }
      try (Stream<Path> s = Files.list(parent)) {
        for (Path p : s.filter(p -> isTemporaryOf(base, p.getFileName().toString())).toList()) {
          deleteRecursively(p);
          removed.add(dir.relativize(p).toString());
        }
      }
    }
    return removed;
  }

  /**
   * A new empty folder beside {@code target} ({@code .<name>.export-<digits>}) to write it in
   * before moving it into place; {@link #removeStaleTemporaries} recognizes it.
   */
  public static Path createStaging(Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    return Files.createTempDirectory(parent, "." + target.getFileName() + ".export-");
  }

  /** Removes {@code root} and everything under it (used on what this package created). */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static boolean isTemporaryOf(String base, String fileName) {
    return AtomicFiles.isTemporaryOf(base, fileName)
        || Pattern.matches("\\." + Pattern.quote(base) + "\\.export-\\d+", fileName);
  }

  /** The entries this tool's manifest lists (empty without one, or with another tool's). */
  private Set<String> ownedEntries() throws IOException {
    Path file = dir.resolve(MANIFEST);
    Set<String> owned = new LinkedHashSet<>();
    if (!Files.exists(file)) {
      return owned;
    }
    JsonNode m;
    try {
      m = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("cannot read the outputs manifest " + file + ": " + e.getMessage()
          + "; remove it if this directory is not an output of " + tool, e);
    }
    if (m == null || !FORMAT.equals(m.path("format").asText())) {
      throw new IOException(file + " is not an outputs manifest (format '"
          + (m == null ? "" : m.path("format").asText()) + "', expected '" + FORMAT + "')");
    }
    if (tool.equals(m.path("tool").asText())) {
      m.path("entries").forEach(e -> owned.add(e.asText()));
      m.path("kept").forEach(e -> kept.add(e.asText()));
    }
    return owned;
  }

  /** An absent directory must be creatable: its nearest existing ancestor a writable directory. */
  private void checkCreatable() throws OutputOwnershipException {
    Path existing = dir.toAbsolutePath();
    while (!Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (!Files.isDirectory(existing) || !Files.isWritable(existing)) {
      throw new OutputOwnershipException(name + " cannot be written: " + existing
          + (Files.isDirectory(existing) ? " is not writable" : " is a file, not a directory"),
          dir, List.of());
    }
  }

  /** An output entry that exists as the other kind (a file for a folder, or the reverse). */
  private void checkKinds() throws OutputOwnershipException {
    for (String entry : outputs) {
      Path p = dir.resolve(entry);
      boolean folder = entry.endsWith("/");
      if (Files.exists(p) && Files.isDirectory(p) != folder) {
        throw new OutputOwnershipException(name + ": " + p + " is a "
            + (folder ? "file" : "directory") + ", where " + tool + " writes a "
            + (folder ? "directory" : "file"), dir, List.of(entry));
      }
    }
  }

  /** Top-level entries no owned entry accounts for, and existing outputs not owned; sorted. */
  private List<String> foreignEntries(Set<String> owned) throws IOException {
    Set<String> foreign = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    Set<String> ownedTop = new LinkedHashSet<>();
    owned.forEach(e -> ownedTop.add(top(e)));
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> {
        String n = p.getFileName().toString();
        return !n.equals(MANIFEST) && !ownedTop.contains(n) && !kept.contains(n)
            && !kept.contains(n + "/") && !isTemporaryOf(MANIFEST, n);
      }).forEach(p -> foreign.add(p.getFileName() + (Files.isDirectory(p) ? "/" : "")));
    }
    for (String entry : outputs) {
      if (!owned.contains(entry) && Files.exists(dir.resolve(entry))) {
        foreign.add(entry);
      }
    }
    return List.copyOf(foreign);
  }

  /** The first name of an entry's path ({@code models} for {@code models/adv/}). */
  private static String top(String entry) {
    return entry.split("/", 2)[0];
  }

  private static String shown(List<String> entries) {
    String first = String.join(", ", entries.subList(0, Math.min(SHOWN, entries.size())));
    return entries.size() > SHOWN ? first + " and " + (entries.size() - SHOWN) + " more" : first;
  }

  private void writeManifest() throws IOException {
    ObjectNode m = JSON.createObjectNode();
    m.put("format", FORMAT);
    m.put("tool", tool);
    outputs.forEach(m.putArray("entries")::add);
    kept.forEach(m.putArray("kept")::add);
    AtomicFiles.write(dir.resolve(MANIFEST), out -> JSON.writeValue(out, m));
  }
}
