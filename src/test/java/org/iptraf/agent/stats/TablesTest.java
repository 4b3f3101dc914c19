package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.*;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.config.FilterRule;
import org.junit.jupiter.api.Test;

class TablesTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong wall = new AtomicLong();
  private Tables tables = tables(ConfigParser.defaultConfig().tables(), List.of());

  private Tables tables(AgentConfig.Tables settings, List<FilterRule> filters) {
    Tables t = new Tables(settings, filters, wall::get);
    t.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 0));
    return t;
  }

  private static AgentConfig.Tables settings(int tcpMax, int idle, int retention) {
    AgentConfig.Tables d = ConfigParser.defaultConfig().tables();
    return new AgentConfig.Tables(
        tcpMax,
        idle,
        retention,
        d.flowsMaxEntries(),
        d.flowsIdleTimeout(),
        d.stationsMaxEntries(),
        d.stationsIdleTimeout(),
        d.vlansMaxEntries(),
        d.mtu());
  }

  private void send(byte[] frame, long t, int direction) {
    send(0, frame, t, direction);
  }

  private void send(int ifId, byte[] frame, long t, int direction) {
    tables.frame(
        ByteBuffer.wrap(frame),
        0,
        frame.length,
        frame.length,
        t,
        ifId,
        direction,
        FrameSink.NO_VLAN);
  }

  private TablesSnapshot done() {
    tables.finish();
    return tables.snapshot();
  }

  private static byte[] tcpFrame(
      String src, int sport, String dst, int dport, int flags, int payload) {
    return ethernet(
        MAC_B, MAC_A, 0x0800, ipv4(src, dst, 6, tcp(sport, dport, flags, 500, payload)));
  }

  @Test
  void countsEveryClassByDirectionWithIpLengthsForIpClasses() {
    byte[] tcpOut = tcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, SYN, 0); // ip 40
    byte[] udpIn =
        ethernet(
            MAC_A, MAC_B, 0x0800, ipv4("10.0.0.2", "10.0.0.1", 17, udp(53, 40001, 12))); // ip 40
    byte[] icmp6 =
        ethernet(
            mac("33:33:00:00:00:01"),
            MAC_B,
            0x86DD,
            ipv6("fe80::b", "ff02::1", 58, icmp(134, 0, 8))); // ip 40 + 16
    byte[] arpBcast =
        ethernet(BROADCAST, MAC_A, 0x0806, arp(1, MAC_A, ip("10.0.0.1"), ip("10.0.0.2")));
    byte[] gre =
        ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 47, gre(0x0800, zeros(20))));
    byte[] other = ethernet(MAC_B, MAC_A, 0x88B5, zeros(46));
    send(tcpOut, T0, FrameSink.DIRECTION_OUT);
    send(udpIn, T0 + 1, FrameSink.DIRECTION_IN);
    send(icmp6, T0 + 2, FrameSink.DIRECTION_IN);
    send(arpBcast, T0 + 3, FrameSink.DIRECTION_OUT);
    send(gre, T0 + 4, FrameSink.DIRECTION_OUT);
    send(other, T0 + 5, FrameSink.DIRECTION_IN);
    TablesSnapshot s = done();

    InterfaceSnapshot i = s.interfaces().get(0);
    long allBytes =
        tcpOut.length + udpIn.length + icmp6.length + arpBcast.length + gre.length + other.length;
    assertThat(i.total())
        .isEqualTo(
            new Counts(
                3,
                udpIn.length + icmp6.length + other.length,
                3,
                tcpOut.length + arpBcast.length + gre.length));
    assertThat(i.total().bytes()).isEqualTo(allBytes);
    assertThat(i.ipv4()).isEqualTo(new Counts(1, 40, 2, 40 + 44));
    assertThat(i.ipv6()).isEqualTo(new Counts(1, 56, 0, 0));
    assertThat(i.tcp()).isEqualTo(new Counts(0, 0, 1, 40));
    assertThat(i.udp()).isEqualTo(new Counts(1, 40, 0, 0));
    assertThat(i.icmp()).isEqualTo(Counts.ZERO);
    assertThat(i.icmpv6()).isEqualTo(new Counts(1, 56, 0, 0));
    assertThat(i.otherIp()).isEqualTo(new Counts(0, 0, 1, 44));
    assertThat(i.nonIp()).isEqualTo(new Counts(1, other.length, 1, arpBcast.length));
    assertThat(i.arp()).isEqualTo(new Counts(0, 0, 1, arpBcast.length));
    assertThat(i.broadcast()).isEqualTo(new Counts(0, 0, 1, arpBcast.length));
    assertThat(i.multicast()).isEqualTo(new Counts(1, icmp6.length, 0, 0));
    assertThat(s.capture().frames()).isEqualTo(6);
    assertThat(s.capture().bytes()).isEqualTo(allBytes);
    assertThat(s.capture().malformed()).isZero();
  }

  @Test
  void followsATcpConnectionThroughItsLifeAndNeverOpensAPhantomFromTheLastAck() {
    String c = "192.0.2.10";
    String srv = "198.51.100.20";
    send(tcpFrame(c, 50000, srv, 443, SYN, 0), T0, 1);
    send(tcpFrame(srv, 443, c, 50000, SYN | ACK, 0), T0 + 1000, 0);
    send(tcpFrame(c, 50000, srv, 443, ACK, 0), T0 + 2000, 1);
    tables.finish();
    assertThat(tables.snapshot().tcpConnections())
        .extracting(TcpConnection::state)
        .containsExactly(TcpState.ESTABLISHED);
    tables = tables(ConfigParser.defaultConfig().tables(), List.of());
    send(tcpFrame(c, 50000, srv, 443, SYN, 0), T0, 1);
    send(tcpFrame(srv, 443, c, 50000, SYN | ACK, 0), T0 + 1000, 0);
    send(tcpFrame(c, 50000, srv, 443, ACK | PSH, 100), T0 + 2000, 1);
    send(tcpFrame(srv, 443, c, 50000, ACK | PSH, 1000), T0 + 3000, 0);
    send(tcpFrame(c, 50000, srv, 443, FIN | ACK, 0), T0 + 4000, 1);
    send(tcpFrame(srv, 443, c, 50000, FIN | ACK, 0), T0 + 5000, 0);
    send(tcpFrame(c, 50000, srv, 443, ACK, 0), T0 + 6000, 1);
    send(tcpFrame(c, 50000, srv, 443, ACK, 0), T0 + 7000, 1); // a retransmitted last ACK
    TablesSnapshot s = done();

    assertThat(s.tcpConnections()).hasSize(1);
    TcpConnection conn = s.tcpConnections().get(0);
    assertThat(conn.a().toString()).isEqualTo(c + ":50000");
    assertThat(conn.b().toString()).isEqualTo(srv + ":443");
    assertThat(conn.state()).isEqualTo(TcpState.CLOSED);
    assertThat(conn.aToB().packets()).isEqualTo(5);
    assertThat(conn.aToB().bytes()).isEqualTo(40 * 5 + 100);
    assertThat(conn.bToA().packets()).isEqualTo(3);
    assertThat(conn.bToA().bytes()).isEqualTo(40 * 3 + 1000);
    assertThat(conn.aToB().flagsSeen()).isEqualTo(SYN | ACK | PSH | FIN);
    assertThat(conn.bToA().lastFlags()).isEqualTo(FIN | ACK);
    assertThat(conn.bToA().window()).isEqualTo(500);
    assertThat(conn.firstSeenNanos()).isEqualTo(T0);
    assertThat(conn.lastSeenNanos()).isEqualTo(T0 + 7000);
  }

  @Test
  void aRemovedInterfaceTakesItsCountersAndEverythingKeyedByItAlong() {
    tables.interfaceAdded(1, new InterfaceInfo("veth1", LinkType.ETHERNET, false, 0));
    byte[] tcp = tcpFrame("10.0.0.1", 1000, "10.0.0.2", 80, SYN, 0);
    byte[] udp =
        ethernet(MAC_A, MAC_B, 0x0800, ipv4("10.0.0.2", "10.0.0.1", 17, udp(53, 4000, 12)));
    byte[] vlan =
        tagged(
            MAC_B,
            MAC_A,
            new int[] {0x8100},
            new int[] {42},
            0x0800,
            ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, 3)));
    for (int ifId = 0; ifId <= 1; ifId++) {
      send(ifId, tcp, T0 + ifId, FrameSink.DIRECTION_IN);
      send(ifId, udp, T0 + 10 + ifId, FrameSink.DIRECTION_IN);
      send(ifId, vlan, T0 + 20 + ifId, FrameSink.DIRECTION_IN);
    }

    tables.interfaceRemoved(1);
    TablesSnapshot s = done();

    assertThat(s.interfaces()).extracting(InterfaceSnapshot::name).containsExactly("eth0");
    assertThat(s.interfaces().get(0).total().inPackets()).isEqualTo(3);
    assertThat(s.tcpConnections()).extracting(TcpConnection::interfaceId).containsExactly(0);
    assertThat(s.otherFlows()).hasSize(2).extracting(OtherFlow::interfaceId).containsOnly(0);
    assertThat(s.vlans()).extracting(VlanCounts::interfaceId).containsExactly(0);
    assertThat(s.stations()).hasSize(2).extracting(Station::interfaceId).containsOnly(0);
    assertThat(s.macPairs()).hasSize(2).extracting(MacPair::interfaceId).containsOnly(0);
    // the capture's packets: 6 frames, whatever was forgotten; ports are not per interface
    assertThat(s.capture().frames()).isEqualTo(6);
    assertThat(s.ports())
        .contains(
            new PortCounts("tcp", 80, 2, 2 * 40, 0, 0),
            new PortCounts("tcp", 1000, 0, 0, 2, 2 * 40));
  }

  @Test
  void anIdFreedByARemovedInterfaceStartsAfreshForTheNextOne() {
    tables.interfaceAdded(1, new InterfaceInfo("veth1", LinkType.ETHERNET, false, 0));
    byte[] tcp = tcpFrame("10.0.0.1", 1000, "10.0.0.2", 80, SYN, 0);
    send(1, tcp, T0, FrameSink.DIRECTION_IN);
    send(1, tcp, T0 + 1, FrameSink.DIRECTION_IN);
    tables.interfaceRemoved(1);
    tables.interfaceAdded(1, new InterfaceInfo("veth2", LinkType.ETHERNET, false, 0));
    send(1, tcp, T0 + 2, FrameSink.DIRECTION_IN);
    TablesSnapshot s = done();

    InterfaceSnapshot veth2 =
        s.interfaces().stream().filter(i -> i.id() == 1).findFirst().orElseThrow();
    assertThat(veth2.name()).isEqualTo("veth2");
    assertThat(veth2.total().inPackets()).isEqualTo(1);
    assertThat(s.tcpConnections())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.interfaceName()).isEqualTo("veth2");
              assertThat(c.packets()).isEqualTo(1);
            });
  }

  @Test
  void aClosedConnectionStaysForItsRetentionThenItsSlotIsReused() {
    tables = tables(settings(100, 900, 60), List.of());
    String c = "192.0.2.10";
    String srv = "198.51.100.20";
    send(tcpFrame(c, 1234, srv, 22, SYN, 0), T0, 0);
    send(tcpFrame(srv, 22, c, 1234, RST | ACK, 0), T0 + 1, 0);
    // 59 s later it is still there, reset
    send(tcpFrame("10.1.1.1", 1, "10.1.1.2", 2, SYN, 0), T0 + 59 * SECOND, 0);
    tables.finish();
    TablesSnapshot at59 = tables.snapshot();
    assertThat(at59.tcpConnections())
        .extracting(TcpConnection::state)
        .containsExactlyInAnyOrder(TcpState.RESET, TcpState.SYN_SEEN);

    tables = tables(settings(100, 900, 60), List.of());
    send(tcpFrame(c, 1234, srv, 22, SYN, 0), T0, 0);
    send(tcpFrame(srv, 22, c, 1234, RST | ACK, 0), T0 + 1, 0);
    send(tcpFrame("10.1.1.1", 1, "10.1.1.2", 2, SYN, 0), T0 + 62 * SECOND, 0);
    TablesSnapshot at62 = done();
    assertThat(at62.tcpConnections())
        .extracting(x -> x.a().toString())
        .containsExactly("10.1.1.1:1");
  }

  @Test
  void aNewSynOnAClosedFourTupleStartsAFreshConnection() {
    String c = "192.0.2.10";
    String srv = "198.51.100.20";
    send(tcpFrame(c, 1234, srv, 22, SYN, 0), T0, 0);
    send(tcpFrame(srv, 22, c, 1234, RST | ACK, 0), T0 + 1, 0);
    send(tcpFrame(c, 1234, srv, 22, SYN, 0), T0 + 2 * SECOND, 0);
    TablesSnapshot s = done();
    assertThat(s.tcpConnections()).hasSize(1);
    TcpConnection conn = s.tcpConnections().get(0);
    assertThat(conn.state()).isEqualTo(TcpState.SYN_SEEN);
    assertThat(conn.packets()).isEqualTo(1);
    assertThat(conn.firstSeenNanos()).isEqualTo(T0 + 2 * SECOND);
  }

  @Test
  void idleConnectionsTimeOutThenLeave() {
    tables = tables(settings(100, 10, 5), List.of());
    send(tcpFrame("10.0.0.1", 1, "10.0.0.2", 2, ACK, 0), T0, 0); // SYN never seen
    send(tcpFrame("10.0.0.3", 1, "10.0.0.4", 2, ACK, 0), T0 + 12 * SECOND, 0);
    tables.finish();
    TablesSnapshot at12 = tables.snapshot();
    assertThat(at12.tcpConnections())
        .filteredOn(x -> x.a().toString().equals("10.0.0.1:1"))
        .extracting(TcpConnection::state)
        .containsExactly(TcpState.TIMED_OUT);

    tables = tables(settings(100, 10, 5), List.of());
    send(tcpFrame("10.0.0.1", 1, "10.0.0.2", 2, ACK, 0), T0, 0);
    send(tcpFrame("10.0.0.3", 1, "10.0.0.4", 2, ACK, 0), T0 + 12 * SECOND, 0);
    send(tcpFrame("10.0.0.3", 1, "10.0.0.4", 2, ACK, 0), T0 + 16 * SECOND, 0);
    TablesSnapshot at16 = done();
    assertThat(at16.tcpConnections())
        .extracting(x -> x.a().toString())
        .containsExactly("10.0.0.3:1");
    assertThat(at16.tcpConnections().get(0).state()).isEqualTo(TcpState.ESTABLISHED);
  }

  @Test
  void evictsTheLeastRecentlySeenAtTheCapAndCountsIt() {
    tables = tables(settings(4, 900, 60), List.of());
    for (int i = 1; i <= 6; i++) {
      send(tcpFrame("10.0.0.1", 1000 + i, "10.0.0.2", 80, SYN, 0), T0 + i, 0);
    }
    // touch connection 3 so that it is no longer among the oldest
    send(tcpFrame("10.0.0.2", 80, "10.0.0.1", 1003, SYN | ACK, 0), T0 + 7, 0);
    send(tcpFrame("10.0.0.1", 1007, "10.0.0.2", 80, SYN, 0), T0 + 8, 0);
    TablesSnapshot s = done();
    assertThat(s.tcpConnections())
        .extracting(x -> x.a().port())
        .containsExactlyInAnyOrder(1003, 1005, 1006, 1007);
    assertThat(s.capture().tcpEvictions()).isEqualTo(3);
  }

  @Test
  void countsLoopbackOnceAndTheDuplicates() {
    tables.interfaceAdded(1, new InterfaceInfo("lo", LinkType.ETHERNET, true, 0, 1));
    byte[] f =
        ethernet(zeros(6), zeros(6), 0x0800, ipv4("127.0.0.1", "127.0.0.1", 17, udp(5, 6, 3)));
    for (int i = 0; i < 10; i++) {
      send(1, f, T0 + i, FrameSink.DIRECTION_OUT);
      send(1, f, T0 + i, FrameSink.DIRECTION_IN);
    }
    TablesSnapshot s = done();
    InterfaceSnapshot lo = s.interfaces().get(1);
    assertThat(lo.name()).isEqualTo("lo");
    assertThat(lo.total().packets()).isEqualTo(10);
    assertThat(lo.udp().inPackets()).isEqualTo(10);
    assertThat(s.capture().loopbackDuplicates()).isEqualTo(10);
    assertThat(s.capture().frames()).isEqualTo(20);
  }

  @Test
  void cookedLoopbackOutCopiesAreDuplicates() {
    tables.interfaceAdded(1, new InterfaceInfo("any", LinkType.LINUX_SLL, false, 0));
    byte[] ipPacket = ipv4("127.0.0.1", "127.0.0.1", 6, tcp(1, 2, SYN, 1, 0));
    send(1, sll(4, 772, zeros(6), 0x0800, ipPacket), T0, 0);
    send(1, sll(0, 772, zeros(6), 0x0800, ipPacket), T0, 0);
    TablesSnapshot s = done();
    assertThat(s.interfaces().get(1).tcp().packets()).isEqualTo(1);
    assertThat(s.capture().loopbackDuplicates()).isEqualTo(1);
  }

  @Test
  void filtersFirstMatchWinsAndNonIpStaysVisible() throws Exception {
    AgentConfig cfg =
        ConfigParser.parse(
            java.nio.file.Path.of("test.conf"),
            List.of("filter.1 = include proto tcp port 22", "filter.2 = exclude net 10.0.0.0/8"));
    tables = tables(cfg.tables(), cfg.filters());
    send(tcpFrame("10.0.0.1", 5000, "10.0.0.2", 22, SYN, 0), T0, 0); // rule 1: in
    send(tcpFrame("10.0.0.1", 5000, "10.0.0.2", 80, SYN, 0), T0, 0); // rule 2: out
    send(tcpFrame("192.0.2.1", 5000, "192.0.2.2", 80, SYN, 0), T0, 0); // no rule: in
    send(
        ethernet(BROADCAST, MAC_A, 0x0806, arp(1, MAC_A, ip("10.0.0.1"), ip("10.0.0.2"))),
        T0,
        0); // non-IP: no address rule applies, in
    TablesSnapshot s = done();
    assertThat(s.capture().filtered()).isEqualTo(1);
    assertThat(s.interfaces().get(0).total().packets()).isEqualTo(3);
    assertThat(s.tcpConnections()).extracting(x -> x.b().port()).containsExactlyInAnyOrder(22, 80);
    assertThat(s.interfaces().get(0).arp().packets()).isEqualTo(1);
  }

  @Test
  void countsVlansPortsAndStations() {
    byte[] v10 =
        tagged(
            MAC_B,
            MAC_A,
            new int[] {0x8100},
            new int[] {10},
            0x0800,
            ipv4("10.0.0.1", "10.0.0.2", 17, udp(5353, 5353, 10)));
    byte[] v20 =
        tagged(
            MAC_A,
            MAC_B,
            new int[] {0x8100},
            new int[] {20},
            0x0800,
            ipv4("10.0.0.2", "10.0.0.1", 6, tcp(8080, 40000, ACK, 1, 5)));
    send(v10, T0, 0);
    send(v10, T0, 0);
    send(v20, T0, 0);
    TablesSnapshot s = done();
    assertThat(s.vlans())
        .containsExactly(
            new VlanCounts(0, "eth0", 10, 2, 2L * v10.length),
            new VlanCounts(0, "eth0", 20, 1, v20.length));
    assertThat(s.ports())
        .contains(
            new PortCounts("udp", 5353, 2, 2 * 38, 2, 2 * 38),
            new PortCounts("tcp", 8080, 0, 0, 1, 45),
            new PortCounts("tcp", 40000, 1, 45, 0, 0));
    Station a =
        s.stations().stream().filter(x -> x.mac() == 0x02000000000aL).findFirst().orElseThrow();
    assertThat(a.outPackets()).isEqualTo(2);
    assertThat(a.outBytes()).isEqualTo(2L * v10.length);
    assertThat(a.inPackets()).isEqualTo(1);
    assertThat(a.inBytes()).isEqualTo(v20.length);
    assertThat(a.ipPackets()).isEqualTo(3);
    assertThat(a.macText()).isEqualTo("02:00:00:00:00:0a");
  }

  @Test
  void countsMacPairsOneDirectionEachWithGroupDestinationsAndStationGroupSends() {
    byte[] aToB = ethernet(MAC_B, MAC_A, 0x88B5, zeros(46)); // 60 bytes
    byte[] bToA = ethernet(MAC_A, MAC_B, 0x88B5, zeros(100)); // 114 bytes
    byte[] aBroadcast =
        ethernet(BROADCAST, MAC_A, 0x0806, arp(1, MAC_A, ip("10.0.0.1"), ip("10.0.0.2")));
    byte[] aMulticast = ethernet(mac("01:00:5e:00:00:01"), MAC_A, 0x88B5, zeros(46));
    send(aToB, T0, FrameSink.DIRECTION_OUT);
    send(aToB, T0 + 1, FrameSink.DIRECTION_OUT);
    send(bToA, T0 + 2, FrameSink.DIRECTION_IN);
    send(aBroadcast, T0 + 3, FrameSink.DIRECTION_OUT);
    send(aMulticast, T0 + 4, FrameSink.DIRECTION_OUT);
    TablesSnapshot s = done();

    long a = 0x02000000000aL;
    long b = 0x02000000000bL;
    assertThat(s.macPairs())
        .extracting(MacPair::source, MacPair::destination, MacPair::packets, MacPair::bytes)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(a, b, 2L, 120L),
            org.assertj.core.groups.Tuple.tuple(b, a, 1L, 114L),
            org.assertj.core.groups.Tuple.tuple(a, 0xFFFF_FFFF_FFFFL, 1L, (long) aBroadcast.length),
            org.assertj.core.groups.Tuple.tuple(a, 0x01005e000001L, 1L, (long) aMulticast.length));
    Station station = s.stations().stream().filter(x -> x.mac() == a).findFirst().orElseThrow();
    assertThat(station.outBroadcastPackets()).isEqualTo(1);
    assertThat(station.outMulticastPackets()).isEqualTo(1);
    assertThat(station.firstSeenNanos()).isEqualTo(T0);
    assertThat(s.capture().macPairEvictions()).isZero();
  }

  /*
   * Stations are counted through their MAC pairs (folded once a second and before each snapshot):
   * neither a pair that times out nor one the cap evicts may take its frames from its stations.
   */
  @Test
  void aStationKeepsTheFramesOfAPairThatTimedOut() {
    long idle = ConfigParser.defaultConfig().tables().stationsIdleTimeout() * SECOND;
    long c = 0x02000000000cL;
    byte[] aToB = ethernet(MAC_B, MAC_A, 0x88B5, zeros(46));
    byte[] aToC =
        ethernet(
            mac("02:00:00:00:00:0c"),
            MAC_A,
            0x0800,
            ipv4("10.0.0.1", "10.0.0.3", 17, udp(5000, 5001, 100)));
    send(aToB, T0, FrameSink.DIRECTION_OUT);
    int toC = 0;
    long t = T0;
    for (; t <= T0 + idle + 10 * SECOND; t += 100 * SECOND) {
      send(aToC, t + 1, FrameSink.DIRECTION_OUT);
      toC++;
    }
    TablesSnapshot s = done();

    assertThat(s.macPairs()).extracting(MacPair::destination).containsExactly(c);
    assertThat(s.stations()).extracting(Station::mac).containsExactlyInAnyOrder(0x02000000000aL, c);
    Station a =
        s.stations().stream().filter(x -> x.mac() == 0x02000000000aL).findFirst().orElseThrow();
    assertThat(a.outPackets()).isEqualTo(1 + toC);
    assertThat(a.outBytes()).isEqualTo(aToB.length + (long) toC * aToC.length);
    assertThat(a.ipPackets()).isEqualTo(toC);
    assertThat(a.firstSeenNanos()).isEqualTo(T0);
    assertThat(a.lastSeenNanos()).isEqualTo(t - 100 * SECOND + 1);
  }

  @Test
  void aStationKeepsTheFramesOfPairsTheCapEvicted() {
    AgentConfig.Tables d = ConfigParser.defaultConfig().tables();
    tables =
        tables(
            new AgentConfig.Tables(
                d.tcpMaxConnections(),
                d.tcpIdleTimeout(),
                d.tcpClosedRetention(),
                d.flowsMaxEntries(),
                d.flowsIdleTimeout(),
                4,
                d.stationsIdleTimeout(),
                d.vlansMaxEntries(),
                d.mtu()),
            List.of());
    int receivers = 20;
    byte[] last = null;
    for (int i = 0; i < receivers; i++) {
      last = ethernet(mac(String.format("02:00:00:00:01:%02x", i)), MAC_A, 0x88B5, zeros(46));
      send(last, T0 + i, FrameSink.DIRECTION_OUT);
    }
    TablesSnapshot s = done();

    assertThat(s.macPairs()).hasSize(4);
    assertThat(s.capture().macPairEvictions()).isEqualTo(receivers - 4);
    Station a =
        s.stations().stream().filter(x -> x.mac() == 0x02000000000aL).findFirst().orElseThrow();
    assertThat(a.outPackets()).isEqualTo(receivers);
    assertThat(a.outBytes()).isEqualTo((long) receivers * last.length);
    assertThat(a.firstSeenNanos()).isEqualTo(T0);
    assertThat(s.stations()).hasSize(4);
    assertThat(s.capture().stationEvictions()).isEqualTo(receivers + 1 - 4);
  }

  /*
   * TCP packets reach the port table through their connection's record: when it goes (retention
   * over, idle, evicted at the cap, its four-tuple reused by a new SYN, cleared) or, for the live
   * ones, for the length of a snapshot. None of these may lose or double a packet.
   */
  @Test
  void tcpPortsCountEveryPacketWhateverBecameOfItsConnection() {
    tables = tables(settings(2, 30, 5), List.of());
    java.util.Map<Integer, long[]> expected = new java.util.TreeMap<>(); // in p, in b, out p, out b
    long[] t = {T0};
    java.util.function.BiConsumer<int[], Integer> send =
        (ports, flags) -> {
          int payload = ports[2];
          send(
              tcpFrame(
                  ports[0] == 80 ? "10.0.0.2" : "10.0.0.1",
                  ports[0],
                  ports[1] == 80 ? "10.0.0.2" : "10.0.0.1",
                  ports[1],
                  flags,
                  payload),
              t[0] += SECOND,
              FrameSink.DIRECTION_IN);
          long ipLength = 20 + 20 + payload;
          long[] out = expected.computeIfAbsent(ports[0], k -> new long[4]);
          out[2]++;
          out[3] += ipLength;
          long[] in = expected.computeIfAbsent(ports[1], k -> new long[4]);
          in[0]++;
          in[1] += ipLength;
        };
    send.accept(new int[] {1001, 80, 0}, SYN); // reset, then its retention runs out
    send.accept(new int[] {80, 1001, 0}, RST | ACK);
    send.accept(new int[] {1002, 80, 0}, SYN); // closed, then its four-tuple reused
    send.accept(new int[] {80, 1002, 10}, SYN | ACK);
    send.accept(new int[] {1002, 80, 0}, RST);
    send.accept(new int[] {1002, 80, 7}, SYN);
    for (int i = 0; i < 8; i++) { // 1003 to 1006 evict each other at the cap of two
      send.accept(new int[] {1003 + i % 4, 80, i}, SYN);
    }
    t[0] += 40 * SECOND; // everything idle past its timeout and retention: all expire
    send.accept(new int[] {1010, 80, 3}, ACK);
    send.accept(new int[] {80, 1010, 100}, ACK);
    send.accept(new int[] {1010, 80, 0}, RST); // stays, reset, until cleared below
    TablesSnapshot first = done();
    TablesSnapshot again = tables.snapshot();

    assertThat(first.capture().tcpEvictions()).isPositive();
    List<PortCounts> wanted =
        expected.entrySet().stream()
            .map(
                e ->
                    new PortCounts(
                        "tcp",
                        e.getKey(),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[2],
                        e.getValue()[3]))
            .toList();
    assertThat(first.ports()).containsExactlyElementsOf(wanted);
    assertThat(again.ports()).containsExactlyElementsOf(wanted);
    assertThat(first.tcpConnections()).hasSize(1);
    assertThat(tables.clearClosedConnections()).isEqualTo(1);
    assertThat(tables.snapshot().tcpConnections()).isEmpty();
    assertThat(tables.snapshot().ports()).containsExactlyElementsOf(wanted);
  }

  @Test
  void sizesUseRmonBucketsWithTheFcsAndMtuTwentieths() {
    int[] lengths = {42, 60, 61, 123, 124, 1514, 1515, 9000};
    for (int len : lengths) {
      byte[] f = ethernet(MAC_B, MAC_A, 0x88B5, zeros(len - 14));
      send(f, T0, 0);
    }
    TablesSnapshot s = done();
    // with FCS: 46, 64 -> "64"; 65 -> 65to127; 127 -> 65to127; 128 -> 128to255;
    // 1518 -> 1024to1518; 1519, 9004 -> over1518
    assertThat(s.packetSizes().rmon()).containsExactly(2, 2, 1, 0, 0, 1, 2);
    List<SizeBucket> b = s.packetSizes().buckets();
    assertThat(b).hasSize(21);
    // MTU 1500: frames up to 1514 bytes in 20 buckets of ceil(1514 / 20) = 76 bytes
    assertThat(b.get(0)).isEqualTo(new SizeBucket(1, 76, 3, 0)); // 42, 60, 61
    assertThat(b.get(1)).isEqualTo(new SizeBucket(77, 152, 2, 0)); // 123, 124
    assertThat(b.get(19)).isEqualTo(new SizeBucket(1445, 1514, 1, 0)); // 1514
    assertThat(b.get(20)).isEqualTo(new SizeBucket(1515, 9000, 2, 0)); // 1515, 9000
    assertThat(b.stream().mapToLong(SizeBucket::packets).sum()).isEqualTo(lengths.length);
    assertThat(s.packetSizes().largest()).isEqualTo(9000);
  }

  @Test
  void unknownLinkTypeCountsInTotalOnly() {
    tables.interfaceAdded(1, new InterfaceInfo("x", 147, false, 0));
    send(1, zeros(100), T0, 0);
    TablesSnapshot s = done();
    assertThat(s.capture().unknownLinkType()).isEqualTo(1);
    assertThat(s.interfaces().get(1).total().packets()).isEqualTo(1);
    assertThat(s.interfaces().get(1).nonIp().packets()).isZero();
  }

  @Test
  void unknownLinkTypeFramesCountInBothSizeBreakdowns() {
    tables.interfaceAdded(1, new InterfaceInfo("x", 147, false, 0));
    send(1, zeros(100), T0, 0);
    send(1, zeros(2000), T0, FrameSink.DIRECTION_OUT);
    PacketSizes sizes = done().packetSizes();
    assertThat(sizes.rmon()).containsExactly(0, 1, 0, 0, 0, 0, 1); // 104 and 2004 with FCS
    assertThat(sizes.buckets().get(1)).isEqualTo(new SizeBucket(77, 152, 1, 0));
    assertThat(sizes.buckets().get(20)).isEqualTo(new SizeBucket(1515, 2000, 0, 1));
    assertThat(sizes.largest()).isEqualTo(2000);
  }

  @Test
  void ratesAverageFiveSecondsAndKeepThePeak() {
    byte[] f = ethernet(MAC_B, MAC_A, 0x88B5, zeros(86)); // 100 bytes = 800 bits
    // second 0: 10 frames, second 1: 30 frames, then seconds 2..6 with 0, then one frame
    for (int i = 0; i < 10; i++) {
      send(f, T0 + i, 0);
    }
    for (int i = 0; i < 30; i++) {
      send(f, T0 + SECOND + i, 0);
    }
    send(f, T0 + 2 * SECOND, 0); // closes second 1
    TablesSnapshot s = done();
    Rates r = s.interfaces().get(0).rates();
    assertThat(r.peakPps()).isEqualTo(30);
    assertThat(r.peakBps()).isEqualTo(30 * 800);
    assertThat(r.pps()).isEqualTo((10 + 30) / 2.0);
    assertThat(r.lastSecond().inPps()).isEqualTo(30);
  }

  @Test
  void snapshotsAreTakenByTheWriterWhileItRuns() throws Exception {
    wall.set(0);
    byte[] f = tcpFrame("10.0.0.1", 1, "10.0.0.2", 2, ACK, 0);
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; i < 2_000_000; i++) {
                send(f, T0 + i, 0);
              }
              tables.finish();
            });
    writer.start();
    long last = -1;
    for (int i = 0; i < 50; i++) {
      wall.addAndGet(2 * SECOND); // every read finds the last snapshot stale
      TablesSnapshot s = tables.snapshot();
      assertThat(s.capture().frames()).isGreaterThanOrEqualTo(last);
      last = s.capture().frames();
      InterfaceSnapshot i0 = s.interfaces().isEmpty() ? null : s.interfaces().get(0);
      if (i0 != null) {
        assertThat(i0.total().packets()).isEqualTo(s.capture().frames());
      }
    }
    writer.join();
    assertThat(tables.snapshot().capture().frames()).isEqualTo(2_000_000);
  }
}
