package org.iptraf.agent.top;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.iptraf.agent.check.SnmpSource.SnmpFailure;
import org.iptraf.agent.top.AgentReader.Row;
import org.iptraf.agent.top.Table.Column;
import org.iptraf.agent.top.Table.Entry;
import org.iptraf.agent.top.Table.Section;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * Reads what one screen shows from the agent: the rows of the ranked top tables from the rank where
 * the screen starts, as many as fit (or every ranked row while a filter is set), and the interface
 * counters and rate columns as the agent computed them.
 */
final class Fetch {

  /**
   * Ranked rows the filter searches: all of them (the agent ranks iptrafTopRows, 1000, rows of each
   * table), so a filter finds any connection among the 1000 busiest of the last interval, not only
   * among those that fit on the screen.
   */
  static final int FILTER_SCAN = 1000;

  private static final List<String> ALARM_STATES = List.of("OK", "WARNING", "CRITICAL", "UNKNOWN");

  private final AgentReader agent;
  private final IpScreen ip;
  private final InterfaceScreens interfaces;
  private final RankedScreens ranked;

  Fetch(AgentReader agent) {
    this.agent = agent;
    IfNames names = new IfNames(agent, System::nanoTime);
    this.ip = new IpScreen(agent, names);
    this.interfaces = new InterfaceScreens(agent);
    this.ranked = new RankedScreens(agent, names);
  }

  /** The screen's table, read for a terminal {@code height} rows high. */
  Table read(View view, int height) throws SnmpFailure {
    return switch (view.screen) {
      case IP -> ip.read(view, height);
      case GENERAL -> interfaces.general();
      case DETAIL -> interfaces.detail(view);
      case SIZES -> sizes();
      case STATIONS -> ranked.stations(view, height);
      case PORTS -> ranked.ports(view, height);
      case ALARMS -> alarms();
    };
  }

  /** The first rank to read (from 0) and how many rows: the screen's, or every ranked row. */
  static int[] window(View view, int capacity) {
    return view.filter.isEmpty()
        ? new int[] {view.offset, capacity}
        : new int[] {0, Math.max(capacity, FILTER_SCAN)};
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

  private Table alarms() throws SnmpFailure {
    String a = "iptrafAlarm";
    List<Row> rows =
        agent.rows(
            List.of(a + "Metric", a + "Value", a + "State", a + "Warning", a + "Critical"),
            new OID(),
            10_000);
    List<Entry> entries = new ArrayList<>();
    for (Row r : rows) {
      long state = r.number(a + "State");
      entries.add(
          Entry.of(
              List.of(
                  Text.indexString(r.index()),
                  state >= 0 && state < ALARM_STATES.size()
                      ? ALARM_STATES.get((int) state)
                      : Long.toString(state),
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

  static long number(Variable v) {
    return v == null || v.isException() ? 0 : v.toLong();
  }
}
