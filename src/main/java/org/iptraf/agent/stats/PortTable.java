package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Every TCP and UDP port, 0 to 65535, in flat arrays: no cap and no eviction needed, 4 MiB in all.
 * A packet counts under its destination port as "in" and its source port as "out".
 */
final class PortTable {
  private static final int PORTS = 65536;
  static final int TCP = 0;
  static final int UDP = 1;
  private static final String[] NAMES = {"tcp", "udp"};

  // [protocol * PORTS + port]
  private final long[] inPackets = new long[2 * PORTS];
  private final long[] inBytes = new long[2 * PORTS];
  private final long[] outPackets = new long[2 * PORTS];
  private final long[] outBytes = new long[2 * PORTS];

  void count(int protocol, int srcPort, int dstPort, int ipLength) {
    int base = protocol * PORTS;
    inPackets[base + dstPort]++;
    inBytes[base + dstPort] += ipLength;
    outPackets[base + srcPort]++;
    outBytes[base + srcPort] += ipLength;
  }

  void clear() {
    java.util.Arrays.fill(inPackets, 0);
    java.util.Arrays.fill(inBytes, 0);
    java.util.Arrays.fill(outPackets, 0);
    java.util.Arrays.fill(outBytes, 0);
  }

  /** Ports that saw traffic, in protocol then port order. */
  List<PortCounts> snapshot() {
    List<PortCounts> rows = new ArrayList<>();
    for (int i = 0; i < 2 * PORTS; i++) {
      if (inPackets[i] != 0 || outPackets[i] != 0) {
        rows.add(new PortCounts(
            NAMES[i / PORTS], i % PORTS, inPackets[i], inBytes[i], outPackets[i], outBytes[i]));
      }
    }
    return rows;
  }
}
