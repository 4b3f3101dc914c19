package org.iptraf.agent.prometheus;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.iptraf.agent.stats.PortCounts;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.stats.TcpConnection;
import org.iptraf.agent.stats.VlanCounts;

/**
 * With {@code prometheus.topFlows = N}: the N busiest (most bytes) TCP connections, ports and
 * VLANs, each a series of its own. Which rows these are changes from scrape to scrape; each value
 * is the row's own total since it began, so {@code rate()} works while a row stays in.
 */
final class TopFamilies {

  private static final Comparator<TcpConnection> CONNECTIONS =
      Comparator.comparingLong(TcpConnection::bytes)
          .thenComparing(TcpConnection::interfaceName, Comparator.reverseOrder())
          .thenComparing(TcpConnection::a, Comparator.reverseOrder())
          .thenComparing(TcpConnection::b, Comparator.reverseOrder());

  private static final Comparator<PortCounts> PORTS =
      Comparator.comparingLong(PortCounts::bytes)
          .thenComparing(PortCounts::protocol, Comparator.reverseOrder())
          .thenComparing(PortCounts::port, Comparator.reverseOrder());

  private static final Comparator<VlanCounts> VLANS =
      Comparator.comparingLong(VlanCounts::bytes)
          .thenComparing(VlanCounts::interfaceName, Comparator.reverseOrder())
          .thenComparing(VlanCounts::vlanId, Comparator.reverseOrder());

  private TopFamilies() {}

  /** {@code s} must be a full snapshot (with rows). */
  static void addTo(TablesSnapshot s, int n, MetricSnapshots.Builder out) {
    connections(top(s.tcpConnections(), n, CONNECTIONS), out);
    ports(top(s.ports(), n, PORTS), out);
    vlans(top(s.vlans(), n, VLANS), out);
  }

  private static void connections(List<TcpConnection> top, MetricSnapshots.Builder out) {
    String which =
        " of the prometheus.topFlows TCP connections with the most bytes; a is the "
            + "endpoint that opened it, direction aToB or bToA.";
    Family packets =
        Family.counter(
            "iptraf_top_tcp_connection_packets",
            "Packets" + which,
            "interface",
            "a",
            "b",
            "direction");
    Family bytes =
        Family.byteCounter(
            "iptraf_top_tcp_connection_bytes",
            "Bytes (IP lengths)" + which,
            "interface",
            "a",
            "b",
            "direction");
    for (TcpConnection c : top) {
      String a = c.a().toString();
      String b = c.b().toString();
      packets.add(c.aToB().packets(), c.interfaceName(), a, b, "aToB");
      packets.add(c.bToA().packets(), c.interfaceName(), a, b, "bToA");
      bytes.add(c.aToB().bytes(), c.interfaceName(), a, b, "aToB");
      bytes.add(c.bToA().bytes(), c.interfaceName(), a, b, "bToA");
    }
    packets.addTo(out);
    bytes.addTo(out);
  }

  private static void ports(List<PortCounts> top, MetricSnapshots.Builder out) {
    String which =
        " of the prometheus.topFlows TCP and UDP ports with the most bytes; "
            + "direction in when the port is the destination, out when it is the source.";
    Family packets =
        Family.counter(
            "iptraf_top_port_packets", "Packets" + which, "protocol", "port", "direction");
    Family bytes =
        Family.byteCounter(
            "iptraf_top_port_bytes", "Bytes (IP lengths)" + which, "protocol", "port", "direction");
    for (PortCounts p : top) {
      String port = Integer.toString(p.port());
      packets.add(p.inPackets(), p.protocol(), port, "in");
      packets.add(p.outPackets(), p.protocol(), port, "out");
      bytes.add(p.inBytes(), p.protocol(), port, "in");
      bytes.add(p.outBytes(), p.protocol(), port, "out");
    }
    packets.addTo(out);
    bytes.addTo(out);
  }

  private static void vlans(List<VlanCounts> top, MetricSnapshots.Builder out) {
    String which = " of the prometheus.topFlows VLANs (per interface) with the most bytes.";
    Family packets =
        Family.counter("iptraf_top_vlan_packets", "Frames" + which, "interface", "vlan");
    Family bytes =
        Family.byteCounter(
            "iptraf_top_vlan_bytes", "Bytes (frame lengths)" + which, "interface", "vlan");
    for (VlanCounts v : top) {
      String vlan = Integer.toString(v.vlanId());
      packets.add(v.packets(), v.interfaceName(), vlan);
      bytes.add(v.bytes(), v.interfaceName(), vlan);
    }
    packets.addTo(out);
    bytes.addTo(out);
  }

  /**
   * The {@code n} greatest rows, greatest first, in O(rows log n): a table of a million rows is not
   * sorted for ten of them.
   */
  static <T> List<T> top(List<T> rows, int n, Comparator<T> order) {
    PriorityQueue<T> smallestFirst = new PriorityQueue<>(n + 1, order);
    for (T row : rows) {
      if (smallestFirst.size() < n) {
        smallestFirst.add(row);
      } else if (order.compare(row, smallestFirst.peek()) > 0) {
        smallestFirst.poll();
        smallestFirst.add(row);
      }
    }
    List<T> top = new ArrayList<>(smallestFirst);
    top.sort(order.reversed());
    return top;
  }
}
