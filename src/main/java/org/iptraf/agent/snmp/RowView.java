package org.iptraf.agent.snmp;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.iptraf.agent.snmp.ReadOnlyTable.Column;
import org.iptraf.agent.snmp.ReadOnlyTable.Row;
import org.snmp4j.smi.OID;

/**
 * The records of one list as {@link ReadOnlyTable} rows sorted by instance index, for binary
 * searches and walks in order; made from the last view when the list has the same records (the
 * order is kept, only the records are rebound), sorted otherwise.
 */
final class RowView<R> {
  final List<R> source;
  final Row<R>[] rows;

  /** {@code rows[i]} is the record at {@code source.get(positions[i])}. */
  final int[] positions;

  private RowView(List<R> source, Row<R>[] rows, int[] positions) {
    this.source = source;
    this.rows = rows;
    this.positions = positions;
  }

  /** First position whose index is {@code >= index}. */
  int ceiling(OID index) {
    int lo = 0;
    int hi = rows.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (rows[mid].getIndex().compareTo(index) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  Row<R> find(OID index) {
    int i = ceiling(index);
    return i < rows.length && rows[i].getIndex().equals(index) ? rows[i] : null;
  }

  /** The view of {@code rows}: {@code last}'s order if the records are the same, else sorted. */
  static <R> RowView<R> of(
      List<R> rows, RowView<R> last, Function<? super R, OID> index, List<Column<R>> columns) {
    return last != null && sameContent(last.source, rows)
        ? rebind(last, rows, columns)
        : sort(rows, index, columns);
  }

  /**
   * A new list (a new snapshot) with the same records as the last one, e.g. an idle table: its
   * indexes and order are those of the last view, so only the records are rebound. Records are
   * compared with {@code equals} (records and value classes: field by field), one pass, against an
   * index computation per row and a sort otherwise.
   */
  private static <R> boolean sameContent(List<R> a, List<R> b) {
    int n = a.size();
    if (n != b.size()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!a.get(i).equals(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static <R> RowView<R> rebind(RowView<R> v, List<R> rows, List<Column<R>> columns) {
    @SuppressWarnings("unchecked")
    Row<R>[] same = (Row<R>[]) new Row<?>[v.rows.length];
    for (int i = 0; i < same.length; i++) {
      same[i] = new Row<>(v.rows[i].getIndex(), rows.get(v.positions[i]), columns);
    }
    return new RowView<>(rows, same, v.positions);
  }

  private static <R> RowView<R> sort(
      List<R> rows, Function<? super R, OID> index, List<Column<R>> columns) {
    int n = rows.size();
    @SuppressWarnings("unchecked")
    Row<R>[] byPosition = (Row<R>[]) new Row<?>[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      byPosition[i] = new Row<>(index.apply(rows.get(i)), rows.get(i), columns);
      order[i] = i;
    }
    // stable: of two records with one index the first in the list comes first (and wins)
    Arrays.sort(order, (x, y) -> byPosition[x].getIndex().compareTo(byPosition[y].getIndex()));
    @SuppressWarnings("unchecked")
    Row<R>[] sorted = (Row<R>[]) new Row<?>[n];
    int[] positions = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      Row<R> r = byPosition[order[i]];
      // two records with one index would break GETNEXT's order: the first one wins
      if (kept == 0 || !sorted[kept - 1].getIndex().equals(r.getIndex())) {
        sorted[kept] = r;
        positions[kept++] = order[i];
      }
    }
    return kept == n
        ? new RowView<>(rows, sorted, positions)
        : new RowView<>(rows, Arrays.copyOf(sorted, kept), Arrays.copyOf(positions, kept));
  }
}
