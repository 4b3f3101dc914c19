package org.iptraf.agent.stats;

import java.util.List;
import java.util.function.IntFunction;
import org.iptraf.agent.decode.Packet;

/**
 * Frames and bytes per (interface, source MAC, destination MAC), for RMON's matrix tables. Only
 * frames with both addresses count (Ethernet-like links; a cooked capture has no destination). It
 * shares the station table's cap and idle timeout: a pair outlives neither of its stations by much
 * in practice, and one setting is easier to reason about than two.
 *
 * <p><b>It also feeds the station table.</b> A frame's two stations are its pair's two ends, so
 * instead of looking up both stations for every frame (two more random memory reads per frame),
 * each pair counts frames as pending, and {@link #fold} moves them to its totals and to its
 * stations: once a second, before every snapshot, and for a pair the cap evicts. Stations are
 * therefore exact in every snapshot; what changes is only that they are touched once per pair and
 * second instead of once per frame, so at the station cap "least recently seen" is decided by the
 * second, not the frame.
 */
final class MacPairTable extends InterfaceKeyedTable {

  private static final int KEY_WORDS = 3; // | source | destination | interface |

  /*
   * A pair's values, after its key in its record. A frame adds to the pending counts, which the
   * next fold moves into the totals (so every snapshot, taken after a fold, sees them at zero):
   * | pending packets (32) pending IP packets (32) | pending bytes | lastSeen | packets | bytes |
   * | firstSeen |
   */
  private static final int PENDING = 0;
  private static final int PENDING_BYTES = 1;
  private static final int LAST_SEEN = 2;
  private static final int PACKETS = 3;
  private static final int BYTES = 4;
  private static final int FIRST_SEEN = 5;
  private static final int VALUES = 6;
  private static final long ONE_PACKET = 1;
  private static final long ONE_IP_PACKET = 1L << 32;

  private final long idleTimeoutNanos;
  private final StationTable stations;

  /** Capture time of the last {@link #fold} of every pair: what came since arrived after it. */
  private long foldedAt = Long.MIN_VALUE;

  MacPairTable(int maxEntries, long idleTimeoutNanos, StationTable stations) {
    super(new RecordTable(maxEntries, KEY_WORDS, VALUES), 2);
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
    long pending = values[v + PENDING] + (p.isIp() ? ONE_PACKET | ONE_IP_PACKET : ONE_PACKET);
    values[v + PENDING] = pending;
    values[v + PENDING_BYTES] += p.originalLength;
    values[v + LAST_SEEN] = now;
    if ((int) pending == -1) {
      foldPair(values, v); // 2^32 - 1 frames without a fold (a clock that never moves on)
    }
  }

  /** Hands every pair's news to the stations, then drops the pairs idle too long. */
  void expire(long now) {
    RecordScans.removeIf(
        records,
        (t, v) -> {
          foldPair(t, v);
          return now - t[v + LAST_SEEN] > idleTimeoutNanos;
        });
    foldedAt = now;
  }

  /** Hands every pair's news to the stations (before a snapshot). */
  void fold(long now) {
    RecordScans.forEach(records, this::foldPair);
    foldedAt = now;
  }

  /** Moves the pair's pending counts into its totals and adds them to its two stations. */
  private void foldPair(long[] t, int v) {
    long pending = t[v + PENDING];
    if (pending == 0) {
      return;
    }
    long packets = pending & 0xFFFF_FFFFL;
    long ip = pending >>> 32;
    long bytes = t[v + PENDING_BYTES];
    t[v + PACKETS] += packets;
    t[v + BYTES] += bytes;
    t[v + PENDING] = 0;
    t[v + PENDING_BYTES] = 0;
    // the first of these frames came no earlier than the pair, nor than the last fold
    long firstSeen = Math.max(t[v + FIRST_SEEN], foldedAt);
    stations.fold(
        records.keyOf(v, 0),
        records.keyOf(v, 1),
        (int) records.keyOf(v, 2),
        packets,
        bytes,
        ip,
        Math.min(firstSeen, t[v + LAST_SEEN]),
        t[v + LAST_SEEN]);
  }

  List<MacPair> snapshot(IntFunction<String> interfaceNames) {
    return LazyRows.newestFirst(
        RecordScans.freeze(records),
        (f, s) -> {
          long[] values = f.table();
          int ifId = (int) f.key(s, 2);
          int v = f.values(s);
          return new MacPair(
              ifId,
              interfaceNames.apply(ifId),
              f.key(s, 0),
              f.key(s, 1),
              values[v + PACKETS],
              values[v + BYTES],
              values[v + FIRST_SEEN],
              values[v + LAST_SEEN]);
        });
  }
}
