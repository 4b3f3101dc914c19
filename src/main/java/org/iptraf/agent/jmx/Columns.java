package org.iptraf.agent.jmx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.iptraf.agent.stats.CaptureSnapshot;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.Order;
import org.iptraf.agent.stats.OtherFlow;
import org.iptraf.agent.stats.PacketSizes;
import org.iptraf.agent.stats.PortCounts;
import org.iptraf.agent.stats.Rates;
import org.iptraf.agent.stats.SizeBucket;
import org.iptraf.agent.stats.Station;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.stats.TcpConnection;
import org.iptraf.agent.stats.TcpFlags;
import org.iptraf.agent.stats.TimeText;
import org.iptraf.agent.stats.VlanCounts;

/**
 * What each MBean shows, named after the report's keys: an interface's {@code tcp.inBytes} is the
 * attribute {@code TcpInBytes}, a connection's {@code aToB.packets} the row item {@code
 * aToBPackets}.
 */
final class Columns {
  private Columns() {}

  /** The traffic classes of an interface, as the report names them. */
  static <T> Map<String, Column<T>> byName(List<Column<T>> columns) {
    Map<String, Column<T>> m = new LinkedHashMap<>();
    for (Column<T> c : columns) {
      if (m.put(c.name(), c) != null) {
        throw new IllegalArgumentException("two columns named " + c.name());
      }
    }
    return m;
  }

  static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  // ------------------------------------------------------------------ flat MBeans

  /** {@code iptraf:type=Interface,name=<if>}: every counter and rate of one interface. */
  static List<Column<InterfaceSnapshot>> iface() {
    List<Column<InterfaceSnapshot>> c = new ArrayList<>();
    c.add(Column.ofString("Name", "interface name", InterfaceSnapshot::name));
    c.add(Column.ofString("LinkType", "link type", InterfaceSnapshot::linkType));
    c.add(
        Column.ofInt(
            "SystemIndex", "kernel ifindex (0 for capture files)", InterfaceSnapshot::systemIndex));
    InterfaceSnapshot.CLASSES.forEach(
        (cls, f) -> {
          String p = capitalize(cls);
          String what = cls + " traffic";
          c.add(Column.ofLong(p + "Packets", what + ": packets", i -> f.apply(i).packets()));
          c.add(Column.ofLong(p + "Bytes", what + ": bytes", i -> f.apply(i).bytes()));
          c.add(Column.ofLong(p + "InPackets", what + ": packets in", i -> f.apply(i).inPackets()));
          c.add(Column.ofLong(p + "InBytes", what + ": bytes in", i -> f.apply(i).inBytes()));
          c.add(
              Column.ofLong(
                  p + "OutPackets", what + ": packets out", i -> f.apply(i).outPackets()));
          c.add(Column.ofLong(p + "OutBytes", what + ": bytes out", i -> f.apply(i).outBytes()));
        });
    c.add(
        Column.ofLong(
            "BadIpChecksum", "IPv4 headers with a bad checksum", InterfaceSnapshot::badIpChecksum));
    c.add(Column.ofLong("IpFragments", "IP fragments", InterfaceSnapshot::ipFragments));
    c.add(rate("Bps", "bits/s, average of the last 5 complete seconds", Rates::bps));
    c.add(rate("Pps", "packets/s, average of the last 5 complete seconds", Rates::pps));
    c.add(rate("PeakBps", "highest 1-second bits/s", Rates::peakBps));
    c.add(rate("PeakPps", "highest 1-second packets/s", Rates::peakPps));
    sample(c, "LastSecond", "last complete second", Rates::lastSecond);
    sample(c, "Ewma1m", "1-minute moving average", Rates::ewma1m);
    sample(c, "Ewma5m", "5-minute moving average", Rates::ewma5m);
    sample(c, "Ewma15m", "15-minute moving average", Rates::ewma15m);
    for (int b = 0; b < PacketSizes.RMON_NAMES.length; b++) {
      int bucket = b;
      c.add(
          Column.ofLong(
              "RmonSize" + PacketSizes.RMON_NAMES[b],
              "frames of RMON size " + PacketSizes.RMON_NAMES[b] + " (with FCS)",
              i -> i.rmonSize(bucket)));
    }
    return c;
  }

