package org.iptraf.agent.report;

import java.io.PrintStream;
import java.util.List;
import org.iptraf.agent.stats.CaptureSnapshot;
import org.iptraf.agent.stats.Counts;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.Order;
import org.iptraf.agent.stats.OtherFlow;
import org.iptraf.agent.stats.PacketSizes;
import org.iptraf.agent.stats.PortCounts;
import org.iptraf.agent.stats.SizeBucket;
import org.iptraf.agent.stats.Station;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.stats.TcpConnection;
import org.iptraf.agent.stats.TcpFlags;
import org.iptraf.agent.stats.VlanCounts;

/** The report for people: IPTraf's screens as plain-text tables, busiest rows first. */
public final class TextReport {
  private static final int TOP = 50;

  private TextReport() {}

  public static void write(TablesSnapshot s, ReportSource source, PrintStream out) {
    out.printf(
        "iptraf-agent report: %s %s, %.3f s of capture%n",
        source.kind(), String.join(" ", source.names()), s.seconds());
    CaptureSnapshot c = s.capture();
    out.printf(
        "frames %d  bytes %d  malformed %d  unknown link type %d  kernel drops %d"
            + "  filtered %d  loopback duplicates %d%n%n",
        c.frames(),
        c.bytes(),
        c.malformed(),
        c.unknownLinkType(),
        c.kernelDrops(),
        c.filtered(),
        c.loopbackDuplicates());
    for (InterfaceSnapshot i : s.interfaces()) {
      iface(out, i);
    }
    if (!s.vlans().isEmpty()) {
      out.println("VLANs");
      out.printf("  %-16s %6s %12s %14s%n", "interface", "vlan", "packets", "bytes");
      for (VlanCounts v : s.vlans()) {
        out.printf(
            "  %-16s %6d %12d %14d%n", v.interfaceName(), v.vlanId(), v.packets(), v.bytes());
      }
      out.println();
    }
    tcp(out, s.tcpConnections());
    flows(out, s.otherFlows());
    ports(out, s.ports());
    sizes(out, s.packetSizes());
    stations(out, s.stations());
  }

  private static void iface(PrintStream out, InterfaceSnapshot i) {
    out.printf("Interface %s (%s)%n", i.name(), i.linkType());
    out.printf(
        "  %-10s %12s %14s %12s %14s %12s %14s%n",
        "", "packets", "bytes", "in pkts", "in bytes", "out pkts", "out bytes");
    row(out, "total", i.total());
    row(out, "ipv4", i.ipv4());
    row(out, "ipv6", i.ipv6());
    row(out, "tcp", i.tcp());
    row(out, "udp", i.udp());
    row(out, "icmp", i.icmp());
    row(out, "icmpv6", i.icmpv6());
    row(out, "other ip", i.otherIp());
    row(out, "non-ip", i.nonIp());
    row(out, "arp", i.arp());
    row(out, "broadcast", i.broadcast());
    row(out, "multicast", i.multicast());
    out.printf("  bad IPv4 checksums %d  IP fragments %d%n", i.badIpChecksum(), i.ipFragments());
    out.printf(
        "  rate %.1f kbit/s %.1f pkt/s (5 s), peak %.1f kbit/s %.1f pkt/s%n%n",
        i.rates().bps() / 1000, i.rates().pps(), i.rates().peakBps() / 1000, i.rates().peakPps());
  }

  private static void row(PrintStream out, String name, Counts c) {
    out.printf(
        "  %-10s %12d %14d %12d %14d %12d %14d%n",
        name, c.packets(), c.bytes(), c.inPackets(), c.inBytes(), c.outPackets(), c.outBytes());
  }

  private static void tcp(PrintStream out, List<TcpConnection> rows) {
    out.printf("TCP connections: %d%s%n", rows.size(), more(rows.size()));
    if (rows.isEmpty()) {
      out.println();
      return;
    }
    out.printf(
        "  %-10s %-45s %-45s %-12s %9s %12s %6s %9s %12s %6s%n",
        "interface",
        "a",
        "b",
        "state",
        "a>b pkts",
        "a>b bytes",
        "flags",
        "b>a pkts",
        "b>a bytes",
        "flags");
    for (TcpConnection c : Order.top(rows, Order.TCP, TOP)) {
      out.printf(
          "  %-10s %-45s %-45s %-12s %9d %12d %6s %9d %12d %6s%n",
          c.interfaceName(),
          c.a(),
          c.b(),
          c.state().label(),
          c.aToB().packets(),
          c.aToB().bytes(),
          TcpFlags.text(c.aToB().flagsSeen()),
          c.bToA().packets(),
          c.bToA().bytes(),
          TcpFlags.text(c.bToA().flagsSeen()));
    }
    out.println();
  }

  private static void flows(PrintStream out, List<OtherFlow> rows) {
    out.printf("Other flows: %d%s%n", rows.size(), more(rows.size()));
    for (OtherFlow f : Order.top(rows, Order.FLOWS, TOP)) {
      out.printf(
          "  %-10s %-8s %-45s %-45s %-18s %9d %12d%n",
          f.interfaceName(),
          f.protocol(),
          f.aText(),
          f.bText(),
          f.detail(),
          f.packets(),
          f.bytes());
    }
    out.println();
  }

  private static void ports(PrintStream out, List<PortCounts> rows) {
    out.printf("Ports: %d%s%n", rows.size(), more(rows.size()));
    for (PortCounts p : Order.top(rows, Order.PORTS, TOP)) {
      out.printf(
          "  %-4s %5d  packets %9d  bytes %12d  in %9d  out %9d%n",
          p.protocol(), p.port(), p.packets(), p.bytes(), p.inPackets(), p.outPackets());
    }
    out.println();
  }

  private static void sizes(PrintStream out, PacketSizes p) {
    out.println("Packet sizes (RMON, with FCS)");
    for (int b = 0; b < PacketSizes.RMON_NAMES.length; b++) {
      out.printf("  %-10s %12d%n", PacketSizes.RMON_NAMES[b], p.rmon()[b]);
    }
    out.println("Packet sizes (frame length)");
    for (SizeBucket b : p.buckets()) {
      if (b.packets() > 0) {
        out.printf(
            "  %5d-%-5d  in %10d  out %10d%n", b.from(), b.to(), b.inPackets(), b.outPackets());
      }
    }
    out.printf("  largest frame %d%n%n", p.largest());
  }

  private static void stations(PrintStream out, List<Station> rows) {
    out.printf("LAN stations: %d%s%n", rows.size(), more(rows.size()));
    for (Station s : Order.top(rows, Order.STATIONS, TOP)) {
      out.printf(
          "  %-10s %s  in %9d pkts %12d bytes  out %9d pkts %12d bytes  ip %9d%n",
          s.interfaceName(),
          s.macText(),
          s.inPackets(),
          s.inBytes(),
          s.outPackets(),
          s.outBytes(),
          s.ipPackets());
    }
    out.println();
  }

  private static String more(int n) {
    return n > TOP ? " (busiest " + TOP + " shown)" : "";
  }
}
