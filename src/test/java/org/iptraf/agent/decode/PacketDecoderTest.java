package org.iptraf.agent.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.LinkType;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {

  private final PacketDecoder decoder = new PacketDecoder();
  private final Packet p = new Packet();

  private Packet decode(int linkType, byte[] frame) {
    return decode(linkType, frame, frame.length, FrameSink.NO_VLAN);
  }

  private Packet decode(int linkType, byte[] frame, int originalLength, int vlanTci) {
    // put the frame at an odd offset of a larger buffer: offsets must be honoured
    ByteBuffer buf = ByteBuffer.allocate(frame.length + 13).order(ByteOrder.LITTLE_ENDIAN);
    buf.position(7);
    buf.put(frame);
    return decoder.decode(
        buf, 7, frame.length, originalLength, linkType, FrameSink.DIRECTION_IN, vlanTci, p);
  }

  private static long v4(String a) {
    byte[] b = ip(a);
    return Packet.IPV4_MAPPED
        | ((b[0] & 0xFFL) << 24 | (b[1] & 0xFFL) << 16 | (b[2] & 0xFFL) << 8 | (b[3] & 0xFFL));
  }

  @Test
  void readsEthernetIpv4Tcp() {
    byte[] tcp = tcp(40000, 443, SYN | ACK, 29200, 10);
    byte[] frame = ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp));
    decode(LinkType.ETHERNET, frame);
    assertThat(p.malformed).isFalse();
    assertThat(p.network).isEqualTo(Packet.NET_IPV4);
    assertThat(p.srcMac).isEqualTo(0x02000000000aL);
    assertThat(p.dstMac).isEqualTo(0x02000000000bL);
    assertThat(p.srcLo).isEqualTo(v4("10.0.0.1"));
    assertThat(p.dstLo).isEqualTo(v4("10.0.0.2"));
    assertThat(p.ipLength).isEqualTo(20 + 20 + 10);
    assertThat(p.protocol).isEqualTo(6);
    assertThat(p.srcPort).isEqualTo(40000);
    assertThat(p.dstPort).isEqualTo(443);
    assertThat(p.tcpFlags).isEqualTo(SYN | ACK);
    assertThat(p.tcpWindow).isEqualTo(29200);
    assertThat(p.badIpChecksum).isFalse();
    assertThat(p.broadcast || p.multicast).isFalse();
  }

  @Test
  void detectsBadIpv4HeaderChecksum() {
    byte[] frame = ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, 0)));
    frame[14 + 10] ^= 0x01;
    decode(LinkType.ETHERNET, frame);
    assertThat(p.badIpChecksum).isTrue();
    assertThat(p.malformed).isFalse();
  }

  @Test
  void readsIpv4OptionsAndFragments() {
    byte[] options = {(byte) 0x94, 0x04, 0, 0}; // router alert, 4 bytes
    byte[] first = ipv4("10.0.0.1", "10.0.0.2", 17, 7, 0x2000, options, udp(53, 5353, 100));
    decode(LinkType.RAW, first);
    assertThat(p.fragment).isTrue();
    assertThat(p.laterFragment).isFalse();
    assertThat(p.hasTransport).isTrue();
    assertThat(p.dstPort).isEqualTo(5353);
    assertThat(p.ipLength).isEqualTo(24 + 8 + 100);
    assertThat(p.badIpChecksum).isFalse();

    byte[] later = ipv4("10.0.0.1", "10.0.0.2", 17, 7, 14, new byte[0], zeros(50));
    decode(LinkType.RAW, later);
    assertThat(p.fragment).isTrue();
    assertThat(p.laterFragment).isTrue();
    assertThat(p.protocol).isEqualTo(17);
    assertThat(p.hasTransport).isFalse();
    assertThat(p.malformed).isFalse();
  }

  @Test
  void readsVlanTagWhereIptrafNgReadTwoBytesLate() {
    byte[] ipPacket = ipv4("192.0.2.1", "192.0.2.2", 17, udp(1000, 2000, 4));
    byte[] frame = tagged(MAC_B, MAC_A, new int[] {0x8100}, new int[] {42}, 0x0800, ipPacket);
    decode(LinkType.ETHERNET, frame);
    assertThat(p.vlanId).isEqualTo(42);
    assertThat(p.vlanTags).isEqualTo(1);
    assertThat(p.network).isEqualTo(Packet.NET_IPV4);
    assertThat(p.dstPort).isEqualTo(2000);
  }

  @Test
  void readsQinQOuterTagFirst() {
    byte[] ipPacket = ipv6("2001:db8::1", "2001:db8::2", 58, icmp(128, 0, 8));
    byte[] frame =
        tagged(MAC_B, MAC_A, new int[] {0x88a8, 0x8100}, new int[] {100, 7}, 0x86DD, ipPacket);
    decode(LinkType.ETHERNET, frame);
    assertThat(p.vlanId).isEqualTo(100);
    assertThat(p.vlanTags).isEqualTo(2);
    assertThat(p.network).isEqualTo(Packet.NET_IPV6);
    assertThat(p.icmpType).isEqualTo(128);
  }

  @Test
  void kernelStrippedTagComesFirst() {
    byte[] frame = ethernet(MAC_B, MAC_A, 0x0806, arp(1, MAC_A, ip("10.0.0.1"), ip("10.0.0.2")));
    decode(LinkType.ETHERNET, frame, frame.length, 0x2000 | 5);
    assertThat(p.vlanId).isEqualTo(5);
    assertThat(p.network).isEqualTo(Packet.NET_ARP);
    assertThat(p.arpOperation).isEqualTo(1);
  }

  @Test
  void readsSnapAndPlainLlc() {
    decode(
        LinkType.ETHERNET,
        snap(MAC_B, MAC_A, 0x0800, ipv4("10.1.1.1", "10.1.1.2", 1, icmp(8, 0, 4))));
    assertThat(p.network).isEqualTo(Packet.NET_IPV4);
    assertThat(p.icmpType).isEqualTo(8);

    decode(LinkType.ETHERNET, llc(mac("01:80:c2:00:00:00"), MAC_A, 0x42, zeros(35)));
    assertThat(p.network).isEqualTo(Packet.NET_NONE);
    assertThat(p.etherType).isEqualTo(EtherType.LLC);
    assertThat(p.multicast).isTrue();
    assertThat(p.malformed).isFalse();
  }

  @Test
  void broadcastAndArp() {
    decode(
        LinkType.ETHERNET,
        ethernet(BROADCAST, MAC_A, 0x0806, arp(1, MAC_A, ip("10.0.0.1"), ip("10.0.0.9"))));
    assertThat(p.broadcast).isTrue();
    assertThat(p.network).isEqualTo(Packet.NET_ARP);
    assertThat(p.etherType).isEqualTo(0x0806);
  }

  @Test
  void walksIpv6ExtensionHeaders() {
    byte[] upper = udp(546, 547, 12);
    byte[] chain = extension(43, extension(60, extension(51, ah(17, upper))));
    // hop-by-hop (0) -> routing (43) -> destination options (60) -> AH (51) -> UDP
    byte[] packet = ipv6("2001:db8::a", "ff02::1:2", 0, chain);
    decode(LinkType.RAW, packet);
    assertThat(p.malformed).isFalse();
    assertThat(p.ipv6ExtensionHeaders).isEqualTo(4);
    assertThat(p.protocol).isEqualTo(17);
    assertThat(p.srcPort).isEqualTo(546);
    assertThat(p.dstPort).isEqualTo(547);
    assertThat(p.ipLength).isEqualTo(packet.length);
    assertThat(p.multicast).isTrue();
    assertThat(p.dstHi >>> 56).isEqualTo(0xFF);
  }

  @Test
  void ipv6FragmentsKeepTheirProtocol() {
    byte[] first = ipv6("2001:db8::1", "2001:db8::2", 44, fragment(17, 0, true, 99, udp(7, 9, 64)));
    decode(LinkType.IPV6, first);
    assertThat(p.fragment).isTrue();
    assertThat(p.laterFragment).isFalse();
    assertThat(p.protocol).isEqualTo(17);
    assertThat(p.dstPort).isEqualTo(9);

    byte[] later = ipv6("2001:db8::1", "2001:db8::2", 44, fragment(17, 9, false, 99, zeros(30)));
    decode(LinkType.IPV6, later);
    assertThat(p.laterFragment).isTrue();
    assertThat(p.protocol).isEqualTo(17);
    assertThat(p.hasTransport).isFalse();
  }

  @Test
  void linuxCookedGivesDirectionAndLoopbackCopy() {
    byte[] ipPacket = ipv4("127.0.0.1", "127.0.0.1", 6, tcp(1, 2, ACK, 1, 0));
    decode(LinkType.LINUX_SLL, sll(4, 772, zeros(6), 0x0800, ipPacket));
    assertThat(p.direction).isEqualTo(FrameSink.DIRECTION_OUT);
    assertThat(p.loopbackOutCopy).isTrue();
    assertThat(p.network).isEqualTo(Packet.NET_IPV4);

    decode(LinkType.LINUX_SLL, sll(0, 1, MAC_A, 0x0800, ipPacket));
    assertThat(p.direction).isEqualTo(FrameSink.DIRECTION_IN);
    assertThat(p.loopbackOutCopy).isFalse();
    assertThat(p.srcMac).isEqualTo(0x02000000000aL);

    decode(
        LinkType.LINUX_SLL2,
        sll2(1, 1, MAC_A, 0x86DD, ipv6("fe80::1", "ff02::1", 58, icmp(134, 0, 8))));
    assertThat(p.broadcast).isTrue();
    assertThat(p.network).isEqualTo(Packet.NET_IPV6);
    assertThat(p.icmpType).isEqualTo(134);
  }

  @Test
  void rawNullPppSlipLinkTypes() {
    byte[] v4 = ipv4("198.51.100.1", "198.51.100.2", 17, udp(5000, 53, 20));
    byte[] v6 = ipv6("2001:db8::1", "2001:db8::2", 6, tcp(1, 80, SYN, 100, 0));
    for (int raw :
        new int[] {LinkType.RAW, LinkType.RAW_BSD, LinkType.RAW_OPENBSD, LinkType.IPV4}) {
      decode(raw, v4);
      assertThat(p.network).as("link type %d", raw).isEqualTo(Packet.NET_IPV4);
      assertThat(p.dstPort).isEqualTo(53);
    }
    decode(LinkType.IPV6, v6);
    assertThat(p.network).isEqualTo(Packet.NET_IPV6);
    decode(LinkType.NULL, bsdNull(2, v4));
    assertThat(p.network).isEqualTo(Packet.NET_IPV4);
    for (int af6 : new int[] {10, 24, 28, 30}) {
      decode(LinkType.NULL, bsdNull(af6, v6));
      assertThat(p.network).as("AF %d", af6).isEqualTo(Packet.NET_IPV6);
      assertThat(p.dstPort).isEqualTo(80);
    }
    decode(LinkType.LOOP, concat(new byte[] {0, 0, 0, 2}, v4));
    assertThat(p.network).isEqualTo(Packet.NET_IPV4);
    decode(LinkType.PPP, ppp(0x0021, v4));
    assertThat(p.network).isEqualTo(Packet.NET_IPV4);
    decode(LinkType.PPP, ppp(0x0057, v6));
    assertThat(p.network).isEqualTo(Packet.NET_IPV6);
    decode(LinkType.PPP, concat(new byte[] {0x21}, v4)); // address/control and PFC compressed
    assertThat(p.network).isEqualTo(Packet.NET_IPV4);
    decode(LinkType.PPP, ppp(0xC021, zeros(10))); // LCP
    assertThat(p.network).isEqualTo(Packet.NET_NONE);
    // MPLS over PPP (RFC 3032 4.3), one label with bottom of stack set, as in tcpdump's
    // mpls-traceroute.pcap
    decode(LinkType.PPP, ppp(0x0281, concat(new byte[] {0x00, 0x01, 0x01, 0x40}, v4)));
    assertThat(p.network).isEqualTo(Packet.NET_IPV4);
    assertThat(p.dstPort).isEqualTo(53);
    assertThat(p.malformed).isFalse();
    decode(LinkType.SLIP, slip(true, v4));
    assertThat(p.network).isEqualTo(Packet.NET_IPV4);
    assertThat(p.direction).isEqualTo(FrameSink.DIRECTION_OUT);
  }

  @Test
  void greIgmpAndOtherProtocolsByNumber() {
    byte[] inner = ipv4("10.9.9.1", "10.9.9.2", 6, tcp(1, 2, SYN, 1, 0));
    decode(LinkType.RAW, ipv4("203.0.113.1", "203.0.113.2", 47, gre(0x0800, inner)));
    assertThat(p.protocol).isEqualTo(47);
    assertThat(p.greProtocol).isEqualTo(0x0800);
    assertThat(p.srcLo).isEqualTo(v4("203.0.113.1")); // outer header only
    decode(LinkType.RAW, ipv4("10.0.0.1", "224.0.0.22", 2, icmp(0x22, 0, 4)));
    assertThat(p.protocol).isEqualTo(2);
    assertThat(p.icmpType).isEqualTo(0x22);
    assertThat(p.multicast).isTrue();
    decode(LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", 132, zeros(12)));
    assertThat(p.protocol).isEqualTo(132);
    assertThat(p.malformed).isFalse();
  }

  @Test
  void unknownLinkTypeIsFlaggedNotFatal() {
    decode(147, zeros(40));
    assertThat(p.unknownLinkType).isTrue();
    assertThat(p.network).isEqualTo(Packet.NET_NONE);
  }

  @Test
  void unknownEthertypeIsNonIp() {
    decode(LinkType.ETHERNET, ethernet(MAC_B, MAC_A, 0x88B5, zeros(46)));
    assertThat(p.network).isEqualTo(Packet.NET_NONE);
    assertThat(p.etherType).isEqualTo(0x88B5);
    assertThat(p.malformed).isFalse();
  }

  @Test
  void everyTruncationOfEveryFrameIsMalformedOrCompleteNeverAnException() {
    byte[][] frames = {
      ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, SYN, 9, 0))),
      ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, 0))),
      ethernet(MAC_B, MAC_A, 0x86DD, ipv6("::1", "::2", 0, extension(58, icmp(1, 4, 0)))),
      tagged(
          MAC_B,
          MAC_A,
          new int[] {0x8100},
          new int[] {3},
          0x0806,
          arp(2, MAC_A, ip("10.0.0.1"), ip("10.0.0.2"))),
      ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 1, icmp(3, 1, 0))),
    };
    for (byte[] full : frames) {
      decode(LinkType.ETHERNET, full);
      assertThat(p.malformed).isFalse();
      boolean hadTransport = p.hasTransport || p.network == Packet.NET_ARP;
      for (int cut = 0; cut < full.length; cut++) {
        byte[] part = java.util.Arrays.copyOf(full, cut);
        // the wire itself held only these bytes: a real truncation
        decode(LinkType.ETHERNET, part);
        assertThat(p.malformed).as("cut at %d of %d", cut, full.length).isTrue();
        // the snap length cut them: not malformed, just less known
        decode(LinkType.ETHERNET, part, full.length, FrameSink.NO_VLAN);
        assertThat(p.malformed).as("snapped at %d of %d", cut, full.length).isFalse();
      }
      assertThat(hadTransport).isTrue();
    }
  }

  @Test
  void ipv4TotalLengthBeyondTheFrameIsMalformedAndClipped() {
    byte[] packet = ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, 10));
    packet[2] = 0x05; // total length 0x05xx: far beyond the 38 bytes present
    decode(LinkType.RAW, packet);
    assertThat(p.malformed).isTrue();
    assertThat(p.network).isEqualTo(Packet.NET_IPV4);
    assertThat(p.ipLength).isEqualTo(packet.length);
  }

  @Test
  void ethernetPaddingIsNotCountedAsIpBytes() {
    byte[] packet = ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, 0)); // 28 bytes
    byte[] frame = ethernet(MAC_B, MAC_A, 0x0800, concat(packet, zeros(18))); // padded to 60
    decode(LinkType.ETHERNET, frame);
    assertThat(frame.length).isEqualTo(60);
    assertThat(p.ipLength).isEqualTo(28);
    assertThat(p.malformed).isFalse();
  }

  @Test
  void garbageDoesNotThrow() {
    java.util.Random r = new java.util.Random(1);
    int[] types = {0, 1, 8, 9, 12, 14, 50, 51, 101, 108, 113, 228, 229, 276};
    for (int i = 0; i < 20000; i++) {
      byte[] b = new byte[r.nextInt(80)];
      r.nextBytes(b);
      if (b.length > 14 && r.nextBoolean()) {
        b[12] = 0x08;
        b[13] = 0;
        b[14] = 0x45;
      }
      decode(types[r.nextInt(types.length)], b, b.length + r.nextInt(3) * r.nextInt(100), -1);
    }
  }

  @Test
  void ipv6JumbogramsRunToTheEndOfTheFrame() {
    // RFC 2675: payload length 0, the real length in a hop-by-hop Jumbo Payload option
    byte[] upper = tcp(443, 50000, ACK, 100, 200);
    byte[] hbh = {6, 0, (byte) 0xC2, 4, 0, 1, 0, 0}; // next TCP, Jumbo Payload option
    byte[] packet = ipv6("2001:db8::1", "2001:db8::2", 0, concat(hbh, upper));
    packet[4] = 0;
    packet[5] = 0;
    decode(LinkType.IPV6, packet);
    assertThat(p.malformed).isFalse();
    assertThat(p.protocol).isEqualTo(6);
    assertThat(p.dstPort).isEqualTo(50000);
    assertThat(p.ipLength).isEqualTo(packet.length);
  }
}
