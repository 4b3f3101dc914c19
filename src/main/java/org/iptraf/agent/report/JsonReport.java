package org.iptraf.agent.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
  private static final JsonFactory JSON = new JsonFactory();

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
    try (JsonGenerator g = JSON.createGenerator(out).setPrettyPrinter(new RowPerLine())) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeObjectFieldStart("source");
      g.writeStringField("kind", source.kind());
      g.writeArrayFieldStart("names");
      for (String n : source.names()) {
        g.writeString(n);
      }
      g.writeEndArray();
      g.writeNumberField("seconds", round(s.seconds()));
      g.writeEndObject();
      capture(g, s.capture());
      g.writeArrayFieldStart("interfaces");
      for (InterfaceSnapshot i : s.interfaces()) {
        iface(g, i);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("vlans");
      for (VlanCounts v : s.vlans()) {
        vlan(g, v);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("tcpConnections");
      for (TcpConnection c : Order.top(s.tcpConnections(), Order.TCP, 0)) {
        tcp(g, c, names);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("otherFlows");
      for (OtherFlow f : Order.top(s.otherFlows(), Order.FLOWS, 0)) {
        otherFlow(g, f, names);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("ports");
      for (PortCounts p : Order.top(s.ports(), Order.PORTS, 0)) {
        port(g, p, names);
      }
      g.writeEndArray();
      sizes(g, s.packetSizes());
      g.writeArrayFieldStart("stations");
      for (Station st : Order.top(s.stations(), Order.STATIONS, 0)) {
        station(g, st, names);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void vlan(JsonGenerator g, VlanCounts v) throws IOException {
    g.writeStartObject();
    g.writeStringField("interface", v.interfaceName());
    g.writeNumberField("vlanId", v.vlanId());
    g.writeNumberField("packets", v.packets());
    g.writeNumberField("bytes", v.bytes());
    g.writeEndObject();
  }

  private static void otherFlow(JsonGenerator g, OtherFlow f, Names names) throws IOException {
    g.writeStartObject();
    g.writeStringField("interface", f.interfaceName());
    g.writeStringField("protocol", f.protocol());
    if (f.a() != null) {
      endpoint(g, "a", f.a());
      endpoint(g, "b", f.b());
    } else {
      g.writeStringField("a", f.aMac());
      g.writeStringField("b", f.bMac());
    }
    g.writeStringField("detail", f.detail());
    g.writeNumberField("packets", f.packets());
    g.writeNumberField("bytes", f.bytes());
    if (f.a() != null) {
      if (names.reverseDns()) {
        name(g, "aName", names.host(f.a().addressBytes()));
        name(g, "bName", names.host(f.b().addressBytes()));
      }
    } else {
      name(g, "aName", names.mac(f.aMac()));
      name(g, "bName", names.mac(f.bMac()));
    }
    g.writeEndObject();
  }

  private static void port(JsonGenerator g, PortCounts p, Names names) throws IOException {
    g.writeStartObject();
    g.writeStringField("protocol", p.protocol());
    g.writeNumberField("port", p.port());
    g.writeNumberField("packets", p.packets());
    g.writeNumberField("bytes", p.bytes());
    g.writeNumberField("inPackets", p.inPackets());
    g.writeNumberField("outPackets", p.outPackets());
    g.writeNumberField("inBytes", p.inBytes());
    g.writeNumberField("outBytes", p.outBytes());
    name(g, "service", names.service(p.protocol(), p.port()));
    g.writeEndObject();
  }

  private static void station(JsonGenerator g, Station st, Names names) throws IOException {
    g.writeStartObject();
    g.writeStringField("interface", st.interfaceName());
    g.writeStringField("mac", st.macText());
    g.writeNumberField("inPackets", st.inPackets());
    g.writeNumberField("inBytes", st.inBytes());
    g.writeNumberField("outPackets", st.outPackets());
    g.writeNumberField("outBytes", st.outBytes());
    g.writeNumberField("ipPackets", st.ipPackets());
    name(g, "name", names.mac(st.mac()));
    g.writeEndObject();
  }

  private static void capture(JsonGenerator g, CaptureSnapshot c) throws IOException {
    g.writeObjectFieldStart("capture");
    captureCounts(g, c);
    g.writeNumberField("tcpEvictions", c.tcpEvictions());
    g.writeNumberField("flowEvictions", c.flowEvictions());
    g.writeNumberField("stationEvictions", c.stationEvictions());
    g.writeEndObject();
  }

  private static void iface(JsonGenerator g, InterfaceSnapshot i) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", i.name());
    g.writeStringField("linkType", i.linkType());
    for (var cls : InterfaceSnapshot.CLASSES.entrySet()) {
      counts(g, cls.getKey(), cls.getValue().apply(i));
    }
    g.writeNumberField("badIpChecksum", i.badIpChecksum());
    g.writeNumberField("ipFragments", i.ipFragments());
    g.writeObjectFieldStart("rates");
    rates(g, i.rates());
    g.writeEndObject();
    g.writeEndObject();
  }

  /** The capture counters the report and the summary line share, in their order. */
  public static void captureCounts(JsonGenerator g, CaptureSnapshot c) throws IOException {
    g.writeNumberField("frames", c.frames());
    g.writeNumberField("bytes", c.bytes());
    g.writeNumberField("malformed", c.malformed());
    g.writeNumberField("unknownLinkType", c.unknownLinkType());
    g.writeNumberField("kernelDrops", c.kernelDrops());
    g.writeNumberField("filtered", c.filtered());
    g.writeNumberField("loopbackDuplicates", c.loopbackDuplicates());
  }

  /** An interface's rates, rounded: bits and packets per second and their peaks. */
  public static void rates(JsonGenerator g, Rates r) throws IOException {
    g.writeNumberField("bps", round(r.bps()));
    g.writeNumberField("pps", round(r.pps()));
    g.writeNumberField("peakBps", round(r.peakBps()));
    g.writeNumberField("peakPps", round(r.peakPps()));
  }

  private static void counts(JsonGenerator g, String name, Counts c) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("packets", c.packets());
    g.writeNumberField("bytes", c.bytes());
    g.writeNumberField("inPackets", c.inPackets());
    g.writeNumberField("inBytes", c.inBytes());
    g.writeNumberField("outPackets", c.outPackets());
    g.writeNumberField("outBytes", c.outBytes());
    g.writeEndObject();
  }

  /**
   * Scratch for the text of one address or time: a report of 100 k connections writes four per
   * connection, and making a String of each was a fifth of the report's time (docs/BENCHMARKS.md).
   * One per thread, so that reports written at once (a served replay) do not share it.
   */
  private static final ThreadLocal<char[]> TEXT =
      ThreadLocal.withInitial(() -> new char[Math.max(Endpoint.TEXT_MAX, TimeText.TEXT_MAX)]);

  private static void endpoint(JsonGenerator g, String field, Endpoint e) throws IOException {
    char[] c = TEXT.get();
    g.writeFieldName(field);
    g.writeString(c, 0, e.appendTo(c, 0));
  }

  private static void time(JsonGenerator g, String field, long nanos) throws IOException {
    char[] c = TEXT.get();
    g.writeFieldName(field);
    g.writeString(c, 0, TimeText.time(nanos, c, 0));
  }

  private static void name(JsonGenerator g, String field, String name) throws IOException {
    if (name != null) {
      g.writeStringField(field, name);
    }
  }

  private static void tcp(JsonGenerator g, TcpConnection c, Names names) throws IOException {
    g.writeStartObject();
    g.writeStringField("interface", c.interfaceName());
    endpoint(g, "a", c.a());
    endpoint(g, "b", c.b());
    g.writeStringField("state", c.state().label());
    time(g, "firstSeen", c.firstSeenNanos());
    time(g, "lastSeen", c.lastSeenNanos());
    direction(g, "aToB", c.aToB());
    direction(g, "bToA", c.bToA());
    if (names.reverseDns()) {
      name(g, "aName", names.host(c.a().addressBytes()));
      name(g, "bName", names.host(c.b().addressBytes()));
    }
    g.writeEndObject();
  }

  private static void direction(JsonGenerator g, String name, TcpConnection.Direction d)
      throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("packets", d.packets());
    g.writeNumberField("bytes", d.bytes());
    g.writeStringField("flags", TcpFlags.text(d.flagsSeen()));
    g.writeStringField("lastFlags", TcpFlags.text(d.lastFlags()));
    g.writeNumberField("window", d.window());
    g.writeNumberField("lastSize", d.lastSize());
    g.writeEndObject();
  }

  private static void sizes(JsonGenerator g, PacketSizes p) throws IOException {
    g.writeObjectFieldStart("packetSizes");
    g.writeObjectFieldStart("rmon");
    for (int b = 0; b < PacketSizes.RMON_NAMES.length; b++) {
      g.writeNumberField(PacketSizes.RMON_NAMES[b], p.rmon()[b]);
    }
    g.writeEndObject();
    g.writeArrayFieldStart("buckets");
    for (SizeBucket b : p.buckets()) {
      g.writeStartObject();
      g.writeNumberField("from", b.from());
      g.writeNumberField("to", b.to());
      g.writeNumberField("packets", b.packets());
      g.writeNumberField("inPackets", b.inPackets());
      g.writeNumberField("outPackets", b.outPackets());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("largest", p.largest());
    g.writeEndObject();
  }

  /** Rates in reports: three decimals are plenty and keep the JSON short. */
  public static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
