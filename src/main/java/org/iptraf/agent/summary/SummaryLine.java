package org.iptraf.agent.summary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.iptraf.agent.report.JsonOut;
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
    ByteArrayOutputStream w = new ByteArrayOutputStream(1024);
    JsonOut g = JsonOut.compact(w);
    try {
      g.startObject();
      g.field("time", wallTime.toString());
      g.field("interval", JsonReport.round(intervalSeconds));
      g.field("captureSeconds", JsonReport.round(s.seconds()));
      if (last) {
        g.field("final", true);
      }
      g.field("droppedLines", droppedLines);
      capture(g, s.capture());
      g.startArray("interfaces");
      for (InterfaceSnapshot i : s.interfaces()) {
        iface(g, i);
      }
      g.end();
      tables(g, s);
      g.startArray("topTcpConnections");
      for (TcpConnection c : Order.top(s.tcpConnections(), Order.TCP, top)) {
        if (top == 0) {
          break;
        }
        tcp(g, c);
      }
      g.end();
      g.startArray("topOtherFlows");
      for (OtherFlow f : Order.top(s.otherFlows(), Order.FLOWS, top)) {
        if (top == 0) {
          break;
        }
        flow(g, f);
      }
      g.end();
      g.startArray("topPorts");
      for (PortCounts p : Order.top(s.ports(), Order.PORTS, top)) {
        if (top == 0) {
          break;
        }
        port(g, p);
      }
      g.end();
      g.end();
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return w.toString(StandardCharsets.UTF_8);
  }

  private static void tcp(JsonOut g, TcpConnection c) throws IOException {
    g.startObject();
    g.field("interface", c.interfaceName());
    g.field("a", c.a().toString());
    g.field("b", c.b().toString());
    g.field("state", c.state().label());
    g.field("packets", c.packets());
    g.field("bytes", c.bytes());
    g.field("lastSeen", TimeText.time(c.lastSeenNanos()));
    g.end();
  }

  private static void flow(JsonOut g, OtherFlow f) throws IOException {
    g.startObject();
    g.field("interface", f.interfaceName());
    g.field("protocol", f.protocol());
    g.field("a", f.aText());
    g.field("b", f.bText());
    g.field("packets", f.packets());
    g.field("bytes", f.bytes());
    g.end();
  }

  private static void port(JsonOut g, PortCounts p) throws IOException {
    g.startObject();
    g.field("protocol", p.protocol());
    g.field("port", p.port());
    g.field("packets", p.packets());
    g.field("bytes", p.bytes());
    g.end();
  }

  private static void capture(JsonOut g, CaptureSnapshot c) throws IOException {
    g.startObject("capture");
    JsonReport.captureCounts(g, c);
    g.field("tcpConnectionsOpened", c.tcpConnectionsOpened());
    g.end();
  }

  private static void iface(JsonOut g, InterfaceSnapshot i) throws IOException {
    g.startObject();
    g.field("name", i.name());
    counts(g, "total", i.total());
    counts(g, "ipv4", i.ipv4());
    counts(g, "ipv6", i.ipv6());
    counts(g, "tcp", i.tcp());
    counts(g, "udp", i.udp());
    counts(g, "icmp", i.icmp());
    counts(g, "nonIp", i.nonIp());
    JsonReport.rates(g, i.rates());
    g.end();
  }

  private static void counts(JsonOut g, String name, Counts c) throws IOException {
    g.startObject(name);
    g.field("packets", c.packets());
    g.field("bytes", c.bytes());
    g.field("inPackets", c.inPackets());
    g.field("outPackets", c.outPackets());
    g.end();
  }

  private static void tables(JsonOut g, TablesSnapshot s) throws IOException {
    CaptureSnapshot c = s.capture();
    g.startObject("tables");
    table(g, "tcpConnections", s.tcpConnections().size(), c.tcpEvictions());
    table(g, "otherFlows", s.otherFlows().size(), c.flowEvictions());
    table(g, "stations", s.stations().size(), c.stationEvictions());
    table(g, "vlans", s.vlans().size(), c.vlanEvictions());
    table(g, "macPairs", s.macPairs().size(), c.macPairEvictions());
    table(g, "ports", s.ports().size(), 0);
    g.end();
  }

  private static void table(JsonOut g, String name, int size, long evictions) throws IOException {
    g.startObject(name);
    g.field("entries", size);
    g.field("evictions", evictions);
    g.end();
  }
}
