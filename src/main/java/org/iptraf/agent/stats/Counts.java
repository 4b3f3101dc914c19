package org.iptraf.agent.stats;

/** Packets and bytes of one traffic class, split by direction. */
public record Counts(long inPackets, long inBytes, long outPackets, long outBytes) {

  public static final Counts ZERO = new Counts(0, 0, 0, 0);

  public long packets() {
    return inPackets + outPackets;
  }

  public long bytes() {
    return inBytes + outBytes;
  }
}
