package org.iptraf.agent.capture.live;

/**
 * The kernel's packet-socket structures and constants, with byte offsets on x86-64 and arm64 (LP64,
 * little- or big-endian alike: every field is naturally aligned, so the layout is the C layout).
 * Source: {@code include/uapi/linux/if_packet.h}, {@code linux/filter.h}, {@code linux/if_ether.h}
 * and {@code Documentation/networking/packet_mmap.rst}.
 */
final class IfPacket {

  /** {@code AF_PACKET}, also {@code PF_PACKET} (linux/socket.h). */
  static final int AF_PACKET = 17;

  /** {@code SOL_PACKET}: the level of every PACKET_* socket option (linux/socket.h). */
  static final int SOL_PACKET = 263;

  /** {@code ETH_P_ALL}: every protocol, including outgoing frames (linux/if_ether.h). */
  static final int ETH_P_ALL = 0x0003;

  // Socket options at SOL_PACKET.
  static final int PACKET_ADD_MEMBERSHIP = 1;
  static final int PACKET_DROP_MEMBERSHIP = 2;
  static final int PACKET_RX_RING = 5;
  static final int PACKET_STATISTICS = 6;
  static final int PACKET_VERSION = 10;

  /** {@code enum tpacket_versions}: V1 = 0, V2 = 1, V3 = 2. */
  static final int TPACKET_V3 = 2;

  /** {@code packet_mreq.mr_type}: count this socket in the device's promiscuity. */
  static final int PACKET_MR_PROMISC = 1;

  // sll_pkttype values (linux/if_packet.h).
  static final int PACKET_HOST = 0;
  static final int PACKET_BROADCAST = 1;
  static final int PACKET_MULTICAST = 2;
  static final int PACKET_OTHERHOST = 3;
  static final int PACKET_OUTGOING = 4;

  // tp_status / block_status bits (linux/if_packet.h).
  static final int TP_STATUS_KERNEL = 0;
  static final int TP_STATUS_USER = 1;
  static final int TP_STATUS_VLAN_VALID = 1 << 4;

  /** TPACKET_ALIGNMENT: frames and the sockaddr_ll after each header start on 16 bytes. */
  static final int TPACKET_ALIGNMENT = 16;

  private IfPacket() {}

  static int tpacketAlign(int x) {
    return (x + TPACKET_ALIGNMENT - 1) & ~(TPACKET_ALIGNMENT - 1);
  }

  /**
   * {@code struct sockaddr_ll}, 20 bytes: the address of bind(2) and the per-frame metadata that
   * follows every tpacket3_hdr.
   *
   * <pre>
   *  0               1               2               3
   *  0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
   * +-------------------------------+-------------------------------+
   * |  sll_family (AF_PACKET, u16)  |  sll_protocol (be16)          |  0
   * +-------------------------------+-------------------------------+
   * |                     sll_ifindex (int)                         |  4
   * +-------------------------------+---------------+---------------+
   * |  sll_hatype (ARPHRD_*, u16)   |  sll_pkttype  |  sll_halen    |  8
   * +-------------------------------+---------------+---------------+
   * |                     sll_addr[8]                               | 12
   * +---------------------------------------------------------------+
   * </pre>
   */
  static final class SockaddrLl {
    static final int FAMILY = 0;
    static final int PROTOCOL = 2;
    static final int IFINDEX = 4;
    static final int HATYPE = 8;
    static final int PKTTYPE = 10;
    static final int HALEN = 11;
    static final int ADDR = 12;
    static final int SIZE = 20;

    private SockaddrLl() {}
  }

  /**
   * {@code struct tpacket_req3}, 28 bytes: the ring geometry given to PACKET_RX_RING.
   *
   * <pre>
   * +---------------------------------------------------------------+
   * |  tp_block_size        (bytes, multiple of the page size)      |  0
   * |  tp_block_nr          (blocks)                                |  4
   * |  tp_frame_size        (V3: only checked, frames are packed)   |  8
   * |  tp_frame_nr          (block_size / frame_size * block_nr)    | 12
   * |  tp_retire_blk_tov    (ms a partly filled block is held)      | 16
   * |  tp_sizeof_priv       (private bytes per block, 0)            | 20
   * |  tp_feature_req_word  (TP_FT_REQ_FILL_RXHASH, 0)              | 24
   * +---------------------------------------------------------------+
   * </pre>
   */
  static final class TpacketReq3 {
    static final int BLOCK_SIZE = 0;
    static final int BLOCK_NR = 4;
    static final int FRAME_SIZE = 8;
    static final int FRAME_NR = 12;
    static final int RETIRE_BLK_TOV = 16;
    static final int SIZEOF_PRIV = 20;
    static final int FEATURE_REQ_WORD = 24;
    static final int SIZE = 28;

    private TpacketReq3() {}
  }

  /**
   * {@code struct tpacket_block_desc} with its {@code struct tpacket_hdr_v1}, at the start of every
   * block. The kernel hands a block to user space by setting TP_STATUS_USER in block_status (after
   * a write barrier); user space gives it back by writing TP_STATUS_KERNEL.
   *
   * <pre>
   * +---------------------------------------------------------------+
   * |  version                                                      |  0
   * |  offset_to_priv                                               |  4
   * +- tpacket_hdr_v1 ----------------------------------------------+
   * |  block_status        (TP_STATUS_KERNEL / TP_STATUS_USER ...)  |  8
   * |  num_pkts                                                     | 12
   * |  offset_to_first_pkt (from the block start)                   | 16
   * |  blk_len             (bytes used)                             | 20
   * |  seq_num             (u64, aligned)                           | 24
   * |  ts_first_pkt        (ts_sec u32, ts_nsec u32)                | 32
   * |  ts_last_pkt         (ts_sec u32, ts_nsec u32)                | 40
   * +---------------------------------------------------------------+
   * </pre>
   */
  static final class BlockDesc {
    static final int VERSION = 0;
    static final int OFFSET_TO_PRIV = 4;
    static final int BLOCK_STATUS = 8;
    static final int NUM_PKTS = 12;
    static final int OFFSET_TO_FIRST_PKT = 16;
    static final int BLK_LEN = 20;
    static final int SEQ_NUM = 24;
    static final int TS_FIRST_PKT_SEC = 32;
    static final int TS_FIRST_PKT_NSEC = 36;
    static final int TS_LAST_PKT_SEC = 40;
    static final int TS_LAST_PKT_NSEC = 44;
    static final int SIZE = 48;

