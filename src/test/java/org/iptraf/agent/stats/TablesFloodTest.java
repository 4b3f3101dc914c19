package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.testutil.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Floods through the tables: a SYN flood of distinct five-tuples against the connection cap (memory
 * stays flat, every tuple past the cap evicts exactly one), and a million established connections
 * held at once (bytes of heap per connection).
 *
 * <p>CI runs a scaled-down flood; {@code -Diptraf.flood=full} runs 10 M tuples against the default
 * cap and 1 M established connections. Heap is measured as used heap after a full GC
 * (MemoryMXBean); rates are printed, not asserted.
 */
class TablesFloodTest {

  private static final boolean FULL = "full".equals(System.getProperty("iptraf.flood"));
  private static final int FLOOD_TUPLES = FULL ? 10_000_000 : 200_000;
  private static final int FLOOD_CAP =
      FULL ? ConfigParser.defaultConfig().tables().tcpMaxConnections() : 10_000;
  private static final int ESTABLISHED = FULL ? 1_000_000 : 50_000;

  /** The budget: 1 M connections in 256 MiB. */
  private static final long BUDGET_BYTES_PER_CONNECTION = 256L * 1024 * 1024 / 1_000_000;

  /** Heap a test JVM may gain or lose between two measurements for reasons of its own. */
  private static final long NOISE_BYTES = 8L * 1024 * 1024;

  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long FRAME_GAP_NANOS = 1_000; // 10 M frames span 10 s, far below timeouts

  // Ethernet + IPv4 + TCP: where the fields we vary sit
  private static final int IP = 14;
  private static final int IP_CHECKSUM = IP + 10;
  private static final int IP_SRC = IP + 12;
  private static final int IP_DST = IP + 16;
  private static final int IP_HEADER = 20;
  private static final int TCP_SRC_PORT = IP + IP_HEADER;
  private static final int TCP_DST_PORT = TCP_SRC_PORT + 2;
  private static final int TCP_FLAGS = TCP_SRC_PORT + 13;
  private static final int CLIENTS = 0x0A00_0000; // 10.0.0.0/8: one address per tuple
  private static final int SERVER = 0xC000_0201; // 192.0.2.1
  private static final int EPHEMERAL = 1024;

  /** One frame rewritten in place for each packet: no allocation in the loop. */
  private static final class SynFrame {
    final byte[] bytes =
        Frames.ethernet(
            Frames.MAC_B,
            Frames.MAC_A,
            0x0800,
            Frames.ipv4("10.0.0.1", "192.0.2.1", 6, Frames.tcp(1, 80, Frames.SYN, 65535, 0)));
    final ByteBuffer buffer = ByteBuffer.wrap(bytes);

    void set(int src, int srcPort, int dst, int dstPort, int flags) {
      buffer.putInt(IP_SRC, src);
      buffer.putInt(IP_DST, dst);
      buffer.putShort(TCP_SRC_PORT, (short) srcPort);
      buffer.putShort(TCP_DST_PORT, (short) dstPort);
      bytes[TCP_FLAGS] = (byte) flags;
      buffer.putShort(IP_CHECKSUM, (short) 0);
      buffer.putShort(IP_CHECKSUM, (short) Frames.checksum(bytes, IP, IP_HEADER));
    }
  }

