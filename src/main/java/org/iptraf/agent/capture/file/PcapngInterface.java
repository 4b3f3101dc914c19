package org.iptraf.agent.capture.file;

/** What the reader keeps from one interface description block to place its packets. */
final class PcapngInterface {

  final int id;
  final int snapLength;
  private final TimestampResolution resolution;
  private final long offsetNanos;

  PcapngInterface(int id, int snapLength, TimestampResolution resolution, long offsetSeconds) {
    this.id = id;
    this.snapLength = snapLength;
    this.resolution = resolution;
    this.offsetNanos = offsetSeconds * Limits.NANOS_PER_SECOND;
  }

  /** Ticks in this interface's resolution, plus its {@code if_tsoffset}, as epoch nanoseconds. */
  long nanos(long ticks) {
    return resolution.toNanos(ticks) + offsetNanos;
  }
}
