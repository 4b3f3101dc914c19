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
 * <p>Records are numbered 0 to count - 1. They are sorted by bytes, descending, then by {@link
 * Records#compare}; only where that cannot tell two records apart are their rows made and compared
 * with the order itself, so that the order is the {@link Order.Ranking}'s, whatever the records can
 * tell.
 */
final class RankedRows<T> extends AbstractList<T> implements RandomAccess {

  /** What the records of a table tell of a row's place, without making the row. */
  interface Records {
    /** The bytes of record {@code i}'s row (what {@link Order.Ranking#bytes} gives). */
    long bytes(int i);

    /**
     * The ranking's order of two records of equal bytes, as far as the records tell it: the sign
     * the ranking gives their rows, or 0 where only the rows tell (or they are equal).
     */
    int compare(int i, int j);

    /** Whether {@link #compare} is the records' numbers' order: ties then need no sorting. */
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
   * and {@code records} must agree with {@code ranking} wherever it gives a sign.
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
    Arrays.sort(keys); // equal bytes: in the records' order
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = (int) (keys[i] & indexMask);
    }
    if (records.tiesInIndexOrder() && !clamped) {
      return new RankedRows<>(order, row);
    }
    Tie<T> tie = new Tie<>(records, row, ranking, clamped);
    int[] scratch = null;
    for (int start = 0; start < count; ) {
      int end = start + 1;
      while (end < count && keys[end] >>> indexBits == keys[start] >>> indexBits) {
        end++;
      }
      if (end - start > 1) {
        if (scratch == null) {
          scratch = new int[count];
        }
        sort(order, start, end, tie, scratch);
      }
      start = end;
    }
    return new RankedRows<>(order, row);
  }

  /**
   * Two records of equal packed bytes: their full bytes (where some were more than the packing
   * holds), the records, and at last their rows.
   */
  private record Tie<T>(
      Records records, IntFunction<T> row, Comparator<? super T> ranking, boolean clamped) {
    int compare(int i, int j) {
      int c = clamped ? Long.compare(records.bytes(j), records.bytes(i)) : 0;
      if (c == 0) {
        c = records.compare(i, j);
      }
      return c != 0 ? c : ranking.compare(row.apply(i), row.apply(j));
    }
  }

  /** Sorts {@code a[from, to)} by {@code tie}: a merge sort, insertion sort for short runs. */
  private static void sort(int[] a, int from, int to, Tie<?> tie, int[] scratch) {
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int x = a[i];
        int j = i - 1;
        while (j >= from && tie.compare(a[j], x) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sort(a, from, mid, tie, scratch);
    sort(a, mid, to, tie, scratch);
    if (tie.compare(a[mid - 1], a[mid]) <= 0) {
      return; // already in order
    }
    System.arraycopy(a, from, scratch, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && tie.compare(scratch[i], scratch[j]) <= 0)) {
        a[k] = scratch[i++];
      } else {
        a[k] = scratch[j++];
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
