package org.iptraf.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.ACK;
import static org.iptraf.agent.testutil.Frames.FIN;
import static org.iptraf.agent.testutil.Frames.MAC_A;
import static org.iptraf.agent.testutil.Frames.MAC_B;
import static org.iptraf.agent.testutil.Frames.PSH;
import static org.iptraf.agent.testutil.Frames.RST;
import static org.iptraf.agent.testutil.Frames.SYN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.iptraf.agent.testutil.Frames;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.PcapngWriter;
import org.iptraf.agent.testutil.PcapngWriter.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} end to end: capture files written here with known frames go through the real
 * command line, and every field of the JSON report is compared with what the frames were built to
 * contain, counted by the contract's rules.
 *
 * <p>The pcapng file has three interfaces of three link types: an Ethernet one ({@code eth0}, with
 * {@code epb_flags} directions, VLANs, a full TCP connection, a reset one, UDP, ICMP, ICMPv6, GRE,
 * ARP, broadcast, multicast and an unknown ethertype), a raw IP one ({@code tun0}) and one of a
 * link type the decoder does not know ({@code can0}). A second file, Linux cooked, holds loopback
 * traffic seen twice as the kernel shows it, plus frames of an Ethernet device.
 */
class ReplayReportTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86DD;
  private static final int ETHERTYPE_ARP = 0x0806;
  private static final int ETHERTYPE_LOCAL = 0x88B5;
  private static final int TPID_8021Q = 0x8100;
  private static final int TPID_8021AD = 0x88A8;
  private static final int LINKTYPE_ETHERNET = 1;
  private static final int LINKTYPE_RAW = 101;
  private static final int LINKTYPE_USER0 = 147;
  private static final int LINKTYPE_LINUX_SLL = 113;
  private static final int ARPHRD_ETHER = 1;
  private static final int ARPHRD_LOOPBACK = 772;
  private static final int PACKET_HOST = 0;
  private static final int PACKET_BROADCAST = 1;
  private static final int PACKET_OUTGOING = 4;
  private static final int MIN_FRAME = 60;
  private static final String MAC_A_TEXT = "02:00:00:00:00:0a";
  private static final String MAC_B_TEXT = "02:00:00:00:00:0b";

  @TempDir Path dir;

  private final ExpectedReport expected = new ExpectedReport();
  private PcapngWriter ng;
  private PcapWriter cooked;
  private long t;

  @BeforeEach
  void files() {
    ng =
        new PcapngWriter(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(LINKTYPE_ETHERNET, 65535, Option.ifName("eth0"))
            .interfaceBlock(LINKTYPE_RAW, 65535, Option.ifName("tun0"))
            .interfaceBlock(LINKTYPE_USER0, 65535, Option.ifName("can0"));
    expected.iface("eth0", "ethernet");
    expected.iface("tun0", "raw");
    expected.iface("can0", "linktype-147");
    cooked =
        new PcapWriter(
            ByteOrder.LITTLE_ENDIAN,
            PcapWriter.Resolution.MICROSECONDS,
            LINKTYPE_LINUX_SLL,
            262144);
  }

  // ------------------------------------------------------------------ eth0: Ethernet, pcapng

  /** Received frames arrive padded to the Ethernet minimum; sent ones as the host built them. */
  private static byte[] wire(byte[] frame, boolean out) {
    return out || frame.length >= MIN_FRAME ? frame : Arrays.copyOf(frame, MIN_FRAME);
  }

  private void ethPacket(boolean out, byte[] frame, Option... flags) {
    t += MS;
    ng.enhancedPacket(0, (T0 + t) / 1000, frame, flags);
  }

  private static Option[] direction(boolean out) {
    return new Option[] {out ? Option.outbound() : Option.inbound()};
  }

  /** Counts what every Ethernet frame adds: total, group addresses, stations. */
  private void ethCommon(boolean out, byte[] frame, byte[] src, byte[] dst, boolean ip) {
    expected.frame("eth0", T0 + t, out, frame.length);
    String dstText = macText(dst);
    if (dst[0] == (byte) 0xFF && dstText.equals("ff:ff:ff:ff:ff:ff")) {
      expected.iface("eth0").add("broadcast", out, frame.length);
    } else if ((dst[0] & 1) != 0) {
      expected.iface("eth0").add("multicast", out, frame.length);
    } else {
      expected.station("eth0", dstText, false, frame.length, ip);
    }
    expected.station("eth0", macText(src), true, frame.length, ip);
  }

  /** An IPv4 packet in an Ethernet frame, optionally under VLAN tags. */
  private byte[] ethIpv4(
      boolean out, byte[] src, byte[] dst, int[] tpids, int[] vlans, byte[] ip, String cls) {
    byte[] frame =
        wire(
            tpids.length == 0
                ? Frames.ethernet(dst, src, ETHERTYPE_IPV4, ip)
                : Frames.tagged(dst, src, tpids, vlans, ETHERTYPE_IPV4, ip),
            out);
    ethPacket(out, frame, direction(out));
    ethCommon(out, frame, src, dst, true);
    expected.iface("eth0").add("ipv4", out, ip.length);
    expected.iface("eth0").add(cls, out, ip.length);
    if (vlans.length > 0) {
      expected.vlan("eth0", vlans[0], frame.length);
    }
    return frame;
  }

  private void ethTcp(
      boolean out,
      String src,
      int sp,
      String dst,
      int dp,
      int flags,
      int window,
      int payload,
      int[] tpids,
      int[] vlans) {
    byte[] ip = Frames.ipv4(src, dst, 6, Frames.tcp(sp, dp, flags, window, payload));
    ethIpv4(out, out ? MAC_A : MAC_B, out ? MAC_B : MAC_A, tpids, vlans, ip, "tcp");
    expected.tcp("eth0", src + ":" + sp, dst + ":" + dp, flags, window, ip.length, T0 + t);
    expected.ports("tcp", sp, dp, ip.length);
  }

  private void ethUdp(
      boolean out,
      byte[] dstMac,
      String src,
      int sp,
      String dst,
      int dp,
      int payload,
      int[] tpids,
      int[] vlans) {
    byte[] ip = Frames.ipv4(src, dst, 17, Frames.udp(sp, dp, payload));
    ethIpv4(out, out ? MAC_A : MAC_B, dstMac, tpids, vlans, ip, "udp");
    expected.flow("eth0", "udp", src + ":" + sp, dst + ":" + dp, "", ip.length, true);
    expected.ports("udp", sp, dp, ip.length);
  }

  private void ethIpv6(boolean out, byte[] src, byte[] dst, byte[] ip, String cls) {
    byte[] frame = wire(Frames.ethernet(dst, src, ETHERTYPE_IPV6, ip), out);
    ethPacket(out, frame, direction(out));
    ethCommon(out, frame, src, dst, true);
    expected.iface("eth0").add("ipv6", out, ip.length);
    expected.iface("eth0").add(cls, out, ip.length);
  }

  private void ethNonIp(
      boolean out,
      byte[] src,
      byte[] dst,
      int etherType,
      byte[] payload,
      String protocol,
      String detail,
      Option... flags) {
    byte[] frame = wire(Frames.ethernet(dst, src, etherType, payload), out);
    ethPacket(out, frame, flags);
    ethCommon(out, frame, src, dst, false);
    expected.iface("eth0").add("nonIp", out, frame.length);
    if (etherType == ETHERTYPE_ARP) {
      expected.iface("eth0").add("arp", out, frame.length);
    }
    expected.flow("eth0", protocol, macText(src), macText(dst), detail, frame.length, true);
  }

  private void ethernetTraffic() {
    int[] none = {};
    // a connection from SYN to the last ACK: closed
    String a = "10.0.0.1";
    String b = "10.0.0.2";
    ethTcp(true, a, 40000, b, 80, SYN, 64240, 0, none, none);
    ethTcp(false, b, 80, a, 40000, SYN | ACK, 65160, 0, none, none);
    ethTcp(true, a, 40000, b, 80, ACK, 502, 0, none, none);
    ethTcp(true, a, 40000, b, 80, PSH | ACK, 502, 100, none, none);
    ethTcp(false, b, 80, a, 40000, ACK, 509, 200, none, none);
    ethTcp(true, a, 40000, b, 80, FIN | ACK, 502, 0, none, none);
    ethTcp(false, b, 80, a, 40000, FIN | ACK, 509, 0, none, none);
    ethTcp(true, a, 40000, b, 80, ACK, 502, 0, none, none);
    expected.tcp.get("eth0|10.0.0.1:40000|10.0.0.2:80").state = "closed";

    // on VLAN 100: a SYN answered by a reset
    int[] q = {TPID_8021Q};
    int[] vlan100 = {100};
    ethTcp(true, "10.0.1.1", 5555, "10.0.1.2", 22, SYN, 1024, 0, q, vlan100);
    ethTcp(false, "10.0.1.2", 22, "10.0.1.1", 5555, RST | ACK, 0, 0, q, vlan100);
    expected.tcp.get("eth0|10.0.1.1:5555|10.0.1.2:22").state = "reset";

    // QinQ: the outer tag is the VLAN that counts
    ethUdp(
        false,
        MAC_A,
        "10.0.2.2",
        7000,
        "10.0.2.1",
        7001,
        30,
        new int[] {TPID_8021AD, TPID_8021Q},
        new int[] {200, 300});

    // UDP: multicast mDNS, a DNS query and its answer (one flow), a full-size and a jumbo frame
    ethUdp(true, Frames.mac("01:00:5e:00:00:fb"), a, 5353, "224.0.0.251", 5353, 40, none, none);
    ethUdp(true, MAC_B, a, 33333, b, 53, 30, none, none);
    ethUdp(false, MAC_A, b, 53, a, 33333, 80, none, none);
    ethUdp(false, MAC_A, b, 9000, a, 9001, 1472, none, none);
    ethUdp(false, MAC_A, b, 9000, a, 9001, 1958, none, none);

    // ICMP echo and reply: one flow per sender and type
    byte[] echo = Frames.ipv4(a, b, 1, Frames.icmp(8, 0, 56));
    ethIpv4(true, MAC_A, MAC_B, none, none, echo, "icmp");
    expected.flow("eth0", "icmp", a, b, "type 8 code 0", echo.length, false);
    byte[] reply = Frames.ipv4(b, a, 1, Frames.icmp(0, 0, 56));
    ethIpv4(false, MAC_B, MAC_A, none, none, reply, "icmp");
    expected.flow("eth0", "icmp", b, a, "type 0 code 0", reply.length, false);

    // GRE carrying IPv4: other IP, the inner header does not count again
    byte[] inner = Frames.ipv4("172.16.0.1", "172.16.0.2", 17, Frames.udp(1, 2, 4));
    byte[] gre = Frames.ipv4(a, b, 47, Frames.gre(ETHERTYPE_IPV4, inner));
    ethIpv4(true, MAC_A, MAC_B, none, none, gre, "otherIp");
    expected.flow("eth0", "gre", a, b, "payload 0x0800", gre.length, true);

    // ICMPv6 neighbour solicitation to a solicited-node multicast group
    byte[] ns = Frames.ipv6("fe80::a", "ff02::1:ff00:b", 58, Frames.icmp(135, 0, 16));
    ethIpv6(true, MAC_A, Frames.mac("33:33:ff:00:00:0b"), ns, "icmpv6");
    expected.flow(
        "eth0", "icmpv6", "fe80::a", "ff02::1:ff00:b", "type 135 code 0", ns.length, false);

    // IPv6 UDP behind a hop-by-hop header
    byte[] v6udp =
        Frames.ipv6(
            "2001:db8::2", "2001:db8::1", 0, Frames.extension(17, Frames.udp(1234, 5678, 12)));
    ethIpv6(false, MAC_B, MAC_A, v6udp, "udp");
    expected.flow(
        "eth0", "udp", "[2001:db8::2]:1234", "[2001:db8::1]:5678", "", v6udp.length, true);
    expected.ports("udp", 1234, 5678, v6udp.length);

    // ARP: a broadcast request and its reply; then an ethertype nobody decodes, no direction
    ethNonIp(
        true,
        MAC_A,
        Frames.BROADCAST,
        ETHERTYPE_ARP,
        Frames.arp(1, MAC_A, Frames.ip(a), Frames.ip(b)),
        "arp",
        "arp op 1",
        direction(true));
    ethNonIp(
        false,
        MAC_B,
        MAC_A,
        ETHERTYPE_ARP,
        Frames.arp(2, MAC_B, Frames.ip(b), Frames.ip(a)),
        "arp",
        "arp op 2",
        direction(false));
    ethNonIp(false, MAC_B, MAC_A, ETHERTYPE_LOCAL, new byte[46], "0x88b5", "0x88b5");
  }

  // ------------------------------------------------------------------ tun0 and can0

  private void rawPacket(boolean out, byte[] ip, int version, String cls) {
    t += MS;
    ng.enhancedPacket(1, (T0 + t) / 1000, ip, direction(out));
    expected.frame("tun0", T0 + t, out, ip.length);
    expected.iface("tun0").add(version == 4 ? "ipv4" : "ipv6", out, ip.length);
    expected.iface("tun0").add(cls, out, ip.length);
  }

  private void rawTraffic() {
    // UDP, the first fragment of a datagram, and one with a damaged header checksum
    String a = "192.168.1.1";
    String b = "192.168.1.2";
    byte[] udp = Frames.ipv4(a, b, 17, Frames.udp(1000, 2000, 10));
    rawPacket(true, udp, 4, "udp");
    byte[] first = Frames.ipv4(a, b, 17, 77, 0x2000, new byte[0], Frames.udp(1000, 2000, 100));
    rawPacket(true, first, 4, "udp");
    expected.iface("tun0").ipFragments++;
    byte[] bad = Frames.ipv4(a, b, 17, Frames.udp(1000, 2000, 20));
    bad[11] ^= 0x5A;
    rawPacket(true, bad, 4, "udp");
    expected.iface("tun0").badIpChecksum++;
    for (byte[] ip : new byte[][] {udp, first, bad}) {
      expected.flow("tun0", "udp", a + ":1000", b + ":2000", "", ip.length, true);
      expected.ports("udp", 1000, 2000, ip.length);
    }

    // IPv6 TCP whose SYN was never seen: established, a is the first sender
    String s = "[2001:db8::1]:443";
    String c = "[2001:db8::2]:50000";
    byte[] data =
        Frames.ipv6("2001:db8::1", "2001:db8::2", 6, Frames.tcp(443, 50000, PSH | ACK, 1000, 500));
    rawPacket(false, data, 6, "tcp");
    expected.tcp("tun0", s, c, PSH | ACK, 1000, data.length, T0 + t).state = "established";
    expected.ports("tcp", 443, 50000, data.length);
    byte[] ack = Frames.ipv6("2001:db8::2", "2001:db8::1", 6, Frames.tcp(50000, 443, ACK, 2000, 0));
    rawPacket(true, ack, 6, "tcp");
    expected.tcp("tun0", c, s, ACK, 2000, ack.length, T0 + t);
    expected.ports("tcp", 50000, 443, ack.length);
  }

  private void unknownLinkTraffic() {
    for (int length : new int[] {16, 72}) {
      t += MS;
      ng.enhancedPacket(2, (T0 + t) / 1000, new byte[length]);
      expected.frame("can0", T0 + t, false, length);
      expected.unknownLinkType++;
    }
  }

  // ------------------------------------------------------------------ lo.pcap: Linux cooked

  private void cookedLoopback(String src, int sp, String dst, int dp, int flags, int window) {
    byte[] ip = Frames.ipv4(src, dst, 6, Frames.tcp(sp, dp, flags, window, 0));
    byte[] zeroMac = new byte[6];
    byte[] outCopy = Frames.sll(PACKET_OUTGOING, ARPHRD_LOOPBACK, zeroMac, ETHERTYPE_IPV4, ip);
    byte[] inCopy = Frames.sll(PACKET_HOST, ARPHRD_LOOPBACK, zeroMac, ETHERTYPE_IPV4, ip);
    t += MS;
    cooked.frame(T0 + t, outCopy);
    expected.loopbackDuplicate(T0 + t, outCopy.length);
    t += MS;
    cooked.frame(T0 + t, inCopy);
    expected.frame("lo.pcap", T0 + t, false, inCopy.length);
    expected.iface("lo.pcap").add("ipv4", false, ip.length);
    expected.iface("lo.pcap").add("tcp", false, ip.length);
    expected.tcp("lo.pcap", src + ":" + sp, dst + ":" + dp, flags, window, ip.length, T0 + t);
    expected.ports("tcp", sp, dp, ip.length);
  }

  private void cookedTraffic() {
    expected.iface("lo.pcap", "linux-sll");
    t = 2000 * MS; // two seconds after the first file: its second closes, one empty follows
    cookedLoopback("127.0.0.1", 5000, "127.0.0.1", 6000, SYN, 65495);
    cookedLoopback("127.0.0.1", 6000, "127.0.0.1", 5000, SYN | ACK, 65483);
    cookedLoopback("127.0.0.1", 5000, "127.0.0.1", 6000, ACK, 512);
    expected.tcp.get("lo.pcap|127.0.0.1:5000|127.0.0.1:6000").state = "established";

    // sent by an Ethernet device of the same capture: direction and sender from the header
    byte[] ip = Frames.ipv4("10.1.1.1", "10.1.1.2", 17, Frames.udp(1111, 2222, 20));
    byte[] sent = Frames.sll(PACKET_OUTGOING, ARPHRD_ETHER, MAC_A, ETHERTYPE_IPV4, ip);
    t += MS;
    cooked.frame(T0 + t, sent);
    expected.frame("lo.pcap", T0 + t, true, sent.length);
    expected.iface("lo.pcap").add("ipv4", true, ip.length);
    expected.iface("lo.pcap").add("udp", true, ip.length);
    expected.station("lo.pcap", MAC_A_TEXT, true, sent.length, true);
    expected.flow("lo.pcap", "udp", "10.1.1.1:1111", "10.1.1.2:2222", "", ip.length, true);
    expected.ports("udp", 1111, 2222, ip.length);

    // a broadcast ARP received: the cooked header knows the sender only
    byte[] arp =
        Frames.sll(
            PACKET_BROADCAST,
            ARPHRD_ETHER,
            MAC_B,
            ETHERTYPE_ARP,
            Frames.arp(1, MAC_B, Frames.ip("10.1.1.2"), Frames.ip("10.1.1.1")));
    t += MS;
    cooked.frame(T0 + t, arp);
    expected.frame("lo.pcap", T0 + t, false, arp.length);
    for (String cls : new String[] {"nonIp", "arp", "broadcast"}) {
      expected.iface("lo.pcap").add(cls, false, arp.length);
    }
    expected.station("lo.pcap", MAC_B_TEXT, true, arp.length, false);
    expected.flow("lo.pcap", "arp", MAC_B_TEXT, "00:00:00:00:00:00", "arp op 1", arp.length, true);
  }

  private static String macText(byte[] mac) {
    StringBuilder s = new StringBuilder();
    for (byte b : mac) {
      s.append(s.length() == 0 ? "" : ":").append(String.format("%02x", b & 0xFF));
    }
    return s.toString();
  }

  private Path[] writeAll() {
    ethernetTraffic();
    rawTraffic();
    unknownLinkTraffic();
    cookedTraffic();
    // the first file's frames all fall in one second; lo.pcap's start two seconds later
    expected.iface("eth0").oneBusySecondThen(1);
    expected.iface("tun0").oneBusySecondThen(1);
    expected.iface("can0").oneBusySecondThen(1);
    Path mixed = ng.writeTo(dir.resolve("mixed.pcapng"));
    Path lo = cooked.writeTo(dir.resolve("lo.pcap"));
    expected.names.add(mixed.toString());
    expected.names.add(lo.toString());
    return new Path[] {mixed, lo};
  }

  // ------------------------------------------------------------------ the tests

  /**
   * A config naming the test's own services and ethers files, so that the names the report adds
   * (ports[].service, stations[].name, non-IP otherFlows[].aName/bName) are known here.
   */
  private Path namesConfig() throws java.io.IOException {
    Path services =
        java.nio.file.Files.writeString(
            dir.resolve("services"),
            "# test services\nhttps 443/tcp\nfoo-udp 2000/udp alias # comment\n"
                + "https-other 443/tcp\nbar 5678/udp\n");
    Path ethers =
        java.nio.file.Files.writeString(
            dir.resolve("ethers"), "02:00:00:00:00:0a host-a\n2:0:0:0:0:b host-b\n");
    expected.services.put("tcp/443", "https");
    expected.services.put("udp/2000", "foo-udp");
    expected.services.put("udp/5678", "bar");
    expected.ethers.put("02:00:00:00:00:0a", "host-a");
    expected.ethers.put("02:00:00:00:00:0b", "host-b");
    return java.nio.file.Files.writeString(
        dir.resolve("names.conf"),
        "names.servicesFile = " + services + "\nnames.ethersFile = " + ethers + "\n");
  }

  @Test
  void jsonReportMatchesTheBuiltFramesFieldByField() throws Exception {
    Path[] files = writeAll();

    Cli.Result r =
        Cli.run(
            "replay",
            "-c",
            namesConfig().toString(),
            files[0].toString(),
            files[1].toString(),
            "--format",
            "json");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode report = r.json();
    assertThat(ExpectedReport.diff(expected.toJson(), report)).isEmpty();
  }

  @Test
  void busiestRowsComeFirst() {
    Path[] files = writeAll();

    JsonNode report = Cli.run("replay", files[0].toString(), files[1].toString()).json();

    for (String table : new String[] {"tcpConnections", "otherFlows", "ports"}) {
      long previous = Long.MAX_VALUE;
      for (JsonNode row : report.get(table)) {
        long bytes =
            table.equals("tcpConnections")
                ? row.get("aToB").get("bytes").asLong() + row.get("bToA").get("bytes").asLong()
                : row.get("bytes").asLong();
        assertThat(bytes).as(table + " " + row).isLessThanOrEqualTo(previous);
        previous = bytes;
      }
    }
  }

  @Test
  void eachRowOfEachTableIsOneLine() throws Exception {
    Path[] files = writeAll();

    Cli.Result r = Cli.run("replay", files[0].toString(), files[1].toString());

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode report = r.json();
    ObjectMapper json = new ObjectMapper();
    List<String> lines = r.out().lines().toList();
    for (String table : new String[] {"interfaces", "tcpConnections", "otherFlows", "ports"}) {
      int start = lines.indexOf("  \"" + table + "\": [");
      assertThat(start).as(table + " opens its own line").isNotNegative();
      List<JsonNode> rows = new ArrayList<>();
      for (int i = start + 1; !lines.get(i).startsWith("  ]"); i++) {
        String line = lines.get(i).strip();
        rows.add(json.readTree(line.endsWith(",") ? line.substring(0, line.length() - 1) : line));
      }
      assertThat(rows).as(table).hasSize(report.get(table).size()).isNotEmpty();
      for (int i = 0; i < rows.size(); i++) {
        assertThat(rows.get(i)).as(table + " row " + i).isEqualTo(report.get(table).get(i));
      }
    }
  }

  @Test
  void textReportShowsTheKeyNumbers() {
    Path[] files = writeAll();

    Cli.Result r = Cli.run("replay", files[0].toString(), files[1].toString(), "--format", "text");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    ExpectedReport.Iface eth = expected.iface("eth0");
    assertThat(r.out())
        .contains("frames " + expected.frames + "  bytes " + expected.bytes)
        .contains("unknown link type 2")
        .contains("loopback duplicates 3")
        .contains(
            "Interface eth0 (ethernet)",
            "Interface tun0 (raw)",
            "Interface can0 (linktype-147)",
            "Interface lo.pcap (linux-sll)")
        .containsPattern("total +" + eth.packets("total") + " +" + eth.bytes("total") + " ")
        .containsPattern("tcp +" + eth.packets("tcp") + " +" + eth.bytes("tcp") + " ")
        .containsPattern("arp +" + eth.packets("arp") + " +" + eth.bytes("arp") + " ")
        .contains("TCP connections: 4")
        .contains("10.0.0.1:40000", "10.0.0.2:80", "closed", "reset", "established")
        .contains("[2001:db8::1]:443")
        .contains("VLANs")
        .contains(MAC_A_TEXT)
        .contains("largest frame 2000");
    assertThat(r.out().lines().filter(l -> l.length() > 250))
        .as("lines a person can read")
        .isEmpty();
  }
}
