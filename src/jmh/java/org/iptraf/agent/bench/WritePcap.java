package org.iptraf.agent.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link TrafficMix} as a classic little-endian microsecond pcap (snap length {@link
 * TrafficMix#SNAP_LENGTH}, LINKTYPE_ETHERNET), for the replay benchmark.
 *
 * <p>{@code java -cp target/benchmarks.jar org.iptraf.agent.bench.WritePcap FILE [FRAMES]}
 */
public final class WritePcap {

  private static final int MAGIC_MICROS = 0xA1B2C3D4;
  private static final int GLOBAL_HEADER = 24;
  private static final int RECORD_HEADER = 16;
  private static final int LINKTYPE_ETHERNET = 1;
  private static final long EPOCH_START_MICROS = 1_700_000_000_000_000L;

  private WritePcap() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: WritePcap FILE [FRAMES]");
      System.exit(2);
    }
    int frames = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    TrafficMix mix = new TrafficMix(frames, 1000, 42, false);
    ByteBuffer header = ByteBuffer.allocate(GLOBAL_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    header
        .putInt(MAGIC_MICROS)
        .putShort((short) 2)
        .putShort((short) 4)
        .putInt(0)
        .putInt(0)
        .putInt(TrafficMix.SNAP_LENGTH)
        .putInt(LINKTYPE_ETHERNET);
    byte[] frame = new byte[TrafficMix.SNAP_LENGTH];
    ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(Path.of(args[0])), 1 << 20)) {
      out.write(header.array());
      for (int i = 0; i < mix.count; i++) {
        long micros = EPOCH_START_MICROS + mix.timestampNanos[i] / 1000;
        record.clear();
        record
            .putInt((int) (micros / 1_000_000))
            .putInt((int) (micros % 1_000_000))
            .putInt(mix.capturedLength[i])
            .putInt(mix.originalLength[i]);
        out.write(record.array());
        mix.buffer.get(mix.offset[i], frame, 0, mix.capturedLength[i]);
        out.write(frame, 0, mix.capturedLength[i]);
      }
    }
    System.out.printf("%s: %d frames, %d conversations%n", args[0], mix.count, mix.conversations);
  }
}
