package org.iptraf.agent.summary;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A file that lines are appended to, renamed to {@code file.1} (and {@code file.1} to {@code
 * file.2} ..., up to {@code keep}) once it would grow past {@code maxBytes}, like logrotate's size
 * rule. A missing directory is created. A failure (directory that cannot be made, full disk) drops
 * the line, counts it and is reported once until writing works again: a log must never take the
 * agent down (iptraf-ng crashes when its log directory is missing).
 *
 * <p>One thread writes; the counters may be read from any.
 */
final class RotatingFile implements AutoCloseable {
  private final Path file;
  private final long maxBytes;
  private final int keep;
  private final Consumer<String> warn;
  private OutputStream out;
  private long size;
  private boolean failing;
  private volatile long dropped;
  private volatile long written;
  private volatile long rotations;

  /**
   * @param warn where the one line about a failure (and about recovering) goes
   */
  RotatingFile(Path file, long maxBytes, int keep, Consumer<String> warn) {
    this.file = file.toAbsolutePath();
    this.maxBytes = maxBytes;
    this.keep = keep;
    this.warn = warn;
  }

  /**
   * Appends one line (a newline is added).
   *
   * @return whether it was written; if not, it is counted in {@link #droppedLines()}
   */
  boolean append(String line) {
    byte[] bytes = (line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (out == null) {
        open();
      }
      if (size > 0 && size + bytes.length > maxBytes) {
        rotate();
        open();
      }
      out.write(bytes);
      out.flush();
      size += bytes.length;
      written++;
      if (failing) {
        failing = false;
        warn.accept(
            "summary log " + file + " writable again; " + dropped + " lines dropped so far");
      }
      return true;
    } catch (IOException | RuntimeException e) {
      dropped++;
      closeQuietly();
      if (!failing) {
        failing = true;
        warn.accept(
            "cannot write summary log "
                + file
                + ": "
                + reason(e)
                + "; dropping lines (counted) until it works again");
      }
      return false;
    }
  }

  long droppedLines() {
    return dropped;
  }

  long writtenLines() {
    return written;
  }

  long rotations() {
    return rotations;
  }

  Path path() {
    return file;
  }

  private void open() throws IOException {
    Path dir = file.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    // a character device (/dev/full in the tests, /dev/null) has no size to rotate by
    size = Files.isRegularFile(file) ? ch.size() : 0;
    out = Channels.newOutputStream(ch);
  }

  private void rotate() throws IOException {
    closeQuietly();
    if (keep == 0) {
      Files.deleteIfExists(file);
    } else {
      Files.deleteIfExists(numbered(keep));
      for (int i = keep - 1; i >= 1; i--) {
        if (Files.exists(numbered(i))) {
          Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    }
    rotations++;
  }

  private Path numbered(int n) {
    return file.resolveSibling(file.getFileName() + "." + n);
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // the line is already counted as dropped; nothing more to say
      }
      out = null;
    }
  }

  private static String reason(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file is in the way of " + e.getMessage();
    }
    if (e instanceof NoSuchFileException) {
      return "no such directory";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
