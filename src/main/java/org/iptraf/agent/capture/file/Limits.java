package org.iptraf.agent.capture.file;

/** Bounds that tell an honest length field from a damaged one. */
final class Limits {

  /**
   * Largest captured length believed: libpcap's MAXIMUM_SNAPLEN (262144), which also bounds what
   * tcpdump and dumpcap write. Anything longer is a damaged length field, not a frame.
   */
  static final int MAX_CAPTURED_LENGTH = 256 * 1024;

  /**
   * Largest pcapng block parsed in memory: a maximal frame plus room for its options. Blocks we do
   * not parse (statistics, name resolution, unknown types) are skipped whatever their size.
   */
  static final int MAX_BUFFERED_BLOCK = 1024 * 1024;

  static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Limits() {}
}
