package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.iptraf.agent.decode.Packet;

/**
 * Frames and bytes per (interface, source MAC, destination MAC), for RMON's matrix tables. Only
 * frames with both addresses count (Ethernet-like links; a cooked capture has no destination).
 * It shares the station table's cap and idle timeout: a pair outlives neither of its stations
 * by much in practice, and one setting is easier to reason about than two.
 */
final class MacPairTable implements FlowIndex.Owner {

  private final FlowIndex index;
  private final long idleTimeoutNanos;
  private long[] packets = new long[0];
  private long[] bytes = new long[0];
  private long[] firstSeen = new long[0];
  private long[] lastSeen = new long[0];

  MacPairTable(int maxEntries, long idleTimeoutNanos) {
    this.index = new FlowIndex(maxEntries, this);
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  void count(Packet p, int interfaceId, long now) {
    if (!p.hasMacs) {
      return;
    }
    int e = index.acquire(0, p.srcMac, 0, 0, p.dstMac, 0, interfaceId, false);
    if (index.inserted) {
      packets[e] = bytes[e] = 0;
      firstSeen[e] = now;
    }
    packets[e]++;
    bytes[e] += p.originalLength;
    lastSeen[e] = now;
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

  long evictions() {
    return index.evictions();
  }

  List<MacPair> snapshot(IntFunction<String> interfaceNames) {
    List<MacPair> rows = new ArrayList<>(index.size());
    for (int e = index.newest(); e != -1; e = index.older(e)) {
      int ifId = index.context(e);
      rows.add(new MacPair(ifId, interfaceNames.apply(ifId), index.aLo(e), index.bLo(e),
          packets[e], bytes[e], firstSeen[e], lastSeen[e]));
    }
    return rows;
  }

  @Override
  public void grow(int n) {
    packets = Arrays.copyOf(packets, n);
    bytes = Arrays.copyOf(bytes, n);
    firstSeen = Arrays.copyOf(firstSeen, n);
    lastSeen = Arrays.copyOf(lastSeen, n);
  }

  @Override
  public void evicting(int entry) {
    // counted by the index
  }
}
