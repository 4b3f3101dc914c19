package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.iptraf.agent.decode.Packet;

/** The LAN station monitor: one entry per MAC address and interface. */
final class StationTable implements FlowIndex.Owner {
  private static final long GROUP_BIT = 0x0100_0000_0000L;
  private static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

  private final FlowIndex index;
  private final long idleTimeoutNanos;
  private long[] inPackets = new long[0];
  private long[] inBytes = new long[0];
  private long[] outPackets = new long[0];
  private long[] outBytes = new long[0];
  private long[] ipPackets = new long[0];
  private long[] lastSeen = new long[0];
  private long[] firstSeen = new long[0];
  private long[] outBroadcast = new long[0];
  private long[] outMulticast = new long[0];

  StationTable(int maxEntries, long idleTimeoutNanos) {
    this.index = new FlowIndex(maxEntries, this);
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  /** Counts a frame with Ethernet-like addresses: its sender, and its receiver unless a group. */
  void count(Packet p, int interfaceId, long now) {
    int length = p.originalLength;
    int ip = p.isIp() ? 1 : 0;
    if ((p.srcMac & GROUP_BIT) == 0) {
      int e = entry(p.srcMac, interfaceId, now);
      outPackets[e]++;
      outBytes[e] += length;
      ipPackets[e] += ip;
      if (p.hasMacs && p.dstMac == BROADCAST) {
        outBroadcast[e]++;
      } else if (p.hasMacs && (p.dstMac & GROUP_BIT) != 0) {
        outMulticast[e]++;
      }
    }
    if (p.hasMacs && (p.dstMac & GROUP_BIT) == 0) {
      int e = entry(p.dstMac, interfaceId, now);
      inPackets[e]++;
      inBytes[e] += length;
      ipPackets[e] += ip;
    }
  }

  private int entry(long mac, int interfaceId, long now) {
    int e = index.acquire(0, mac, 0, 0, 0, 0, interfaceId, false);
    if (index.inserted) {
      inPackets[e] = inBytes[e] = outPackets[e] = outBytes[e] = ipPackets[e] = 0;
      outBroadcast[e] = outMulticast[e] = 0;
      firstSeen[e] = now;
    }
    lastSeen[e] = now;
    return e;
  }

  void expire(long now) {
    for (int e = index.oldest(); e != -1; ) {
      int newer = index.newer(e);
      if (now - lastSeen[e] <= idleTimeoutNanos) {
        break;
      }
      index.release(e);
      e = newer;
    }
  }

  void clear() {
    index.clear();
  }

  int size() {
    return index.size();
  }

  long evictions() {
    return index.evictions();
  }

  List<Station> snapshot(IntFunction<String> interfaceNames) {
    List<Station> rows = new ArrayList<>(index.size());
    for (int e = index.newest(); e != -1; e = index.older(e)) {
      int ifId = index.context(e);
      rows.add(new Station(ifId, interfaceNames.apply(ifId), index.aLo(e), inPackets[e],
          inBytes[e], outPackets[e], outBytes[e], ipPackets[e], lastSeen[e], outBroadcast[e],
          outMulticast[e], firstSeen[e]));
    }
    return rows;
  }

  @Override
  public void grow(int n) {
    inPackets = Arrays.copyOf(inPackets, n);
    inBytes = Arrays.copyOf(inBytes, n);
    outPackets = Arrays.copyOf(outPackets, n);
    outBytes = Arrays.copyOf(outBytes, n);
    ipPackets = Arrays.copyOf(ipPackets, n);
    lastSeen = Arrays.copyOf(lastSeen, n);
    firstSeen = Arrays.copyOf(firstSeen, n);
    outBroadcast = Arrays.copyOf(outBroadcast, n);
    outMulticast = Arrays.copyOf(outMulticast, n);
  }

  @Override
  public void evicting(int entry) {
    // counted by the index
  }
}
