package org.iptraf.agent.capture.file;

/**
 * pcapng layout, draft-ietf-opsawg-pcapng. Every block has the same frame (section 3.1), so a
 * reader can step over blocks it does not know; fields are in the byte order of the section's
 * header block.
 *
 * <pre>
 * General block structure (3.1):
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                          Block Type                           |  0
 * +---------------------------------------------------------------+
 * |                      Block Total Length                       |  4
 * +---------------------------------------------------------------+
 * /                          Block Body                           /  8
 * +---------------------------------------------------------------+
 * |                      Block Total Length                       |  length - 4
 * +---------------------------------------------------------------+
 *
 * Section Header Block, type 0x0A0D0D0A (4.1):
 * |                      Byte-Order Magic 0x1A2B3C4D              |  8
 * |          Major Version        |         Minor Version         | 12
 * |                   Section Length (64 bits)                    | 16
 * /                           Options                             / 24
 *
 * Interface Description Block, type 1 (4.2):
 * |           LinkType            |           Reserved            |  8
 * |                            SnapLen                            | 12
 * /                           Options                             / 16
 *
 * Enhanced Packet Block, type 6 (4.3), and the obsolete Packet Block, type 2 (appendix),
 * which has a 16-bit Interface ID followed by a 16-bit Drops Count in the first word:
 * |                         Interface ID                          |  8
 * |                      Timestamp (Upper)                        | 12
 * |                      Timestamp (Lower)                        | 16
 * |                    Captured Packet Length                     | 20
 * |                    Original Packet Length                     | 24
 * /              Packet Data, padded to 32 bits                   / 28
 * /                           Options                             /
 *
 * Simple Packet Block, type 3 (4.4): interface 0, no timestamp, captured length implied:
 * |                    Original Packet Length                     |  8
 * /              Packet Data, padded to 32 bits                   / 12
 *
 * Option (3.5), repeated, ended by opt_endofopt (code 0) or the end of the block:
 * |      Option Code              |         Option Length         |
 * /              Option Value, padded to 32 bits                  /
 * </pre>
 */
final class PcapngLayout {

  static final int BLOCK_TYPE_OFFSET = 0;
  static final int BLOCK_LENGTH_OFFSET = 4;
  static final int BLOCK_BODY_OFFSET = 8;

  /** Type, leading and trailing length. */
  static final int BLOCK_FRAME_LENGTH = 12;

  static final int SHB_TYPE = 0x0A0D0D0A;
  static final int SHB_BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  static final int SHB_BYTE_ORDER_OFFSET = 8;
  static final int SHB_MAJOR_OFFSET = 12;
  static final int SHB_MINOR_OFFSET = 14;
  static final int SHB_MIN_LENGTH = 28;
  static final int SHB_SUPPORTED_MAJOR = 1;

  static final int IDB_TYPE = 1;
  static final int IDB_LINKTYPE_OFFSET = 8;
  static final int IDB_SNAPLEN_OFFSET = 12;
  static final int IDB_OPTIONS_OFFSET = 16;
  static final int IDB_MIN_LENGTH = 20;

  static final int EPB_TYPE = 6;
  static final int PB_TYPE = 2;
  static final int EPB_INTERFACE_OFFSET = 8;
  static final int PB_INTERFACE_OFFSET = 8;
  static final int EPB_TS_UPPER_OFFSET = 12;
  static final int EPB_TS_LOWER_OFFSET = 16;
  static final int EPB_CAPTURED_LENGTH_OFFSET = 20;
  static final int EPB_ORIGINAL_LENGTH_OFFSET = 24;
  static final int EPB_DATA_OFFSET = 28;
  static final int EPB_MIN_LENGTH = 32;

  static final int SPB_TYPE = 3;
  static final int SPB_ORIGINAL_LENGTH_OFFSET = 8;
  static final int SPB_DATA_OFFSET = 12;
  static final int SPB_MIN_LENGTH = 16;

  static final int OPTION_HEADER_LENGTH = 4;
  static final int OPT_ENDOFOPT = 0;
  static final int IF_NAME = 2;
  static final int IF_TSRESOL = 9;
  static final int IF_TSOFFSET = 14;

  /** epb_flags and the obsolete pack_flags share code 2 and layout (4.3.1). */
  static final int EPB_FLAGS = 2;

  /** epb_flags bits 0-1: 00 unknown, 01 inbound, 10 outbound. */
  static final int FLAGS_DIRECTION_MASK = 0x3;

  static final int FLAGS_OUTBOUND = 0x2;

  private PcapngLayout() {}

  /** Values are padded to 32 bits. */
  static int padded(int length) {
    return (length + 3) & ~3;
  }

  /** Minimum total length of a block of this type, so its fixed fields are inside it. */
  static int minLength(int type) {
    return switch (type) {
      case SHB_TYPE -> SHB_MIN_LENGTH;
      case IDB_TYPE -> IDB_MIN_LENGTH;
      case EPB_TYPE, PB_TYPE -> EPB_MIN_LENGTH;
      case SPB_TYPE -> SPB_MIN_LENGTH;
      default -> BLOCK_FRAME_LENGTH;
    };
  }

  /** Name for messages. */
  static String blockName(int type) {
    return switch (type) {
      case SHB_TYPE -> "section header block";
      case IDB_TYPE -> "interface description block";
      case EPB_TYPE -> "enhanced packet block";
      case PB_TYPE -> "packet block";
      case SPB_TYPE -> "simple packet block";
      default -> String.format("block of type 0x%08x", type);
    };
  }
}
