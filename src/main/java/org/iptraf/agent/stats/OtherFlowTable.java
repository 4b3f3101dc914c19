package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.iptraf.agent.decode.EtherType;
import org.iptraf.agent.decode.IpProtocol;
import org.iptraf.agent.decode.Packet;

/**
 * Non-TCP traffic, aggregated into flows instead of iptraf-ng's per-packet scroll: UDP by
 * five-tuple (both directions in one flow), ICMP/ICMPv6/IGMP by sender, receiver, type and code,
 * any other IP protocol by protocol and host pair, non-IP by ethertype and MAC pair.
 */
final class OtherFlowTable {

  /*
   * The index context packs what is not an endpoint:
   * | interface id (22 bits) | kind (2) | protocol, or ethertype >> 16 for non-IP (8) |
   */
  private static final int KIND_SHIFT = 8;
  private static final int IF_SHIFT = 10;
  private static final int PROTOCOL_MASK = 0xFF;
  private static final int KIND_MASK = 0x3;

  private static final OtherFlow.Kind[] KINDS = OtherFlow.Kind.values();

  private final FlowRecords flows;
  private final RecordTable records;
  /*
   * A flow's values after its key: | packets | bytes | lastSeen | firstSeen |
   * | vlan+1 (13) . first packet's sender stored second (1) . detail (32) |, where detail is the
   * GRE protocol type, or the ARP operation, or -1, and vlan the VLAN id of the last frame (0: none).
   */
  private static final int PACKETS = 0;
  private static final int BYTES = 1;
  private static final int LAST_SEEN = 2;
  private static final int FIRST_SEEN = 3;
  private static final int DETAIL = 4;
  private static final int VALUES = 5;
  private static final long OPENER_SECOND = 1L << 32;
  private static final int VLAN_SHIFT = 40;
  private static final long VLAN_MASK = 0x1FFFL << VLAN_SHIFT;

  /** Where ended flows go for an exporter; null when none takes them. */
  private EndedRecords ended;

  OtherFlowTable(int maxEntries, long idleTimeoutNanos) {
    this.flows = new FlowRecords(maxEntries, VALUES);
    this.records = flows.records();
    ExpiryWheel.Expiry idle = ExpiryWheel.idleAfter(LAST_SEEN, idleTimeoutNanos);
    records.expireWith(
        idleTimeoutNanos / 1_000_000_000L,
        (t, v, now) -> {
          long next = idle.check(t, v, now);
          if (next == ExpiryWheel.REMOVE && ended != null) {
            ended.add(t, v, FlowEnd.IDLE);
          }
          return next;
        });
    records.onEviction(
        (t, v) -> {
          if (ended != null) {
            ended.add(t, v, FlowEnd.EVICTED);
          }
        });
  }

  /** Counts an IP packet that is not TCP. */
  void countIp(Packet p, int interfaceId, long now) {
    add(ip(p, interfaceId), p.ipLength, now, p.greProtocol, p.vlanId);
  }

  /** Counts a frame without IP, keyed by its MAC addresses (zero where the link has none). */
  void countNonIp(Packet p, int interfaceId, long now) {
    add(
        nonIp(p, interfaceId),
        p.originalLength,
        now,
        p.network == Packet.NET_ARP ? p.arpOperation : -1,
        p.vlanId);
  }

  /** The flow's record: its values offset. */
  private int ip(Packet p, int interfaceId) {
    long k = ipKey(p, interfaceId);
    int a = (int) (k >>> 48);
    int b = (int) (k >>> 32) & 0xFFFF;
    return flows.acquire(p.srcHi, p.srcLo, a, p.dstHi, p.dstLo, b, (int) k, symmetric(p));
  }

  /** Where the record {@link #countIp} would count into starts ({@link Lookahead}). */
  int slotOf(Packet p, int interfaceId) {
    long k = ipKey(p, interfaceId);
    int a = (int) (k >>> 48);
    int b = (int) (k >>> 32) & 0xFFFF;
    return flows.slotOf(p.srcHi, p.srcLo, a, p.dstHi, p.dstLo, b, (int) k, symmetric(p));
  }

  /** Its records, which {@link Lookahead} reads ahead. */
  RecordTable records() {
    return records;
  }

