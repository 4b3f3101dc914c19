package org.iptraf.agent.stats;

import java.util.function.LongSupplier;

/**
 * The capture's own counters, beside the tables': frames and bytes seen, frames not counted and
 * why, and the kernel's drops; written by the {@link Tables} writer, which increments the fields in
 * place.
 */
final class CaptureCounters {

  long frames;
  long bytes;
  long malformed;
  long unknownLinkType;
  long filtered;
  long loopbackDuplicates;
  private volatile LongSupplier kernelDrops = () -> 0;
  private final WindowRate kernelDropRate = new WindowRate();
  private final WindowRate connectionRate = new WindowRate();

  /** Where kernel drop totals come from (live capture); read once a second and per snapshot. */
  void kernelDrops(LongSupplier source) {
    this.kernelDrops = source;
  }

  /** Closes the second of the drop and connection rates; {@code empty} silent ones preceded it. */
  void closeSecond(long connectionsOpened, long empty) {
    kernelDropRate.closeSecond(kernelDrops.getAsLong(), empty);
    connectionRate.closeSecond(connectionsOpened, empty);
  }

  void reset() {
    frames = bytes = malformed = unknownLinkType = filtered = loopbackDuplicates = 0;
    kernelDropRate.reset();
    connectionRate.reset();
  }

  CaptureSnapshot snapshot(
      TcpTable tcp,
      OtherFlowTable others,
      StationTable stations,
      VlanTable vlans,
      MacPairTable macPairs) {
    return new CaptureSnapshot(
        frames,
        bytes,
        malformed,
        unknownLinkType,
        kernelDrops.getAsLong(),
        filtered,
        loopbackDuplicates,
        tcp.evictions(),
        others.evictions(),
        stations.evictions(),
        tcp.opened(),
        kernelDropRate.perSecond(),
        connectionRate.perSecond(),
        vlans.evictions(),
        macPairs.evictions());
  }
}
