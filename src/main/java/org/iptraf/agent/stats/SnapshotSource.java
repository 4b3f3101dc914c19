package org.iptraf.agent.stats;

/** Where exporters get tables from: an immutable, recent {@link TablesSnapshot}. */
@FunctionalInterface
public interface SnapshotSource {
  TablesSnapshot snapshot();

  /**
   * A recent snapshot for readers that want counters, rates and table sizes, not rows: its row
   * lists may only say how many rows there are (and the port rows not even that). Cheaper to make
   * than {@link #snapshot()} where the tables are large.
   */
  default TablesSnapshot counters() {
    return snapshot();
  }
}
