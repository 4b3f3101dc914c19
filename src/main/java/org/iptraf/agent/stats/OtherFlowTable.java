package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.Arrays;
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
final class OtherFlowTable implements FlowIndex.Owner {

  /*
   * The index context packs what is not an endpoint:
   * | interface id (22 bits) | kind (2) | protocol, or ethertype >> 16 for non-IP (8) |
   */
  private static final int KIND_SHIFT = 8;
  private static final int IF_SHIFT = 10;
  private static final int PROTOCOL_MASK = 0xFF;
  private static final int KIND_MASK = 0x3;

  private static final OtherFlow.Kind[] KINDS = OtherFlow.Kind.values();

  private final FlowIndex index;
  private final long idleTimeoutNanos;
  /*
   * A flow's values side by side, so that counting a packet touches one or two cache lines, not
   * one per field: | packets | bytes | firstSeen | lastSeen | detail | per entry, where detail is
   * the GRE protocol type, or the ARP operation, or -1.
   */
  private static final int PACKETS = 0;
  private static final int BYTES = 1;
  private static final int FIRST_SEEN = 2;
  private static final int LAST_SEEN = 3;
  private static final int DETAIL = 4;
  private static final int VALUES = 5;

  private long[] values = new long[0];

  OtherFlowTable(int maxEntries, long idleTimeoutNanos) {
    this.index = new FlowIndex(maxEntries, this);
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  /** Counts an IP packet that is not TCP. */
  void countIp(Packet p, int interfaceId, long now) {
    int e;
    switch (p.protocol) {
      case IpProtocol.UDP -> e = index.acquire(p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo,
          p.dstPort, context(interfaceId, OtherFlow.Kind.UDP, IpProtocol.UDP), true);
      case IpProtocol.ICMP, IpProtocol.ICMPV6, IpProtocol.IGMP -> e = index.acquire(
          p.srcHi, p.srcLo, p.icmpType & 0xFFFF, p.dstHi, p.dstLo, p.icmpCode & 0xFFFF,
          context(interfaceId, OtherFlow.Kind.ICMP, p.protocol), false);
      default -> e = index.acquire(p.srcHi, p.srcLo, 0, p.dstHi, p.dstLo, 0,
          context(interfaceId, OtherFlow.Kind.OTHER_IP, p.protocol & PROTOCOL_MASK), true);
    }
    add(e, p.ipLength, now, p.greProtocol);
  }

  /** Counts a frame without IP, keyed by its MAC addresses (zero where the link has none). */
  void countNonIp(Packet p, int interfaceId, long now) {
    int type = p.etherType < 0 ? 0 : p.etherType;
    int e = index.acquire(0, p.srcMac, type & 0xFFFF, 0, p.dstMac, type & 0xFFFF,
        context(interfaceId, OtherFlow.Kind.NON_IP, type >>> 16), true);
    add(e, p.originalLength, now, p.network == Packet.NET_ARP ? p.arpOperation : -1);
  }

  private static int context(int interfaceId, OtherFlow.Kind kind, int protocol) {
    return (interfaceId << IF_SHIFT) | (kind.ordinal() << KIND_SHIFT) | protocol;
  }

  private void add(int e, int length, long now, int detailValue) {
    int v = e * VALUES;
    if (index.inserted) {
      values[v + PACKETS] = 0;
      values[v + BYTES] = 0;
      values[v + FIRST_SEEN] = now;
    }
    values[v + PACKETS]++;
    values[v + BYTES] += length;
    values[v + LAST_SEEN] = now;
    values[v + DETAIL] = detailValue;
  }

  /** Frees flows idle for longer than the timeout, oldest first. */
  void expire(long now) {
    for (int e = index.oldest(); e != -1; ) {
      int newer = index.newer(e);
      if (now - values[e * VALUES + LAST_SEEN] <= idleTimeoutNanos) {
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

  List<OtherFlow> snapshot(IntFunction<String> interfaceNames) {
    List<OtherFlow> rows = new ArrayList<>(index.size());
    for (int e = index.newest(); e != -1; e = index.older(e)) {
      rows.add(row(e, interfaceNames));
    }
    return rows;
  }

  private OtherFlow row(int e, IntFunction<String> interfaceNames) {
    int ctx = index.context(e);
    int ifId = ctx >>> IF_SHIFT;
    OtherFlow.Kind kind = KINDS[(ctx >>> KIND_SHIFT) & KIND_MASK];
    int protocol = ctx & PROTOCOL_MASK;
    int v = e * VALUES;
    int detail = (int) values[v + DETAIL];
    long packets = values[v + PACKETS];
    long bytes = values[v + BYTES];
    long firstSeen = values[v + FIRST_SEEN];
    long lastSeen = values[v + LAST_SEEN];
    String ifName = interfaceNames.apply(ifId);
    if (kind == OtherFlow.Kind.NON_IP) {
      int type = (protocol << 16) | index.aPort(e);
      String detailText = EtherType.name(type)
          + (detail >= 0 ? " op " + detail : "");
      return new OtherFlow(ifId, ifName, kind, type, EtherType.name(type), null, null,
          Macs.format(index.aLo(e)), Macs.format(index.bLo(e)), detailText, packets, bytes,
          firstSeen, lastSeen);
    }
    boolean ports = kind == OtherFlow.Kind.UDP;
    Endpoint a = new Endpoint(index.aHi(e), index.aLo(e), ports ? index.aPort(e) : -1);
    Endpoint b = new Endpoint(index.bHi(e), index.bLo(e), ports ? index.bPort(e) : -1);
    String detailText = switch (kind) {
      case ICMP -> "type " + index.aPort(e) + " code " + index.bPort(e);
      case UDP -> "";
      default -> protocol == IpProtocol.GRE && detail >= 0
          ? String.format("payload 0x%04x", detail) : "";
    };
    return new OtherFlow(ifId, ifName, kind, protocol, IpProtocol.name(protocol), a, b, null, null,
        detailText, packets, bytes, firstSeen, lastSeen);
  }

  @Override
  public void grow(int n) {
    values = Arrays.copyOf(values, n * VALUES);
  }

  @Override
  public void evicting(int entry) {
    // counted by the index
  }
}
