package org.iptraf.agent.report;

import java.io.IOException;
import java.io.OutputStream;
import org.iptraf.agent.names.Names;
import org.iptraf.agent.stats.CaptureSnapshot;
import org.iptraf.agent.stats.Counts;
import org.iptraf.agent.stats.Endpoint;
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

/** Writes a snapshot as the report JSON of docs/REPORT.md, streaming, keys in its order. */
public final class JsonReport {
  private JsonReport() {}

  public static void write(TablesSnapshot s, ReportSource source, OutputStream out)
      throws IOException {
    write(s, source, Names.NONE, out);
  }

  /**
   * The report with names where they are known: {@code ports[].service}, {@code stations[].name},
   * {@code tcpConnections[].aName/bName} and {@code otherFlows[].aName/bName} (reverse DNS for IP
   * flows, ethers for non-IP ones). A field is left out when there is no name; every other field is
   * as without names.
   */
  public static void write(TablesSnapshot s, ReportSource source, Names names, OutputStream out)
      throws IOException {
    JsonOut g = JsonOut.rowPerLine(out);
    g.startObject();
    g.startObject("source");
    g.field("kind", source.kind());
    g.startArray("names");
    for (String n : source.names()) {
      g.value(n);
    }
    g.end();
    g.field("seconds", round(s.seconds()));
    g.end();
    capture(g, s.capture());
    g.startArray("interfaces");
    for (InterfaceSnapshot i : s.interfaces()) {
      iface(g, i);
    }
    g.end();
    g.startArray("vlans");
    for (VlanCounts v : s.vlans()) {
      vlan(g, v);
    }
    g.end();
    g.startArray("tcpConnections");
    for (TcpConnection c : Order.top(s.tcpConnections(), Order.TCP, 0)) {
      tcp(g, c, names);
    }
    g.end();
    g.startArray("otherFlows");
    for (OtherFlow f : Order.top(s.otherFlows(), Order.FLOWS, 0)) {
      otherFlow(g, f, names);
    }
    g.end();
    g.startArray("ports");
    for (PortCounts p : Order.top(s.ports(), Order.PORTS, 0)) {
      port(g, p, names);
    }
    g.end();
    sizes(g, s.packetSizes());
    g.startArray("stations");
    for (Station st : Order.top(s.stations(), Order.STATIONS, 0)) {
      station(g, st, names);
    }
    g.end();
    g.end();
    g.finish();
  }

  private static void vlan(JsonOut g, VlanCounts v) throws IOException {
    g.startObject();
    g.field("interface", v.interfaceName());
    g.field("vlanId", v.vlanId());
    g.field("packets", v.packets());
    g.field("bytes", v.bytes());
    g.end();
  }

  private static void otherFlow(JsonOut g, OtherFlow f, Names names) throws IOException {
    g.startObject();
    g.field("interface", f.interfaceName());
    g.field("protocol", f.protocol());
    if (f.a() != null) {
      endpoint(g, "a", f.a());
      endpoint(g, "b", f.b());
    } else {
      g.field("a", f.aMac());
      g.field("b", f.bMac());
    }
    g.field("detail", f.detail());
    g.field("packets", f.packets());
    g.field("bytes", f.bytes());
    if (f.a() != null) {
      if (names.reverseDns()) {
        name(g, "aName", names.host(f.a().addressBytes()));
        name(g, "bName", names.host(f.b().addressBytes()));
      }
    } else {
      name(g, "aName", names.mac(f.aMac()));
      name(g, "bName", names.mac(f.bMac()));
    }
    g.end();
  }

  private static void port(JsonOut g, PortCounts p, Names names) throws IOException {
    g.startObject();
    g.field("protocol", p.protocol());
    g.field("port", p.port());
    g.field("packets", p.packets());
    g.field("bytes", p.bytes());
    g.field("inPackets", p.inPackets());
    g.field("outPackets", p.outPackets());
    g.field("inBytes", p.inBytes());
    g.field("outBytes", p.outBytes());
    name(g, "service", names.service(p.protocol(), p.port()));
    g.end();
  }

  private static void station(JsonOut g, Station st, Names names) throws IOException {
    g.startObject();
    g.field("interface", st.interfaceName());
    g.field("mac", st.macText());
    g.field("inPackets", st.inPackets());
    g.field("inBytes", st.inBytes());
    g.field("outPackets", st.outPackets());
    g.field("outBytes", st.outBytes());
    g.field("ipPackets", st.ipPackets());
    name(g, "name", names.mac(st.mac()));
    g.end();
  }

