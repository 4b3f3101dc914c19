package org.iptraf.agent.stats;

/** Where exporters get tables from: an immutable, recent {@link TablesSnapshot}. */
@FunctionalInterface
public interface SnapshotSource {
  TablesSnapshot snapshot();
}
