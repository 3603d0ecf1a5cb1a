package org.nsl4j.keras.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads a file over HTTP(S) into place only once its SHA-256 checks out: the bytes go to a
 * temporary file beside the target, which is moved atomically and deleted on any failure, so no
 * partial download is ever left behind. Name lookup and connecting each time out after the
 * connect timeout, so an offline machine fails fast.
 */
final class Downloader {

  /** The server could not be reached or did not serve the file: a reason to go offline. */
  static final class UnreachableException extends IOException {
    private static final long serialVersionUID = 1L;

    UnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Duration connectTimeout;
  private final Duration readTimeout;

  Downloader(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /** Downloads {@code uri} to {@code target} if its SHA-256 (hex) is {@code sha256}. */
  void download(URI uri, Path target, String sha256) throws IOException {
    resolve(uri);
    HttpURLConnection connection = connect(uri);
    Path part = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
    try {
      String actual = copy(uri, connection, part);
      if (!actual.equalsIgnoreCase(sha256)) {
        throw new DatasetFormatException(
            target + ": the download from " + uri + " has SHA-256 " + actual + "; expected "
                + sha256 + " (file not kept)");
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      connection.disconnect();
      Files.deleteIfExists(part);
    }
  }

  private void resolve(URI uri) throws UnreachableException {
    String host = uri.getHost();
    CompletableFuture<InetAddress> lookup =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return InetAddress.getByName(host);
              } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      lookup.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new UnreachableException(
          "looking up " + host + " took longer than " + connectTimeout.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      throw new UnreachableException("unknown host " + host, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("interrupted while looking up " + host, e);
    }
  }

  private HttpURLConnection connect(URI uri) throws IOException {
    URLConnection opened = uri.toURL().openConnection();
    if (!(opened instanceof HttpURLConnection connection)) {
      throw new IllegalArgumentException("not an http(s) URI: " + uri);
    }
    connection.setConnectTimeout((int) connectTimeout.toMillis());
    connection.setReadTimeout((int) readTimeout.toMillis());
    try {
      int status = connection.getResponseCode();
      if (status != HttpURLConnection.HTTP_OK) {
        connection.disconnect();
        throw new UnreachableException(uri + " answered HTTP " + status, null);
      }
      return connection;
    } catch (UnreachableException e) {
      throw e;
    } catch (IOException e) {
      connection.disconnect();
      throw new UnreachableException("cannot connect to " + uri + " (" + e + ")", e);
    }
  }

  /** Copies the response body to {@code part}; returns its SHA-256 in hex. */
  private static String copy(URI uri, HttpURLConnection connection, Path part) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    try (InputStream in = body(uri, connection);
        OutputStream out = Files.newOutputStream(part)) {
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException e) {
          throw new UnreachableException(
              "the download from " + uri + " broke off after " + total + " bytes (" + e + ")", e);
        }
        if (n < 0) {
          break;
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
        total += n;
      }
    }
    long expected = connection.getContentLengthLong();
    if (expected >= 0 && total != expected) {
      throw new UnreachableException(
          "the download from " + uri + " broke off after " + total + " of " + expected + " bytes",
          null);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static InputStream body(URI uri, HttpURLConnection connection) throws IOException {
    try {
      return connection.getInputStream();
    } catch (IOException e) {
      throw new UnreachableException("cannot read " + uri + " (" + e + ")", e);
    }
  }

  /** A new SHA-256 digest. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