  private static void capture(JsonOut g, CaptureSnapshot c) throws IOException {
    g.startObject("capture");
    captureCounts(g, c);
    g.field("tcpEvictions", c.tcpEvictions());
    g.field("flowEvictions", c.flowEvictions());
    g.field("stationEvictions", c.stationEvictions());
    g.end();
  }

  private static void iface(JsonOut g, InterfaceSnapshot i) throws IOException {
    g.startObject();
    g.field("name", i.name());
    g.field("linkType", i.linkType());
    for (var cls : InterfaceSnapshot.CLASSES.entrySet()) {
      counts(g, cls.getKey(), cls.getValue().apply(i));
    }
    g.field("badIpChecksum", i.badIpChecksum());
    g.field("ipFragments", i.ipFragments());
    g.startObject("rates");
    rates(g, i.rates());
    g.end();
    g.end();
  }

  /** The capture counters the report and the summary line share, in their order. */
  public static void captureCounts(JsonOut g, CaptureSnapshot c) throws IOException {
    g.field("frames", c.frames());
    g.field("bytes", c.bytes());
    g.field("malformed", c.malformed());
    g.field("unknownLinkType", c.unknownLinkType());
    g.field("kernelDrops", c.kernelDrops());
    g.field("filtered", c.filtered());
    g.field("loopbackDuplicates", c.loopbackDuplicates());
  }

  /** An interface's rates, rounded: bits and packets per second and their peaks. */
  public static void rates(JsonOut g, Rates r) throws IOException {
    g.field("bps", round(r.bps()));
    g.field("pps", round(r.pps()));
    g.field("peakBps", round(r.peakBps()));
    g.field("peakPps", round(r.peakPps()));
  }

  private static void counts(JsonOut g, String name, Counts c) throws IOException {
    g.startObject(name);
    g.field("packets", c.packets());
    g.field("bytes", c.bytes());
    g.field("inPackets", c.inPackets());
    g.field("inBytes", c.inBytes());
    g.field("outPackets", c.outPackets());
    g.field("outBytes", c.outBytes());
    g.end();
  }

  private static void endpoint(JsonOut g, String field, Endpoint e) throws IOException {
    char[] c = g.scratch(Endpoint.TEXT_MAX);
    g.field(field, c, e.appendTo(c, 0));
  }

  private static void time(JsonOut g, String field, long nanos) throws IOException {
    char[] c = g.scratch(TimeText.TEXT_MAX);
    g.field(field, c, TimeText.time(nanos, c, 0));
  }

  private static void name(JsonOut g, String field, String name) throws IOException {
    if (name != null) {
      g.field(field, name);
    }
  }

  private static void tcp(JsonOut g, TcpConnection c, Names names) throws IOException {
    g.startObject();
    g.field("interface", c.interfaceName());
    endpoint(g, "a", c.a());
    endpoint(g, "b", c.b());
    g.field("state", c.state().label());
    time(g, "firstSeen", c.firstSeenNanos());
    time(g, "lastSeen", c.lastSeenNanos());
    direction(g, "aToB", c.aToB());
    direction(g, "bToA", c.bToA());
    if (names.reverseDns()) {
      name(g, "aName", names.host(c.a().addressBytes()));
      name(g, "bName", names.host(c.b().addressBytes()));
    }
    g.end();
  }

  private static void direction(JsonOut g, String name, TcpConnection.Direction d)
      throws IOException {
    g.startObject(name);
    g.field("packets", d.packets());
    g.field("bytes", d.bytes());
    g.field("flags", TcpFlags.text(d.flagsSeen()));
    g.field("lastFlags", TcpFlags.text(d.lastFlags()));
    g.field("window", d.window());
    g.field("lastSize", d.lastSize());
    g.end();
  }

  private static void sizes(JsonOut g, PacketSizes p) throws IOException {
    g.startObject("packetSizes");
    g.startObject("rmon");
    for (int b = 0; b < PacketSizes.RMON_NAMES.length; b++) {
      g.field(PacketSizes.RMON_NAMES[b], p.rmon()[b]);
    }
    g.end();
    g.startArray("buckets");
    for (SizeBucket b : p.buckets()) {
      g.startObject();
      g.field("from", b.from());
      g.field("to", b.to());
      g.field("packets", b.packets());
      g.field("inPackets", b.inPackets());
      g.field("outPackets", b.outPackets());
      g.end();
    }
    g.end();
    g.field("largest", p.largest());
    g.end();
  }

  /** Rates in reports: three decimals are plenty and keep the JSON short. */
  public static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
