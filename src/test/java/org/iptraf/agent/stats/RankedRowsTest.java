package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.testutil.Frames;
import org.junit.jupiter.api.Test;

/**
 * A snapshot's rows ranked from its records ({@link RankedRows}) come in the order the rankings'
 * comparators give the rows themselves, ties and all: a plain list of the same rows sorted by the
 * comparator ({@link List#sort}) is the reference.
 *
 * <p>The capture: on two interfaces, TCP connections over IPv4 and IPv6 (clients above and below
 * the server, so that either endpoint may be stored first), UDP flows, ICMP flows between one pair
 * of hosts that differ only in type and code, GRE, and ARP between several MACs; payloads from a
 * handful of sizes, so that most rows tie on bytes with others (UDP's client ports too, each seen a
 * few times).
 */
class RankedRowsTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final int[] PAYLOADS = {0, 10, 100};

  private static Tables tables() {
    var c = ConfigParser.defaultConfig();
    Tables t = new Tables(c.tables(), c.filters(), System::nanoTime);
    t.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 262144, 2));
    t.interfaceAdded(1, new InterfaceInfo("eth1", LinkType.ETHERNET, false, 262144, 3));
    return t;
  }

  private static byte[] frame(SplittableRandom r) {
    int payload = PAYLOADS[r.nextInt(PAYLOADS.length)];
    String v4 = "10.0." + r.nextInt(4) + "." + (1 + r.nextInt(40));
    String v4Server = "10.0.2." + (1 + r.nextInt(2));
    String v6 = "2001:db8::" + Integer.toHexString(1 + r.nextInt(30));
    String v6Server = "2001:db8::10";
    boolean reply = r.nextBoolean();
    byte[] ip =
        switch (r.nextInt(8)) {
          case 0, 1 -> {
            byte[] tcp =
                Frames.tcp(1024 + r.nextInt(8), 80, reply ? Frames.ACK : Frames.SYN, 100, payload);
            yield reply ? Frames.ipv4(v4Server, v4, 6, tcp) : Frames.ipv4(v4, v4Server, 6, tcp);
          }
          case 2 -> {
            byte[] tcp = Frames.tcp(1024 + r.nextInt(8), 443, Frames.ACK, 1, payload);
            yield Frames.ipv6(v6, v6Server, 6, tcp);
          }
          case 3 -> Frames.ipv4(v4, v4Server, 17, Frames.udp(5000 + r.nextInt(2000), 53, payload));
          case 4 -> Frames.ipv4("10.0.9.1", "10.0.9.2", 1, Frames.icmp(r.nextInt(12), 0, payload));
          case 5 -> Frames.ipv4(v4, "10.0.9.9", 47, Frames.gre(0x0800, Frames.zeros(payload)));
          case 6 -> Frames.ipv4(v4, v4Server, 1, Frames.icmp(8, 0, payload)); // as long as UDP's
          default -> null;
        };
    if (ip == null) {
      byte[] mac = Frames.mac("02:00:00:00:00:" + (10 + r.nextInt(20)));
      return Frames.ethernet(
          Frames.BROADCAST,
          mac,
          0x0806,
          Frames.arp(1 + r.nextInt(2), mac, Frames.ip("10.0.0.1"), Frames.ip("10.0.0.2")));
    }
    return Frames.ethernet(Frames.MAC_B, Frames.MAC_A, (ip[0] >> 4) == 6 ? 0x86DD : 0x0800, ip);
  }

  private static TablesSnapshot capture() {
    Tables t = tables();
    SplittableRandom r = new SplittableRandom(12);
    for (int i = 0; i < 6_000; i++) {
      byte[] f = frame(r);
      t.frame(
          ByteBuffer.wrap(f),
          0,
          f.length,
          f.length,
          T0 + i * 1_000_000L,
          r.nextInt(2),
          FrameSink.DIRECTION_IN,
          FrameSink.NO_VLAN);
    }
    t.finish();
    return t.snapshot();
  }

  private static <T> void assertRanksAsTheRowsDo(
      List<T> rows, Comparator<? super T> order, int ties) {
    assertThat(((LazyRows<T>) rows).ranked(order)).as("ranked from the records").isNotNull();
    List<T> reference = new ArrayList<>(rows);
    reference.sort(order);
    assertThat(rows.size() - ties).as("rows that tie on bytes with another").isPositive();
    for (int n : new int[] {0, 1, 7, rows.size()}) {
      assertThat(Order.top(rows, order, n))
          .as("first %d", n)
          .containsExactlyElementsOf(reference.subList(0, n > 0 ? n : rows.size()));
      assertThat(Order.top(new ArrayList<>(rows), order, n))
          .as("first %d of a plain list", n)
          .containsExactlyElementsOf(reference.subList(0, n > 0 ? n : rows.size()));
    }
  }

  @Test
  void ranksTcpConnectionsAsTheirRowsCompare() {
    List<TcpConnection> rows = capture().tcpConnections();
    assertThat(rows.stream().anyMatch(c -> !c.a().isIpv4())).isTrue();
    assertRanksAsTheRowsDo(rows, Order.TCP, distinct(rows.stream().map(TcpConnection::bytes)));
  }

  @Test
  void ranksOtherFlowsAsTheirRowsCompare() {
    List<OtherFlow> rows = capture().otherFlows();
    assertThat(rows).extracting(OtherFlow::protocol).contains("udp", "icmp", "gre", "arp");
    assertRanksAsTheRowsDo(rows, Order.FLOWS, distinct(rows.stream().map(OtherFlow::bytes)));
  }

  @Test
  void ranksPortsAsTheirRowsCompare() {
    List<PortCounts> rows = capture().ports();
    assertRanksAsTheRowsDo(rows, Order.PORTS, distinct(rows.stream().map(PortCounts::bytes)));
  }

  @Test
  void leavesOrdersItCannotRankToTheRows() {
    TablesSnapshot s = capture();
    assertThat(((LazyRows<TcpConnection>) s.tcpConnections()).ranked(Order.TCP_BY_AGE)).isNull();
    List<TcpConnection> reference = new ArrayList<>(s.tcpConnections());
    reference.sort(Order.TCP_BY_AGE);
    assertThat(Order.top(s.tcpConnections(), Order.TCP_BY_AGE, 0))
        .containsExactlyElementsOf(reference);
  }

  /**
   * The packed keys' radix sort, against the JDK's: from a few keys to many, narrow and wide, equal
   * ones among them, and negative ones (which it leaves to the JDK's).
   */
  @Test
  void sortsKeysAsArraysSortDoes() {
    SplittableRandom r = new SplittableRandom(3);
    for (int n : new int[] {0, 1, 5, 1023, 1024, 5000, 70_000}) {
      for (long bound : new long[] {1, 50, 1L << 20, 1L << 40, Long.MAX_VALUE, -1}) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
          long k = bound > 0 ? r.nextLong(bound) : r.nextLong(); // -1: any long
          keys[i] = i % 3 == 2 ? keys[i / 2] : k; // and equal keys
        }
        long[] expected = keys.clone();
        java.util.Arrays.sort(expected);
        RankedRows.sort(keys);
        assertThat(keys).as("%d keys below %d", n, bound).containsExactly(expected);
      }
    }
  }

  private static int distinct(java.util.stream.Stream<Long> bytes) {
    return (int) bytes.distinct().count();
  }
}
