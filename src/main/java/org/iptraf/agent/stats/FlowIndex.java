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
 * <p>Hash slots hold {@code entry + 1} (0 is empty) and are deleted by backward shift, so there
 * are no tombstones to sweep (Knuth, TAOCP vol. 3, 6.4 algorithm R).
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

  private final int maxEntries;
  private final Owner owner;

  private long[] addresses = new long[0]; // aHi, aLo, bHi, bLo per entry
  private int[] ports = new int[0]; // aPort << 16 | bPort
  private int[] contexts = new int[0];
  private int[] hashes = new int[0];
  private int[] prev = new int[0]; // least-recently-seen list: head = newest
  private int[] next = new int[0];
  private boolean[] used = new boolean[0];
  private int[] free = new int[0];
  private int freeCount;
  private int capacity;
  private int size;
  private int head = NONE;
  private int tail = NONE;
  private int[] slots = new int[0];
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
    int portsAb = (aPort << 16) | (bPort & 0xFFFF);
    int portsBa = (bPort << 16) | (aPort & 0xFFFF);
    inserted = false;
    swapped = false;
    if (capacity > 0) {
      for (int s = hash & slotMask; slots[s] != 0; s = (s + 1) & slotMask) {
        int e = slots[s] - 1;
        if (hashes[e] != hash || contexts[e] != context) {
          continue;
        }
        int k = e * 4;
        if (ports[e] == portsAb && addresses[k] == aHi && addresses[k + 1] == aLo
            && addresses[k + 2] == bHi && addresses[k + 3] == bLo) {
          touch(e);
          return e;
        }
        if (symmetric && ports[e] == portsBa && addresses[k] == bHi && addresses[k + 1] == bLo
            && addresses[k + 2] == aHi && addresses[k + 3] == aLo) {
          swapped = true;
          touch(e);
          return e;
        }
      }
    }
    int e = allocate();
    int k = e * 4;
    addresses[k] = aHi;
    addresses[k + 1] = aLo;
    addresses[k + 2] = bHi;
    addresses[k + 3] = bLo;
    ports[e] = portsAb;
    contexts[e] = context;
    hashes[e] = hash;
    used[e] = true;
    insertSlot(e);
    linkHead(e);
    size++;
    inserted = true;
    return e;
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
      int newer = prev[e];
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
    return prev[e];
  }

  /** The most recently seen entry, or -1. */
  int newest() {
    return head;
  }

  /** The entry seen just before {@code e} (towards the oldest), or -1. */
  int older(int e) {
    return next[e];
  }

  long aHi(int e) {
    return addresses[e * 4];
  }

  long aLo(int e) {
    return addresses[e * 4 + 1];
  }

  long bHi(int e) {
    return addresses[e * 4 + 2];
  }

  long bLo(int e) {
    return addresses[e * 4 + 3];
  }

  int aPort(int e) {
    return ports[e] >>> 16;
  }

  int bPort(int e) {
    return ports[e] & 0xFFFF;
  }

  int context(int e) {
    return contexts[e];
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
    addresses = Arrays.copyOf(addresses, newCapacity * 4);
    ports = Arrays.copyOf(ports, newCapacity);
    contexts = Arrays.copyOf(contexts, newCapacity);
    hashes = Arrays.copyOf(hashes, newCapacity);
    prev = Arrays.copyOf(prev, newCapacity);
    next = Arrays.copyOf(next, newCapacity);
    used = Arrays.copyOf(used, newCapacity);
    free = Arrays.copyOf(free, newCapacity);
    // push new entries so that the lowest number is taken first
    for (int e = newCapacity - 1; e >= capacity; e--) {
      free[freeCount++] = e;
    }
    capacity = newCapacity;
    int slotCount = Integer.highestOneBit(Math.max(2, newCapacity * 2 - 1)) << 1;
    if (slotCount != slots.length) {
      slots = new int[slotCount];
      slotMask = slotCount - 1;
      for (int e = 0; e < capacity; e++) {
        if (used[e]) {
          insertSlot(e);
        }
      }
    }
    owner.grow(newCapacity);
  }

  private void insertSlot(int e) {
    int s = hashes[e] & slotMask;
    while (slots[s] != 0) {
      s = (s + 1) & slotMask;
    }
    slots[s] = e + 1;
  }

  private void removeSlot(int e) {
    int s = hashes[e] & slotMask;
    while (slots[s] != e + 1) {
      s = (s + 1) & slotMask;
    }
    // backward-shift: pull later members of the probe run into the hole
    int hole = s;
    for (int i = (hole + 1) & slotMask; slots[i] != 0; i = (i + 1) & slotMask) {
      int home = hashes[slots[i] - 1] & slotMask;
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
    prev[e] = NONE;
    next[e] = head;
    if (head != NONE) {
      prev[head] = e;
    }
    head = e;
    if (tail == NONE) {
      tail = e;
    }
  }

  private void unlink(int e) {
    int p = prev[e];
    int n = next[e];
    if (p != NONE) {
      next[p] = n;
    } else {
      head = n;
    }
    if (n != NONE) {
      prev[n] = p;
    } else {
      tail = p;
    }
    prev[e] = NONE;
    next[e] = NONE;
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
