package org.iptraf.agent.stats;

import java.util.Arrays;

/**
 * The key side of a flow table: open addressing over primitive arrays, a free list, and a
 * least-recently-seen list, with no object per entry.
 *
 * <p>A key is two endpoints (128-bit address and 16-bit port each) plus a 32-bit context
 * (interface and protocol). Symmetric lookups find an entry whichever endpoint sent the packet
 * and say which way round it matched, so one entry holds both directions of a conversation.
 *
 * <p>Entries are numbered {@code 0..capacity-1}; owners keep their values in arrays of the same
 * numbering and grow them when told. Freed entries go on a stack that new entries take first —
 * IPTraf's "closed list" reuse. When full at the cap, the least recently seen entry is evicted.
 *
 * <p>Hash slots hold the key's hash and {@code entry + 1} (0 is empty) and are deleted by backward
 * shift, so there are no tombstones to sweep (Knuth, TAOCP vol. 3, 6.4 algorithm R). Each entry's
 * key and list links sit side by side: at a hundred thousand flows nothing is in cache, and the
 * cost of a lookup is the number of cache lines it touches.
 */
final class FlowIndex {

  /** Told about growth and evictions so it can keep its value arrays in step. */
  interface Owner {
    void grow(int newCapacity);

    /** The entry is about to be reused for another key. */
    void evicting(int entry);
  }

  private static final int FIRST_CAPACITY = 1024;
  private static final int NONE = -1;

  /*
   * One entry's key, six longs side by side so that a lookup reads one or two cache lines, not
   * one per field (the tables are far bigger than the caches; every array touched is a miss):
   * | aHi | aLo | bHi | bLo | aPort (16) bPort (16) context (32) | hash (low 32) |
   */
  private static final int KEY_A_HI = 0;
  private static final int KEY_A_LO = 1;
  private static final int KEY_B_HI = 2;
  private static final int KEY_B_LO = 3;
  private static final int KEY_TAG = 4;
  private static final int KEY_HASH = 5;
  private static final int KEY = 6;

  /* Least-recently-seen list, both links of an entry side by side: | prev (newer) | next (older) | */
  private static final int LINK_PREV = 0;
  private static final int LINK_NEXT = 1;
  private static final int LINK = 2;

  private final int maxEntries;
  private final Owner owner;

  private long[] keys = new long[0];
  private int[] links = new int[0]; // head = newest
  private boolean[] used = new boolean[0];
  private int[] free = new int[0];
  private int freeCount;
  private int capacity;
  private int size;
  private int head = NONE;
  private int tail = NONE;

  /* Hash slots: | hash (32) | entry + 1 (32) |, 0 when empty; the hash is there so that a probe
   * past other keys never has to read their entries. */
  private long[] slots = new long[0];
  private int slotMask;
  private long evictions;

  /** Set by the last {@link #acquire}: the key matched with its endpoints swapped. */
  boolean swapped;

  /** Set by the last {@link #acquire}: the entry is new. */
  boolean inserted;

  FlowIndex(int maxEntries, Owner owner) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("table cap must be at least 1, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.owner = owner;
  }

  /**
   * Finds the entry for a key, or makes one (evicting the least recently seen entry at the cap),
   * and marks it most recently seen.
   *
   * @param symmetric also match the key with its two endpoints swapped
   */
  int acquire(
      long aHi, long aLo, int aPort, long bHi, long bLo, int bPort, int context, boolean symmetric) {
    int hash = symmetric ? symmetricHash(aHi, aLo, aPort, bHi, bLo, bPort, context)
        : orderedHash(aHi, aLo, aPort, bHi, bLo, bPort, context);
    long tagAb = tag((aPort << 16) | (bPort & 0xFFFF), context);
    long tagBa = tag((bPort << 16) | (aPort & 0xFFFF), context);
    inserted = false;
    swapped = false;
    if (capacity > 0) {
      long slot;
      for (int s = hash & slotMask; (slot = slots[s]) != 0; s = (s + 1) & slotMask) {
        if ((int) (slot >>> 32) != hash) {
          continue;
        }
        int e = (int) slot - 1;
        int k = e * KEY;
        long tag = keys[k + KEY_TAG];
        if (tag == tagAb && keys[k + KEY_A_HI] == aHi && keys[k + KEY_A_LO] == aLo
            && keys[k + KEY_B_HI] == bHi && keys[k + KEY_B_LO] == bLo) {
          touch(e);
          return e;
        }
        if (symmetric && tag == tagBa && keys[k + KEY_A_HI] == bHi && keys[k + KEY_A_LO] == bLo
            && keys[k + KEY_B_HI] == aHi && keys[k + KEY_B_LO] == aLo) {
          swapped = true;
          touch(e);
          return e;
        }
      }
    }
    int e = allocate();
    int k = e * KEY;
    keys[k + KEY_A_HI] = aHi;
    keys[k + KEY_A_LO] = aLo;
    keys[k + KEY_B_HI] = bHi;
    keys[k + KEY_B_LO] = bLo;
    keys[k + KEY_TAG] = tagAb;
    keys[k + KEY_HASH] = hash;
    used[e] = true;
    insertSlot(e, hash);
    linkHead(e);
    size++;
    inserted = true;
    return e;
  }

  private static long tag(int ports, int context) {
    return ((long) ports << 32) | (context & 0xFFFF_FFFFL);
  }

  /** Frees an entry; the next new key takes it first. */
  void release(int e) {
    if (!used[e]) {
      return;
    }
    removeSlot(e);
    unlink(e);
    used[e] = false;
    free[freeCount++] = e;
    size--;
  }

