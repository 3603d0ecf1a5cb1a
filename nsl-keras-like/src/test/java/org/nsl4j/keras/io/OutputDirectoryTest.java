package org.nsl4j.keras.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claiming an output directory never overwrites or deletes what the tool did not write. */
class OutputDirectoryTest {

  @TempDir Path tmp;

  private static OutputDirectory claim(Path dir, boolean overwrite) throws IOException {
    return OutputDirectory.of(dir, "tool").outputs("report.json", "model/")
        .describedAs("--out", "add --overwrite").overwrite(overwrite).claim();
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anAbsentDirectoryIsCreatedWithItsManifestFirst() throws IOException {
    Path dir = tmp.resolve("a/b");
    OutputDirectory out = claim(dir, false);
    assertEquals(List.of(OutputDirectory.MANIFEST), entries(dir));
    String manifest = Files.readString(dir.resolve(OutputDirectory.MANIFEST));
    assertTrue(manifest.contains("\"tool\" : \"tool\"") && manifest.contains("\"model/\""),
        manifest);
    assertEquals(dir.resolve("report.json"), out.resolve("report.json"));
    assertEquals(dir.resolve("model"), out.resolve("model"));
    assertThrows(IllegalStateException.class, () -> out.resolve("other.txt"));
  }

  @Test
  void foreignFilesAreRefusedBeforeAnythingIsWritten() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(dir.resolve("notes.txt"), "mine");
    Files.writeString(dir.resolve("report.json"), "{\"theirs\": 1}");
    OutputOwnershipException e =
        assertThrows(OutputOwnershipException.class, () -> claim(dir, false));
    assertEquals(List.of("notes.txt", "report.json"), e.foreign());
    assertTrue(e.getMessage().startsWith("--out " + dir + " holds files that tool did not"
        + " write (notes.txt, report.json) and no " + OutputDirectory.MANIFEST), e.getMessage());
    assertTrue(e.getMessage().contains("add --overwrite (it replaces only report.json, model/"
        + " and keeps everything else)"), e.getMessage());
    assertEquals(List.of("notes.txt", "report.json"), entries(dir), "nothing written");
  }

  @Test
  void withOverwriteOnlyTheOutputsAreClaimedAndTheRestIsKept() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(dir.resolve("notes.txt"), "mine");
    OutputDirectory out = claim(dir, true);
    AtomicFiles.write(out.resolve("report.json"), s -> s.write("{}".getBytes()));
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    assertEquals(List.of(OutputDirectory.MANIFEST, "notes.txt", "report.json"), entries(dir));
    // once claimed, the directory is the tool's: a run without overwrite is accepted, and the
    // foreign file that was there is listed as kept, not as an output
    claim(dir, false);
    String manifest = Files.readString(dir.resolve(OutputDirectory.MANIFEST));
    assertTrue(manifest.matches("(?s).*\"kept\" : \\[ \"notes.txt\" \\].*"), manifest);
    Files.writeString(dir.resolve("later.txt"), "added by someone");
    OutputOwnershipException e =
        assertThrows(OutputOwnershipException.class, () -> claim(dir, false));
    assertTrue(e.getMessage().contains("(later.txt) and its "
        + OutputDirectory.MANIFEST + " does not list them"), e.getMessage());
  }

  @Test
  void anotherToolsManifestDoesNotMakeTheDirectoryOurs() throws IOException {
    Path dir = tmp.resolve("out");
    OutputDirectory.of(dir, "other").outputs("report.json").claim();
    Files.writeString(dir.resolve("report.json"), "theirs");
    OutputOwnershipException e =
        assertThrows(OutputOwnershipException.class, () -> claim(dir, false));
    assertEquals(List.of("report.json"), e.foreign());
    assertEquals("theirs", Files.readString(dir.resolve("report.json")));
  }

  @Test
  void aFileOrAnEntryOfTheWrongKindIsNamed() throws IOException {
    Path file = Files.writeString(tmp.resolve("out"), "x");
    OutputOwnershipException e =
        assertThrows(OutputOwnershipException.class, () -> claim(file, true));
    assertTrue(e.getMessage().startsWith("--out " + file + " is a file, not a directory"),
        e.getMessage());
    Path dir = Files.createDirectories(tmp.resolve("dir"));
    Files.writeString(dir.resolve("model"), "a file");
    e = assertThrows(OutputOwnershipException.class, () -> claim(dir, true));
    assertTrue(e.getMessage().contains(dir.resolve("model") + " is a file, where tool writes a"
        + " directory"), e.getMessage());
  }

  @Test
  void staleTemporariesOfItsOutputsAreRemovedAndNothingElse() throws IOException {
    Path dir = tmp.resolve("out");
    OutputDirectory out = claim(dir, false);
    Files.createFile(dir.resolve("report.json123.tmp"));
    Files.createDirectories(dir.resolve(".model.export-456/variables"));
    Files.createFile(dir.resolve(OutputDirectory.MANIFEST + "789.tmp"));
    Files.createFile(dir.resolve("notes.json123.tmp"));
    Files.createFile(dir.resolve("report.json.tmp.bak"));
    List<String> removed = out.removeStaleTemporaries();
    assertEquals(3, removed.size(), removed.toString());
    assertEquals(List.of(OutputDirectory.MANIFEST, "notes.json123.tmp", "report.json.tmp.bak"),
        entries(dir));
  }

  @Test
  void atomicFilesAreReadableByOthers() throws IOException {
    Path file = tmp.resolve("report.json");
    AtomicFiles.write(file, s -> s.write("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
    assertEquals("{\"a\": 1}", Files.readString(file));
    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    assertEquals("r--", mode.substring(3, 6), "group-readable as other outputs, got " + mode);
    assertEquals(List.of("report.json"), entries(tmp), "no temporary file left");
  }
}
