package org.iptraf.agent.capture.live;

import static org.iptraf.agent.capture.live.IfPacket.PACKET_OUTGOING;
import static org.iptraf.agent.capture.live.IfPacket.TP_STATUS_VLAN_VALID;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.live.IfPacket.SockaddrLl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback where the kernel refuses the ring: up to {@link #BATCH} frames per recvmmsg(2) call
 * into one native block, each with its sockaddr_ll (direction), its PACKET_AUXDATA (length on the
 * wire, VLAN tag) and its SCM_TIMESTAMPNS (receive time). One JNA call per batch; headers and
 * frames are read through {@code ByteBuffer} views of the block, so nothing is allocated per frame.
 *
 * <p>The length on the wire comes from {@code tpacket_auxdata.tp_len}: the snap-length filter has
 * already trimmed the skb, so recvmmsg's {@code msg_len} (even with MSG_TRUNC) is the cut length.
 * Without the time-stamp control message (never seen on Linux ≥ 2.6.22) the frame gets the wall
 * clock read once per batch.
 */
final class MmsgReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MmsgReader.class);

  /** Messages per recvmmsg call. */
  static final int BATCH = 64;

  static final int MSG_CTRUNC = 0x8;
  static final int MSG_TRUNC = 0x20;
  static final int MSG_DONTWAIT = 0x40;

  // Socket options and control messages (asm-generic/socket.h, linux/if_packet.h).
  static final int SO_RCVBUF = 8;
  static final int SO_RCVBUFFORCE = 33;
  static final int SO_TIMESTAMPNS = 35;
  static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
  static final int PACKET_AUXDATA = 8;

  /**
   * {@code struct mmsghdr} (LP64): a {@code struct msghdr} of 56 bytes, then {@code unsigned
   * msg_len}; 64 bytes.
   *
   * <pre>
   * +---------------------------------------------------------------+
   * |  msg_name        (void *)                                     |  0
   * |  msg_namelen     (socklen_t, in: room, out: used) | padding   |  8
   * |  msg_iov         (struct iovec *)                             | 16
   * |  msg_iovlen      (size_t)                                     | 24
   * |  msg_control     (void *)                                     | 32
   * |  msg_controllen  (size_t, in: room, out: used)                | 40
   * |  msg_flags       (int, out: MSG_TRUNC, MSG_CTRUNC) | padding  | 48
   * |  msg_len         (unsigned, out: bytes, skb->len with TRUNC)  | 56
   * +---------------------------------------------------------------+
   * </pre>
   */
  static final int MMSG_NAME = 0;

  static final int MMSG_NAMELEN = 8;
  static final int MMSG_IOV = 16;
  static final int MMSG_IOVLEN = 24;
  static final int MMSG_CONTROL = 32;
  static final int MMSG_CONTROLLEN = 40;
  static final int MMSG_FLAGS = 48;
  static final int MMSG_LEN = 56;
  static final int MMSG_SIZE = 64;

  /** {@code struct iovec}: iov_base at 0, iov_len at 8; 16 bytes. */
  static final int IOV_BASE = 0;

  static final int IOV_LEN = 8;
  static final int IOV_SIZE = 16;

  /**
   * {@code struct cmsghdr} (LP64): size_t cmsg_len at 0 (header included), int cmsg_level at 8, int
   * cmsg_type at 12, data at 16; each message padded to 8 bytes (CMSG_ALIGN).
   */
  static final int CMSG_LEN = 0;

  static final int CMSG_LEVEL = 8;
  static final int CMSG_TYPE = 12;
  static final int CMSG_DATA = 16;

  /**
   * {@code struct tpacket_auxdata}, 20 bytes: u32 tp_status at 0, u32 tp_len at 4 (on the wire),
   * u32 tp_snaplen at 8, u16 tp_mac at 12, u16 tp_net at 14, u16 tp_vlan_tci at 16, u16
   * tp_vlan_tpid at 18.
   */
  static final int AUX_STATUS = 0;

  static final int AUX_LEN = 4;
  static final int AUX_VLAN_TCI = 16;

  /** {@code struct timespec} (LP64): tv_sec at 0, tv_nsec at 8, both 64-bit. */
  static final int TS_SEC = 0;

  static final int TS_NSEC = 8;

  /** Room per message for sockaddr_ll (20 B; up to 32 for long hardware addresses). */
  static final int NAME_ROOM = 32;

  /** CMSG_SPACE(20) for the aux data + CMSG_SPACE(16) for the time stamp = 72; with room. */
  static final int CONTROL_ROOM = 128;

  private final int fd;
  private final int interfaceId;
  private final int snapLength;
  private final int dataStride;
  private final Memory block;
  private final long base;
  private final ByteBuffer meta;
  private final ByteBuffer frames;
  private final int iovOffset;
  private final int nameOffset;
  private final int controlOffset;
  private final int dataOffset;
  private boolean warnedNoTimestamp;
  private int lastErrno;
  private long framesRead;

  /**
   * @param fd a bound or unbound packet socket with PACKET_AUXDATA and SO_TIMESTAMPNS set
   * @param snapLength bytes of room per frame
   */
  MmsgReader(int fd, int interfaceId, int snapLength) {
    this.fd = fd;
    this.interfaceId = interfaceId;
    this.snapLength = snapLength;
    this.dataStride = (snapLength + 63) & ~63;
    this.iovOffset = BATCH * MMSG_SIZE;
    this.nameOffset = iovOffset + BATCH * IOV_SIZE;
    this.controlOffset = nameOffset + BATCH * NAME_ROOM;
    this.dataOffset = controlOffset + BATCH * CONTROL_ROOM;
    long size = dataOffset + (long) BATCH * dataStride;
    this.block = new Memory(size);
    block.clear();
    this.base = Pointer.nativeValue(block);
    ByteBuffer all = block.getByteBuffer(0, size);
    this.meta = all.duplicate().order(ByteOrder.nativeOrder());
    this.frames = all.duplicate().order(ByteOrder.BIG_ENDIAN);
    for (int i = 0; i < BATCH; i++) {
      int m = i * MMSG_SIZE;
      int iov = iovOffset + i * IOV_SIZE;
      meta.putLong(iov + IOV_BASE, base + dataOffset + (long) i * dataStride);
      meta.putLong(iov + IOV_LEN, snapLength);
      meta.putLong(m + MMSG_NAME, base + nameOffset + (long) i * NAME_ROOM);
      meta.putLong(m + MMSG_IOV, base + iov);
      meta.putLong(m + MMSG_IOVLEN, 1);
      meta.putLong(m + MMSG_CONTROL, base + controlOffset + (long) i * CONTROL_ROOM);
      resetMessage(m);
    }
  }

  private void resetMessage(int m) {
    meta.putInt(m + MMSG_NAMELEN, NAME_ROOM);
    meta.putLong(m + MMSG_CONTROLLEN, CONTROL_ROOM);
  }

  /**
   * One recvmmsg call without waiting; hands every frame it returned to the sink.
   *
   * @return frames delivered, or -1 if none was waiting (EAGAIN) or the call failed ({@link
   *     #lastErrno()})
   */
  int readBatch(FrameSink sink) {
    int n = LibC.recvmmsg(fd, base, BATCH, MSG_DONTWAIT | MSG_TRUNC, 0L);
    if (n <= 0) {
      lastErrno = n < 0 ? LibC.errno() : 0;
      return -1;
    }
    deliver(n, sink);
    return n;
  }

  /** Hands the first {@code n} messages of the block to the sink and readies them for reuse. */
  void deliver(int n, FrameSink sink) {
    long batchNanos = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      int m = i * MMSG_SIZE;
      int msgLen = meta.getInt(m + MMSG_LEN);
      int captured = Math.min(msgLen, snapLength);
      int original = msgLen;
      int vlan = FrameSink.NO_VLAN;
      long nanos = Long.MIN_VALUE;
      int control = controlOffset + i * CONTROL_ROOM;
      int controlEnd = control + (int) Math.min(meta.getLong(m + MMSG_CONTROLLEN), CONTROL_ROOM);
      int c = control;
      while (c + CMSG_DATA <= controlEnd) {
        int len = (int) meta.getLong(c + CMSG_LEN);
        if (len < CMSG_DATA || c + len > controlEnd) {
          break;
        }
        int level = meta.getInt(c + CMSG_LEVEL);
        int type = meta.getInt(c + CMSG_TYPE);
        int data = c + CMSG_DATA;
        if (level == IfPacket.SOL_PACKET && type == PACKET_AUXDATA) {
          original = meta.getInt(data + AUX_LEN);
          if ((meta.getInt(data + AUX_STATUS) & TP_STATUS_VLAN_VALID) != 0) {
            vlan = Short.toUnsignedInt(meta.getShort(data + AUX_VLAN_TCI));
          }
        } else if (level == LibC.SOL_SOCKET && type == SCM_TIMESTAMPNS) {
          nanos = meta.getLong(data + TS_SEC) * 1_000_000_000L + meta.getLong(data + TS_NSEC);
        }
        c += (len + 7) & ~7;
      }
      if (nanos == Long.MIN_VALUE) {
        if (batchNanos == Long.MIN_VALUE) {
          batchNanos = wallClockNanos();
        }
        nanos = batchNanos;
      }
      int name = nameOffset + i * NAME_ROOM;
      int pkttype = meta.get(name + SockaddrLl.PKTTYPE) & 0xff;
      int direction = pkttype == PACKET_OUTGOING ? FrameSink.DIRECTION_OUT : FrameSink.DIRECTION_IN;
      resetMessage(m);
      sink.frame(
          frames,
          dataOffset + i * dataStride,
          captured,
          original,
          nanos,
          interfaceId,
          direction,
          vlan);
    }
    framesRead += n;
  }

  private long wallClockNanos() {
    if (!warnedNoTimestamp) {
      warnedNoTimestamp = true;
      LOG.warn("no SO_TIMESTAMPNS time stamp on a received frame; using the wall clock");
    }
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** errno of the last failed call; EAGAIN when nothing was waiting. */
  int lastErrno() {
    return lastErrno;
  }

  long framesRead() {
    return framesRead;
  }

  /** The native block, for tests that lay out messages as the kernel does. */
  ByteBuffer metaView() {
    return meta;
  }

  int dataOffset(int message) {
    return dataOffset + message * dataStride;
  }

  int nameOffset(int message) {
    return nameOffset + message * NAME_ROOM;
  }

  int controlOffset(int message) {
    return controlOffset + message * CONTROL_ROOM;
  }

  @Override
  public void close() {
    block.close();
  }
}
