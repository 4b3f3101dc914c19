package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.iptraf.agent.decode.Packet;

/** The LAN station monitor: one entry per MAC address and interface. */
final class StationTable {
  private static final long GROUP_BIT = 0x0100_0000_0000L;
  private static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

  /*
   * A station's values, after its key in its record:
   * | inPackets | inBytes | outPackets | outBytes | ipPackets | lastSeen | firstSeen |
   * | outBroadcast | outMulticast |
   */
  private static final int IN_PACKETS = 0;
  private static final int IN_BYTES = 1;
  private static final int OUT_PACKETS = 2;
  private static final int OUT_BYTES = 3;
  private static final int IP_PACKETS = 4;
  private static final int LAST_SEEN = 5;
  private static final int FIRST_SEEN = 6;
  private static final int OUT_BROADCAST = 7;
  private static final int OUT_MULTICAST = 8;
  private static final int VALUES = 9;

  private final RecordTable records;
  private final long idleTimeoutNanos;

  StationTable(int maxEntries, long idleTimeoutNanos) {
    this.records = new RecordTable(maxEntries, 2, VALUES);
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  /** Counts a frame with Ethernet-like addresses: its sender, and its receiver unless a group. */
  void count(Packet p, int interfaceId, long now) {
    int length = p.originalLength;
    int ip = p.isIp() ? 1 : 0;
    if ((p.srcMac & GROUP_BIT) == 0) {
      int v = entry(p.srcMac, interfaceId, now);
      long[] values = records.table();
      values[v + OUT_PACKETS]++;
      values[v + OUT_BYTES] += length;
      values[v + IP_PACKETS] += ip;
      if (p.hasMacs && p.dstMac == BROADCAST) {
        values[v + OUT_BROADCAST]++;
      } else if (p.hasMacs && (p.dstMac & GROUP_BIT) != 0) {
        values[v + OUT_MULTICAST]++;
      }
    }
    if (p.hasMacs && (p.dstMac & GROUP_BIT) == 0) {
      int v = entry(p.dstMac, interfaceId, now);
      long[] values = records.table();
      values[v + IN_PACKETS]++;
      values[v + IN_BYTES] += length;
      values[v + IP_PACKETS] += ip;
    }
  }

  /** The station's record, made if new and marked seen now: the offset of its values. */
  private int entry(long mac, int interfaceId, long now) {
    int v = records.acquire(mac, interfaceId);
    long[] values = records.table();
    if (records.inserted) {
      values[v + FIRST_SEEN] = now;
    }
    values[v + LAST_SEEN] = now;
    return v;
  }

  void expire(long now) {
    records.removeIf((t, v) -> now - t[v + LAST_SEEN] > idleTimeoutNanos);
  }

  /** Drops every station of an interface that is gone. */
  void removeInterface(int interfaceId) {
    records.removeWhereKey(1, -1L, interfaceId);
  }

  void clear() {
    records.clear();
  }

  int size() {
    return records.size();
  }

  long evictions() {
    return records.evictions();
  }

  List<Station> snapshot(IntFunction<String> interfaceNames) {
    List<Station> rows = new ArrayList<>(records.size());
    long[] values = records.table();
    for (int s : records.slotsNewestFirst()) {
      int ifId = (int) records.key(s, 1);
      int v = records.values(s);
      rows.add(new Station(ifId, interfaceNames.apply(ifId), records.key(s, 0),
          values[v + IN_PACKETS], values[v + IN_BYTES], values[v + OUT_PACKETS],
          values[v + OUT_BYTES], values[v + IP_PACKETS], values[v + LAST_SEEN],
          values[v + OUT_BROADCAST], values[v + OUT_MULTICAST], values[v + FIRST_SEEN]));
    }
    return rows;
  }
}
