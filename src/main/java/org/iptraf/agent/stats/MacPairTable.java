package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.iptraf.agent.decode.Packet;

/**
 * Frames and bytes per (interface, source MAC, destination MAC), for RMON's matrix tables. Only
 * frames with both addresses count (Ethernet-like links; a cooked capture has no destination).
 * It shares the station table's cap and idle timeout: a pair outlives neither of its stations
 * by much in practice, and one setting is easier to reason about than two.
 */
final class MacPairTable {

  /* A pair's values, after its key in its record: | packets | bytes | firstSeen | lastSeen | */
  private static final int PACKETS = 0;
  private static final int BYTES = 1;
  private static final int FIRST_SEEN = 2;
  private static final int LAST_SEEN = 3;
  private static final int VALUES = 4;

  private final RecordTable records;
  private final long idleTimeoutNanos;

  MacPairTable(int maxEntries, long idleTimeoutNanos) {
    this.records = new RecordTable(maxEntries, 3, VALUES);
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  void count(Packet p, int interfaceId, long now) {
    if (!p.hasMacs) {
      return;
    }
    int v = records.acquire(p.srcMac, p.dstMac, interfaceId);
    long[] values = records.table();
    if (records.inserted) {
      values[v + FIRST_SEEN] = now;
    }
    values[v + PACKETS]++;
    values[v + BYTES] += p.originalLength;
    values[v + LAST_SEEN] = now;
  }

  void expire(long now) {
    records.removeIf((t, v) -> now - t[v + LAST_SEEN] > idleTimeoutNanos);
  }

  /** Drops every pair of an interface that is gone. */
  void removeInterface(int interfaceId) {
    records.removeWhereKey(2, -1L, interfaceId);
  }

  void clear() {
    records.clear();
  }

  long evictions() {
    return records.evictions();
  }

  List<MacPair> snapshot(IntFunction<String> interfaceNames) {
    List<MacPair> rows = new ArrayList<>(records.size());
    long[] values = records.table();
    for (int s : records.slotsNewestFirst()) {
      int ifId = (int) records.key(s, 2);
      int v = records.values(s);
      rows.add(new MacPair(ifId, interfaceNames.apply(ifId), records.key(s, 0), records.key(s, 1),
          values[v + PACKETS], values[v + BYTES], values[v + FIRST_SEEN], values[v + LAST_SEEN]));
    }
    return rows;
  }
}
