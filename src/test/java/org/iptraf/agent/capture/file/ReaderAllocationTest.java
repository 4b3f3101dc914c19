package org.iptraf.agent.capture.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.MAC_A;
import static org.iptraf.agent.testutil.Frames.MAC_B;
import static org.iptraf.agent.testutil.Frames.ethernet;
import static org.iptraf.agent.testutil.Frames.ipv4;
import static org.iptraf.agent.testutil.Frames.udp;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.PcapngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a capture file allocates nothing per frame: a file ten times longer costs no more
 * allocation than a short one (the JVM's count of bytes this thread allocated; opening a file and
 * its buffers are a fixed cost, which the difference cancels).
 */
class ReaderAllocationTest {
  private static final int SHORT = 10_000;
  private static final int LONG = 100_000;

  @TempDir Path dir;

  @Test
  void pcapFramesAllocateNothing() throws Exception {
    Path small = pcap(dir.resolve("short.pcap"), SHORT);
    Path large = pcap(dir.resolve("long.pcap"), LONG);
    assertPerFrameAllocationIsZero(small, large);
  }

  @Test
  void pcapngFramesAllocateNothing() throws Exception {
    Path small = pcapng(dir.resolve("short.pcapng"), SHORT);
    Path large = pcapng(dir.resolve("long.pcapng"), LONG);
    assertPerFrameAllocationIsZero(small, large);
  }

  private static void assertPerFrameAllocationIsZero(Path small, Path large) throws Exception {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    threads.setThreadAllocatedMemoryEnabled(true);
    for (int i = 0; i < 20; i++) { // warm-up: the reader compiled
      allocatedReading(threads, large);
    }
    long shortBytes = Long.MAX_VALUE;
    long longBytes = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) { // the least of five: a stray allocation of the JVM aside
      shortBytes = Math.min(shortBytes, allocatedReading(threads, small));
      longBytes = Math.min(longBytes, allocatedReading(threads, large));
    }
    assertThat(longBytes - shortBytes)
        .as(
            "bytes for %d more frames (%d B reading %d, %d B reading %d)",
            LONG - SHORT, longBytes, LONG, shortBytes, SHORT)
        .isLessThan((LONG - SHORT) / 100);
  }

  private static long allocatedReading(ThreadMXBean threads, Path file) throws Exception {
    long[] frames = {0};
    FrameSink sink =
        new FrameSink() {
          @Override
          public void interfaceAdded(int interfaceId, InterfaceInfo info) {}

          @Override
          public void frame(
              ByteBuffer buffer,
              int offset,
              int capturedLength,
              int originalLength,
              long timestampNanos,
              int interfaceId,
              int direction,
              int vlanTci) {
            frames[0]++;
          }
        };
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    try (CaptureFileReader reader = CaptureFiles.open(file, 0)) {
      reader.read(sink);
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertThat(frames[0]).isPositive();
    return allocated;
  }

  private static byte[] frame(int i) {
    return ethernet(
        MAC_B,
        MAC_A,
        0x0800,
        ipv4("10.0.0.1", "10.0.0.2", 17, udp(1000 + i % 100, 53, 20 + i % 50)));
  }

  private static Path pcap(Path file, int frames) {
    PcapWriter w = PcapWriter.ethernet();
    for (int i = 0; i < frames; i++) {
      w.frame(1_700_000_000_000_000_000L + i * 1_000L, frame(i));
    }
    return w.writeTo(file);
  }

  private static Path pcapng(Path file, int frames) throws Exception {
    PcapngWriter w = new PcapngWriter(ByteOrder.LITTLE_ENDIAN).interfaceBlock(1, 262144);
    for (int i = 0; i < frames; i++) {
      w.enhancedPacket(0, 1_700_000_000_000_000L + i, frame(i));
    }
    return Files.write(file, w.toBytes());
  }
}
