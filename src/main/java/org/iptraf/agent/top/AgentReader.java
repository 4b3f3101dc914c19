package org.iptraf.agent.top;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iptraf.agent.check.SnmpSource;
import org.iptraf.agent.check.SnmpSource.SnmpFailure;
import org.iptraf.agent.mib.Mib;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * Reads IPTRAF-AGENT-MIB objects by name (the MIB file gives the numbers): scalars with one GET,
 * and a slice of a table's rows with GETBULKs that ask only for the columns and the rows a screen
 * shows.
 */
public final class AgentReader {

  /**
   * Bindings one GETBULK asks for: the agent answers at most 100 (snmp.BoundedBulk, as Net-SNMP's
   * snmpd), so asking for more only returns fewer rows.
   */
  static final int BULK_BINDINGS = 100;

  /** One row of a table: its index (the part after entry.column) and its values by column. */
  public record Row(OID index, Map<String, Variable> values) {
    public Variable get(String column) {
      return values.get(column);
    }

    public long number(String column) {
      Variable v = values.get(column);
      return v == null ? 0 : v.toLong();
    }

    public String text(String column) {
      Variable v = values.get(column);
      return v == null ? "" : v.toString();
    }

    public byte[] octets(String column) {
      Variable v = values.get(column);
      return v instanceof org.snmp4j.smi.OctetString s ? s.getValue() : new byte[0];
    }
  }

  private final SnmpSource source;
  private final OID root;
  private final Mib mib = Mib.iptrafAgent();
  private int requests;

  public AgentReader(SnmpSource source, String rootOid) {
    this.source = source;
    this.root = new OID(rootOid);
  }

  /** Requests sent so far (the polling cost, for the status line and the benchmark). */
  public int requests() {
    return requests;
  }

  /** The scalars' values by name; a missing object maps to null. */
  public Map<String, Variable> scalars(List<String> names) throws SnmpFailure {
    List<OID> oids = new ArrayList<>();
    for (String n : names) {
      oids.add(new OID(root).append(mib.scalar(n)));
    }
    return byName(names, oids);
  }

  /** Values of named objects at one instance each ({@code column.index}); missing: null. */
  public Map<String, Variable> cells(List<String> columns, OID index) throws SnmpFailure {
    List<OID> oids = new ArrayList<>();
    for (String c : columns) {
      oids.add(new OID(root).append(mib.oid(c)).append(index));
    }
    return byName(columns, oids);
  }

  private Map<String, Variable> byName(List<String> names, List<OID> oids) throws SnmpFailure {
    requests++;
    Map<OID, Variable> got = source.get(oids);
    Map<String, Variable> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), got.get(oids.get(i)));
    }
    return out;
  }

  /**
   * What one GETBULK brought: the scalars asked for as its non-repeaters (by name; missing: null),
   * the rows of its repeaters, and whether the table may go on past them.
   */
  public record Page(Map<String, Variable> scalars, List<Row> rows, boolean more) {}

  /**
   * One GETBULK: the {@code scalars} as non-repeaters (a GETNEXT each, so they cost one binding
   * apiece in the same request) and at most {@code max} rows of {@code columns} (all of one table)
   * from the first index after {@code after}, as many as fit in {@link #BULK_BINDINGS}.
   */
  public Page page(List<String> scalars, List<String> columns, OID after, int max)
      throws SnmpFailure {
    List<OID> before = new ArrayList<>();
    for (String n : scalars) {
      before.add(new OID(root).append(mib.oid(n))); // GETNEXT of the object: its .0
    }
    List<OID> cols = new ArrayList<>();
    List<OID> start = new ArrayList<>();
    for (String c : columns) {
      OID col = new OID(root).append(mib.oid(c));
      cols.add(col);
      start.add(new OID(col).append(after));
    }
    int perRequest = Math.max(1, (BULK_BINDINGS - before.size()) / cols.size());
    int asked = Math.min(perRequest, max);
    requests++;
    List<VariableBinding> got = source.getBulk(before, start, asked);
    Map<String, Variable> values = new LinkedHashMap<>();
    for (int i = 0; i < scalars.size(); i++) {
      VariableBinding vb = i < got.size() ? got.get(i) : null;
      boolean same = vb != null && vb.getOid().equals(new OID(before.get(i)).append(0));
      values.put(scalars.get(i), same && !vb.isException() ? vb.getVariable() : null);
    }
    List<VariableBinding> repeated = got.subList(Math.min(before.size(), got.size()), got.size());
    List<Row> rows = new ArrayList<>();
    boolean inTable = parse(repeated, cols, columns, rows);
    return new Page(values, rows, inTable && !rows.isEmpty());
  }

  /**
   * At most {@code max} rows of a table, in index order, from the first index after {@code after}
   * (an empty OID: from the first row), with the values of {@code columns} (all of one table).
   */
  public List<Row> rows(List<String> columns, OID after, int max) throws SnmpFailure {
    List<Row> out = new ArrayList<>();
    OID next = after;
    while (out.size() < max) {
      Page p = page(List.of(), columns, next, max - out.size());
      out.addAll(p.rows());
      if (!p.more() || p.rows().isEmpty()) {
        break;
      }
      next = p.rows().get(p.rows().size() - 1).index();
    }
    return out;
  }

  /** Rows of a GETBULK's repeated bindings into {@code out}; false once past the table. */
  private static boolean parse(
      List<VariableBinding> got, List<OID> cols, List<String> columns, List<Row> out) {
    int n = cols.size();
    for (int r = 0; r < got.size() / n; r++) {
      VariableBinding first = got.get(r * n);
      if (!inColumn(first, cols.get(0))) {
        return false; // past the table's first column: no more rows
      }
      OID index = suffix(first.getOid(), cols.get(0));
      Map<String, Variable> values = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        VariableBinding vb = got.get(r * n + i);
        if (inColumn(vb, cols.get(i)) && suffix(vb.getOid(), cols.get(i)).equals(index)) {
          values.put(columns.get(i), vb.getVariable());
        }
      }
      out.add(new Row(index, values));
    }
    return true;
  }

  private static boolean inColumn(VariableBinding vb, OID column) {
    return !vb.isException()
        && vb.getOid().startsWith(column)
        && vb.getOid().size() > column.size();
  }

  private static OID suffix(OID oid, OID prefix) {
    return new OID(oid.getValue(), prefix.size(), oid.size() - prefix.size());
  }
}
