package org.iptraf.agent.top;

import java.util.ArrayList;
import java.util.List;
import org.iptraf.agent.check.SnmpSource.SnmpFailure;
import org.iptraf.agent.top.AgentReader.Row;
import org.iptraf.agent.top.RankedRows.Slice;
import org.iptraf.agent.top.Table.Column;
import org.iptraf.agent.top.Table.Entry;
import org.iptraf.agent.top.Table.Section;
import org.snmp4j.smi.OID;

/** The LAN station monitor and the TCP/UDP services: the station and port top tables. */
final class RankedScreens {

  private static final String S = "iptrafTopStation";
  private static final String P = "iptrafTopPort";

  private final AgentReader agent;
  private final IfNames ifs;

  RankedScreens(AgentReader agent, IfNames ifs) {
    this.agent = agent;
    this.ifs = ifs;
  }

  Table stations(View view, int height) throws SnmpFailure {
    ifs.refresh();
    int[] w = Fetch.window(view, Layout.capacity(Screen.STATIONS, height, 1));
    List<String> columns =
        List.of(
            S + "IfIndex",
            S + "Mac",
            S + "InPkts",
            S + "InOctets",
            S + "OutPkts",
            S + "OutOctets",
            S + "IpPkts",
            S + "IntervalOctets");
    Slice slice = read(List.of("iptrafStationCount"), columns, w);
    List<Entry> entries = new ArrayList<>();
    for (Row r : slice.rows()) {
      entries.add(
          Entry.of(
              List.of(
                  Text.mac(r.octets(S + "Mac")),
                  ifs.of(r.number(S + "IfIndex")),
                  Long.toString(r.number(S + "InPkts")),
                  Long.toString(r.number(S + "InOctets")),
                  Long.toString(r.number(S + "OutPkts")),
                  Long.toString(r.number(S + "OutOctets")),
                  Long.toString(r.number(S + "IpPkts")),
                  Text.rate(r.number(S + "IntervalOctets"), slice.interval()))));
    }
    long count = Fetch.number(slice.scalars().get("iptrafStationCount"));
    List<Column> heads =
        List.of(
            Column.wide("MAC"),
            Column.text("Iface"),
            Column.number("In pkts"),
            Column.number("In bytes"),
            Column.number("Out pkts"),
            Column.number("Out bytes"),
            Column.number("IP pkts"),
            Column.number("B/s"));
    return new Table(
        count + " stations",
        List.of(new Section(heading("LAN stations", slice), heads, entries, count, w[0])));
  }

  Table ports(View view, int height) throws SnmpFailure {
    int[] w = Fetch.window(view, Layout.capacity(Screen.PORTS, height, 1));
    List<String> columns =
        List.of(
            P + "Protocol",
            P + "Number",
            P + "Pkts",
            P + "Octets",
            P + "InPkts",
            P + "OutPkts",
            P + "IntervalOctets");
    Slice slice = read(List.of("iptrafPortCount"), columns, w);
    List<Entry> entries = new ArrayList<>();
    for (Row r : slice.rows()) {
      entries.add(
          Entry.of(
              List.of(
                  r.number(P + "Protocol") == 17 ? "udp" : "tcp",
                  Long.toString(r.number(P + "Number")),
                  Long.toString(r.number(P + "Pkts")),
                  Long.toString(r.number(P + "Octets")),
                  Long.toString(r.number(P + "InPkts")),
                  Long.toString(r.number(P + "OutPkts")),
                  Text.rate(r.number(P + "IntervalOctets"), slice.interval()))));
    }
    long count = Fetch.number(slice.scalars().get("iptrafPortCount"));
    List<Column> heads =
        List.of(
            Column.text("Proto"),
            Column.wide("Port"),
            Column.number("Packets"),
            Column.number("Bytes"),
            Column.number("In pkts"),
            Column.number("Out pkts"),
            Column.number("B/s"));
    return new Table(
        count + " ports",
        List.of(new Section(heading("TCP/UDP ports", slice), heads, entries, count, w[0])));
  }

  /** The slice of a rank-indexed table a window asks for, read again if it straddled rankings. */
  private Slice read(List<String> scalars, List<String> columns, int[] w) throws SnmpFailure {
    Slice s = RankedRows.read(agent, scalars, columns, new OID(new int[] {w[0]}), w[1], r -> true);
    return s.oneRanking()
        ? s
        : RankedRows.read(agent, scalars, columns, new OID(new int[] {w[0]}), w[1], r -> true);
  }

  private static String heading(String what, Slice slice) {
    return what + ", by bytes in the last " + Text.seconds(slice.interval()) + " (B/s over it)";
  }
}
