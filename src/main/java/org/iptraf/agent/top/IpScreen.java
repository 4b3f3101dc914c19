package org.iptraf.agent.top;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.iptraf.agent.check.SnmpSource.SnmpFailure;
import org.iptraf.agent.top.AgentReader.Row;
import org.iptraf.agent.top.RankedRows.Slice;
import org.iptraf.agent.top.Table.Column;
import org.iptraf.agent.top.Table.Entry;
import org.iptraf.agent.top.Table.Section;
import org.snmp4j.smi.OID;

/**
 * The IP traffic monitor: TCP connections from iptrafTopTcpTable in the chosen order, other flows
 * from iptrafTopFlowTable below. The counts of both tables ride as non-repeaters on the first
 * GETBULK, so a screen of n connections and m flows costs about (14 n + 8 m) / 100 requests.
 */
final class IpScreen {

  private static final String T = "iptrafTopTcp";
  private static final String F = "iptrafTopFlow";

  private static final List<String> TCP_COLUMNS =
      List.of(
          T + "IfIndex",
          T + "AAddr",
          T + "APort",
          T + "BAddr",
          T + "BPort",
          T + "State",
          T + "AToBPkts",
          T + "AToBOctets",
          T + "AToBFlags",
          T + "BToAPkts",
          T + "BToAOctets",
          T + "BToAFlags",
          T + "AToBIntervalOctets",
          T + "BToAIntervalOctets");

  private static final List<String> FLOW_COLUMNS =
      List.of(
          F + "IfIndex",
          F + "Protocol",
          F + "A",
          F + "B",
          F + "Detail",
          F + "Pkts",
          F + "Octets",
          F + "IntervalOctets");

  private static final List<String> COUNTS = List.of("iptrafTcpConnCount", "iptrafOtherFlowCount");

  private static final List<String> STATES =
      List.of(
          "?", "synSeen", "established", "finOneWay", "finBothWays", "closed", "reset", "timedOut");

  private final AgentReader agent;
  private final IfNames ifs;

  IpScreen(AgentReader agent, IfNames ifs) {
    this.agent = agent;
    this.ifs = ifs;
  }

  /**
   * Reads the screen; when its requests straddled two rankings (a second passed between them),
   * reads it once more so that no connection shows twice or not at all.
   */
  Table read(View view, int height) throws SnmpFailure {
    ifs.refresh();
    int[] w = Fetch.window(view, Layout.capacity(Screen.IP, height, 2));
    int flowRoom = Math.max(1, Layout.split(Screen.IP, height)[1] - 2);
    int flowRows = view.filter.isEmpty() ? flowRoom : Fetch.FILTER_SCAN;
    Slice tcp = null;
    Slice flows = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      tcp =
          RankedRows.read(
              agent,
              COUNTS,
              TCP_COLUMNS,
              new OID(new int[] {view.order, w[0]}),
              w[1],
              r -> r.index().get(0) == view.order);
      flows = RankedRows.read(agent, List.of(), FLOW_COLUMNS, new OID(), flowRows, r -> true);
      if (tcp.oneRanking() && flows.oneRanking() && Objects.equals(tcp.time(), flows.time())) {
        break;
      }
    }
    return table(view, w[0], tcp, flows);
  }

  private Table table(View view, int firstRank, Slice tcp, Slice flows) {
    long tcpCount = Fetch.number(tcp.scalars().get("iptrafTcpConnCount"));
    long flowCount = Fetch.number(tcp.scalars().get("iptrafOtherFlowCount"));
    String over = Text.seconds(tcp.interval());
    String by =
        view.order == 3
            ? "age"
            : View.orderName(view.order) + " in the last " + over + " (B/s over it)";
    return new Table(
        "TCP " + tcpCount + "  other flows " + flowCount,
        List.of(
            new Section(
                "TCP connections, by " + by,
                List.of(
                    Column.text(""),
                    Column.wide("Connection"),
                    Column.text("Iface"),
                    Column.number("Packets"),
                    Column.number("Bytes"),
                    Column.text("Flags"),
                    Column.text("State"),
                    Column.number("B/s")),
                connections(tcp),
                tcpCount,
                firstRank),
            new Section(
                "Other flows (" + flowCount + "), by bytes in the last " + over,
                List.of(
                    Column.text("Proto"),
                    Column.wide("Flow"),
                    Column.text("Iface"),
                    Column.number("Packets"),
                    Column.number("Bytes"),
                    Column.wide("Detail"),
                    Column.number("B/s")),
                flows(view, flows),
                flowCount,
                0)));
  }

  private List<Entry> connections(Slice tcp) {
    List<Entry> out = new ArrayList<>();
    for (Row r : tcp.rows()) {
      String a = Text.endpoint(r.octets(T + "AAddr"), r.number(T + "APort"));
      String b = Text.endpoint(r.octets(T + "BAddr"), r.number(T + "BPort"));
      String iface = ifs.of(r.number(T + "IfIndex"));
      out.add(
          new Entry(
              List.of(
                  direction("+", a, b, iface, r, "AToB", tcp.interval(), state(r)),
                  direction("`", b, a, iface, r, "BToA", tcp.interval(), ""))));
    }
    return out;
  }

  private static List<String> direction(
      String mark, String from, String to, String iface, Row r, String way, long ticks, String st) {
    return List.of(
        mark,
        from + " > " + to,
        iface,
        Long.toString(r.number(T + way + "Pkts")),
        Long.toString(r.number(T + way + "Octets")),
        Text.flags(r.octets(T + way + "Flags")),
        st,
        Text.rate(r.number(T + way + "IntervalOctets"), ticks));
  }

  private static String state(Row r) {
    long v = r.number(T + "State");
    return v >= 0 && v < STATES.size() ? STATES.get((int) v) : Long.toString(v);
  }

  private List<Entry> flows(View view, Slice flows) {
    List<Entry> out = new ArrayList<>();
    for (Row r : flows.rows()) {
      Entry e =
          Entry.of(
              List.of(
                  r.text(F + "Protocol"),
                  r.text(F + "A") + " > " + r.text(F + "B"),
                  ifs.of(r.number(F + "IfIndex")),
                  Long.toString(r.number(F + "Pkts")),
                  Long.toString(r.number(F + "Octets")),
                  r.text(F + "Detail"),
                  Text.rate(r.number(F + "IntervalOctets"), flows.interval())));
      if (view.filter.isEmpty() || e.matches(view.filter)) {
        out.add(e);
      }
    }
    return out;
  }
}
