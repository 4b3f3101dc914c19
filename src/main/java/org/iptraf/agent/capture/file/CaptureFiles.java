package org.iptraf.agent.capture.file;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens capture files, recognising pcap and pcapng by their magic number rather than their name.
 *
 * <pre>{@code
 * int nextId = 0;
 * for (Path file : files) {
 *   try (CaptureFileReader reader = CaptureFiles.open(file, nextId)) {
 *     ReadSummary summary = reader.read(sink);
 *     nextId += summary.interfaces();
 *     if (!summary.clean()) log(file + ": " + summary.problem().message());
 *   } catch (CaptureFileException e) {
 *     System.err.println(e.getMessage()); // one line, names the file
 *   }
 * }
 * }</pre>
 */
public final class CaptureFiles {

  private static final int GZIP_MAGIC = 0x1f8b;
  private static final int MAGIC_LENGTH = 4;

  private CaptureFiles() {}

  /**
   * Opens a file and reads its header.
   *
   * @param firstInterfaceId the id given to the file's first interface; later ones follow densely
   * @throws CaptureFileException when the file is missing, unreadable, a directory, empty, or not
   *     pcap/pcapng; the message is one line naming the file
   */
  public static CaptureFileReader open(Path path, int firstInterfaceId)
      throws CaptureFileException {
    if (Files.isDirectory(path)) {
      throw new CaptureFileException(path, "is a directory, not a capture file");
    }
    FileChannel channel = openChannel(path);
    try {
      return detect(path, channel, firstInterfaceId);
    } catch (IOException e) {
      close(channel);
      throw new CaptureFileException(path, "read failed: " + e.getMessage());
    } catch (CaptureFileException | RuntimeException e) {
      close(channel);
      throw e;
    }
  }

  private static FileChannel openChannel(Path path) throws CaptureFileException {
    try {
      return FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new CaptureFileException(path, "no such file");
    } catch (AccessDeniedException e) {
      throw new CaptureFileException(path, "permission denied");
    } catch (FileSystemException e) {
      // The reason alone: the message would repeat the path we already lead with.
      String reason = e.getReason() != null ? e.getReason() : e.getMessage();
      throw new CaptureFileException(path, "cannot open: " + reason);
    } catch (IOException e) {
      throw new CaptureFileException(path, "cannot open: " + e.getMessage());
    }
  }

  private static CaptureFileReader detect(Path path, FileChannel channel, int firstId)
      throws IOException, CaptureFileException {
    FileInput in = new FileInput(channel, Limits.MAX_BUFFERED_BLOCK);
    if (!in.fill(MAGIC_LENGTH)) {
      throw new CaptureFileException(
          path,
          in.buffered() == 0
              ? "empty file"
              : "too short to be a capture file (" + in.buffered() + " bytes)");
    }
    in.order(ByteOrder.BIG_ENDIAN);
    int magic = in.int32(in.position());
    int swapped = Integer.reverseBytes(magic);
    if (magic == PcapngLayout.SHB_TYPE) {
      return new PcapngReader(path, channel, in, firstId);
    }
    for (int m : new int[] {magic, swapped}) {
      ByteOrder order = m == magic ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      CaptureFormat format = pcapFormat(m);
      if (format != null) {
        return new PcapReader(path, channel, in, format, order, firstId);
      }
    }
    throw new CaptureFileException(path, unknownMagic(in, magic));
  }

  private static CaptureFormat pcapFormat(int magic) {
    return switch (magic) {
      case PcapLayout.MAGIC_MICROS -> CaptureFormat.PCAP_MICROSECONDS;
      case PcapLayout.MAGIC_NANOS -> CaptureFormat.PCAP_NANOSECONDS;
      case PcapLayout.MAGIC_KUZNETZOV -> CaptureFormat.PCAP_KUZNETZOV;
      default -> null;
    };
  }

  private static String unknownMagic(FileInput in, int magic) {
    if (magic >>> 16 == GZIP_MAGIC) {
      return "gzip-compressed; decompress it first";
    }
    boolean text = true;
    for (int i = 0; i < MAGIC_LENGTH; i++) {
      int b = in.uint8(in.position() + i);
      text &= (b >= 0x20 && b < 0x7f) || b == '\t' || b == '\n' || b == '\r';
    }
    return String.format(
        "not a pcap or pcapng file (%s 0x%08x)", text ? "starts with text," : "magic", magic);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // already failing with a better message
    }
  }
}
