package org.iptraf.agent.capture.file;

/**
 * Classic pcap layout, draft-ietf-opsawg-pcap sections 4 and 5. All fields are in the byte order
 * the magic number was written in.
 *
 * <pre>
 * File header:
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Magic Number                         |  0
 * +-------------------------------+-------------------------------+
 * |          Major Version        |         Minor Version         |  4
 * +-------------------------------+-------------------------------+
 * |                           Reserved1                           |  8
 * +---------------------------------------------------------------+
 * |                           Reserved2                           | 12
 * +---------------------------------------------------------------+
 * |                            SnapLen                            | 16
 * +-----+-+-----------------------+-------------------------------+
 * | FCS |f|       reserved        |           LinkType            | 20
 * +-----+-+-----------------------+-------------------------------+
 *
 * Packet record:
 * +---------------------------------------------------------------+
 * |                      Timestamp (Seconds)                      |  0
 * +---------------------------------------------------------------+
 * |            Timestamp (Microseconds or nanoseconds)            |  4
 * +---------------------------------------------------------------+
 * |                    Captured Packet Length                     |  8
 * +---------------------------------------------------------------+
 * |                    Original Packet Length                     | 12
 * +---------------------------------------------------------------+
 * /                          Packet Data                          / 16
 * +---------------------------------------------------------------+
 *
 * Kuznetzov's patched record (libpcap sf-pcap.c, struct pcap_sf_patched_pkthdr) appends:
 * +---------------------------------------------------------------+
 * |                      Interface Index                          | 16
 * +-------------------------------+---------------+---------------+
 * |           Protocol            |  Packet Type  |    padding    | 20
 * +-------------------------------+---------------+---------------+
 * /                          Packet Data                          / 24
 * </pre>
 *
 * The LinkType field is 32 bits on disk but only its low 16 bits name the link type; the upper bits
 * say whether frames carry an FCS, which the draft allows writers to set.
 */
final class PcapLayout {

  static final int MAGIC_MICROS = 0xa1b2c3d4;
  static final int MAGIC_NANOS = 0xa1b23c4d;
  static final int MAGIC_KUZNETZOV = 0xa1b2cd34;

  static final int FILE_HEADER_LENGTH = 24;
  static final int SNAPLEN_OFFSET = 16;
  static final int LINKTYPE_OFFSET = 20;
  static final int LINKTYPE_MASK = 0xffff;

  static final int RECORD_HEADER_LENGTH = 16;
  static final int KUZNETZOV_RECORD_HEADER_LENGTH = 24;
  static final int TS_SECONDS_OFFSET = 0;
  static final int TS_FRACTION_OFFSET = 4;
  static final int CAPTURED_LENGTH_OFFSET = 8;
  static final int ORIGINAL_LENGTH_OFFSET = 12;
  static final int KUZNETZOV_PACKET_TYPE_OFFSET = 22;

  /** Linux PACKET_OUTGOING (linux/if_packet.h): the host sent the frame. */
  static final int PACKET_OUTGOING = 4;

  private PcapLayout() {}
}
