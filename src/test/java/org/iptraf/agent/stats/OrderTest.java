package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTest {
  private static final long V4 = 0x0000_FFFF_0000_0000L;
  private static final TcpConnection.Direction TEN =
      new TcpConnection.Direction(1, 10, 0, 0, 0, 10);

  private static Endpoint v4(int a, int port) {
    return new Endpoint(0, V4 | (a & 0xFFFF_FFFFL), port);
  }

  private static TcpConnection tcp(int ifId, Endpoint a, Endpoint b) {
    return new TcpConnection(ifId, "eth" + ifId, a, b, TcpState.ESTABLISHED, 0, 0, TEN, TEN);
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
              TEN));
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
            TEN);

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
    return new OtherFlow(0, "eth0", kind, 0, protocol, a, b, aMac, bMac, "", 1, 100, 0, 0);
  }
}
