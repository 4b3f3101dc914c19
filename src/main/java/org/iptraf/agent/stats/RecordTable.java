package org.iptraf.agent.stats;

import java.util.Arrays;

/**
 * A table of small keys (a MAC, or a pair of MACs, and a context) whose hash slots are the
 * records: key, least-recently-seen links and the owner's values in one run of longs, so that a
 * lookup reads one place in memory instead of a slot, then an entry, then its values.
 *
 * <p>Stations and MAC pairs are looked up up to three times per frame, and with a hundred
 * thousand flows streaming through the caches each lookup of a cold entry costs a cache miss per
 * dependent step. {@link FlowIndex} (slot, then entry) keeps entry numbers stable, which its
 * owners rely on; here records move, so an offset is only valid until the next {@link #acquire}
 * or {@link #release}.
 *
 * <p>Linear probing, deletion by backward shift (Knuth, TAOCP vol. 3, 6.4 algorithm R); a moved
 * record's list neighbours are pointed at its new slot, so the least-recently-seen order stays
 * exact. At most half the slots are used; at the cap the least recently seen record is evicted.
 */
final class RecordTable {
  static final int NONE = -1;
  private static final int FIRST_SLOTS = 1024;

  /*
   * One record, {@code HEADER + values} longs:
   * | context + 1 (0: empty slot) | key a | key b | prev: newer slot | next: older slot |
   * | the owner's values ... |
   */
  private static final int CONTEXT = 0;
  private static final int KEY_A = 1;
  private static final int KEY_B = 2;
  private static final int PREV = 3;
  private static final int NEXT = 4;
  static final int HEADER = 5;

  private final int maxEntries;
  private final int maxSlots;
  private final int stride;
  private long[] table;
  private int mask;
  private int size;
  private int head = NONE; // newest
  private int tail = NONE; // oldest
  private long evictions;

  /** Set by the last {@link #acquire}: the record is new (its values are zero). */
  boolean inserted;

  RecordTable(int maxEntries, int values) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("table cap must be at least 1, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.maxSlots = Integer.highestOneBit(2 * maxEntries - 1) << 1; // at least 2 per entry
    this.stride = HEADER + values;
    allocate(Math.min(FIRST_SLOTS, maxSlots));
  }

  /** The records; read it after every {@link #acquire}, which may replace it. */
  long[] table() {
    return table;
  }

  /**
   * Finds the record for a key, or makes one (evicting the least recently seen at the cap), and
   * marks it most recently seen.
   *
   * @return the offset of its first value in {@link #table()}
   */
  int acquire(long a, long b, int context) {
    long c = (context & 0xFFFF_FFFFL) + 1;
    int hash = hash(a, b, c);
    for (int s = hash & mask; ; s = (s + 1) & mask) {
      int r = s * stride;
      long k = table[r + CONTEXT];
      if (k == 0) {
        break;
      }
      if (k == c && table[r + KEY_A] == a && table[r + KEY_B] == b) {
        inserted = false;
        if (s != head) {
          unlink(s);
          linkHead(s);
        }
        return r + HEADER;
      }
    }
    if (size >= maxEntries) {
      evictions++;
      release(tail);
    } else if ((size + 1) * 2 > mask + 1) {
      grow();
    }
    int s = emptySlot(hash);
    int r = s * stride;
    table[r + CONTEXT] = c;
    table[r + KEY_A] = a;
    table[r + KEY_B] = b;
    Arrays.fill(table, r + HEADER, r + stride, 0);
    linkHead(s);
    size++;
    inserted = true;
    return r + HEADER;
  }

  /** Removes a record; records after it in its probe run may move. */
  void release(int slot) {
    unlink(slot);
    size--;
    int hole = slot;
    for (int i = (slot + 1) & mask; table[i * stride + CONTEXT] != 0; i = (i + 1) & mask) {
      int home = home(i);
      if (((i - home) & mask) >= ((i - hole) & mask)) {
        move(i, hole);
        hole = i;
      }
    }
    table[hole * stride + CONTEXT] = 0;
  }