  /**
   * The rest of an IP packet's key: the "ports" of both ends (ICMP: type and code; 16 bits each)
   * and the context (32 bits), packed.
   */
  private static long ipKey(Packet p, int interfaceId) {
    return switch (p.protocol) {
      case IpProtocol.UDP ->
          (long) p.srcPort << 48
              | (long) p.dstPort << 32
              | context(interfaceId, OtherFlow.Kind.UDP, IpProtocol.UDP) & 0xFFFF_FFFFL;
      case IpProtocol.ICMP, IpProtocol.ICMPV6, IpProtocol.IGMP ->
          (long) (p.icmpType & 0xFFFF) << 48
              | (long) (p.icmpCode & 0xFFFF) << 32
              | context(interfaceId, OtherFlow.Kind.ICMP, p.protocol) & 0xFFFF_FFFFL;
      default ->
          context(interfaceId, OtherFlow.Kind.OTHER_IP, p.protocol & PROTOCOL_MASK) & 0xFFFF_FFFFL;
    };
  }

  /** Whether both directions of an IP flow share one record: not for ICMP's type and code. */
  private static boolean symmetric(Packet p) {
    return switch (p.protocol) {
      case IpProtocol.ICMP, IpProtocol.ICMPV6, IpProtocol.IGMP -> false;
      default -> true;
    };
  }

  private int nonIp(Packet p, int interfaceId) {
    int type = p.etherType < 0 ? 0 : p.etherType;
    int context = context(interfaceId, OtherFlow.Kind.NON_IP, type >>> 16);
    return flows.acquire(0, p.srcMac, type & 0xFFFF, 0, p.dstMac, type & 0xFFFF, context, true);
  }

  private static int context(int interfaceId, OtherFlow.Kind kind, int protocol) {
    return (interfaceId << IF_SHIFT) | (kind.ordinal() << KIND_SHIFT) | protocol;
  }

  private void add(int v, int length, long now, int detailValue, int vlanId) {
    long[] t = records.table();
    long opener;
    if (records.inserted) {
      t[v + FIRST_SEEN] = now;
      opener = flows.reversed ? OPENER_SECOND : 0;
    } else {
      opener = t[v + DETAIL] & OPENER_SECOND;
    }
    t[v + PACKETS]++;
    t[v + BYTES] += length;
    t[v + LAST_SEEN] = now;
    t[v + DETAIL] =
        opener | (detailValue & 0xFFFF_FFFFL) | ((long) (vlanId + 1) << VLAN_SHIFT & VLAN_MASK);
  }

  /** Frees flows idle for longer than the timeout. */
  void expire(long now) {
    records.expire(now);
  }

  /** Expiry as before the wheel: every record at every tick (tests compare the two). */
  void lookAtEveryRecordEveryTick() {
    records.lookAtEveryRecordEveryTick();
  }

  /** Drops every flow of an interface that is gone. */
  void removeInterface(int interfaceId) {
    if (ended == null) {
      flows.removeContext(-1 << IF_SHIFT, interfaceId << IF_SHIFT);
      return;
    }
    RecordScans.removeIf(
        records,
        (t, v) -> {
          boolean remove = flows.contextOf(v) >>> IF_SHIFT == interfaceId;
          if (remove) {
            ended.add(t, v, FlowEnd.REMOVED);
          }
          return remove;
        });
  }

  /** From now on, ended flows are kept (up to {@code capacity}) for {@link #takeEnded}. */
  void keepEnded(int capacity) {
    ended = new EndedRecords(records, capacity);
  }

  /** The writer built snapshot {@code n}. */
  void snapshotBuilt(long n) {
    if (ended != null) {
      ended.sequence(n);
    }
  }

  /** The flows that ended before snapshot {@code before}, oldest first. */
  List<Ended<OtherFlow>> takeEnded(long before, IntFunction<String> interfaceNames) {
    if (ended == null) {
      return List.of();
    }
    FrozenRecords f = ended.take(before);
    List<Ended<OtherFlow>> rows = new ArrayList<>(f.size());
    for (int i = 0; i < f.size(); i++) {
      rows.add(new Ended<>(row(f, i, interfaceNames), EndedRecords.how(f, i)));
    }
    return rows;
  }

