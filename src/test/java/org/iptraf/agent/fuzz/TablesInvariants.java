package org.iptraf.agent.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.iptraf.agent.stats.CaptureSnapshot;
import org.iptraf.agent.stats.Counts;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.SizeBucket;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.stats.TcpConnection;

/**
 * What must hold in any snapshot, whatever bytes came in: nothing negative, classes add up to no
 * more than their totals, the interfaces and the size breakdown account for every frame counted.
 */
final class TablesInvariants {

  private TablesInvariants() {}

  /**
   * @param fed frames handed to the tables so far, or -1 when unknown (the snapshot may lag)
   */
  static void check(TablesSnapshot s, long fed, int tcpCap, int flowCap, int stationCap) {
    CaptureSnapshot c = s.capture();
    nonNegative(
        "capture counters",
        c.frames(),
        c.bytes(),
        c.malformed(),
        c.unknownLinkType(),
        c.filtered(),
        c.loopbackDuplicates(),
        c.tcpEvictions(),
        c.flowEvictions(),
        c.stationEvictions(),
        c.tcpConnectionsOpened(),
        c.vlanEvictions(),
        c.macPairEvictions());
    if (fed >= 0) {
      assertThat(c.frames()).as("capture.frames == frames fed").isEqualTo(fed);
    }
    assertThat(c.malformed() + c.unknownLinkType()).isLessThanOrEqualTo(c.frames());

    long counted = 0;
    long[] totalsInOut = new long[2];
    for (InterfaceSnapshot i : s.interfaces()) {
      String at = "interface " + i.name();
      Counts[] all = {
        i.total(),
        i.ipv4(),
        i.ipv6(),
        i.tcp(),
        i.udp(),
        i.icmp(),
        i.icmpv6(),
        i.otherIp(),
        i.nonIp(),
        i.arp(),
        i.broadcast(),
        i.multicast()
      };
      for (Counts k : all) {
        nonNegative(at + " " + k, k.inPackets(), k.inBytes(), k.outPackets(), k.outBytes());
      }
      for (boolean in : new boolean[] {true, false}) {
        long total = packets(i.total(), in);
        long ip = packets(i.ipv4(), in) + packets(i.ipv6(), in);
        long byProtocol =
            packets(i.tcp(), in)
                + packets(i.udp(), in)
                + packets(i.icmp(), in)
                + packets(i.icmpv6(), in)
                + packets(i.otherIp(), in);
        assertThat(ip + packets(i.nonIp(), in))
            .as(at + " ip + non-ip <= total")
            .isLessThanOrEqualTo(total);
        assertThat(byProtocol).as(at + " protocols == ipv4 + ipv6").isEqualTo(ip);
        assertThat(packets(i.arp(), in))
            .as(at + " arp <= non-ip")
            .isLessThanOrEqualTo(packets(i.nonIp(), in));
        assertThat(packets(i.broadcast(), in) + packets(i.multicast(), in))
            .as(at + " broadcast + multicast <= total")
            .isLessThanOrEqualTo(total);
        long ipBytes = bytes(i.ipv4(), in) + bytes(i.ipv6(), in);
        assertThat(ipBytes)
            .as(at + " ip bytes <= frame bytes")
            .isLessThanOrEqualTo(bytes(i.total(), in));
      }
      assertThat(i.badIpChecksum()).isBetween(0L, i.ipv4().packets());
      assertThat(i.ipFragments()).isBetween(0L, i.ipv4().packets() + i.ipv6().packets());
      long rmon = 0;
      for (long r : i.rmonSizes()) {
        assertThat(r).isNotNegative();
        rmon += r;
      }
      assertThat(rmon).as(at + " rmon buckets == total").isEqualTo(i.total().packets());
      counted += i.total().packets();
      totalsInOut[0] += i.total().inPackets();
      totalsInOut[1] += i.total().outPackets();
    }
    assertThat(counted)
        .as("interfaces account for every frame not dropped as duplicate")
        .isEqualTo(c.frames() - c.loopbackDuplicates() - c.filtered());

    long[] sizesInOut = new long[2];
    for (SizeBucket b : s.packetSizes().buckets()) {
      assertThat(b.inPackets()).isNotNegative();
      assertThat(b.outPackets()).isNotNegative();
      sizesInOut[0] += b.inPackets();
      sizesInOut[1] += b.outPackets();
    }
    assertThat(sizesInOut)
        .as("size breakdown in/out == interface totals in/out")
        .containsExactly(totalsInOut);

    assertThat(s.tcpConnections()).hasSizeLessThanOrEqualTo(tcpCap);
    assertThat(s.otherFlows()).hasSizeLessThanOrEqualTo(flowCap);
    assertThat(s.stations()).hasSizeLessThanOrEqualTo(stationCap);
    assertThat(c.tcpConnectionsOpened()).isGreaterThanOrEqualTo(s.tcpConnections().size());
    for (TcpConnection t : s.tcpConnections()) {
      for (TcpConnection.Direction d : new TcpConnection.Direction[] {t.aToB(), t.bToA()}) {
        assertThat(d.packets()).isNotNegative();
        assertThat(d.bytes()).isNotNegative();
      }
    }
  }

  private static void nonNegative(String what, long... values) {
    for (long v : values) {
      if (v < 0) {
        throw new AssertionError(what + ": negative value " + v);
      }
    }
  }

  private static long packets(Counts k, boolean in) {
    return in ? k.inPackets() : k.outPackets();
  }

  private static long bytes(Counts k, boolean in) {
    return in ? k.inBytes() : k.outBytes();
  }
}
