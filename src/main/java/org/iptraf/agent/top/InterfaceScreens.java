package org.iptraf.agent.top;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iptraf.agent.check.SnmpSource.SnmpFailure;
import org.iptraf.agent.mib.Mib;
import org.iptraf.agent.top.AgentReader.Row;
import org.iptraf.agent.top.Table.Column;
import org.iptraf.agent.top.Table.Entry;
import org.iptraf.agent.top.Table.Section;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * The general and the detailed interface statistics: iptrafIfTable's counters and the agent's rate
 * columns (nothing is computed from two readings here).
 */
final class InterfaceScreens {

  /** The traffic classes as iptrafIfTable's column names spell them, in its order. */
  static final List<String> CLASSES = Mib.iptrafAgent().interfaceClasses();

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

  private static final List<String> FIELDS =
      List.of("Pkts", "Octets", "InPkts", "InOctets", "OutPkts", "OutOctets");

  private static final List<String> WINDOWS = List.of("1s", "5s", "1m");

  private final AgentReader agent;

  InterfaceScreens(AgentReader agent) {
    this.agent = agent;
  }

  private List<Row> interfaces(List<String> columns) throws SnmpFailure {
    List<String> all = new ArrayList<>(List.of("iptrafIfName"));
    all.addAll(columns);
    return agent.rows(all, new OID(), 10_000);
  }

  Table general() throws SnmpFailure {
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
    List<Column> heads =
        List.of(
            Column.wide("Iface"),
            Column.number("Total"),
            Column.number("IPv4"),
            Column.number("IPv6"),
            Column.number("NonIP"),
            Column.number("BadIP"),
            Column.number("kbit/s"),
            Column.number("pkt/s"));
    return new Table(
        rows.size() + " interfaces",
        List.of(
            new Section(
                "Interfaces (rates: the agent's 5 s averages)", heads, entries, rows.size(), 0)));
  }

  Table detail(View view) throws SnmpFailure {
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
    String name = chosen.text("iptrafIfName");
    Map<String, Variable> v = agent.cells(detailColumns(), chosen.index());
    return new Table(
        "interface " + name + " (" + (pos + 1) + " of " + ifs.size() + ")",
        List.of(classes(name, v), rates(v)));
  }

  private static List<String> detailColumns() {
    List<String> names = new ArrayList<>();
    for (String c : CLASSES) {
      for (String f : FIELDS) {
        names.add("iptrafIf" + c + f);
      }
    }
    for (String wdw : WINDOWS) {
      for (String m : List.of("InBps", "OutBps", "InPps", "OutPps")) {
        names.add("iptrafIfRate" + wdw + m);
      }
    }
    names.addAll(List.of("iptrafIfPeakBps", "iptrafIfPeakPps"));
    return names;
  }

  private static Section classes(String name, Map<String, Variable> v) {
    List<Entry> classes = new ArrayList<>();
    for (int c = 0; c < CLASSES.size(); c++) {
      List<String> line = new ArrayList<>(List.of(CLASS_LABELS.get(c)));
      for (String f : FIELDS) {
        line.add(Long.toString(Fetch.number(v.get("iptrafIf" + CLASSES.get(c) + f))));
      }
      classes.add(Entry.of(line));
    }
    return new Section(
        "Interface " + name + ": every class, in and out",
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
        0);
  }

  private static Section rates(Map<String, Variable> v) {
    List<Entry> rates = new ArrayList<>();
    for (String wdw : WINDOWS) {
      String r = "iptrafIfRate" + wdw;
      rates.add(
          Entry.of(
              List.of(
                  wdw.replace("s", " s").replace("m", " min"),
                  Text.kbits(Fetch.number(v.get(r + "InBps"))),
                  Text.kbits(Fetch.number(v.get(r + "OutBps"))),
                  Long.toString(Fetch.number(v.get(r + "InPps"))),
                  Long.toString(Fetch.number(v.get(r + "OutPps"))))));
    }
    rates.add(
        Entry.of(
            List.of(
                "peak (in+out)",
                Text.kbits(Fetch.number(v.get("iptrafIfPeakBps"))),
                "",
                Long.toString(Fetch.number(v.get("iptrafIfPeakPps"))),
                "")));
    return new Section(
        "Rates (the agent's)",
        List.of(
            Column.wide("Window"),
            Column.number("In kbit/s"),
            Column.number("Out kbit/s"),
            Column.number("In pkt/s"),
            Column.number("Out pkt/s")),
        rates,
        rates.size(),
        0);
  }
}