  private static Column<InterfaceSnapshot> rate(
      String name, String description, ToDoubleFunction<Rates> f) {
    return Column.ofDouble(name, description + " (capture clock)", i -> f.applyAsDouble(i.rates()));
  }

  private static void sample(
      List<Column<InterfaceSnapshot>> c,
      String prefix,
      String what,
      Function<Rates, Rates.Sample> f) {
    c.add(rate(prefix + "Bps", what + ", bits/s", r -> f.apply(r).bps()));
    c.add(rate(prefix + "Pps", what + ", packets/s", r -> f.apply(r).pps()));
    c.add(rate(prefix + "InBps", what + ", bits/s in", r -> f.apply(r).inBps()));
    c.add(rate(prefix + "OutBps", what + ", bits/s out", r -> f.apply(r).outBps()));
    c.add(rate(prefix + "InPps", what + ", packets/s in", r -> f.apply(r).inPps()));
    c.add(rate(prefix + "OutPps", what + ", packets/s out", r -> f.apply(r).outPps()));
  }

  /** {@code iptraf:type=Capture}: whole-capture counters and the packet sizes. */
  static List<Column<TablesSnapshot>> capture() {
    List<Column<TablesSnapshot>> c = new ArrayList<>();
    c.add(cap("Frames", "every frame the source delivered", CaptureSnapshot::frames));
    c.add(cap("Bytes", "their original lengths", CaptureSnapshot::bytes));
    c.add(
        cap(
            "Malformed",
            "frames with a truncated or inconsistent header",
            CaptureSnapshot::malformed));
    c.add(
        cap(
            "UnknownLinkType",
            "frames of a link type the decoder does not know",
            CaptureSnapshot::unknownLinkType));
    c.add(
        cap("KernelDrops", "frames the kernel dropped (live only)", CaptureSnapshot::kernelDrops));
    c.add(cap("Filtered", "frames a filter rule excluded", CaptureSnapshot::filtered));
    c.add(
        cap(
            "LoopbackDuplicates",
            "loopback frames seen twice and counted once",
            CaptureSnapshot::loopbackDuplicates));
    c.add(
        cap(
            "TcpEvictions",
            "TCP connections evicted at the table's cap",
            CaptureSnapshot::tcpEvictions));
    c.add(
        cap(
            "FlowEvictions",
            "other flows evicted at the table's cap",
            CaptureSnapshot::flowEvictions));
    c.add(
        cap(
            "StationEvictions",
            "stations evicted at the table's cap",
            CaptureSnapshot::stationEvictions));
    c.add(Column.ofDouble("Seconds", "seconds of capture time covered", TablesSnapshot::seconds));
    snapshotAndSizes(c);
    return c;
  }

  /** The snapshot's own attributes (reset count, sequence) and the packet sizes. */
  private static void snapshotAndSizes(List<Column<TablesSnapshot>> c) {
    c.add(
        Column.ofLong(
            "ResetCount", "how many times counters were reset", TablesSnapshot::resetCount));
    c.add(
        Column.ofLong(
            "SnapshotSequence", "sequence number of the snapshot shown", TablesSnapshot::sequence));
    for (int b = 0; b < PacketSizes.RMON_NAMES.length; b++) {
      int bucket = b;
      c.add(
          Column.ofLong(
              "RmonSize" + PacketSizes.RMON_NAMES[b],
              "frames of RMON size " + PacketSizes.RMON_NAMES[b] + " (with FCS), all interfaces",
              s -> s.packetSizes().rmon()[bucket]));
    }
    c.add(Column.ofInt("LargestPacket", "the longest frame seen", s -> s.packetSizes().largest()));
    RowTable<SizeBucket> sizes = sizes();
    c.add(
        new Column<>(
            "PacketSizes",
            "iptraf-ng's packet size breakdown (MTU/20 buckets)",
            sizes.type(),
            s -> sizes.tabular(sizes.sorted(s), 0)));
  }

  private static Column<TablesSnapshot> cap(
      String name, String description, ToLongFunction<CaptureSnapshot> f) {
    return Column.ofLong(name, description, s -> f.applyAsLong(s.capture()));
  }

