package org.iptraf.agent.top;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.iptraf.agent.check.SnmpSource.SnmpFailure;
import org.iptraf.agent.top.AgentReader.Page;
import org.iptraf.agent.top.AgentReader.Row;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * Rows of one iptrafTop table from the rank where a screen starts. Every GETBULK also asks for
 * {@code iptrafTopTime} (one non-repeater), so a screen read in several requests knows whether they
 * all read one ranking; the first also brings the screen's other scalars.
 */
final class RankedRows {
  private RankedRows() {}

  static final String TIME = "iptrafTopTime";
  static final String INTERVAL = "iptrafTopInterval";

  /**
   * @param scalars the values asked for in the first request, {@link #TIME} and {@link #INTERVAL}
   *     included
   * @param oneRanking whether every request read the ranking of the first
   */
  record Slice(Map<String, Variable> scalars, List<Row> rows, boolean oneRanking) {
    Variable time() {
      return scalars.get(TIME);
    }

    /** The ranking's interval in hundredths of a second (0 if unknown). */
    long interval() {
      Variable v = scalars.get(INTERVAL);
      return v == null ? 0 : v.toLong();
    }
  }

  /**
   * At most {@code max} rows of {@code columns} after {@code after}, as long as {@code inSlice}
   * holds (the TCP table's orders are one table: a slice stops at the next order).
   */
  static Slice read(
      AgentReader agent,
      List<String> scalars,
      List<String> columns,
      OID after,
      int max,
      Predicate<Row> inSlice)
      throws SnmpFailure {
    List<String> first = new ArrayList<>(List.of(TIME, INTERVAL));
    first.addAll(scalars);
    Page p = agent.page(first, columns, after, max);
    Map<String, Variable> values = p.scalars();
    Variable time = values.get(TIME);
    boolean one = true;
    List<Row> rows = new ArrayList<>();
    while (true) {
      for (Row r : p.rows()) {
        if (!inSlice.test(r) || rows.size() >= max) {
          return new Slice(values, rows, one);
        }
        rows.add(r);
      }
      if (!p.more() || rows.size() >= max) {
        break;
      }
      p = agent.page(List.of(TIME), columns, rows.get(rows.size() - 1).index(), max - rows.size());
      one &= Objects.equals(time, p.scalars().get(TIME));
    }
    return new Slice(values, rows, one);
  }
}
