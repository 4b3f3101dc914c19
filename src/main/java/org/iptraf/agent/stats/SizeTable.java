package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * iptraf-ng's packet-size breakdown: 20 buckets of MTU/20 bytes of frame length, and one for
 * anything longer than the MTU, in and out.
 */
final class SizeTable {
  static final int BUCKETS = 20;

  private final int mtu;
  private final int width;
  private final long[] in = new long[BUCKETS + 1];
  private final long[] out = new long[BUCKETS + 1];
  private int largest;

  SizeTable(int mtu) {
    if (mtu < BUCKETS) {
      throw new IllegalArgumentException("MTU must be at least " + BUCKETS + ", got " + mtu);
    }
    this.mtu = mtu;
    this.width = (mtu + BUCKETS - 1) / BUCKETS;
  }

  void count(int length, boolean outbound) {
    int bucket = length > mtu ? BUCKETS : Math.min(BUCKETS - 1, Math.max(0, length - 1) / width);
    if (outbound) {
      out[bucket]++;
    } else {
      in[bucket]++;
    }
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
      int to = i == BUCKETS - 1 ? mtu : (i + 1) * width;
      rows.add(new SizeBucket(from, to, in[i], out[i]));
    }
    rows.add(new SizeBucket(mtu + 1, Math.max(mtu + 1, largest), in[BUCKETS], out[BUCKETS]));
    return rows;
  }
}