  /** Frees every entry. */
  void clear() {
    for (int e = tail; e != NONE; ) {
      int newer = links[e * LINK + LINK_PREV];
      release(e);
      e = newer;
    }
  }

  int size() {
    return size;
  }

  int maxEntries() {
    return maxEntries;
  }

  long evictions() {
    return evictions;
  }

  boolean isUsed(int e) {
    return e >= 0 && e < capacity && used[e];
  }

  /** The least recently seen entry, or -1. */
  int oldest() {
    return tail;
  }

  /** The entry seen just after {@code e} (towards the newest), or -1. */
  int newer(int e) {
    return links[e * LINK + LINK_PREV];
  }

  /** The most recently seen entry, or -1. */
  int newest() {
    return head;
  }

  /** The entry seen just before {@code e} (towards the oldest), or -1. */
  int older(int e) {
    return links[e * LINK + LINK_NEXT];
  }

  long aHi(int e) {
    return keys[e * KEY + KEY_A_HI];
  }

  long aLo(int e) {
    return keys[e * KEY + KEY_A_LO];
  }

  long bHi(int e) {
    return keys[e * KEY + KEY_B_HI];
  }

  long bLo(int e) {
    return keys[e * KEY + KEY_B_LO];
  }

  int aPort(int e) {
    return (int) (keys[e * KEY + KEY_TAG] >>> 48);
  }

  int bPort(int e) {
    return (int) (keys[e * KEY + KEY_TAG] >>> 32) & 0xFFFF;
  }

  int context(int e) {
    return (int) keys[e * KEY + KEY_TAG];
  }

  private int allocate() {
    if (freeCount == 0) {
      if (capacity < maxEntries) {
        grow();
      } else {
        int victim = tail;
        owner.evicting(victim);
        evictions++;
        release(victim);
      }
    }
    return free[--freeCount];
  }

  private void grow() {
    int newCapacity = (int) Math.min(maxEntries, Math.max(FIRST_CAPACITY, 2L * capacity));
    keys = Arrays.copyOf(keys, newCapacity * KEY);
    links = Arrays.copyOf(links, newCapacity * LINK);
    used = Arrays.copyOf(used, newCapacity);
    free = Arrays.copyOf(free, newCapacity);
    // push new entries so that the lowest number is taken first
    for (int e = newCapacity - 1; e >= capacity; e--) {
      free[freeCount++] = e;
    }
    capacity = newCapacity;
    int slotCount = Integer.highestOneBit(Math.max(2, newCapacity * 2 - 1)) << 1;
    if (slotCount != slots.length) {
      slots = new long[slotCount];
      slotMask = slotCount - 1;
      for (int e = 0; e < capacity; e++) {
        if (used[e]) {
          insertSlot(e, (int) keys[e * KEY + KEY_HASH]);
        }
      }
    }
    owner.grow(newCapacity);
  }

  private void insertSlot(int e, int hash) {
    int s = hash & slotMask;
    while (slots[s] != 0) {
      s = (s + 1) & slotMask;
    }
    slots[s] = ((long) hash << 32) | (e + 1);
  }

  private void removeSlot(int e) {
    int s = (int) keys[e * KEY + KEY_HASH] & slotMask;
    while ((int) slots[s] != e + 1) {
      s = (s + 1) & slotMask;
    }
    // backward-shift: pull later members of the probe run into the hole
    int hole = s;
    for (int i = (hole + 1) & slotMask; slots[i] != 0; i = (i + 1) & slotMask) {
      int home = (int) (slots[i] >>> 32) & slotMask;
      if (((i - home) & slotMask) >= ((i - hole) & slotMask)) {
        slots[hole] = slots[i];
        hole = i;
      }
    }
    slots[hole] = 0;
  }

  private void touch(int e) {
    if (head != e) {
      unlink(e);
      linkHead(e);
    }
  }

  private void linkHead(int e) {
    links[e * LINK + LINK_PREV] = NONE;
    links[e * LINK + LINK_NEXT] = head;
    if (head != NONE) {
      links[head * LINK + LINK_PREV] = e;
    }
    head = e;
    if (tail == NONE) {
      tail = e;
    }
  }

  private void unlink(int e) {
    int p = links[e * LINK + LINK_PREV];
    int n = links[e * LINK + LINK_NEXT];
    if (p != NONE) {
      links[p * LINK + LINK_NEXT] = n;
    } else {
      head = n;
    }
    if (n != NONE) {
      links[n * LINK + LINK_PREV] = p;
    } else {
      tail = p;
    }
    links[e * LINK + LINK_PREV] = NONE;
    links[e * LINK + LINK_NEXT] = NONE;
  }

  private static int symmetricHash(
      long aHi, long aLo, int aPort, long bHi, long bLo, int bPort, int context) {
    // the sum of the endpoints' hashes does not depend on their order
    long h = mix(aHi ^ mix(aLo + aPort)) + mix(bHi ^ mix(bLo + bPort));
    return (int) mix(h ^ context);
  }

  private static int orderedHash(
      long aHi, long aLo, int aPort, long bHi, long bLo, int bPort, int context) {
    long h = mix(aHi ^ mix(aLo + aPort)) * 31 + mix(bHi ^ mix(bLo + bPort));
    return (int) mix(h ^ context);
  }

  /** The 64-bit finaliser of MurmurHash3 (public domain): every input bit moves every output bit. */
  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return x;
  }
}
