package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every TCP and UDP port, 0 to 65535, in flat arrays: no cap and no eviction needed, 4 MiB in all.
 * A packet counts under its destination port as "in" and its source port as "out".
 *
 * <p>UDP packets are counted here one by one. TCP packets are not: every TCP packet is already
 * counted, by direction, in its connection's record, so {@link TcpTable} adds a connection's counts
 * here when its record goes, and adds the live ones for the length of a snapshot.
 */
final class PortTable {
  private static final int PORTS = 65536;
  static final int TCP = 0;
  static final int UDP = 1;
  private static final String[] NAMES = {"tcp", "udp"};

  /*
   * One port's four counters side by side, so a packet touches two cache lines (its source and
   * destination port), not four: counts[((protocol * PORTS) + port) * FIELDS + field].
   */
  private static final int IN_PACKETS = 0;
  private static final int IN_BYTES = 1;
  private static final int OUT_PACKETS = 2;
  private static final int OUT_BYTES = 3;
  private static final int FIELDS = 4;

  private final long[] counts = new long[2 * PORTS * FIELDS];

  void count(int protocol, int srcPort, int dstPort, int ipLength) {
    int base = protocol * PORTS;
    int in = (base + dstPort) * FIELDS;
    counts[in + IN_PACKETS]++;
    counts[in + IN_BYTES] += ipLength;
    int out = (base + srcPort) * FIELDS;
    counts[out + OUT_PACKETS]++;
    counts[out + OUT_BYTES] += ipLength;
  }

  /**
   * Reads the words {@link #count} would write first for these ports, and returns them, so that the
   * reads are made: {@link Lookahead} reads the lines of a group of frames together, where one by
   * one each is a cache miss (random ports span the whole table).
   */
  long peek(int protocol, int srcPort, int dstPort) {
    int base = protocol * PORTS;
    return counts[(base + dstPort) * FIELDS + IN_PACKETS]
        + counts[(base + srcPort) * FIELDS + OUT_PACKETS];
  }

  /**
   * Adds {@code packets} packets of {@code bytes} bytes in all from {@code srcPort} to {@code
   * dstPort} (negative to take them away again).
   */
  void add(int protocol, int srcPort, int dstPort, long packets, long bytes) {
    int base = protocol * PORTS;
    int in = (base + dstPort) * FIELDS;
    counts[in + IN_PACKETS] += packets;
    counts[in + IN_BYTES] += bytes;
    int out = (base + srcPort) * FIELDS;
    counts[out + OUT_PACKETS] += packets;
    counts[out + OUT_BYTES] += bytes;
  }

  void clear() {
    Arrays.fill(counts, 0);
  }

  /** Whether port {@code i} ({@code protocol * 65536 + port}) has any count. */
  private boolean seen(int i) {
    int k = i * FIELDS;
    return (counts[k + IN_PACKETS]
            | counts[k + IN_BYTES]
            | counts[k + OUT_PACKETS]
            | counts[k + OUT_BYTES])
        != 0;
  }

  /**
   * The ports that saw traffic as they are now, packed for a snapshot: per port {@code protocol *
   * 65536 + port} and its four counters. Rows are made from it when first read.
   *
   * @param addLive adds, on the reader's thread, what is counted elsewhere until its record goes
   *     (the live TCP connections) to a scratch table loaded with the packed counts
   */
  List<PortCounts> snapshot(Consumer<PortTable> addLive) {
    int used = 0;
    for (int i = 0; i < 2 * PORTS; i++) {
      if (seen(i)) {
        used++;
      }
    }
    long[] packed = new long[used * (1 + FIELDS)];
    int n = 0;
    for (int i = 0; i < 2 * PORTS; i++) {
      int k = i * FIELDS;
      if (seen(i)) {
        packed[n++] = i;
        System.arraycopy(counts, k, packed, n, FIELDS);
        n += FIELDS;
      }
    }
    Supplier<PortTable> scratch =
        () -> {
          PortTable t = new PortTable();
          for (int r = 0; r < packed.length; r += 1 + FIELDS) {
            System.arraycopy(packed, r + 1, t.counts, (int) packed[r] * FIELDS, FIELDS);
          }
          addLive.accept(t);
          return t;
        };
    return new LazyRows<>(
        LazyRows.UNKNOWN_SIZE,
        () -> scratch.get().rows(),
        order -> order == Order.PORTS ? scratch.get().ranked() : null);
  }

  /** Ports that saw traffic, in protocol then port order. */
  private List<PortCounts> rows() {
    List<PortCounts> rows = new ArrayList<>();
    for (int i : counted()) {
      rows.add(row(i));
    }
    return rows;
  }

  /** {@link #rows} in {@link Order#PORTS}: bytes, then protocol name and port, as they count. */
  private List<PortCounts> ranked() {
    int[] used = counted();
    return RankedRows.rank(
        used.length,
        new RankedRows.Records() {
          @Override
          public long bytes(int r) {
            int k = used[r] * FIELDS;
            return counts[k + IN_BYTES] + counts[k + OUT_BYTES];
          }

          @Override
          public int columns() {
            return 1;
          }

          @Override
          public void columns(int r, long[] out, int at) {
            out[at] = used[r]; // "tcp" (0) before "udp" (1), then the port
          }

          @Override
          public boolean tiesInIndexOrder() {
            return true; // used is in order
          }
        },
        r -> row(used[r]),
        Order.PORTS);
  }

  /** The ports ({@code protocol * 65536 + port}) that counted packets, in order. */
  private int[] counted() {
    int n = 0;
    int[] used = new int[2 * PORTS];
    for (int i = 0; i < 2 * PORTS; i++) {
      int k = i * FIELDS;
      if (counts[k + IN_PACKETS] != 0 || counts[k + OUT_PACKETS] != 0) {
        used[n++] = i;
      }
    }
    return Arrays.copyOf(used, n);
  }

  private PortCounts row(int i) {
    int k = i * FIELDS;
    return new PortCounts(
        NAMES[i / PORTS],
        i % PORTS,
        counts[k + IN_PACKETS],
        counts[k + IN_BYTES],
        counts[k + OUT_PACKETS],
        counts[k + OUT_BYTES]);
  }
}
