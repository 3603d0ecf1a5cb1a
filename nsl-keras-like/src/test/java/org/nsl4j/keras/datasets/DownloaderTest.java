package org.nsl4j.keras.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a server on the loopback address only. */
class DownloaderTest {

  private static final byte[] BODY = "not really MNIST".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  private HttpServer server;
  private final Downloader downloader =
      new Downloader(Duration.ofSeconds(3), Duration.ofSeconds(5));

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/file", exchange -> {
      exchange.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
    });
    server.createContext("/cut", exchange -> {
      exchange.sendResponseHeaders(200, 1000);
      OutputStream out = exchange.getResponseBody();
      out.write(BODY);
      out.flush();
      exchange.getHttpContext().getServer().stop(0);
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI uri(String path) {
    return URI.create("http://" + server.getAddress().getHostString() + ":"
        + server.getAddress().getPort() + path);
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private List<Path> files() throws IOException {
    try (var list = Files.list(dir)) {
      return list.toList();
    }
  }

  @Test
  void verifiedDownloadIsMovedIntoPlace() throws Exception {
    Path target = dir.resolve("data.gz");
    downloader.download(uri("/file"), target, sha256(BODY));
    assertArrayEquals(BODY, Files.readAllBytes(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void checksumMismatchKeepsNothing() throws IOException {
    Path target = dir.resolve("data.gz");
    String wrong = "00".repeat(32);
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> downloader.download(uri("/file"), target, wrong));
    assertTrue(e.getMessage().startsWith(target + ": the download from " + uri("/file")
        + " has SHA-256 "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; expected " + wrong + " (file not kept)"));
    assertEquals(List.of(), files());
  }

  @Test
  void missingFileIsUnreachable() throws IOException {
    Path target = dir.resolve("data.gz");
    Downloader.UnreachableException e = assertThrows(Downloader.UnreachableException.class,
        () -> downloader.download(uri("/nothing-here"), target, "00"));
    assertEquals(uri("/nothing-here") + " answered HTTP 404", e.getMessage());
    assertEquals(List.of(), files());
  }

  @Test
  void brokenOffDownloadLeavesNoPartialFile() throws Exception {
    Path target = dir.resolve("data.gz");
    String sha256 = sha256(BODY);
    Downloader.UnreachableException e = assertThrows(Downloader.UnreachableException.class,
        () -> downloader.download(uri("/cut"), target, sha256));
    assertTrue(e.getMessage().startsWith("the download from " + uri("/cut") + " broke off after "),
        e.getMessage());
    assertEquals(List.of(), files());
  }

  @Test
  void unknownHostFailsFast() throws IOException {
    long start = System.nanoTime();
    Downloader.UnreachableException e = assertThrows(Downloader.UnreachableException.class,
        () -> downloader.download(URI.create("http://no-such-host.invalid/x"), dir.resolve("x"),
            "00"));
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "took more than 5 s");
    assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
    assertEquals(List.of(), files());
  }
}
