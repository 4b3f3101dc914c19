package org.iptraf.agent.snmp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.iptraf.agent.stats.Order;

/**
 * The first rows of a table by what they counted in the last interval ({@link Since}), most first;
 * rows that counted the same keep the table's own order ({@link Order}: total octets, then the
 * row's key). The intervals and row indexes are packed into longs and the best are kept in a heap
 * of longs, so the rows themselves are compared only within ties (as {@code Order.top} does for
 * totals) and 10^5 rows cost no sort of 10^5.
 */
final class ByInterval {
  private ByInterval() {}

  /**
   * Indexes of the first {@code n} rows, best first.
   *
   * @param interval {@link Since#advance}'s result for {@code rows}
   * @param field which of the interval's counters ranks ({@link Since#OCTETS}, {@link
   *     Since#PACKETS})
   * @param ties the order among rows of equal interval
   */
  static <R> int[] first(
      List<R> rows, long[] interval, int field, Comparator<? super R> ties, int n) {
    int size = rows.size();
    int indexBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, size - 1));
    long indexMask = (1L << indexBits) - 1;
    long max = (1L << (63 - indexBits)) - 1;
    int wanted = Math.min(n, size);
    long[] best = new long[wanted]; // the smallest keys so far, as a max-heap
    int held = 0;
    for (int i = 0; i < size; i++) {
      long key = (max - Math.min(interval[i * Since.WIDTH + field], max)) << indexBits | i;
      if (held < wanted) {
        best[held] = key;
        up(best, held++);
      } else if (key < best[0]) {
        best[0] = key;
        down(best, held);
      }
    }
    Arrays.sort(best, 0, held);
    int[] out = new int[wanted];
    int filled = 0;
    long last = held == 0 ? -1 : best[held - 1] >>> indexBits;
    for (int start = 0; start < held && best[start] >>> indexBits != last; ) {
      int end = start + 1;
      while (end < held && best[end] >>> indexBits == best[start] >>> indexBits) {
        end++;
      }
      filled = tie(rows, best, start, end, indexMask, ties, out, filled);
      start = end;
    }
    if (held > 0) { // the last value's rows: all of them, not only those the heap kept
      long[] group = new long[size];
      int g = 0;
      for (int i = 0; i < size; i++) {
        long v = max - Math.min(interval[i * Since.WIDTH + field], max);
        if (v == last) {
          group[g++] = v << indexBits | i;
        }
      }
      filled = tie(rows, group, 0, g, indexMask, ties, out, filled);
    }
    return out;
  }

  /** Sifts heap[at] up a max-heap. */
  private static void up(long[] heap, int at) {
    for (int i = at; i > 0 && heap[(i - 1) / 2] < heap[i]; i = (i - 1) / 2) {
      long t = heap[i];
      heap[i] = heap[(i - 1) / 2];
      heap[(i - 1) / 2] = t;
    }
  }

  /** Sifts heap[0] down a max-heap of {@code size}. */
  private static void down(long[] heap, int size) {
    for (int i = 0; ; ) {
      int c = 2 * i + 1;
      if (c >= size) {
        return;
      }
      if (c + 1 < size && heap[c + 1] > heap[c]) {
        c++;
      }
      if (heap[i] >= heap[c]) {
        return;
      }
      long t = heap[i];
      heap[i] = heap[c];
      heap[c] = t;
      i = c;
    }
  }

  /**
   * Appends the rows of keys[start, end) (one interval value) in the order of {@code ties}. An idle
   * interval ties every row: then only the first few are wanted, chosen with a heap of row indexes
   * (no sort of all, no boxed index or identity lookup per row).
   */
  private static <R> int tie(
      List<R> rows,
      long[] keys,
      int start,
      int end,
      long indexMask,
      Comparator<? super R> ties,
      int[] out,
      int filled) {
    int[] candidates = new int[end - start];
    for (int k = start; k < end; k++) {
      candidates[k - start] = (int) (keys[k] & indexMask);
    }
    int[] best = best(rows, candidates, ties, out.length - filled);
    System.arraycopy(best, 0, out, filled, best.length);
    return filled + best.length;
  }

  /** Indexes of the first {@code n} rows by {@code order} (an order not by interval: age). */
  static <R> int[] first(List<R> rows, Comparator<? super R> order, int n) {
    int[] all = new int[rows.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return best(rows, all, order, n);
  }

  /**
   * The first {@code n} of the {@code candidates} (row indexes) by {@code order}, in order: a heap
   * whose top is the worst kept, which a row must beat to get in (as {@code Order.first}).
   */
  private static <R> int[] best(
      List<R> rows, int[] candidates, Comparator<? super R> order, int n) {
    IntOrder byRow = (x, y) -> order.compare(rows.get(x), rows.get(y));
    int k = Math.min(n, candidates.length);
    int[] heap = new int[k];
    int held = 0;
    for (int c : candidates) {
      if (held < k) {
        heap[held] = c;
        for (int i = held++; i > 0 && byRow.compare(heap[(i - 1) / 2], heap[i]) < 0; ) {
          swap(heap, i, (i - 1) / 2);
          i = (i - 1) / 2;
        }
      } else if (k > 0 && byRow.compare(c, heap[0]) < 0) {
        heap[0] = c;
        sink(heap, held, byRow);
      }
    }
    Integer[] sorted = new Integer[held];
    for (int i = 0; i < held; i++) {
      sorted[i] = heap[i];
    }
    Arrays.sort(sorted, (x, y) -> byRow.compare(x, y));
    int[] out = new int[held];
    for (int i = 0; i < held; i++) {
      out[i] = sorted[i];
    }
    return out;
  }

  /** Sifts heap[0] down a heap whose top is the worst by {@code order}. */
  private static void sink(int[] heap, int size, IntOrder order) {
    for (int i = 0; ; ) {
      int c = 2 * i + 1;
      if (c >= size) {
        return;
      }
      if (c + 1 < size && order.compare(heap[c + 1], heap[c]) > 0) {
        c++;
      }
      if (order.compare(heap[i], heap[c]) >= 0) {
        return;
      }
      swap(heap, i, c);
      i = c;
    }
  }

  /** An order of row indexes, compared without boxing them. */
  @FunctionalInterface
  private interface IntOrder {
    int compare(int x, int y);
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
