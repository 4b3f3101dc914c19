package org.iptraf.agent.top;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.iptraf.agent.check.SnmpSource.SnmpFailure;
import org.iptraf.agent.top.AgentReader.Row;
import org.iptraf.agent.top.Table.Column;
import org.iptraf.agent.top.Table.Entry;
import org.iptraf.agent.top.Table.Section;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * Reads what one screen shows from the agent: the rows of the ranked top tables from the rank where
 * the screen starts, as many as fit (or the first {@link #FILTER_SCAN} while a filter is typed),
 * and the interface counters and rate columns as the agent computed them.
 */
final class Fetch {

  /** Ranked rows searched by the filter (the busiest ones). */
  static final int FILTER_SCAN = 200;

  static final List<String> CLASSES =
      List.of(
          "Total",
          "Ipv4",
          "Ipv6",
          "Tcp",
          "Udp",
          "Icmp",
          "Icmpv6",
          "OtherIp",
          "NonIp",
          "Arp",
          "Broadcast",
          "Multicast");

  private static final List<String> CLASS_LABELS =
      List.of(
          "Total",
          "IPv4",
          "IPv6",
          "TCP",
          "UDP",
          "ICMP",
          "ICMPv6",
          "Other IP",
          "Non-IP",
          "ARP",
          "Broadcast",
          "Multicast");

  private static final List<String> STATES =
      List.of(
          "?", "synSeen", "established", "finOneWay", "finBothWays", "closed", "reset", "timedOut");

  private static final List<String> ALARM_STATES = List.of("OK", "WARNING", "CRITICAL", "UNKNOWN");

  private final AgentReader agent;

  Fetch(AgentReader agent) {
    this.agent = agent;
  }

  /** The screen's table, read for a terminal {@code height} rows high. */
  Table read(View view, int height) throws SnmpFailure {
    return switch (view.screen) {
      case IP -> ip(view, height);
      case GENERAL -> general();
      case DETAIL -> detail(view);
      case SIZES -> sizes();
      case STATIONS -> stations(view, height);
      case PORTS -> ports(view, height);
      case ALARMS -> alarms();
    };
  }

  /** The first rank to read and how many rows: the screen's, or the filter's scan. */
  private static int[] window(View view, int capacity) {
    return view.filter.isEmpty()
        ? new int[] {view.offset, capacity}
        : new int[] {0, Math.max(capacity, FILTER_SCAN)};
  }

  private Map<Long, String> interfaceNames() throws SnmpFailure {
    Map<Long, String> names = new HashMap<>();
    for (Row r : agent.rows(List.of("iptrafIfName"), new OID(), 10_000)) {
      names.put(r.index().last() & 0xFFFFFFFFL, r.text("iptrafIfName"));
    }
    return names;
  }

  private Table ip(View view, int height) throws SnmpFailure {
    Map<String, Variable> counts =
        agent.scalars(List.of("iptrafTcpConnCount", "iptrafOtherFlowCount"));
    Map<Long, String> ifs = interfaceNames();
    int[] w = window(view, Layout.capacity(Screen.IP, height, 2));
    String p = "iptrafTopTcp";
    List<String> cols =
        List.of(
            p + "IfIndex",
            p + "AAddr",
            p + "APort",
            p + "BAddr",
            p + "BPort",
            p + "State",
            p + "AToBPkts",
            p + "AToBOctets",
            p + "AToBFlags",
            p + "BToAPkts",
            p + "BToAOctets",
            p + "BToAFlags");
    List<Entry> tcp = new ArrayList<>();
    for (Row r : agent.rows(cols, new OID(new int[] {view.order, w[0]}), w[1])) {
      if (r.index().get(0) != view.order) {
        break; // past this order's rows
      }
      String a = Text.endpoint(r.octets(p + "AAddr"), r.number(p + "APort"));
      String b = Text.endpoint(r.octets(p + "BAddr"), r.number(p + "BPort"));
      String iface = ifs.getOrDefault(r.number(p + "IfIndex"), "?");
      tcp.add(
          new Entry(
              List.of(
                  List.of(
                      "+",
                      a + " > " + b,
                      iface,
                      Long.toString(r.number(p + "AToBPkts")),
                      Long.toString(r.number(p + "AToBOctets")),
                      Text.flags(r.octets(p + "AToBFlags")),
                      label(STATES, r.number(p + "State"))),
                  List.of(
                      "`",
                      b + " > " + a,
                      iface,
                      Long.toString(r.number(p + "BToAPkts")),
                      Long.toString(r.number(p + "BToAOctets")),
                      Text.flags(r.octets(p + "BToAFlags")),
                      ""))));
    }
    int flowRoom = Math.max(1, Layout.split(Screen.IP, height)[1] - 2);
    int flowRows = view.filter.isEmpty() ? flowRoom : Math.max(flowRoom, FILTER_SCAN);
    List<Entry> flows = new ArrayList<>();
    String f = "iptrafTopFlow";
    for (Row r :
        agent.rows(
            List.of(
                f + "IfIndex",
                f + "Protocol",
                f + "A",
                f + "B",
                f + "Detail",
                f + "Pkts",
                f + "Octets"),
            new OID(),
            flowRows)) {
      Entry e =
          Entry.of(
              List.of(
                  r.text(f + "Protocol"),
                  r.text(f + "A") + " > " + r.text(f + "B"),
                  ifs.getOrDefault(r.number(f + "IfIndex"), "?"),
                  Long.toString(r.number(f + "Pkts")),
                  Long.toString(r.number(f + "Octets")),
                  r.text(f + "Detail")));
      if (view.filter.isEmpty() || e.matches(view.filter)) {
        flows.add(e);
      }
    }
    long tcpCount = number(counts.get("iptrafTcpConnCount"));
    long flowCount = number(counts.get("iptrafOtherFlowCount"));
    return new Table(
        "TCP " + tcpCount + "  other flows " + flowCount,
        List.of(
            new Section(
                "TCP connections, by " + View.orderName(view.order),
                List.of(
                    Column.text(""),
                    Column.wide("Connection"),
                    Column.text("Iface"),
                    Column.number("Packets"),
                    Column.number("Bytes"),
                    Column.text("Flags"),
                    Column.text("State")),
                tcp,
                tcpCount,
                w[0]),
            new Section(
                "Other flows (" + flowCount + ")",
                List.of(
                    Column.text("Proto"),
                    Column.wide("Flow"),
                    Column.text("Iface"),
                    Column.number("Packets"),
                    Column.number("Bytes"),
                    Column.wide("Detail")),
                flows,
                flowCount,
                0)));
  }

  private List<Row> interfaces(List<String> columns) throws SnmpFailure {
    List<String> all = new ArrayList<>(List.of("iptrafIfName"));
    all.addAll(columns);
    return agent.rows(all, new OID(), 10_000);
  }

  private Table general() throws SnmpFailure {
    List<Row> rows =
        interfaces(
            List.of(
                "iptrafIfTotalPkts",
                "iptrafIfIpv4Pkts",
                "iptrafIfIpv6Pkts",
                "iptrafIfNonIpPkts",
                "iptrafIfBadIpChecksum",
                "iptrafIfBps",
                "iptrafIfPps"));
    List<Entry> entries = new ArrayList<>();
    for (Row r : rows) {
      entries.add(
          Entry.of(
              List.of(
                  r.text("iptrafIfName"),
                  Long.toString(r.number("iptrafIfTotalPkts")),
                  Long.toString(r.number("iptrafIfIpv4Pkts")),
                  Long.toString(r.number("iptrafIfIpv6Pkts")),
                  Long.toString(r.number("iptrafIfNonIpPkts")),
                  Long.toString(r.number("iptrafIfBadIpChecksum")),
                  Text.kbits(r.number("iptrafIfBps")),
                  Long.toString(r.number("iptrafIfPps")))));
    }
    return new Table(
        rows.size() + " interfaces",
        List.of(
            new Section(
                "Interfaces (rates: the agent's 5 s averages)",
                List.of(
                    Column.wide("Iface"),
                    Column.number("Total"),
                    Column.number("IPv4"),
                    Column.number("IPv6"),
                    Column.number("NonIP"),
                    Column.number("BadIP"),
                    Column.number("kbit/s"),
                    Column.number("pkt/s")),
                entries,
                rows.size(),
                0)));
  }

  private Table detail(View view) throws SnmpFailure {
    List<Row> ifs = interfaces(List.of());
    if (ifs.isEmpty()) {
      return new Table("no interfaces", List.of());
    }
    for (int i = 0; view.interfaceName != null && i < ifs.size(); i++) {
      if (ifs.get(i).text("iptrafIfName").equals(view.interfaceName)) {
        view.interfacePosition = i;
      }
    }
    view.interfaceName = null; // from now on the keys move it
    int pos = Math.floorMod(view.interfacePosition, ifs.size());
    view.interfacePosition = pos;
    Row chosen = ifs.get(pos);
    List<String> fields = List.of("Pkts", "Octets", "InPkts", "InOctets", "OutPkts", "OutOctets");
    List<String> names = new ArrayList<>();
    for (String c : CLASSES) {
      for (String f : fields) {
        names.add("iptrafIf" + c + f);
      }
    }
    List<String> windows = List.of("1s", "5s", "1m");
    for (String wdw : windows) {
      for (String m : List.of("InBps", "OutBps", "InPps", "OutPps")) {
        names.add("iptrafIfRate" + wdw + m);
      }
    }
    names.addAll(List.of("iptrafIfPeakBps", "iptrafIfPeakPps"));
    Map<String, Variable> v = agent.cells(names, chosen.index());
    List<Entry> classes = new ArrayList<>();
    for (int c = 0; c < CLASSES.size(); c++) {
      List<String> line = new ArrayList<>(List.of(CLASS_LABELS.get(c)));
      for (String f : fields) {
        line.add(Long.toString(number(v.get("iptrafIf" + CLASSES.get(c) + f))));
      }
      classes.add(Entry.of(line));
    }
    List<Entry> rates = new ArrayList<>();
    for (String wdw : windows) {
      String r = "iptrafIfRate" + wdw;
      rates.add(
          Entry.of(
              List.of(
                  wdw.replace("s", " s").replace("m", " min"),
                  Text.kbits(number(v.get(r + "InBps"))),
                  Text.kbits(number(v.get(r + "OutBps"))),
                  Long.toString(number(v.get(r + "InPps"))),
                  Long.toString(number(v.get(r + "OutPps"))))));
    }
    rates.add(
        Entry.of(
            List.of(
                "peak (in+out)",
                Text.kbits(number(v.get("iptrafIfPeakBps"))),
                "",
                Long.toString(number(v.get("iptrafIfPeakPps"))),
                "")));
    return new Table(
        "interface " + chosen.text("iptrafIfName") + " (" + (pos + 1) + " of " + ifs.size() + ")",
        List.of(
            new Section(
                "Interface " + chosen.text("iptrafIfName") + ": every class, in and out",
                List.of(
                    Column.wide("Class"),
                    Column.number("Packets"),
                    Column.number("Bytes"),
                    Column.number("In pkts"),
                    Column.number("In bytes"),
                    Column.number("Out pkts"),
                    Column.number("Out bytes")),
                classes,
                classes.size(),
                0),
            new Section(
                "Rates (the agent's)",
                List.of(
                    Column.wide("Window"),
                    Column.number("In kbit/s"),
                    Column.number("Out kbit/s"),
                    Column.number("In pkt/s"),
                    Column.number("Out pkt/s")),
                rates,
                rates.size(),
                0)));
  }

  private Table sizes() throws SnmpFailure {
    List<Row> rows =
        agent.rows(List.of("iptrafPktSizeLabel", "iptrafPktSizePkts"), new OID(), 10_000);
    List<Entry> entries = new ArrayList<>();
    long total = 0;
    for (Row r : rows) {
      if (r.index().get(0) == 1) {
        total += r.number("iptrafPktSizePkts");
      }
    }
    for (Row r : rows) {
      long n = r.number("iptrafPktSizePkts");
      entries.add(
          Entry.of(
              List.of(
                  r.index().get(0) == 1 ? "rmon" : "mtu/20",
                  r.text("iptrafPktSizeLabel"),
                  Long.toString(n),
                  total == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / total))));
    }
    return new Table(
        total + " frames",
        List.of(
            new Section(
                "Frame sizes (octets, FCS included)",
                List.of(
                    Column.text("Buckets"),
                    Column.wide("Size"),
                    Column.number("Packets"),
                    Column.number("Share")),
                entries,
                entries.size(),
                0)));
  }

  private Table stations(View view, int height) throws SnmpFailure {
    long count = number(agent.scalars(List.of("iptrafStationCount")).get("iptrafStationCount"));
    Map<Long, String> ifs = interfaceNames();
    int[] w = window(view, Layout.capacity(Screen.STATIONS, height, 1));
    String s = "iptrafTopStation";
    List<Entry> entries = new ArrayList<>();
    for (Row r :
        agent.rows(
            List.of(
                s + "IfIndex",
                s + "Mac",
                s + "InPkts",
                s + "InOctets",
                s + "OutPkts",
                s + "OutOctets",
                s + "IpPkts"),
            new OID(new int[] {w[0]}),
            w[1])) {
      entries.add(
          Entry.of(
              List.of(
                  Text.mac(r.octets(s + "Mac")),
                  ifs.getOrDefault(r.number(s + "IfIndex"), "?"),
                  Long.toString(r.number(s + "InPkts")),
                  Long.toString(r.number(s + "InOctets")),
                  Long.toString(r.number(s + "OutPkts")),
                  Long.toString(r.number(s + "OutOctets")),
                  Long.toString(r.number(s + "IpPkts")))));
    }
    return new Table(
        count + " stations",
        List.of(
            new Section(
                "LAN stations, by bytes",
                List.of(
                    Column.wide("MAC"),
                    Column.text("Iface"),
                    Column.number("In pkts"),
                    Column.number("In bytes"),
                    Column.number("Out pkts"),
                    Column.number("Out bytes"),
                    Column.number("IP pkts")),
                entries,
                count,
                w[0])));
  }

  private Table ports(View view, int height) throws SnmpFailure {
    long count = number(agent.scalars(List.of("iptrafPortCount")).get("iptrafPortCount"));
    int[] w = window(view, Layout.capacity(Screen.PORTS, height, 1));
    String p = "iptrafTopPort";
    List<Entry> entries = new ArrayList<>();
    for (Row r :
        agent.rows(
            List.of(
                p + "Protocol",
                p + "Number",
                p + "Pkts",
                p + "Octets",
                p + "InPkts",
                p + "OutPkts"),
            new OID(new int[] {w[0]}),
            w[1])) {
      entries.add(
          Entry.of(
              List.of(
                  r.number(p + "Protocol") == 17 ? "udp" : "tcp",
                  Long.toString(r.number(p + "Number")),
                  Long.toString(r.number(p + "Pkts")),
                  Long.toString(r.number(p + "Octets")),
                  Long.toString(r.number(p + "InPkts")),
                  Long.toString(r.number(p + "OutPkts")))));
    }
    return new Table(
        count + " ports",
        List.of(
            new Section(
                "TCP/UDP ports, by bytes",
                List.of(
                    Column.text("Proto"),
                    Column.wide("Port"),
                    Column.number("Packets"),
                    Column.number("Bytes"),
                    Column.number("In pkts"),
                    Column.number("Out pkts")),
                entries,
                count,
                w[0])));
  }

  private Table alarms() throws SnmpFailure {
    String a = "iptrafAlarm";
    List<Row> rows =
        agent.rows(
            List.of(a + "Metric", a + "Value", a + "State", a + "Warning", a + "Critical"),
            new OID(),
            10_000);
    List<Entry> entries = new ArrayList<>();
    for (Row r : rows) {
      entries.add(
          Entry.of(
              List.of(
                  Text.indexString(r.index()),
                  label(ALARM_STATES, r.number(a + "State")),
                  r.text(a + "Value"),
                  r.text(a + "Metric"),
                  r.text(a + "Warning"),
                  r.text(a + "Critical"))));
    }
    return new Table(
        rows.size() + " alarms",
        List.of(
            new Section(
                "Threshold alarms",
                List.of(
                    Column.wide("Name"),
                    Column.text("State"),
                    Column.number("Value"),
                    Column.wide("Metric"),
                    Column.text("Warning"),
                    Column.text("Critical")),
                entries,
                rows.size(),
                0)));
  }

  private static String label(List<String> labels, long value) {
    return value >= 0 && value < labels.size() ? labels.get((int) value) : Long.toString(value);
  }

  private static long number(Variable v) {
    return v == null || v.isException() ? 0 : v.toLong();
  }
}
