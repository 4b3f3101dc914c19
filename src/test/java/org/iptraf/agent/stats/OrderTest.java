package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderTest {
  private static final long V4 = 0x0000_FFFF_0000_0000L;
  private static final TcpConnection.Direction TEN =
      new TcpConnection.Direction(1, 10, 0, 0, 0, 10);

  private static Endpoint v4(int a, int port) {
    return new Endpoint(0, V4 | (a & 0xFFFF_FFFFL), port);
  }

  private static TcpConnection tcp(int ifId, Endpoint a, Endpoint b) {
    return new TcpConnection(ifId, "eth" + ifId, a, b, TcpState.ESTABLISHED, 0, 0, TEN, TEN, -1);
  }

  @Test
  void breaksTcpTiesByInterfaceThenNumericAddressThenPort() {
    Endpoint server = v4(0x0A00_0001, 80);
    TcpConnection dot10 = tcp(1, v4(0x0A00_000A, 5000), server);
    TcpConnection dot2 = tcp(1, v4(0x0A00_0002, 5000), server);
    TcpConnection dot2HighPort = tcp(1, v4(0x0A00_0002, 60000), server);
    TcpConnection v6 = tcp(1, new Endpoint(0x2001_0db8_0000_0000L, 1, 5000), server);
    TcpConnection otherInterface = tcp(0, v4(0x0A00_000A, 5000), server);

    List<TcpConnection> sorted =
        Order.top(List.of(v6, dot10, dot2HighPort, otherInterface, dot2), Order.TCP, 0);

    // 10.0.0.2 before 10.0.0.10 (as numbers, not as text); IPv4 (::ffff:0:0/96) before 2001:db8::
    assertThat(sorted).containsExactly(otherInterface, dot2, dot2HighPort, dot10, v6);
  }

  /** The heap's first n are the sort's first n, ties and all, in every order the top tables use. */
  @Test
  void firstNIsTheSortedListsPrefix() {
    java.util.Random random = new java.util.Random(16);
    List<TcpConnection> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      int bytes = random.nextInt(50) * 100; // many ties, broken by the keys
      rows.add(
          new TcpConnection(
              random.nextInt(3),
              "eth",
              v4(0x0A00_0000 | random.nextInt(4096), 1024 + random.nextInt(64)),
              v4(0x0A01_0000 | random.nextInt(16), 80),
              TcpState.ESTABLISHED,
              random.nextInt(1000),
              0,
              new TcpConnection.Direction(1 + random.nextInt(9), bytes, 0, 0, 0, 0),
              TEN,
              -1));
    }
    for (java.util.Comparator<TcpConnection> order :
        List.of(Order.TCP, Order.TCP_BY_PACKETS, Order.TCP_BY_AGE)) {
      for (int n : new int[] {1, 10, 1000, 4999, 5000, 6000}) {
        assertThat(Order.first(rows, order, n))
            .as("first %d", n)
            .containsExactlyElementsOf(Order.top(rows, order, Math.min(n, rows.size())));
      }
    }
  }

  @Test
  void putsBusierRowsFirstWhateverTheirKeys() {
    Endpoint server = v4(0x0A00_0001, 80);
    TcpConnection small = tcp(0, v4(0x0A00_0002, 5000), server);
    TcpConnection big =
        new TcpConnection(
            1,
            "eth1",
            v4(0x0A00_0003, 5000),
            server,
            TcpState.ESTABLISHED,
            0,
            0,
            new TcpConnection.Direction(5, 5000, 0, 0, 0, 1000),
            TEN,
            -1);

    assertThat(Order.top(List.of(small, big), Order.TCP, 1)).containsExactly(big);
  }

  @Test
  void breaksFlowTiesByProtocolNameThenAddressesThenMacs() {
    Endpoint a = v4(0x0A00_0009, 53);
    Endpoint b = v4(0x0A00_0001, 53);
    OtherFlow udp = flow("udp", a, b, null, null);
    OtherFlow udpLowerA = flow("udp", b, a, null, null);
    OtherFlow arp = flow("arp", null, null, "02:00:00:00:00:0a", "ff:ff:ff:ff:ff:ff");
    OtherFlow arpLowerMac = flow("arp", null, null, "02:00:00:00:00:09", "ff:ff:ff:ff:ff:ff");

    assertThat(Order.top(List.of(udp, arp, udpLowerA, arpLowerMac), Order.FLOWS, 0))
        .containsExactly(arpLowerMac, arp, udpLowerA, udp);
  }

  private static OtherFlow flow(String protocol, Endpoint a, Endpoint b, String aMac, String bMac) {
    OtherFlow.Kind kind = a == null ? OtherFlow.Kind.NON_IP : OtherFlow.Kind.UDP;
    return new OtherFlow(0, "eth0", kind, 0, protocol, a, b, aMac, bMac, "", 1, 100, 0, 0, -1);
  }

  /**
   * {@link Order#top} sorts numbers and compares only rows of equal bytes: the same order as
   * sorting the rows with the comparator itself, for many rows with many ties, and its first n.
   */
  @Test
  void topSortsAsTheComparatorDoesWithManyTies() {
    Random random = new Random(42);
    List<TcpConnection> tcp = new ArrayList<>();
    List<OtherFlow> flows = new ArrayList<>();
    List<PortCounts> ports = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      long bytes = random.nextInt(4) == 0 ? random.nextInt(1 << 20) : 40 * random.nextInt(8);
      Endpoint a = v4(0x0A00_0000 | random.nextInt(64), random.nextInt(4));
      Endpoint b = v4(0x0A00_0000 | random.nextInt(64), 80);
      TcpConnection.Direction d = new TcpConnection.Direction(1, bytes, 0, 0, 0, 0);
      tcp.add(
          new TcpConnection(
              random.nextInt(2), "eth", a, b, TcpState.ESTABLISHED, 0, 0, d, TEN, -1));
      OtherFlow.Kind kind = OtherFlow.Kind.UDP;
      flows.add(
          new OtherFlow(0, "eth0", kind, 17, "udp", a, b, null, null, "", 1, bytes, 0, 0, -1));
      ports.add(new PortCounts(random.nextBoolean() ? "tcp" : "udp", i, 1, bytes, 0, 0));
    }
    // one byte count beyond what the packing holds: told apart by the comparator
    ports.add(new PortCounts("tcp", 70_000, 1, Long.MAX_VALUE / 2, 0, 0));
    ports.add(new PortCounts("tcp", 70_001, 1, Long.MAX_VALUE / 2 + 1, 0, 0));

    assertSameOrder(tcp, Order.TCP);
    assertSameOrder(flows, Order.FLOWS);
    assertSameOrder(ports, Order.PORTS);
  }

  private static <T> void assertSameOrder(List<T> rows, Order.Ranking<T> order) {
    List<T> expected = new ArrayList<>(rows);
    expected.sort(order);
    assertThat(Order.top(rows, order, 0)).containsExactlyElementsOf(expected);
    assertThat(Order.top(rows, order, 7)).containsExactlyElementsOf(expected.subList(0, 7));
    assertThat(Order.top(rows, order, 1)).containsExactly(expected.get(0));
  }
}
