package org.iptraf.agent.capture.file;

/** The capture file formats this package reads, as recognised by their magic number. */
public enum CaptureFormat {
  /** Classic pcap, microsecond timestamps (magic 0xa1b2c3d4, either byte order). */
  PCAP_MICROSECONDS,
  /** Classic pcap, nanosecond timestamps (magic 0xa1b23c4d, either byte order). */
  PCAP_NANOSECONDS,
  /** Alexey Kuznetzov's patched pcap: 24-byte records with ifindex and packet type (0xa1b2cd34). */
  PCAP_KUZNETZOV,
  /** pcapng: sections of blocks, several interfaces, per-interface timestamp resolution. */
  PCAPNG
}
