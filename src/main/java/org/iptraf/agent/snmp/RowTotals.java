package org.iptraf.agent.snmp;

import java.util.Arrays;

/**
 * The counters of each row of a table at one ranking, by the row's 64-bit key: an open-addressing
 * hash table over two primitive arrays (as agrona's {@code Long2LongHashMap}), so that remembering
 * a hundred thousand connections costs a few MB of longs instead of a boxed map entry each.
 *
 * <pre>
 *   keys:   | k0 | k1 | k2 | ...                   0 marks an empty slot
 *   values: | k0's v0 .. v(width-1) | k1's ... |   width longs per slot
 * </pre>
 */
final class RowTotals {

  private static final int MIN_CAPACITY = 16;

  private final int width;
  private long[] keys = new long[MIN_CAPACITY];
  private long[] values;
  private int size;

  RowTotals(int width) {
    this.width = width;
    this.values = new long[MIN_CAPACITY * width];
  }

  /** Empties it and makes room for {@code rows} keys at a load of at most one half. */
  void clear(int rows) {
    int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, rows) * 2 - 1) << 1);
    if (capacity != keys.length) {
      keys = new long[capacity]; // grows with the table and shrinks when it does
      values = new long[capacity * width];
    } else {
      Arrays.fill(keys, 0);
    }
    size = 0;
  }

  int size() {
    return size;
  }

  /** The slot holding {@code key}, or -1. */
  int find(long key) {
    int mask = keys.length - 1;
    for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        return i;
      }
      if (k == 0) {
        return -1;
      }
    }
  }

  /** Value {@code v} of the key in {@code slot} (from {@link #find}). */
  long value(int slot, int v) {
    return values[slot * width + v];
  }

  /**
   * Stores the values of {@code key} (a later put of the same key replaces them). {@link #clear}
   * must have made room for every key put.
   */
  void put(long key, long[] row) {
    int mask = keys.length - 1;
    int i = spread(key) & mask;
    while (keys[i] != 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (keys[i] == 0) {
      keys[i] = key;
      size++;
    }
    System.arraycopy(row, 0, values, i * width, width);
  }

  private static int spread(long key) {
    return (int) (key ^ key >>> 32);
  }

  /** Never 0 (the empty slot): a row key made with {@link #mix} from the row's fields. */
  static long key(long h) {
    return h == 0 ? 1 : h;
  }

  /**
   * One step of a 64-bit hash of a row's key fields (the finaliser of MurmurHash3, fmix64). Two
   * rows of 10^5 share a key with probability about 10^10 / 2^65; they then share one interval.
   */
  static long mix(long h, long field) {
    long x = h * 0x9E3779B97F4A7C15L + field;
    x ^= x >>> 33;
    x *= 0xFF51AFD7ED558CCDL;
    x ^= x >>> 33;
    x *= 0xC4CEB93FE1AC4D53L;
    return x ^ x >>> 33;
  }
}
