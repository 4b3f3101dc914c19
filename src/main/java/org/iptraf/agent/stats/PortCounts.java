package org.iptraf.agent.stats;

/**
 * Traffic of one TCP or UDP port (any port, not only below 1024). A packet counts under both its
 * ports: "in" when the port is its destination, "out" when it is its source. Bytes are IP lengths.
 */
public record PortCounts(
    String protocol, int port, long inPackets, long inBytes, long outPackets, long outBytes) {

  public long packets() {
    return inPackets + outPackets;
  }

  public long bytes() {
    return inBytes + outBytes;
  }
}
