package org.iptraf.agent.stats;

import java.util.List;
import java.util.function.IntFunction;
import org.iptraf.agent.decode.Packet;

/** The LAN station monitor: one entry per MAC address and interface. */
final class StationTable extends InterfaceKeyedTable {
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

  StationTable(int maxEntries, long idleTimeoutNanos) {
    super(new RecordTable(maxEntries, 2, VALUES), 1);
    // first looked at the second after it is made: a fold can make it with a last-seen time
    // seconds old
    records.expireWith(1, ExpiryWheel.idleAfter(LAST_SEEN, idleTimeoutNanos));
  }

  /**
   * Counts the sender of a frame that has no destination address (a cooked capture); frames with
   * both addresses reach the stations through their MAC pair's {@link #fold}.
   */
  void countSender(Packet p, int interfaceId, long now) {
    if ((p.srcMac & GROUP_BIT) == 0) {
      int v = entry(p.srcMac, interfaceId, now, now);
      long[] values = records.table();
      values[v + OUT_PACKETS]++;
      values[v + OUT_BYTES] += p.originalLength;
      values[v + IP_PACKETS] += p.isIp() ? 1 : 0;
    }
  }

  /**
   * Counts frames from {@code source} to {@code destination} seen between {@code firstSeen} and
   * {@code lastSeen}: the sender's out, the receiver's in unless it is a group address.
   */
  void fold(
      long source,
      long destination,
      int interfaceId,
      long packets,
      long bytes,
      long ipPackets,
      long firstSeen,
      long lastSeen) {
    if ((source & GROUP_BIT) == 0) {
      int v = entry(source, interfaceId, firstSeen, lastSeen);
      long[] values = records.table();
      values[v + OUT_PACKETS] += packets;
      values[v + OUT_BYTES] += bytes;
      values[v + IP_PACKETS] += ipPackets;
      if (destination == BROADCAST) {
        values[v + OUT_BROADCAST] += packets;
      } else if ((destination & GROUP_BIT) != 0) {
        values[v + OUT_MULTICAST] += packets;
      }
    }
    if ((destination & GROUP_BIT) == 0) {
      int v = entry(destination, interfaceId, firstSeen, lastSeen);
      long[] values = records.table();
      values[v + IN_PACKETS] += packets;
      values[v + IN_BYTES] += bytes;
      values[v + IP_PACKETS] += ipPackets;
    }
  }

  /** The station's record, made if new, its first and last seen widened: its values' offset. */
  private int entry(long mac, int interfaceId, long firstSeen, long lastSeen) {
    int v = records.acquire(mac, interfaceId);
    long[] values = records.table();
    if (records.inserted || firstSeen < values[v + FIRST_SEEN]) {
      values[v + FIRST_SEEN] = firstSeen;
    }
    if (lastSeen > values[v + LAST_SEEN]) {
      values[v + LAST_SEEN] = lastSeen;
    }
    return v;
  }

  void expire(long now) {
    records.expire(now);
  }

  /** Expiry as before the wheel: every record at every tick (tests compare the two). */
  void lookAtEveryRecordEveryTick() {
    records.lookAtEveryRecordEveryTick();
  }

  List<Station> snapshot(IntFunction<String> interfaceNames) {
    return LazyRows.newestFirst(
        RecordScans.freeze(records),
        (f, s) -> {
          long[] values = f.table();
          int ifId = (int) f.key(s, 1);
          int v = f.values(s);
          return new Station(
              ifId,
              interfaceNames.apply(ifId),
              f.key(s, 0),
              values[v + IN_PACKETS],
              values[v + IN_BYTES],
              values[v + OUT_PACKETS],
              values[v + OUT_BYTES],
              values[v + IP_PACKETS],
              values[v + LAST_SEEN],
              values[v + OUT_BROADCAST],
              values[v + OUT_MULTICAST],
              values[v + FIRST_SEEN]);
        });
  }
}
