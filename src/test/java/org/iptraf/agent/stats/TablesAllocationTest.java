package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.ACK;
import static org.iptraf.agent.testutil.Frames.MAC_A;
import static org.iptraf.agent.testutil.Frames.MAC_B;
import static org.iptraf.agent.testutil.Frames.PSH;
import static org.iptraf.agent.testutil.Frames.ethernet;
import static org.iptraf.agent.testutil.Frames.ipv4;
import static org.iptraf.agent.testutil.Frames.ipv6;
import static org.iptraf.agent.testutil.Frames.tcp;
import static org.iptraf.agent.testutil.Frames.udp;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.ConfigParser;
import org.junit.jupiter.api.Test;

/**
 * The frame path allocates nothing: decode and every table, across second boundaries (rates, the
 * expiry wheel), once the flows are in the tables. Measured with the JVM's count of the bytes this
 * thread allocated, not with timing.
 */
class TablesAllocationTest {
  private static final long SECOND = 1_000_000_000L;
  private static final int FRAMES = 200_000;

  @Test
  void countingFramesAllocatesNothingOnceTheirFlowsAreKnown() {
    assertThat(allocatedByFrames(2000, false)).isLessThan(FRAMES / 100);
  }

  /** 12,000 client ports make 36,000 flows: past {@link Lookahead#FROM_FLOWS}, read ahead. */
  @Test
  void readingAheadAllocatesNothingEither() {
    assertThat(allocatedByFrames(12_000, true)).isLessThan(FRAMES / 100);
  }

  /**
   * Bytes this thread allocated counting {@link #FRAMES} frames of {@code flows} client ports, once
   * every flow is in the tables, reading ahead or not as {@code readingAhead} says.
   */
  private static long allocatedByFrames(int flows, boolean readingAhead) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    threads.setThreadAllocatedMemoryEnabled(true);
    Tables tables = new Tables(ConfigParser.defaultConfig().tables(), List.of(), System::nanoTime);
    tables.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 0));
    List<ByteBuffer> frames = frames(flows);
    long t = 1_700_000_000L * SECOND;
    // warm-up: every flow in the tables, the code run often enough for the JIT to compile it
    for (int i = 0; i < 5 * Math.max(FRAMES, frames.size()); i++) {
      t = feed(tables, frames.get(i % frames.size()), t);
    }
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    boolean readAhead = true;
    for (int i = 0; i < FRAMES; i++) {
      t = feed(tables, frames.get(i % frames.size()), t);
      readAhead &= tables.ahead.on;
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    // 200,000 frames over 2 s of capture time: two second boundaries, rates and expiry run
    assertThat(readAhead).as("read ahead throughout").isEqualTo(readingAhead);
    return allocated;
  }

  private static long feed(Tables tables, ByteBuffer frame, long t) {
    long next = t + 10_000; // 10 µs a frame
    tables.frame(
        frame, 0, frame.limit(), frame.limit(), next, 0, FrameSink.DIRECTION_IN, FrameSink.NO_VLAN);
    return next;
  }

  /** TCP both ways over IPv4 and IPv6, UDP, for {@code flows} client ports. */
  private static List<ByteBuffer> frames(int flows) {
    List<ByteBuffer> frames = new ArrayList<>();
    for (int f = 0; f < flows; f++) {
      int port = 20_000 + f;
      frames.add(
          ByteBuffer.wrap(
              ethernet(
                  MAC_B,
                  MAC_A,
                  0x0800,
                  ipv4("10.0.0.1", "10.0.1.1", 6, tcp(port, 443, ACK | PSH, 1000, 40)))));
      frames.add(
          ByteBuffer.wrap(
              ethernet(
                  MAC_A,
                  MAC_B,
                  0x0800,
                  ipv4("10.0.1.1", "10.0.0.1", 6, tcp(443, port, ACK, 1000, 0)))));
      frames.add(
          ByteBuffer.wrap(
              ethernet(
                  MAC_B,
                  MAC_A,
                  0x86DD,
                  ipv6("2001:db8::1", "2001:db8:1::1", 6, tcp(port, 80, ACK | PSH, 1000, 20)))));
      frames.add(
          ByteBuffer.wrap(
              ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.1.2", 17, udp(port, 53, 30)))));
    }
    return frames;
  }
}
