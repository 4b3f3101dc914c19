package org.iptraf.agent.metrics;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Reservoir;
import com.codahale.metrics.Snapshot;
import java.util.List;
import java.util.function.Supplier;
import org.iptraf.agent.stats.PacketSizes;

/**
 * The packet-size histogram as a Dropwizard {@link Histogram} whose count and snapshot come from
 * the tables' size buckets: the capture thread counts sizes in its own arrays and nothing calls
 * {@link #update} per packet.
 */
final class SizeHistogram extends Histogram {
  private final Supplier<PacketSizes> sizes;

  SizeHistogram(Supplier<PacketSizes> sizes) {
    super(new FromBuckets(sizes));
    this.sizes = sizes;
  }

  @Override
  public long getCount() {
    return snapshotOf(sizes.get()).count();
  }

  private static BucketSnapshot snapshotOf(PacketSizes p) {
    return p == null
        ? new BucketSnapshot(List.of(), 0)
        : new BucketSnapshot(p.buckets(), p.largest());
  }

  /** A reservoir that ignores updates and reads the buckets. */
  private record FromBuckets(Supplier<PacketSizes> sizes) implements Reservoir {
    @Override
    public int size() {
      return getSnapshot().size();
    }

    @Override
    public void update(long value) {
      // sizes are counted by the tables, not here
    }

    @Override
    public Snapshot getSnapshot() {
      return snapshotOf(sizes.get());
    }
  }
}
