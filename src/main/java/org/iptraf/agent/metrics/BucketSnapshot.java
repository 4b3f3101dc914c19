package org.iptraf.agent.metrics;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.iptraf.agent.stats.SizeBucket;

/**
 * A Dropwizard {@link com.codahale.metrics.Snapshot} computed from the packet-size buckets instead
 * of from samples: a quantile is the upper bound of the bucket it falls in (so a percentile is
 * never understated by more than one bucket width), the mean takes each bucket at its middle, min
 * and max are exact bounds of the non-empty buckets and the largest frame.
 */
final class BucketSnapshot extends com.codahale.metrics.Snapshot {
  private final List<SizeBucket> buckets;
  private final long count;
  private final long largest;

  BucketSnapshot(List<SizeBucket> buckets, long largest) {
    this.buckets = List.copyOf(buckets);
    this.count = buckets.stream().mapToLong(SizeBucket::packets).sum();
    this.largest = largest;
  }

  long count() {
    return count;
  }

  @Override
  public double getValue(double quantile) {
    if (quantile < 0 || quantile > 1 || Double.isNaN(quantile)) {
      throw new IllegalArgumentException(quantile + " is not in [0..1]");
    }
    if (count == 0) {
      return 0;
    }
    double rank = quantile * count;
    long seen = 0;
    for (SizeBucket b : buckets) {
      seen += b.packets();
      if (b.packets() > 0 && seen >= rank) {
        return Math.min(b.to(), getMax());
      }
    }
    return getMax();
  }

  /** One value per non-empty bucket (its upper bound): the samples themselves are not kept. */
  @Override
  public long[] getValues() {
    return buckets.stream().filter(b -> b.packets() > 0).mapToLong(SizeBucket::to).toArray();
  }

  @Override
  public int size() {
    return (int) Math.min(Integer.MAX_VALUE, count);
  }

  @Override
  public long getMax() {
    return count == 0 ? 0 : largest;
  }

  @Override
  public double getMean() {
    if (count == 0) {
      return 0;
    }
    double sum = 0;
    for (SizeBucket b : buckets) {
      sum += b.packets() * middle(b);
    }
    return sum / count;
  }

  @Override
  public long getMin() {
    for (SizeBucket b : buckets) {
      if (b.packets() > 0) {
        return b.from();
      }
    }
    return 0;
  }

  @Override
  public double getStdDev() {
    if (count < 2) {
      return 0;
    }
    double mean = getMean();
    double sum = 0;
    for (SizeBucket b : buckets) {
      double d = middle(b) - mean;
      sum += b.packets() * d * d;
    }
    return Math.sqrt(sum / (count - 1));
  }

  private static double middle(SizeBucket b) {
    return (b.from() + (double) b.to()) / 2;
  }

  @Override
  public void dump(OutputStream output) {
    try (PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(output, StandardCharsets.UTF_8))) {
      for (SizeBucket b : buckets) {
        out.printf("%d-%d %d%n", b.from(), b.to(), b.packets());
      }
    }
  }
}
