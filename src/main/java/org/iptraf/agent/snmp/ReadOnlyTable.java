package org.iptraf.agent.snmp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableCellInfo;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableModel;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.agent.util.OIDScope;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * A read-only conceptual table over a list of records that some source hands out whole (a {@code
 * TablesSnapshot} list, the alarm evaluator's states): the list is sorted by instance index once
 * and cached for as long as the source returns the same list object, or a new list with equal
 * records (a new snapshot of an unchanged table keeps the order); GET is a binary search,
 * GETNEXT/GETBULK walk the sorted array from a binary-searched start. Nothing is copied per
 * request.
 *
 * <p>Each request reads one list: {@link #update(MOScope, SubRequest)}, which SNMP4J calls before
 * every get and next, asks the source for the list of that request and pins its sorted view to the
 * serving thread for the model's calls that follow.
 *
 * @param <R> the record type of a row
 */
final class ReadOnlyTable<R>
    extends DefaultMOTable<ReadOnlyTable.Row<R>, MOColumn<Variable>, ReadOnlyTable.Model<R>> {

  /**
   * One accessible column (index columns that are not-accessible are not columns here).
   *
   * @param id the column's sub-identifier under the entry
   * @param syntax the SMI syntax (SMIConstants) of its values
   * @param value the value of a row; called per read, must not throw
   */
  record Column<R>(int id, int syntax, Function<? super R, ? extends Variable> value) {}

  private static final Logger log = LoggerFactory.getLogger(ReadOnlyTable.class);

  private final Function<SubRequest<?>, List<R>> rows;
  private final int[] columnIds;

  /**
   * @param entry the OID of the table's entry object (table + .1)
   * @param columns the accessible columns in increasing id order
   * @param index the instance index of a row (the part after entry.column)
   * @param rows the rows a request reads; called once per sub-request with it (or with null outside
   *     a request); return the same list object while nothing changed, so the sorted view is reused
   *     without even comparing records
   */
  ReadOnlyTable(
      OID entry,
      List<Column<R>> columns,
      Function<? super R, OID> index,
      Function<SubRequest<?>, List<R>> rows) {
    super(entry, ANY_INDEX, moColumns(columns), new Model<>(columns, index));
    this.rows = rows;
    this.columnIds = columns.stream().mapToInt(Column::id).toArray();
    setVolatile(true);
  }

  /** A table whose rows do not depend on the request (e.g. the alarm states). */
  static <R> ReadOnlyTable<R> of(
      OID entry, List<Column<R>> columns, Function<? super R, OID> index, Supplier<List<R>> rows) {
    return new ReadOnlyTable<>(entry, columns, index, sub -> rows.get());
  }

  /** Index sub-identifiers are validated by their own columns' definitions, never by SETs. */
  private static final MOTableIndex ANY_INDEX =
      new MOTableIndex(
          new MOTableSubIndex[] {new MOTableSubIndex(SMIConstants.SYNTAX_OBJECT_IDENTIFIER)}, true);

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <R> MOColumn<Variable>[] moColumns(List<Column<R>> columns) {
    MOColumn<Variable>[] c = new MOColumn[columns.size()];
    int last = 0;
    for (int i = 0; i < c.length; i++) {
      Column<R> col = columns.get(i);
      if (col.id() <= last) {
        throw new IllegalArgumentException("columns out of order at " + col.id());
      }
      last = col.id();
      c[i] = new MOColumn<>(col.id(), col.syntax(), MOAccessImpl.ACCESS_READ_ONLY);
    }
    return c;
  }

  @Override
  protected void update(MOScope range, SubRequest<?> request) {
    model.pin(rowsOf(request));
  }

  @Override
  public void update(MOScope range) {
    model.pin(rowsOf(null));
  }

  /**
   * GETNEXT within this table straight on the sorted view: one binary search for the start, then
   * rows in order, column after column. Same answers as {@code DefaultMOTable.next} (the first
   * readable, filter-allowed cell after the scope's lower bound and within its upper bound),
   * without its per-call index parsing, walk cache and cell objects.
   */
  @Override
  public boolean next(SubRequest<?> request, Function<OID, Boolean> filter) {
    MOScope scope = request.getScope();
    update(scope, request);
    RowView<R> v = model.current();
    long start = start(v, scope.getLowerBound(), scope.isLowerIncluded());
    for (int col = (int) (start >>> 32), pos = (int) start;
        col < columnIds.length;
        col++, pos = 0) {
      for (; pos < v.rows.length; pos++) {
        Row<R> row = v.rows[pos];
        OID cell = cellOid(row.getIndex(), col);
        if (!scope.isCovered(new OIDScope(cell))) {
          return false;
        }
        if (filter == null || filter.apply(cell)) {
          Variable value = getValue(row, col, request);
          if (value != null) {
            request.getVariableBinding().setOid(cell);
            request.getVariableBinding().setVariable(value);
            request.completed();
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The first cell at or after the range's lower bound, if within the range (MOServer's find). */
  @Override
  protected MOTableCellInfo findCell(MOScope range, SubRequest<?> request) {
    update(range, request);
    RowView<R> v = model.current();
    long start = start(v, range.getLowerBound(), range.isLowerIncluded());
    int col = (int) (start >>> 32);
    for (int pos = (int) start; col < columnIds.length; col++, pos = 0) {
      if (pos < v.rows.length) {
        OID index = v.rows[pos].getIndex();
        OID cell = cellOid(index, col);
        return range.isCovered(new OIDScope(cell))
            ? new Cell(index, col, columnIds[col], cell)
            : null;
      }
    }
    return null;
  }

  /**
   * Where a walk from {@code lower} starts: column position in the high 32 bits, row position in
   * the low ones (a row position past the end means the next column's first row).
   */
  private long start(RowView<R> v, OID lower, boolean lowerIncluded) {
    OID entry = getOID();
    int e = entry.size();
    if (lower == null) {
      return 0;
    }
    int prefix = lower.leftMostCompare(Math.min(e, lower.size()), entry);
    if (prefix < 0 || (prefix == 0 && lower.size() <= e)) {
      return 0; // before the entry's first column
    }
    if (prefix > 0) {
      return (long) columnIds.length << 32; // after the table
    }
    long id = lower.get(e) & 0xFFFFFFFFL;
    int col = 0;
    while (col < columnIds.length && columnIds[col] < id) {
      col++;
    }
    if (col == columnIds.length || columnIds[col] > id || lower.size() == e + 1) {
      return (long) col << 32; // a column's first row
    }
    OID index = new OID(lower.getValue(), e + 1, lower.size() - e - 1);
    int pos = v.ceiling(index);
    if (!lowerIncluded && pos < v.rows.length && v.rows[pos].getIndex().equals(index)) {
      pos++;
    }
    return ((long) col << 32) | pos;
  }

  private OID cellOid(OID index, int col) {
    OID entry = getOID();
    int[] sub = new int[entry.size() + 1 + index.size()];
    System.arraycopy(entry.getValue(), 0, sub, 0, entry.size());
    sub[entry.size()] = columnIds[col];
    System.arraycopy(index.getValue(), 0, sub, entry.size() + 1, index.size());
    return new OID(sub);
  }

  /** A cell found by {@link #findCell}. */
  private record Cell(OID getIndex, int getColumn, int getColumnID, OID getCellOID)
      implements MOTableCellInfo {}

  /** A failing source shows an empty table (and a log line) instead of failing the request. */
  private List<R> rowsOf(SubRequest<?> request) {
    try {
      return rows.apply(request);
    } catch (RuntimeException e) {
      log.warn("table {}: cannot read its rows: {}", getOID(), e.toString());
      return List.of();
    }
  }

  /** A row: its index and record; values are computed from the record when read. */
  static final class Row<R> implements MOTableRow {
    private final OID index;
    private final R record;
    private final List<Column<R>> columns;

    Row(OID index, R record, List<Column<R>> columns) {
      this.index = index;
      this.record = record;
      this.columns = columns;
    }

    @Override
    public OID getIndex() {
      return index;
    }

    @Override
    public Variable getValue(int column) {
      return columns.get(column).value().apply(record);
    }

    @Override
    public MOTableRow getBaseRow() {
      return null;
    }

    @Override
    public void setBaseRow(MOTableRow baseRow) {
      throw new UnsupportedOperationException("read-only table");
    }

    @Override
    public int size() {
      return columns.size();
    }

    R record() {
      return record;
    }
  }

  /** The read-only model: a sorted view per source list, pinned per serving thread. */
  static final class Model<R> implements MOTableModel<Row<R>> {
    private final List<Column<R>> columns;
    private final Function<? super R, OID> index;
    private final ThreadLocal<RowView<R>> pinned = new ThreadLocal<>();
    private volatile RowView<R> last;

    Model(List<Column<R>> columns, Function<? super R, OID> index) {
      this.columns = List.copyOf(columns);
      this.index = index;
    }

    void pin(List<R> rows) {
      pinned.set(view(rows));
    }

    private RowView<R> view(List<R> rows) {
      RowView<R> v = last;
      if (v != null && v.source == rows) {
        return v;
      }
      v = RowView.of(rows, v, index, columns);
      last = v;
      return v;
    }

    RowView<R> current() {
      RowView<R> v = pinned.get();
      if (v != null) {
        return v;
      }
      v = last;
      return v != null ? v : view(Collections.emptyList());
    }

    @Override
    public int getColumnCount() {
      return columns.size();
    }

    @Override
    public int getRowCount() {
      return current().rows.length;
    }

    @Override
    public boolean isEmpty() {
      return current().rows.length == 0;
    }

    @Override
    public boolean containsRow(OID index) {
      return current().find(index) != null;
    }

    @Override
    public Row<R> getRow(OID index) {
      return current().find(index);
    }

    @Override
    public Iterator<Row<R>> iterator() {
      return Arrays.asList(current().rows).iterator();
    }

    @Override
    public Iterator<Row<R>> tailIterator(OID lowerBound) {
      RowView<R> v = current();
      List<Row<R>> all = Arrays.asList(v.rows);
      return (lowerBound == null ? all : all.subList(v.ceiling(lowerBound), all.size())).iterator();
    }

    @Override
    public OID lastIndex() {
      Row<R> r = lastRow();
      return r == null ? null : r.getIndex();
    }

    @Override
    public OID firstIndex() {
      Row<R> r = firstRow();
      return r == null ? null : r.getIndex();
    }

    @Override
    public Row<R> firstRow() {
      Row<R>[] rows = current().rows;
      return rows.length == 0 ? null : rows[0];
    }

    @Override
    public Row<R> lastRow() {
      Row<R>[] rows = current().rows;
      return rows.length == 0 ? null : rows[rows.length - 1];
    }

    /** The records in index order (tests and the other tables' helpers). */
    List<R> records() {
      List<R> out = new ArrayList<>();
      for (Row<R> r : current().rows) {
        out.add(r.record());
      }
      return out;
    }
  }
}
