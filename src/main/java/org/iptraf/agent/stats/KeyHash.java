package org.iptraf.agent.stats;

/**
 * The hash of a {@link RecordTable} key of up to five words: a multiply per word by odd constants,
 * summed; the high half folded into the low; one more multiply, whose high 32 bits depend on every
 * bit of the key (multiplicative hashing, Knuth, TAOCP vol. 3, 6.4). Short on purpose: it is on the
 * critical path of every lookup.
 */
final class KeyHash {

  private KeyHash() {}

  /** The hash of a key; words beyond its width are 0. */
  static int of(long k0, long k1, long k2, long k3, long k4) {
    long h =
        k0 * 0x9e3779b97f4a7c15L
            + k1 * 0xc2b2ae3d27d4eb4fL
            + k2 * 0x165667b19e3779f9L
            + k3 * 0xd6e8feb86659fd93L
            + k4 * 0xff51afd7ed558ccdL;
    h ^= h >>> 32;
    h *= 0xc4ceb9fe1a85ec53L;
    return (int) (h >>> 32);
  }

  /** The hash of the key of {@code words} words stored at {@code t[k]}. */
  static int at(long[] t, int k, int words) {
    return of(
        t[k],
        words > 1 ? t[k + 1] : 0,
        words > 2 ? t[k + 2] : 0,
        words > 3 ? t[k + 3] : 0,
        words > 4 ? t[k + 4] : 0);
  }
}
