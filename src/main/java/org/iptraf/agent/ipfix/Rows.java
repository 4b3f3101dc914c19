package org.iptraf.agent.ipfix;

import org.iptraf.agent.stats.Endpoint;
import org.iptraf.agent.stats.OtherFlow;
import org.iptraf.agent.stats.TcpConnection;

/** Fills a data record's fields from a row of the tables and the counts to export. */
final class Rows {
  private static final int TCP = 6;
  private static final int ICMP = 1;
  private static final int ICMPV6 = 58;
  private static final int SYN = 0x02;
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private Rows() {}

  /** The template of a TCP connection, with its fields (counts and reason left to the caller). */
  static Template tcp(TcpConnection c, long ingress, FlowFields f) {
    boolean v4 = addresses(c.a(), c.b(), f);
    times(c.firstSeenNanos(), c.lastSeenNanos(), f);
    f.sourcePort = c.a().port();
    f.destinationPort = c.b().port();
    f.protocol = TCP;
    f.tcpFlags = c.aToB().flagsSeen();
    f.reverseTcpFlags = c.bToA().flagsSeen();
    f.ingressInterface = ingress;
    f.vlanId = Math.max(0, c.vlanId());
    // RFC 5103 6.3: the source is the initiator when we saw it open the connection
    f.biflowDirection = (c.aToB().flagsSeen() & SYN) != 0 ? 1 : 0;
    return v4 ? Template.TCP_IPV4 : Template.TCP_IPV6;
  }

  /** The template of an other flow, with its fields (counts and reason left to the caller). */
  static Template other(OtherFlow o, long ingress, FlowFields f) {
    times(o.firstSeenNanos(), o.lastSeenNanos(), f);
    f.ingressInterface = ingress;
    f.vlanId = Math.max(0, o.vlanId());
    if (o.kind() == OtherFlow.Kind.NON_IP) {
      f.sourceMac = mac(o.aMac());
      f.destinationMac = mac(o.bMac());
      f.etherType = o.protocolNumber() & 0xFFFF;
      return Template.NON_IP;
    }
    boolean v4 = addresses(o.a(), o.b(), f);
    f.protocol = o.protocolNumber();
    f.sourcePort = Math.max(0, o.a().port());
    f.destinationPort = Math.max(0, o.b().port());
    f.icmpTypeCode = icmpTypeCode(o);
    return v4 ? Template.OTHER_IPV4 : Template.OTHER_IPV6;
  }

  /**
   * Both addresses as 4 bytes when both are IPv4, else as 16 (IPv4 then mapped, ::ffff:a.b.c.d).
   */
  private static boolean addresses(Endpoint a, Endpoint b, FlowFields f) {
    boolean v4 = a.isIpv4() && b.isIpv4();
    address(a, v4, f.source);
    address(b, v4, f.destination);
    return v4;
  }

  private static void address(Endpoint e, boolean v4, byte[] out) {
    if (v4) {
      for (int i = 0; i < 4; i++) {
        out[i] = (byte) (e.lo() >>> (24 - 8 * i));
      }
      return;
    }
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (e.hi() >>> (56 - 8 * i));
      out[8 + i] = (byte) (e.lo() >>> (56 - 8 * i));
    }
  }

  private static void times(long firstNanos, long lastNanos, FlowFields f) {
    f.startMillis = Math.floorDiv(firstNanos, NANOS_PER_MILLI);
    f.endMillis = Math.floorDiv(lastNanos, NANOS_PER_MILLI);
  }

  /**
   * The ICMP type and code as icmpTypeCodeIPv4/IPv6 carry them (type * 256 + code), from the row's
   * detail {@code type T code C}; 0 for other protocols or a detail of another shape.
   */
  static int icmpTypeCode(OtherFlow o) {
    if (o.kind() != OtherFlow.Kind.ICMP
        || (o.protocolNumber() != ICMP && o.protocolNumber() != ICMPV6)) {
      return 0;
    }
    String[] w = o.detail().split(" ");
    if (w.length != 4 || !w[0].equals("type") || !w[2].equals("code")) {
      return 0;
    }
    try {
      return (Integer.parseInt(w[1]) & 0xFF) << 8 | (Integer.parseInt(w[3]) & 0xFF);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** {@code 02:1b:00:00:00:01} as 48 bits; 0 for anything else. */
  static long mac(String text) {
    if (text == null || text.length() != 17) {
      return 0;
    }
    long m = 0;
    for (int i = 0; i < 6; i++) {
      int hi = Character.digit(text.charAt(3 * i), 16);
      int lo = Character.digit(text.charAt(3 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return 0;
      }
      m = m << 8 | hi << 4 | lo;
    }
    return m;
  }
}