  // ------------------------------------------------------------------ tables

  static RowTable<TcpConnection> tcp() {
    List<Column<TcpConnection>> c = new ArrayList<>();
    c.add(Column.ofString("interface", "interface", TcpConnection::interfaceName));
    c.add(
        Column.ofString("a", "the endpoint that opened it (or sent first)", x -> x.a().toString()));
    c.add(Column.ofString("b", "the other endpoint", x -> x.b().toString()));
    c.add(Column.ofString("state", "connection state", x -> x.state().label()));
    c.add(time("firstSeen", "first packet (capture time, UTC)", x -> x.firstSeenNanos()));
    c.add(time("lastSeen", "last packet (capture time, UTC)", x -> x.lastSeenNanos()));
    c.add(Column.ofLong("packets", "packets both ways", TcpConnection::packets));
    c.add(Column.ofLong("bytes", "IP bytes both ways", TcpConnection::bytes));
    direction(c, "aToB", TcpConnection::aToB);
    direction(c, "bToA", TcpConnection::bToA);
    return new RowTable<>(
        "TcpConnections",
        "one TCP connection, both directions",
        TablesSnapshot::tcpConnections,
        Order.TCP,
        c);
  }

  private static void direction(
      List<Column<TcpConnection>> c, String p, Function<TcpConnection, TcpConnection.Direction> d) {
    c.add(Column.ofLong(p + "Packets", p + " packets", x -> d.apply(x).packets()));
    c.add(Column.ofLong(p + "Bytes", p + " IP bytes", x -> d.apply(x).bytes()));
    c.add(
        Column.ofString(
            p + "Flags", p + " every TCP flag seen", x -> TcpFlags.text(d.apply(x).flagsSeen())));
    c.add(
        Column.ofString(
            p + "LastFlags",
            p + " flags of the last packet",
            x -> TcpFlags.text(d.apply(x).lastFlags())));
    c.add(Column.ofInt(p + "Window", p + " last advertised window", x -> d.apply(x).window()));
    c.add(
        Column.ofInt(
            p + "LastSize", p + " IP length of the last packet", x -> d.apply(x).lastSize()));
  }

  static RowTable<OtherFlow> flows() {
    List<Column<OtherFlow>> c = new ArrayList<>();
    c.add(Column.ofString("interface", "interface", OtherFlow::interfaceName));
    c.add(
        Column.ofString(
            "protocol",
            "udp, icmp, icmpv6, igmp, gre, ip-N or the ethertype",
            OtherFlow::protocol));
    c.add(Column.ofString("a", "sender of the first packet", OtherFlow::aText));
    c.add(Column.ofString("b", "the other side", OtherFlow::bText));
    c.add(Column.ofString("detail", "ICMP type/code, ethertype, GRE payload", OtherFlow::detail));
    c.add(Column.ofLong("packets", "packets", OtherFlow::packets));
    c.add(Column.ofLong("bytes", "bytes", OtherFlow::bytes));
    c.add(time("firstSeen", "first packet (capture time, UTC)", x -> x.firstSeenNanos()));
    c.add(time("lastSeen", "last packet (capture time, UTC)", x -> x.lastSeenNanos()));
    return new RowTable<>(
        "OtherFlows", "one non-TCP flow", TablesSnapshot::otherFlows, Order.FLOWS, c);
  }

  static RowTable<PortCounts> ports() {
    List<Column<PortCounts>> c = new ArrayList<>();
    c.add(Column.ofString("protocol", "tcp or udp", PortCounts::protocol));
    c.add(Column.ofInt("port", "port number", PortCounts::port));
    c.add(Column.ofLong("packets", "packets to or from the port", PortCounts::packets));
    c.add(Column.ofLong("bytes", "IP bytes to or from the port", PortCounts::bytes));
    c.add(Column.ofLong("inPackets", "packets to the port", PortCounts::inPackets));
    c.add(Column.ofLong("outPackets", "packets from the port", PortCounts::outPackets));
    c.add(Column.ofLong("inBytes", "IP bytes to the port", PortCounts::inBytes));
    c.add(Column.ofLong("outBytes", "IP bytes from the port", PortCounts::outBytes));
    return new RowTable<>("Ports", "one TCP or UDP port", TablesSnapshot::ports, Order.PORTS, c);
  }