  private static Tables tables(int tcpCap) {
    AgentConfig.Tables d = ConfigParser.defaultConfig().tables();
    Tables t =
        new Tables(
            new AgentConfig.Tables(
                tcpCap,
                d.tcpIdleTimeout(),
                d.tcpClosedRetention(),
                d.flowsMaxEntries(),
                d.flowsIdleTimeout(),
                d.stationsMaxEntries(),
                d.stationsIdleTimeout(),
                d.vlansMaxEntries(),
                d.mtu()),
            List.of(),
            System::nanoTime);
    t.interfaceAdded(0, new InterfaceInfo("flood0", LinkType.ETHERNET, false, 0));
    return t;
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void synFloodOfDistinctTuplesKeepsHeapFlatAndEvictsOnePerTupleOverTheCap() {
    Tables tables = tables(FLOOD_CAP);
    SynFrame f = new SynFrame();
    SplittableRandom random = new SplittableRandom(1);
    long t = T0;
    long atCap = 0;
    long start = 0;
    for (int i = 0; i < FLOOD_TUPLES; i++) {
      if (i == FLOOD_CAP) {
        atCap = usedHeapAfterGc(); // the table is as big as it will get
        start = System.nanoTime();
      }
      f.set(
          CLIENTS + i,
          EPHEMERAL + random.nextInt(65536 - EPHEMERAL),
          SERVER,
          random.nextInt(65536),
          Frames.SYN);
      tables.frame(
          f.buffer,
          0,
          f.bytes.length,
          f.bytes.length,
          t += FRAME_GAP_NANOS,
          0,
          FrameSink.DIRECTION_IN,
          FrameSink.NO_VLAN);
    }
    long nanos = System.nanoTime() - start;
    long atEnd = usedHeapAfterGc();
    tables.finish();
    CaptureSnapshot c = tables.snapshot().capture();

    System.out.printf(
        "SYN flood: %,d distinct tuples, cap %,d: %,.0f frames/s past the cap;"
            + " used heap after GC %,d KiB at the cap, %,d KiB at the end (%+,d KiB);"
            + " evictions %,d%n",
        FLOOD_TUPLES,
        FLOOD_CAP,
        (FLOOD_TUPLES - FLOOD_CAP) * 1e9 / nanos,
        atCap / 1024,
        atEnd / 1024,
        (atEnd - atCap) / 1024,
        c.tcpEvictions());
    assertThat(c.frames()).isEqualTo(FLOOD_TUPLES);
    assertThat(c.tcpConnectionsOpened()).isEqualTo(FLOOD_TUPLES);
    assertThat(c.tcpEvictions()).isEqualTo(FLOOD_TUPLES - FLOOD_CAP);
    assertThat(tables.snapshot().tcpConnections()).hasSize(FLOOD_CAP);
    assertThat(atEnd - atCap).as("heap growth past the cap").isLessThan(NOISE_BYTES);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void establishedConnectionsFitTheHeapBudget() {
    long before = usedHeapAfterGc();
    Tables tables = tables(ESTABLISHED);
    long empty = usedHeapAfterGc();
    SynFrame f = new SynFrame();
    SplittableRandom random = new SplittableRandom(2);
    long t = T0;
    long start = System.nanoTime();
    for (int i = 0; i < ESTABLISHED; i++) {
      int client = CLIENTS + i;
      int port = EPHEMERAL + random.nextInt(65536 - EPHEMERAL);
      f.set(client, port, SERVER, 443, Frames.SYN);
      feed(tables, f, t += FRAME_GAP_NANOS);
      f.set(SERVER, 443, client, port, Frames.SYN | Frames.ACK);
      feed(tables, f, t += FRAME_GAP_NANOS);
      f.set(client, port, SERVER, 443, Frames.ACK);
      feed(tables, f, t += FRAME_GAP_NANOS);
    }
    long nanos = System.nanoTime() - start;
    long held = usedHeapAfterGc();
    tables.finish(); // the writer is done: snapshots are built on this thread from now on
    CaptureSnapshot c = tables.snapshot().capture();
    long perConnection = (held - empty) / ESTABLISHED;

    System.out.printf(
        "established: %,d connections (3-way handshakes, %,.0f frames/s); used heap"
            + " after GC %,d KiB before, %,d KiB with empty tables, %,d KiB holding them:"
            + " %,d bytes per connection (budget %,d)%n",
        ESTABLISHED,
        3L * ESTABLISHED * 1e9 / nanos,
        before / 1024,
        empty / 1024,
        held / 1024,
        perConnection,
        BUDGET_BYTES_PER_CONNECTION);
    assertThat(c.tcpConnectionsOpened()).isEqualTo(ESTABLISHED);
    assertThat(c.tcpEvictions()).isZero();
    assertThat(held - empty)
        .as("heap held by %d connections", ESTABLISHED)
        .isLessThan(BUDGET_BYTES_PER_CONNECTION * ESTABLISHED + NOISE_BYTES);
    List<TcpConnection> rows = tables.snapshot().tcpConnections();
    assertThat(rows).hasSize(ESTABLISHED);
    assertThat(rows.get(0).state()).isEqualTo(TcpState.ESTABLISHED);
    assertThat(rows.get(rows.size() - 1).state()).isEqualTo(TcpState.ESTABLISHED);
  }

  private static void feed(Tables tables, SynFrame f, long t) {
    tables.frame(
        f.buffer,
        0,
        f.bytes.length,
        f.bytes.length,
        t,
        0,
        FrameSink.DIRECTION_IN,
        FrameSink.NO_VLAN);
  }

  /** Used heap after full collections, once it stops falling. */
  private static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }
}
