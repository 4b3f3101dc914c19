package org.iptraf.agent.stats;

/** Frames whose length on the wire lies in {@code [from, to]}, by direction. */
public record SizeBucket(int from, int to, long inPackets, long outPackets) {
  public long packets() {
    return inPackets + outPackets;
  }
}