  static RowTable<Station> stations() {
    List<Column<Station>> c = new ArrayList<>();
    c.add(Column.ofString("interface", "interface", Station::interfaceName));
    c.add(Column.ofString("mac", "MAC address", Station::macText));
    c.add(Column.ofLong("packets", "frames to and from it", x -> x.inPackets() + x.outPackets()));
    c.add(Column.ofLong("bytes", "bytes to and from it", x -> x.inBytes() + x.outBytes()));
    c.add(Column.ofLong("inPackets", "frames sent to it", Station::inPackets));
    c.add(Column.ofLong("inBytes", "bytes sent to it", Station::inBytes));
    c.add(Column.ofLong("outPackets", "frames it sent", Station::outPackets));
    c.add(Column.ofLong("outBytes", "bytes it sent", Station::outBytes));
    c.add(Column.ofLong("ipPackets", "frames to or from it carrying IP", Station::ipPackets));
    c.add(time("lastSeen", "last frame (capture time, UTC)", x -> x.lastSeenNanos()));
    return new RowTable<>(
        "Stations", "one MAC address of the LAN", TablesSnapshot::stations, Order.STATIONS, c);
  }

  static RowTable<VlanCounts> vlans() {
    List<Column<VlanCounts>> c = new ArrayList<>();
    c.add(Column.ofString("interface", "interface", VlanCounts::interfaceName));
    c.add(Column.ofInt("vlanId", "802.1Q VLAN id", VlanCounts::vlanId));
    c.add(Column.ofLong("packets", "frames", VlanCounts::packets));
    c.add(Column.ofLong("bytes", "frame bytes", VlanCounts::bytes));
    return new RowTable<>(
        "Vlans", "one VLAN of one interface", TablesSnapshot::vlans, Order.VLANS, c);
  }

  /** The agent's threshold alarms, in configuration order (they are not traffic). */
  static RowTable<org.iptraf.agent.alarm.AlarmStatus> alarms(
      java.util.function.Supplier<List<org.iptraf.agent.alarm.AlarmStatus>> statuses) {
    List<Column<org.iptraf.agent.alarm.AlarmStatus>> c = new ArrayList<>();
    c.add(Column.ofString("name", "alarm name (alarm.NAME.* in the config)", a -> a.name()));
    c.add(Column.ofString("metric", "the metric it watches", a -> a.metric()));
    c.add(Column.ofString("value", "the metric's last value", a -> a.valueText()));
    c.add(Column.ofString("state", "ok, warning, critical or unknown", a -> a.state().label()));
    c.add(Column.ofString("previousState", "the state before", a -> a.previousState().label()));
    c.add(
        Column.ofString(
            "since",
            "when the state began (UTC)",
            a -> java.time.Instant.ofEpochMilli(a.sinceMillis()).toString()));
    c.add(Column.ofString("warning", "warning range", a -> a.warning()));
    c.add(Column.ofString("critical", "critical range", a -> a.critical()));
    return new RowTable<>("Alarms", "one threshold alarm", s -> statuses.get(), (a, b) -> 0, c);
  }

  /** The size buckets in size order (their natural order, not by traffic). */
  static RowTable<SizeBucket> sizes() {
    List<Column<SizeBucket>> c = new ArrayList<>();
    c.add(Column.ofInt("from", "smallest frame length", b -> b.from()));
    c.add(Column.ofInt("to", "largest frame length", b -> b.to()));
    c.add(Column.ofLong("packets", "frames", b -> b.packets()));
    c.add(Column.ofLong("inPackets", "frames in", b -> b.inPackets()));
    c.add(Column.ofLong("outPackets", "frames out", b -> b.outPackets()));
    return new RowTable<>(
        "PacketSizes",
        "frames of one size range",
        s -> s.packetSizes().buckets(),
        Comparator.comparingInt(SizeBucket::from),
        c);
  }

  /** A capture time as text (UTC), from a row's nanoseconds. */
  private static <R> Column<R> time(String name, String description, ToLongFunction<R> nanos) {
    return Column.ofString(name, description, x -> TimeText.time(nanos.applyAsLong(x)));
  }
}
