package org.iptraf.agent.snmp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
   * interval ties every row: then only the first few are wanted, chosen by {@code Order.first} over
   * the rows themselves (a heap, no sort of all, no boxed index per row).
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
    if (end - start == 1) {
      out[filled] = (int) (keys[start] & indexMask);
      return filled + 1;
    }
    List<R> group = new ArrayList<>(end - start);
    for (int k = start; k < end; k++) {
      group.add(rows.get((int) (keys[k] & indexMask)));
    }
    List<R> best = Order.first(group, ties, out.length - filled);
    int[] at = indexesOf(best, group, keys, start, indexMask);
    System.arraycopy(at, 0, out, filled, at.length);
    return filled + at.length;
  }

  /** The row indexes of {@code chosen} (rows of {@code group}, keys[start...] in its order). */
  private static <R> int[] indexesOf(
      List<R> chosen, List<R> group, long[] keys, int start, long indexMask) {
    Map<R, Integer> place = new IdentityHashMap<>(chosen.size() * 2);
    for (int i = 0; i < chosen.size(); i++) {
      place.put(chosen.get(i), i);
    }
    int[] at = new int[chosen.size()];
    for (int k = 0; k < group.size(); k++) {
      Integer p = place.get(group.get(k));
      if (p != null) {
        at[p] = (int) (keys[start + k] & indexMask);
      }
    }
    return at;
  }

  /** Indexes of the first {@code n} rows by {@code order} (an order not by interval: age). */
  static <R> int[] first(List<R> rows, Comparator<? super R> order, int n) {
    List<R> best = Order.first(rows, order, n);
    Map<R, Integer> place = new IdentityHashMap<>(best.size() * 2);
    for (int i = 0; i < best.size(); i++) {
      place.put(best.get(i), i);
    }
    int[] at = new int[best.size()];
    for (int i = 0; i < rows.size(); i++) {
      Integer p = place.get(rows.get(i));
      if (p != null) {
        at[p] = i;
      }
    }
    return at;
  }
}
