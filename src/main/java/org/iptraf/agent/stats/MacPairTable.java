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
 *
 * <p><b>It also feeds the station table.</b> A frame's two stations are its pair's two ends, so
 * instead of looking up both stations for every frame (two more random memory reads per frame),
 * each pair keeps what it has already handed on, and {@link #fold} adds what came since to its
 * stations: once a second, before every snapshot, and for a pair the cap evicts. Stations are
 * therefore exact in every snapshot; what changes is only that they are touched once per pair
 * and second instead of once per frame, so at the station cap "least recently seen" is decided
 * by the second, not the frame.
 */
final class MacPairTable {

  private static final int KEY_WORDS = 3; // | source | destination | interface |, before values

  /*
   * A pair's values, after its key in its record; the frame path touches the first five:
   * | packets | bytes | ipPackets | lastSeen | firstSeen | foldedPackets | foldedBytes |
   * | foldedIp |
   */
  private static final int PACKETS = 0;
  private static final int BYTES = 1;
  private static final int IP_PACKETS = 2;
  private static final int LAST_SEEN = 3;
  private static final int FIRST_SEEN = 4;
  private static final int FOLDED_PACKETS = 5;
  private static final int FOLDED_BYTES = 6;
  private static final int FOLDED_IP = 7;
  private static final int VALUES = 8;

  private final RecordTable records;
  private final long idleTimeoutNanos;
  private final StationTable stations;

  /** Capture time of the last {@link #fold} of every pair: what came since arrived after it. */
  private long foldedAt = Long.MIN_VALUE;

  MacPairTable(int maxEntries, long idleTimeoutNanos, StationTable stations) {
    this.records = new RecordTable(maxEntries, KEY_WORDS, VALUES);
    this.idleTimeoutNanos = idleTimeoutNanos;
    this.stations = stations;
    records.onEviction(this::foldPair);
  }

  void count(Packet p, int interfaceId, long now) {
    int v = records.acquire(p.srcMac, p.dstMac, interfaceId);
    long[] values = records.table();
    if (records.inserted) {
      values[v + FIRST_SEEN] = now;
    }
    values[v + PACKETS]++;
    values[v + BYTES] += p.originalLength;
    values[v + IP_PACKETS] += p.isIp() ? 1 : 0;
    values[v + LAST_SEEN] = now;
  }

  /** Hands every pair's news to the stations, then drops the pairs idle too long. */
  void expire(long now) {
    records.removeIf((t, v) -> {
      foldPair(t, v);
      return now - t[v + LAST_SEEN] > idleTimeoutNanos;
    });
    foldedAt = now;
  }

  /** Hands every pair's news to the stations (before a snapshot). */
  void fold(long now) {
    records.removeIf((t, v) -> {
      foldPair(t, v);
      return false;
    });
    foldedAt = now;
  }

  /** Adds to the pair's two stations what it counted since it last did. */
  private void foldPair(long[] t, int v) {
    long packets = t[v + PACKETS] - t[v + FOLDED_PACKETS];
    if (packets == 0) {
      return;
    }
    long bytes = t[v + BYTES] - t[v + FOLDED_BYTES];
    long ip = t[v + IP_PACKETS] - t[v + FOLDED_IP];
    t[v + FOLDED_PACKETS] = t[v + PACKETS];
    t[v + FOLDED_BYTES] = t[v + BYTES];
    t[v + FOLDED_IP] = t[v + IP_PACKETS];
    // the first of these frames came no earlier than the pair, nor than the last fold
    long firstSeen = Math.max(t[v + FIRST_SEEN], foldedAt);
    int k = v - KEY_WORDS;
    stations.fold(t[k], t[k + 1], (int) t[k + 2], packets, bytes, ip,
        Math.min(firstSeen, t[v + LAST_SEEN]), t[v + LAST_SEEN]);
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
