package org.iptraf.agent.capture.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.iptraf.agent.capture.FrameSink;

/** What every format's reader shares: the file, its window, read-once and close. */
abstract class FileReaderBase implements CaptureFileReader {

  final Path path;
  final FileInput in;
  final int firstInterfaceId;
  private final FileChannel channel;
  private final CaptureFormat format;
  private boolean used;

  FileReaderBase(Path path, FileChannel channel, FileInput in, CaptureFormat format, int firstId) {
    this.path = path;
    this.channel = channel;
    this.in = in;
    this.format = format;
    this.firstInterfaceId = firstId;
  }

  @Override
  public final Path path() {
    return path;
  }

  @Override
  public final CaptureFormat format() {
    return format;
  }

  @Override
  public final ReadSummary read(FrameSink sink) throws CaptureFileException {
    if (used || !channel.isOpen()) {
      throw new IllegalStateException(path + " was already read or closed");
    }
    used = true;
    try {
      return readAll(sink, new Tally(format));
    } catch (IOException e) {
      throw new CaptureFileException(path, "read failed: " + e.getMessage());
    }
  }

  /** Reads to the end or the first problem; returns the summary. */
  abstract ReadSummary readAll(FrameSink sink, Tally tally) throws IOException;

  /** The file's own name, for interface names. */
  final String fileName() {
    Path name = path.getFileName();
    return name == null ? path.toString() : name.toString();
  }

  @Override
  public final void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Read-only: nothing can be lost, and the caller has nothing better to do with it.
    }
  }
}