  /** Removes every record. */
  void clear() {
    Arrays.fill(table, 0);
    size = 0;
    head = NONE;
    tail = NONE;
  }

  int size() {
    return size;
  }

  long evictions() {
    return evictions;
  }

  /** The least recently seen record's slot, or -1. */
  /**
   * Frees records, least recently seen first, while the capture-time value at {@code
   * lastSeenOffset} of their values is more than {@code idleNanos} before {@code now}.
   */
  void expireIdle(int lastSeenOffset, long now, long idleNanos) {
    for (int s = oldest(); s != NONE; s = oldest()) {
      if (now - table()[values(s) + lastSeenOffset] <= idleNanos) {
        return;
      }
      release(s);
    }
  }

  int oldest() {
    return tail;
  }

  /** The most recently seen record's slot, or -1. */
  int newest() {
    return head;
  }

  /** The slot seen just before {@code slot} (towards the oldest), or -1. */
  int older(int slot) {
    return (int) table[slot * stride + NEXT];
  }

  /** The offset of a slot's first value in {@link #table()}. */
  int values(int slot) {
    return slot * stride + HEADER;
  }

  long keyA(int slot) {
    return table[slot * stride + KEY_A];
  }

  long keyB(int slot) {
    return table[slot * stride + KEY_B];
  }

  int context(int slot) {
    return (int) (table[slot * stride + CONTEXT] - 1);
  }

  private void allocate(int slots) {
    table = new long[slots * stride];
    mask = slots - 1;
    head = NONE;
    tail = NONE;
  }

  /** Doubles the slots and re-inserts oldest first, so the list keeps its order. */
  private void grow() {
    long[] old = table;
    int from = tail;
    allocate(Math.min(maxSlots, (mask + 1) * 2));
    for (int o = from; o != NONE; o = (int) old[o * stride + PREV]) {
      int r = o * stride;
      int s = emptySlot(hash(old[r + KEY_A], old[r + KEY_B], old[r + CONTEXT]));
      System.arraycopy(old, r, table, s * stride, stride);
      linkHead(s);
    }
  }

  private int emptySlot(int hash) {
    int s = hash & mask;
    while (table[s * stride + CONTEXT] != 0) {
      s = (s + 1) & mask;
    }
    return s;
  }

  private int home(int slot) {
    int r = slot * stride;
    return hash(table[r + KEY_A], table[r + KEY_B], table[r + CONTEXT]) & mask;
  }

  /** Moves a record into an empty slot and points its list neighbours at it. */
  private void move(int from, int to) {
    System.arraycopy(table, from * stride, table, to * stride, stride);
    int p = (int) table[to * stride + PREV];
    int n = (int) table[to * stride + NEXT];
    if (p != NONE) {
      table[p * stride + NEXT] = to;
    } else {
      head = to;
    }
    if (n != NONE) {
      table[n * stride + PREV] = to;
    } else {
      tail = to;
    }
  }

  private void linkHead(int s) {
    table[s * stride + PREV] = NONE;
    table[s * stride + NEXT] = head;
    if (head != NONE) {
      table[head * stride + PREV] = s;
    }
    head = s;
    if (tail == NONE) {
      tail = s;
    }
  }

  private void unlink(int s) {
    int p = (int) table[s * stride + PREV];
    int n = (int) table[s * stride + NEXT];
    if (p != NONE) {
      table[p * stride + NEXT] = n;
    } else {
      head = n;
    }
    if (n != NONE) {
      table[n * stride + PREV] = p;
    } else {
      tail = p;
    }
  }

  private static int hash(long a, long b, long context) {
    long h = (a ^ (b * 0x9e3779b97f4a7c15L)) + context * 0xc2b2ae3d27d4eb4fL;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }
}
