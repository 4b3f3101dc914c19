package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * iptraf-ng's packet-size breakdown: 20 equal buckets of frame length up to the largest untagged
 * Ethernet frame the MTU allows (MTU + 14 header bytes), and one for anything longer, in and out.
 */
final class SizeTable {
  static final int BUCKETS = 20;

  /** Ethernet II header: a full-size frame of a 1500-byte MTU is 1514 bytes without FCS. */
  static final int LINK_HEADER = 14;

  private final int max;
  private final int width;
  private final long[] in = new long[BUCKETS + 1];
  private final long[] out = new long[BUCKETS + 1];

  /** The bucket of every length up to {@code max}: a lookup instead of a division per frame. */
  private final byte[] bucketOf;

  private int largest;

  SizeTable(int mtu) {
    if (mtu < BUCKETS) {
      throw new IllegalArgumentException("MTU must be at least " + BUCKETS + ", got " + mtu);
    }
    this.max = mtu + LINK_HEADER;
    this.width = (max + BUCKETS - 1) / BUCKETS;
    this.bucketOf = new byte[max + 1];
    for (int length = 0; length <= max; length++) {
      bucketOf[length] = (byte) Math.min(BUCKETS - 1, Math.max(0, length - 1) / width);
    }
  }

  void count(int length, boolean outbound) {
    int bucket = length > max ? BUCKETS : bucketOf[Math.max(0, length)];
    (outbound ? out : in)[bucket]++;
    largest = Math.max(largest, length);
  }

  void clear() {
    java.util.Arrays.fill(in, 0);
    java.util.Arrays.fill(out, 0);
    largest = 0;
  }

  int largest() {
    return largest;
  }

  List<SizeBucket> snapshot() {
    List<SizeBucket> rows = new ArrayList<>(BUCKETS + 1);
    for (int i = 0; i < BUCKETS; i++) {
      int from = i * width + 1;
      int to = i == BUCKETS - 1 ? max : (i + 1) * width;
      rows.add(new SizeBucket(from, to, in[i], out[i]));
    }
    rows.add(new SizeBucket(max + 1, Math.max(max + 1, largest), in[BUCKETS], out[BUCKETS]));
    return rows;
  }
}