  /** Ended flows lost because the buffer was full. */
  long endedDropped() {
    return ended == null ? 0 : ended.dropped();
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

  /** Most recently seen first; the rows are made when first read ({@link LazyRows}). */
  List<OtherFlow> snapshot(IntFunction<String> interfaceNames) {
    FrozenRecords f = RecordScans.freeze(records);
    return LazyRows.newestFirst(
        f, (fr, i) -> row(fr, i, interfaceNames), Order.FLOWS, FlowRanking::of);
  }

  /** A record's bytes, for {@link FlowRanking}. */
  static long bytes(FrozenRecords f, int i) {
    return f.table()[f.values(i) + BYTES];
  }

  /** The side of record i that is its row's {@code a}, for {@link FlowRanking}. */
  static int opener(FrozenRecords f, int i) {
    return opener(f.table(), f.values(i));
  }

  /** The side of the record whose values start at {@code v} that is the row's {@code a}. */
  private static int opener(long[] t, int v) {
    return (t[v + DETAIL] & OPENER_SECOND) != 0 ? FlowRecords.SECOND : FlowRecords.FIRST;
  }

  /** The interface of a record's context word. */
  static int interfaceOf(int ctx) {
    return ctx >>> IF_SHIFT;
  }

  /** The protocol (an IP protocol number, or an EtherType's high bits) of a context word. */
  static int protocolOf(int ctx) {
    return ctx & PROTOCOL_MASK;
  }

  /** The kind of a record's context word. */
  static OtherFlow.Kind kind(int ctx) {
    return KINDS[(ctx >>> KIND_SHIFT) & KIND_MASK];
  }

  private static OtherFlow row(FrozenRecords f, int slot, IntFunction<String> interfaceNames) {
    int ctx = FlowRecords.context(f, slot);
    int ifId = ctx >>> IF_SHIFT;
    OtherFlow.Kind kind = KINDS[(ctx >>> KIND_SHIFT) & KIND_MASK];
    int protocol = ctx & PROTOCOL_MASK;
    long[] t = f.table();
    int v = f.values(slot);
    int detail = (int) t[v + DETAIL];
    int vlanId = (int) ((t[v + DETAIL] & VLAN_MASK) >>> VLAN_SHIFT) - 1;
    long packets = t[v + PACKETS];
    long bytes = t[v + BYTES];
    long firstSeen = t[v + FIRST_SEEN];
    long lastSeen = t[v + LAST_SEEN];
    int a = opener(t, v);
    int b = 1 - a;
    String ifName = interfaceNames.apply(ifId);
    if (kind == OtherFlow.Kind.NON_IP) {
      int type = (protocol << 16) | FlowRecords.port(f, slot, a);
      String detailText = EtherType.name(type) + (detail >= 0 ? " op " + detail : "");
      return new OtherFlow(
          ifId,
          ifName,
          kind,
          type,
          EtherType.name(type),
          null,
          null,
          Macs.format(FlowRecords.lo(f, slot, a)),
          Macs.format(FlowRecords.lo(f, slot, b)),
          detailText,
          packets,
          bytes,
          firstSeen,
          lastSeen,
          vlanId);
    }
    boolean ports = kind == OtherFlow.Kind.UDP;
    return new OtherFlow(
        ifId,
        ifName,
        kind,
        protocol,
        IpProtocol.name(protocol),
        endpoint(f, slot, a, ports),
        endpoint(f, slot, b, ports),
        null,
        null,
        ipDetail(f, slot, a, kind, protocol, detail),
        packets,
        bytes,
        firstSeen,
        lastSeen,
        vlanId);
  }

  private static Endpoint endpoint(FrozenRecords f, int slot, int side, boolean ports) {
    return new Endpoint(
        FlowRecords.hi(f, slot, side),
        FlowRecords.lo(f, slot, side),
        ports ? FlowRecords.port(f, slot, side) : -1);
  }

  /** ICMP's type and code (kept in the ports), GRE's payload type, or nothing. */
  private static String ipDetail(
      FrozenRecords f, int slot, int a, OtherFlow.Kind kind, int protocol, int detail) {
    return switch (kind) {
      case ICMP ->
          "type " + FlowRecords.port(f, slot, a) + " code " + FlowRecords.port(f, slot, 1 - a);
      case UDP -> "";
      default ->
          protocol == IpProtocol.GRE && detail >= 0 ? String.format("payload 0x%04x", detail) : "";
    };
  }
}
