package org.iptraf.agent.stats;

import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * The storage of every table keyed by addresses: open addressing whose hash slots are the records
 * (a stamp, the key, the owner's values in one run of longs), so that counting a frame into a table
 * costs one place in memory, whose address is known as soon as the key is hashed.
 *
 * <p>With a hundred thousand flows streaming through the caches, a table's cost is the number of
 * dependent cache misses per lookup. A slot array pointing at entries, with values in arrays of
 * their own and a linked least-recently-seen list, costs four or five (slot, key, the entry's links
 * and its two list neighbours, values); here it is one, and the lines of one record are adjacent,
 * so the memory system fetches them together.
 *
 * <p>Each {@link #acquire} stamps the record from a counter, so that the cap evicts exactly the
 * least recently seen ({@link EvictionCandidates}); idle timeouts go by an {@link ExpiryWheel}, so
 * that expiry costs what expires. Linear probing, at most three quarters of the slots used (half
 * the memory of a half-used table at 100k flows, the same CPU per frame within the noise of
 * ManyFlowsBenchmark), deletion by backward shift (Knuth, TAOCP vol. 3, 6.4, algorithm R): no
 * tombstones. Offsets are valid until the next {@link #acquire}, {@link #release}, {@link
 * #removeIf} or {@link #expire}.
 */
final class RecordTable {

  private static final int FIRST_SLOTS = 1024;

  /*
   * One record: | due second mod 2^16 (16) stamp (48) | key words ... | the owner's values ... |
   * The word is 0 for an empty slot (a live record's stamp is at least 1).
   */
  private static final int STAMP = 0;
  private static final int KEY = 1;
  static final int DUE_SHIFT = 48;
  private static final long STAMP_BITS = (1L << DUE_SHIFT) - 1;

  /** Stamps are renumbered before the counter reaches the 48 bits it has (at 2^47). */
  private static final long STAMP_LIMIT = 1L << 47;

  private final int maxEntries;
  private final int maxSlots;
  private final int keyWords;
  private final int stride;
  private long[] table;
  private int mask;
  private int size;
  private long clock;
  private long far; // farLookups()
  private long evictions;
  private ObjIntConsumer<long[]> onEviction;
  private final EvictionCandidates candidates = new EvictionCandidates();
  private ExpiryWheel wheel; // none until expireWith

  /** Set by the last {@link #acquire}: the record is new (its values are zero). */
  boolean inserted;

  /**
   * @param keyWords longs in a key, 1 to 5; {@link #acquire} ignores the words beyond them, which
   *     callers pass as 0
   * @param values longs of values per record
   */
  RecordTable(int maxEntries, int keyWords, int values) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("table cap must be at least 1, got " + maxEntries);
    }
    if (keyWords < 1 || keyWords > 5) {
      throw new IllegalArgumentException("a key has 1 to 5 words, got " + keyWords);
    }
    this.maxEntries = maxEntries;
    this.maxSlots =
        Integer.highestOneBit((int) ((4L * maxEntries + 2) / 3) - 1) << 1; // at least 4/3 per entry
    this.keyWords = keyWords;
    this.stride = KEY + keyWords + values;
    allocate(Math.min(FIRST_SLOTS, maxSlots));
  }

  /** Longs in a key. */
  int keyWords() {
    return keyWords;
  }

  /** Longs in a record: the stamp word, the key, the values. */
  int stride() {
    return stride;
  }

  /** Told of a record the cap evicts before it goes: the table, where its values start; or none. */
  void onEviction(ObjIntConsumer<long[]> listener) {
    this.onEviction = listener;
  }

  /**
   * The owner's expiry rules: from the first {@link #expire} on, {@code check} looks at a record
   * when it may be due, first {@code firstCheckSeconds} after the second it was made in.
   */
  void expireWith(long firstCheckSeconds, ExpiryWheel.Expiry check) {
    this.wheel = new ExpiryWheel(this, firstCheckSeconds, check);
  }

  /** Makes {@link #expire} look at every record at every tick, as before the wheel (tests). */
  void lookAtEveryRecordEveryTick() {
    wheel.lookAtEveryRecordEveryTick();
  }

  /** The records; read it after every {@link #acquire}, which may replace it. */
  long[] table() {
    return table;
  }

  /**
   * Finds the record for a key of five words, or makes one (evicting the least recently seen at the
   * cap), and marks it most recently seen. One loop per key width, so that each compares exactly
   * its words and stays small enough to be inlined where it is called.
   *
   * @return the offset of its first value in {@link #table()}
   */
  int acquire(long k0, long k1, long k2, long k3, long k4) {
    assert keyWords == 5;
    int hash = KeyHash.of(k0, k1, k2, k3, k4);
    long[] t = table;
    for (int s = hash & mask; ; s = (s + 1) & mask) {
      int r = s * stride;
      if (t[r + STAMP] == 0) {
        return insert(hash, k0, k1, k2, k3, k4);
      }
      if (t[r + KEY] == k0
          && t[r + KEY + 1] == k1
          && t[r + KEY + 2] == k2
          && t[r + KEY + 3] == k3
          && t[r + KEY + 4] == k4) {
        return seen(t, r);
      }
    }
  }

  /** Where a key's home slot starts, found without reading the table ({@link #readAt} does). */
  int slotOf(long k0, long k1, long k2, long k3, long k4) {
    return (KeyHash.of(k0, k1, k2, k3, k4) & mask) * stride;
  }

  /** Reads slot {@code r} ({@link #slotOf}) and the next, where probing often ends. */
  long readAt(int r) {
    int n = r + stride == table.length ? 0 : r + stride;
    long lines = table[r + (stride >> 1)] ^ table[r + stride - 1] ^ table[n + stride - 1];
    return table[r] ^ lines ^ table[n + (stride >> 1)];
  }

  /** As {@link #acquire(long, long, long, long, long)}, for a key of three words. */
  int acquire(long k0, long k1, long k2) {
    assert keyWords == 3;
    int hash = KeyHash.of(k0, k1, k2, 0, 0);
    long[] t = table;
    for (int s = hash & mask; ; s = (s + 1) & mask) {
      int r = s * stride;
      if (t[r + STAMP] == 0) {
        return insert(hash, k0, k1, k2, 0, 0);
      }
      if (t[r + KEY] == k0 && t[r + KEY + 1] == k1 && t[r + KEY + 2] == k2) {
        return seen(t, r);
      }
    }
  }

  /** As {@link #acquire(long, long, long, long, long)}, for a key of two words. */
  int acquire(long k0, long k1) {
    assert keyWords == 2;
    int hash = KeyHash.of(k0, k1, 0, 0, 0);
    long[] t = table;
    for (int s = hash & mask; ; s = (s + 1) & mask) {
      int r = s * stride;
      if (t[r + STAMP] == 0) {
        return insert(hash, k0, k1, 0, 0, 0);
      }
      if (t[r + KEY] == k0 && t[r + KEY + 1] == k1) {
        return seen(t, r);
      }
    }
  }

  private int seen(long[] t, int r) {
    inserted = false;
    long stamp = t[r + STAMP];
    far += (Lookahead.NEAR - (clock - (stamp & STAMP_BITS))) >>> 63;
    t[r + STAMP] = (stamp & ~STAMP_BITS) | ++clock;
    return r + KEY + keyWords;
  }

  private int insert(int hash, long k0, long k1, long k2, long k3, long k4) {
    if (wheel != null) {
      wheel.beforeInsert(size);
    }
    if (size >= maxEntries) {
      evictOldest();
    } else if ((size + 1) * 4L > (mask + 1) * 3L) {
      grow();
    }
    if (clock >= STAMP_LIMIT) {
      renumber();
    }
    int slot = emptySlot(hash);
    int r = slot * stride;
    long[] t = table;
    if (wheel != null && wheel.started()) {
      t[r + STAMP] = wheel.made(slot) << DUE_SHIFT | ++clock;
    } else {
      t[r + STAMP] = ++clock;
    }
    int w = keyWords;
    t[r + KEY] = k0;
    if (w > 1) {
      t[r + KEY + 1] = k1;
    }
    if (w > 2) {
      t[r + KEY + 2] = k2;
    }
    if (w > 3) {
      t[r + KEY + 3] = k3;
    }
    if (w > 4) {
      t[r + KEY + 4] = k4;
    }
    Arrays.fill(t, r + KEY + keyWords, r + stride, 0);
    size++;
    if (size == maxEntries && wheel != null) {
      wheel.atCap(maxEntries);
    }
    inserted = true;
    far++;
    return r + KEY + keyWords;
  }

  /** Removes a record; records after it in its probe run may move. */
  void release(int slot) {
    long[] t = table;
    size--;
    int hole = slot;
    for (int i = (slot + 1) & mask; t[i * stride + STAMP] != 0; i = (i + 1) & mask) {
      int home = home(i);
      if (((i - home) & mask) >= ((i - hole) & mask)) {
        System.arraycopy(t, i * stride, t, hole * stride, stride);
        long word = t[i * stride + STAMP];
        candidates.moved(word & STAMP_BITS, hole);
        if (wheel != null && wheel.started()) {
          wheel.moved(hole, word);
        }
        hole = i;
      }
    }
    t[hole * stride + STAMP] = 0;
  }

  /** Once a second: removes the records due by {@code now} that the owner lets go; how many. */
  int expire(long now) {
    if (clock >= STAMP_LIMIT) {
      renumber();
    }
    return wheel.expire(now);
  }

  /**
   * Brings a record's next look forward to capture time {@code nanos} if it is due later (the
   * owner's rules changed for it, say a connection that closed). Cheap; not for every frame.
   */
  void dueBy(int values, long nanos) {
    wheel.dueBy((values - KEY - keyWords) / stride, nanos);
  }

  /** The stamp word of a slot: 0 if empty, else | due second mod 2^16 | stamp |. */
  long word(int slot) {
    return table[slot * stride + STAMP];
  }

  /** A slot's stamp, 0 if empty. */
  long stamp(int slot) {
    return table[slot * stride + STAMP] & STAMP_BITS;
  }

  /** Sets the second (mod 2^16) the record at {@code slot} is due. */
  void setDue(int slot, long due) {
    int r = slot * stride + STAMP;
    table[r] = (table[r] & STAMP_BITS) | due << DUE_SHIFT;
  }

  /** The offset of the values of the record at {@code slot}. */
  int valuesAt(int slot) {
    return slot * stride + KEY + keyWords;
  }

  /** Slots, used or not. */
  int slots() {
    return mask + 1;
  }

  /** The last stamp given: lookups by {@link #acquire}, but for a {@link #renumber} (it falls). */
  long clock() {
    return clock;
  }

  /** Lookups that made a record, or found one last seen over {@link Lookahead#NEAR} before. */
  long farLookups() {
    return far;
  }

  /** Removes every record. */
  void clear() {
    Arrays.fill(table, 0);
    size = 0;
    candidates.forget();
    if (wheel != null) {
      wheel.clear();
    }
  }

  int size() {
    return size;
  }

  long evictions() {
    return evictions;
  }

  /**
   * Occupied slots, most recently seen first (O(n log n); takes the eviction candidates anew).
   * Snapshots read {@link #freeze} instead; tests look at the slots.
   */
  int[] slotsNewestFirst() {
    return candidates.newestFirst(this);
  }

  /** Gives the records stamps 1..n in the same order ({@link EvictionCandidates#renumber}). */
  void renumber() {
    clock = EvictionCandidates.renumber(this);
    candidates.forget(); // their stamps are gone
  }

  /** Sets a live record's stamp. */
  void setStamp(int slot, long stamp) {
    int r = slot * stride + STAMP;
    table[r] = (table[r] & ~STAMP_BITS) | stamp;
  }

  /** Moves the stamp counter on by {@code n} lookups' worth without doing them (tests). */
  void skipStamps(long n) {
    clock += n;
  }

  /** Word {@code i} of the key of the record whose values start at {@code values}. */
  long keyOf(int values, int i) {
    return table[values - keyWords + i];
  }

  /** Word {@code i} of a slot's key. */
  long key(int slot, int i) {
    return table[slot * stride + KEY + i];
  }

  private void allocate(int slots) {
    table = new long[slots * stride];
    mask = slots - 1;
    candidates.forget();
  }

  /** Doubles the slots and re-inserts every record with its stamp. */
  private void grow() {
    long[] old = table;
    allocate(Math.min(maxSlots, (mask + 1) * 2));
    for (int r = 0; r < old.length; r += stride) {
      if (old[r + STAMP] != 0) {
        int s = emptySlot(KeyHash.at(old, r + KEY, keyWords));
        System.arraycopy(old, r, table, s * stride, stride);
      }
    }
    if (wheel != null) {
      wheel.rebuild();
    }
  }

  private void evictOldest() {
    int slot = candidates.oldest(this);
    evictions++;
    if (onEviction != null) {
      onEviction.accept(table, slot * stride + KEY + keyWords);
    }
    release(slot);
  }

  private int emptySlot(int hash) {
    int s = hash & mask;
    while (table[s * stride + STAMP] != 0) {
      s = (s + 1) & mask;
    }
    return s;
  }

  private int home(int slot) {
    return KeyHash.at(table, slot * stride + KEY, keyWords) & mask;
  }
}
