package org.iptraf.agent.summary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.iptraf.agent.report.JsonReport;
import org.iptraf.agent.stats.CaptureSnapshot;
import org.iptraf.agent.stats.Counts;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.Order;
import org.iptraf.agent.stats.OtherFlow;
import org.iptraf.agent.stats.PortCounts;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.stats.TcpConnection;
import org.iptraf.agent.stats.TimeText;

/**
 * One summary as a single line of JSON: what iptraf-ng's logs say every interval (interface totals
 * and rates, the busiest connections and ports), plus the capture counters and table sizes.
 * Counters are totals since start (or the last reset), as in the report; {@code interval} says how
 * much time the line covers since the previous one.
 */
final class SummaryLine {
  private static final JsonFactory JSON = new JsonFactory();

  private SummaryLine() {}

  /**
   * @param wallTime when the line is written
   * @param intervalSeconds seconds since the previous line (or since start)
   * @param droppedLines lines lost to write errors so far
   * @param top rows of each top list
   * @param last whether this is the line written on shutdown
   */
  static String of(
      TablesSnapshot s,
      Instant wallTime,
      double intervalSeconds,
      long droppedLines,
      int top,
      boolean last) {
    StringWriter w = new StringWriter(1024);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("time", wallTime.toString());
      g.writeNumberField("interval", JsonReport.round(intervalSeconds));
      g.writeNumberField("captureSeconds", JsonReport.round(s.seconds()));
      if (last) {
        g.writeBooleanField("final", true);
      }
      g.writeNumberField("droppedLines", droppedLines);
      capture(g, s.capture());
      g.writeArrayFieldStart("interfaces");
      for (InterfaceSnapshot i : s.interfaces()) {
        iface(g, i);
      }
      g.writeEndArray();
      tables(g, s);
      g.writeArrayFieldStart("topTcpConnections");
      for (TcpConnection c : Order.top(s.tcpConnections(), Order.TCP, top)) {
        if (top == 0) {
          break;
        }
        tcp(g, c);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("topOtherFlows");
      for (OtherFlow f : Order.top(s.otherFlows(), Order.FLOWS, top)) {
        if (top == 0) {
          break;
        }
        flow(g, f);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("topPorts");
      for (PortCounts p : Order.top(s.ports(), Order.PORTS, top)) {
        if (top == 0) {
          break;
        }
        port(g, p);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return w.toString();
  }

  private static void tcp(JsonGenerator g, TcpConnection c) throws IOException {
    g.writeStartObject();
    g.writeStringField("interface", c.interfaceName());
    g.writeStringField("a", c.a().toString());
    g.writeStringField("b", c.b().toString());
    g.writeStringField("state", c.state().label());
    g.writeNumberField("packets", c.packets());
    g.writeNumberField("bytes", c.bytes());
    g.writeStringField("lastSeen", TimeText.time(c.lastSeenNanos()));
    g.writeEndObject();
  }

  private static void flow(JsonGenerator g, OtherFlow f) throws IOException {
    g.writeStartObject();
    g.writeStringField("interface", f.interfaceName());
    g.writeStringField("protocol", f.protocol());
    g.writeStringField("a", f.aText());
    g.writeStringField("b", f.bText());
    g.writeNumberField("packets", f.packets());
    g.writeNumberField("bytes", f.bytes());
    g.writeEndObject();
  }

  private static void port(JsonGenerator g, PortCounts p) throws IOException {
    g.writeStartObject();
    g.writeStringField("protocol", p.protocol());
    g.writeNumberField("port", p.port());
    g.writeNumberField("packets", p.packets());
    g.writeNumberField("bytes", p.bytes());
    g.writeEndObject();
  }

  private static void capture(JsonGenerator g, CaptureSnapshot c) throws IOException {
    g.writeObjectFieldStart("capture");
    JsonReport.captureCounts(g, c);
    g.writeNumberField("tcpConnectionsOpened", c.tcpConnectionsOpened());
    g.writeEndObject();
  }

  private static void iface(JsonGenerator g, InterfaceSnapshot i) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", i.name());
    counts(g, "total", i.total());
    counts(g, "ipv4", i.ipv4());
    counts(g, "ipv6", i.ipv6());
    counts(g, "tcp", i.tcp());
    counts(g, "udp", i.udp());
    counts(g, "icmp", i.icmp());
    counts(g, "nonIp", i.nonIp());
    JsonReport.rates(g, i.rates());
    g.writeEndObject();
  }

  private static void counts(JsonGenerator g, String name, Counts c) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("packets", c.packets());
    g.writeNumberField("bytes", c.bytes());
    g.writeNumberField("inPackets", c.inPackets());
    g.writeNumberField("outPackets", c.outPackets());
    g.writeEndObject();
  }

  private static void tables(JsonGenerator g, TablesSnapshot s) throws IOException {
    CaptureSnapshot c = s.capture();
    g.writeObjectFieldStart("tables");
    table(g, "tcpConnections", s.tcpConnections().size(), c.tcpEvictions());
    table(g, "otherFlows", s.otherFlows().size(), c.flowEvictions());
    table(g, "stations", s.stations().size(), c.stationEvictions());
    table(g, "vlans", s.vlans().size(), c.vlanEvictions());
    table(g, "macPairs", s.macPairs().size(), c.macPairEvictions());
    table(g, "ports", s.ports().size(), 0);
    g.writeEndObject();
  }

  private static void table(JsonGenerator g, String name, int size, long evictions)
      throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("entries", size);
    g.writeNumberField("evictions", evictions);
    g.writeEndObject();
  }
}