    private BlockDesc() {}
  }

  /**
   * {@code struct tpacket3_hdr}, 48 bytes, before every frame in a block; a {@link SockaddrLl}
   * follows at {@code TPACKET_ALIGN(48)} and the frame's link-layer header at {@code tp_mac}.
   *
   * <pre>
   * +---------------------------------------------------------------+
   * |  tp_next_offset  (to the next frame's header, 0 on the last)  |  0
   * |  tp_sec                                                       |  4
   * |  tp_nsec                                                      |  8
   * |  tp_snaplen      (bytes present)                              | 12
   * |  tp_len          (bytes on the wire)                          | 16
   * |  tp_status       (TP_STATUS_VLAN_VALID ...)                   | 20
   * +-------------------------------+-------------------------------+
   * |  tp_mac (u16, from this hdr)  |  tp_net (u16)                 | 24
   * +-------------------------------+-------------------------------+
   * |  hv1.tp_rxhash                                                | 28
   * |  hv1.tp_vlan_tci (u32, TCI in the low 16 bits)                | 32
   * +-------------------------------+-------------------------------+
   * |  hv1.tp_vlan_tpid (u16)       |  hv1.tp_padding (u16)         | 36
   * +-------------------------------+-------------------------------+
   * |  tp_padding[8]                                                | 40
   * +---------------------------------------------------------------+
   * </pre>
   */
  static final class Tpacket3Hdr {
    static final int NEXT_OFFSET = 0;
    static final int SEC = 4;
    static final int NSEC = 8;
    static final int SNAPLEN = 12;
    static final int LEN = 16;
    static final int STATUS = 20;
    static final int MAC = 24;
    static final int NET = 26;
    static final int RXHASH = 28;
    static final int VLAN_TCI = 32;
    static final int VLAN_TPID = 36;
    static final int SIZE = 48;

    /** Where the frame's sockaddr_ll sits, from the start of its tpacket3_hdr. */
    static final int SOCKADDR_LL = tpacketAlign(SIZE);

    private Tpacket3Hdr() {}
  }

  /**
   * {@code struct tpacket_stats_v3}, 12 bytes, read with getsockopt(PACKET_STATISTICS); reading
   * resets the kernel's counters, so the caller accumulates. tp_packets includes tp_drops.
   *
   * <pre>
   * +---------------------------------------------------------------+
   * |  tp_packets                                                   |  0
   * |  tp_drops         (ring full)                                 |  4
   * |  tp_freeze_q_cnt  (times the queue froze for lack of a block) |  8
   * +---------------------------------------------------------------+
   * </pre>
   */
  static final class TpacketStatsV3 {
    static final int PACKETS = 0;
    static final int DROPS = 4;
    static final int FREEZE_Q_CNT = 8;
    static final int SIZE = 12;

    private TpacketStatsV3() {}
  }

  /**
   * {@code struct packet_mreq}, 16 bytes, for PACKET_ADD_MEMBERSHIP. A PACKET_MR_PROMISC membership
   * is dropped by the kernel when the socket closes, even if the process is killed.
   *
   * <pre>
   * +---------------------------------------------------------------+
   * |  mr_ifindex (int)                                             |  0
   * +-------------------------------+-------------------------------+
   * |  mr_type (u16)                |  mr_alen (u16)                |  4
   * +-------------------------------+-------------------------------+
   * |  mr_address[8]                                                |  8
   * +---------------------------------------------------------------+
   * </pre>
   */
  static final class PacketMreq {
    static final int IFINDEX = 0;
    static final int TYPE = 4;
    static final int ALEN = 6;
    static final int ADDRESS = 8;
    static final int SIZE = 16;

    private PacketMreq() {}
  }

  /**
   * {@code struct sock_fprog} (16 bytes on LP64) pointing at an array of {@code struct sock_filter}
   * (8 bytes each), for SO_ATTACH_FILTER (linux/filter.h).
   *
   * <pre>
   * sock_fprog:                                sock_filter:
   * +---------------+---------------+         +---------------+-------+-------+
   * | len (u16)     | (padding)     |  0      | code (u16)    | jt u8 | jf u8 |  0
   * +---------------+---------------+         +---------------+-------+-------+
   * | filter (pointer, u64)         |  8      | k (u32)                       |  4
   * +-------------------------------+         +-------------------------------+
   * </pre>
   */
  static final class SockFprog {
    static final int LEN = 0;
    static final int FILTER = 8;
    static final int SIZE = 16;

    static final int INSN_CODE = 0;
    static final int INSN_JT = 2;
    static final int INSN_JF = 3;
    static final int INSN_K = 4;
    static final int INSN_SIZE = 8;

    /** {@code BPF_RET | BPF_K}: accept the packet, keeping at most k bytes. */
    static final int BPF_RET_K = 0x06;

    private SockFprog() {}
  }
}
