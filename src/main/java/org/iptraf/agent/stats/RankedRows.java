package org.iptraf.agent.stats;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * A snapshot's rows in a report's order ({@link Order.Ranking}), ranked from the records they are
 * made of: each row is made when it is read, and not kept. A report of 10^5 flows spent a quarter
 * of its time making every row first and comparing rows within ties (docs/BENCHMARKS.md); the
 * records compare as numbers, and a row that is written and dropped is never copied by a
 * collection.
 *
 * <p>Records are numbered 0 to count - 1. They are sorted by bytes, descending, then by their
 * {@link Records#columns}; only where those are all equal are their rows made and compared with the
 * order itself, so that the order is the {@link Order.Ranking}'s, whatever the records can tell.
 */
final class RankedRows<T> extends AbstractList<T> implements RandomAccess {

  /** What the records of a table tell of a row's place, without making the row. */
  interface Records {
    /** The bytes of record {@code i}'s row (what {@link Order.Ranking#bytes} gives). */
    long bytes(int i);

    /** How many columns {@link #columns(int, long[], int)} puts. */
    int columns();

    /**
     * Puts record {@code i}'s columns in {@code out} from {@code at}: the ranking's keys after
     * bytes, in order, as numbers that compare unsigned as the ranking compares the rows (rows
     * whose columns are all equal are compared as rows).
     */
    void columns(int i, long[] out, int at);

    /** Whether the records' numbers are their order after bytes: ties then need no sorting. */
    default boolean tiesInIndexOrder() {
      return false;
    }
  }

  private final int[] order;
  private final IntFunction<T> row;

  private RankedRows(int[] order, IntFunction<T> row) {
    this.order = order;
    this.row = row;
  }

  /**
   * The {@code count} records' rows in {@code ranking}'s order: {@code row} makes record i's row,
   * and {@code records}' columns must order rows as {@code ranking} does wherever they differ.
   */
  static <T> RankedRows<T> rank(
      int count, Records records, IntFunction<T> row, Comparator<? super T> ranking) {
    int indexBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, count - 1));
    long indexMask = (1L << indexBits) - 1;
    long maxBytes = (1L << (63 - indexBits)) - 1;
    long[] keys = new long[count];
    boolean clamped = false;
    for (int i = 0; i < count; i++) {
      long b = Math.max(records.bytes(i), 0);
      clamped |= b > maxBytes;
      keys[i] = (maxBytes - Math.min(b, maxBytes)) << indexBits | i;
    }
    sort(keys); // equal bytes: in the records' order
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = (int) (keys[i] & indexMask);
    }
    if (records.tiesInIndexOrder() && !clamped) {
      return new RankedRows<>(order, row);
    }
    Ties<T> ties = new Ties<>(records, row, ranking, clamped);
    for (int start = 0; start < count; ) {
      int end = start + 1;
      while (end < count && keys[end] >>> indexBits == keys[start] >>> indexBits) {
        end++;
      }
      if (end - start > 1) {
        ties.sort(order, start, end);
      }
      start = end;
    }
    return new RankedRows<>(order, row);
  }

  /**
   * Sorts {@code keys}: a radix sort, 11 bits a pass, over the bits in which they differ (where
   * none is negative; else the JDK's sort). Its loops are simple enough that the JIT compiles them
   * on their back-edges within the first passes, where the JDK's sort of 10^5 keys ran in the
   * interpreter for much of its time (a report sorts once per table; JFR, docs/BENCHMARKS.md).
   */
  static void sort(long[] keys) {
    int n = keys.length;
    long differ = 0;
    long all = 0;
    for (int i = 0; i < n; i++) {
      differ |= keys[i] ^ keys[0];
      all |= keys[i];
    }
    int bits = 64 - Long.numberOfLeadingZeros(differ);
    if (n < 1024 || bits == 0 || all < 0) { // few, all equal, or some negative
      Arrays.sort(keys);
      return;
    }
    long[] from = keys;
    long[] to = new long[n];
    int[] count = new int[(1 << 11) + 1];
    for (int shift = 0; shift < bits; shift += 11) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[(int) (from[i] >>> shift & 0x7FF) + 1]++;
      }
      for (int d = 0; d < 1 << 11; d++) {
        count[d + 1] += count[d];
      }
      for (int i = 0; i < n; i++) {
        long k = from[i];
        to[count[(int) (k >>> shift & 0x7FF)]++] = k;
      }
      long[] t = from;
      from = to;
      to = t;
    }
    if (from != keys) {
      System.arraycopy(from, 0, keys, 0, n);
    }
  }

  /**
   * Sorts records of equal packed bytes: their columns copied side by side first (their full bytes
   * before them where some were more than the packing holds), then compared there, and as rows
   * where all are equal. Copied once, a record's columns are read from the cache by every
   * comparison, and the comparison is the same code for every table.
   */
  private static final class Ties<T> {
    private final Records records;
    private final IntFunction<T> row;
    private final Comparator<? super T> ranking;
    private final boolean clamped;
    private final int width;
    private int[] members = new int[0];
    private int[] sorted = new int[0]; // members' places in members, sorted
    private int[] scratch = new int[0];
    private long[] columns = new long[0];

    Ties(Records records, IntFunction<T> row, Comparator<? super T> ranking, boolean clamped) {
      this.records = records;
      this.row = row;
      this.ranking = ranking;
      this.clamped = clamped;
      this.width = records.columns() + (clamped ? 1 : 0);
    }

    void sort(int[] order, int from, int to) {
      int n = to - from;
      if (members.length < n) {
        members = new int[n];
        sorted = new int[n];
        scratch = new int[n];
        columns = new long[n * width];
      }
      for (int k = 0; k < n; k++) {
        int i = order[from + k];
        members[k] = i;
        sorted[k] = k;
        int at = k * width;
        if (clamped) { // bytes, descending
          columns[at++] = Long.MAX_VALUE - Math.max(records.bytes(i), 0);
        }
        records.columns(i, columns, at);
      }
      sort(0, n);
      for (int k = 0; k < n; k++) {
        order[from + k] = members[sorted[k]];
      }
    }

    private int compare(int p, int q) {
      for (int a = p * width, b = q * width, end = a + width; a < end; a++, b++) {
        int c = Long.compareUnsigned(columns[a], columns[b]);
        if (c != 0) {
          return c;
        }
      }
      return ranking.compare(row.apply(members[p]), row.apply(members[q]));
    }

    /** Sorts {@code sorted[from, to)}: a merge sort, insertion sort for short runs. */
    private void sort(int from, int to) {
      int[] a = sorted;
      if (to - from <= 16) {
        for (int i = from + 1; i < to; i++) {
          int x = a[i];
          int j = i - 1;
          while (j >= from && compare(a[j], x) > 0) {
            a[j + 1] = a[j];
            j--;
          }
          a[j + 1] = x;
        }
        return;
      }
      int mid = (from + to) >>> 1;
      sort(from, mid);
      sort(mid, to);
      if (compare(a[mid - 1], a[mid]) <= 0) {
        return; // already in order
      }
      System.arraycopy(a, from, scratch, from, to - from);
      int i = from;
      int j = mid;
      for (int k = from; k < to; k++) {
        if (j >= to || (i < mid && compare(scratch[i], scratch[j]) <= 0)) {
          a[k] = scratch[i++];
        } else {
          a[k] = scratch[j++];
        }
      }
    }
  }

  @Override
  public int size() {
    return order.length;
  }

  /** Makes the row: a new one at every call. */
  @Override
  public T get(int index) {
    return row.apply(order[index]);
  }
}
