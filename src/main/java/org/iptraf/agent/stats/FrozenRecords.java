package org.iptraf.agent.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The live records of a {@link RecordTable} copied at one instant, packed one after another in the
 * table's own layout (stamp word, key, values): what a snapshot's rows are made from.
 *
 * <p>The writer pays for a sequential copy of the records it holds, once per snapshot, and makes no
 * object per record; rows are made from the copy later, on the reader's thread, and only if a
 * reader asks for them (most readers, once a second, want counters and table sizes only). Accessors
 * read as {@link RecordTable}'s do, with an index into the copy for a slot.
 */
final class FrozenRecords {
  private static final long STAMP_BITS = (1L << 48) - 1;
  private static final int INDEX_BITS = 28;

  private final long[] records;
  private final int stride;
  private final int keyWords;
  private final int count;

  FrozenRecords(long[] records, int stride, int keyWords, int count) {
    this.records = records;
    this.stride = stride;
    this.keyWords = keyWords;
    this.count = count;
  }

  int size() {
    return count;
  }

  /** The copy; {@link #values} gives offsets into it. */
  long[] table() {
    return records;
  }

  /** Longs per record. */
  int stride() {
    return stride;
  }

  /** The offset of record {@code i}'s first value in {@link #table()}. */
  int values(int i) {
    return i * stride + 1 + keyWords;
  }

  /** Word {@code w} of record {@code i}'s key. */
  long key(int i, int w) {
    return records[i * stride + 1 + w];
  }

  /** Record indexes, most recently seen first (by stamp). */
  int[] newestFirst() {
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < count; i++) {
      long stamp = records[i * stride] & STAMP_BITS;
      min = Math.min(min, stamp);
      max = Math.max(max, stamp);
    }
    int[] order = new int[count];
    if (count == 0) {
      return order;
    }
    if (max - min < 1L << (63 - INDEX_BITS)) { // the usual case: sort packed longs
      long[] keys = new long[count];
      for (int i = 0; i < count; i++) {
        keys[i] = ((records[i * stride] & STAMP_BITS) - min) << INDEX_BITS | i;
      }
      Arrays.sort(keys);
      for (int i = 0; i < count; i++) {
        order[i] = (int) (keys[count - 1 - i] & ((1 << INDEX_BITS) - 1));
      }
      return order;
    }
    Integer[] boxed = new Integer[count];
    for (int i = 0; i < count; i++) {
      boxed[i] = i;
    }
    Arrays.sort(
        boxed,
        Comparator.comparingLong((Integer i) -> records[i * stride] & STAMP_BITS).reversed());
    for (int i = 0; i < count; i++) {
      order[i] = boxed[i];
    }
    return order;
  }
}
