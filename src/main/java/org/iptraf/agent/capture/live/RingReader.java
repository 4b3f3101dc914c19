package org.iptraf.agent.capture.live;

import static org.iptraf.agent.capture.live.IfPacket.PACKET_OUTGOING;
import static org.iptraf.agent.capture.live.IfPacket.TP_STATUS_KERNEL;
import static org.iptraf.agent.capture.live.IfPacket.TP_STATUS_USER;
import static org.iptraf.agent.capture.live.IfPacket.TP_STATUS_VLAN_VALID;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.live.IfPacket.BlockDesc;
import org.iptraf.agent.capture.live.IfPacket.SockaddrLl;
import org.iptraf.agent.capture.live.IfPacket.Tpacket3Hdr;

/**
 * Walks the blocks of a TPACKET_V3 ring in place and hands each frame to a sink. It owns no native
 * resource: the ring is any direct buffer laid out as the kernel lays it out (see {@link
 * IfPacket.BlockDesc}), so tests and benchmarks feed it synthetic blocks.
 *
 * <p>Block ownership follows packet_mmap.rst: the kernel publishes a block by storing
 * TP_STATUS_USER after its frames (smp_wmb), so the status is read with acquire semantics before
 * any frame byte; we give the block back by storing TP_STATUS_KERNEL with release semantics after
 * the last read. Nothing is allocated per block or per frame.
 */
final class RingReader {

  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final ByteBuffer ring;
  private final ByteBuffer frames;
  private final int blockSize;
  private final int blockCount;
  private final int interfaceId;
  private int nextBlock;
  private long framesRead;
  private long lastBlockNanos;

  /**
   * @param mapping the whole ring, {@code blockSize * blockCount} bytes, direct
   * @param interfaceId the id frames are reported under
   */
  RingReader(ByteBuffer mapping, int blockSize, int blockCount, int interfaceId) {
    if (!mapping.isDirect()) {
      throw new IllegalArgumentException("the ring must be a direct buffer");
    }
    if ((long) blockSize * blockCount > mapping.capacity()) {
      throw new IllegalArgumentException(
          "ring of " + blockCount + " x " + blockSize + " B exceeds the mapping");
    }
    this.ring = mapping.duplicate().order(ByteOrder.nativeOrder());
    // Frames go out in network order, the order every decoder reads them in.
    this.frames = mapping.duplicate().order(ByteOrder.BIG_ENDIAN);
    this.blockSize = blockSize;
    this.blockCount = blockCount;
    this.interfaceId = interfaceId;
  }

  /** Whether the kernel has handed the next block to us (acquire read). */
  boolean nextBlockReady() {
    int status = (int) INT.getAcquire(ring, nextBlock * blockSize + BlockDesc.BLOCK_STATUS);
    return (status & TP_STATUS_USER) != 0;
  }

  /**
   * Reads the next block if the kernel has handed it over, returns it, and moves on.
   *
   * @return frames delivered, or -1 if the next block still belongs to the kernel
   */
  int readNextBlock(FrameSink sink) {
    int block = nextBlock * blockSize;
    int status = (int) INT.getAcquire(ring, block + BlockDesc.BLOCK_STATUS);
    if ((status & TP_STATUS_USER) == 0) {
      return -1;
    }
    int count = ring.getInt(block + BlockDesc.NUM_PKTS);
    int offset = block + ring.getInt(block + BlockDesc.OFFSET_TO_FIRST_PKT);
    int end = block + blockSize;
    int delivered = 0;
    while (delivered < count && offset >= block && offset + Tpacket3Hdr.SIZE <= end) {
      deliver(offset, sink);
      delivered++;
      int next = ring.getInt(offset + Tpacket3Hdr.NEXT_OFFSET);
      if (next <= 0) {
        break;
      }
      offset += next;
    }
    lastBlockNanos =
        seconds(ring.getInt(block + BlockDesc.TS_LAST_PKT_SEC))
            + Integer.toUnsignedLong(ring.getInt(block + BlockDesc.TS_LAST_PKT_NSEC));
    INT.setRelease(ring, block + BlockDesc.BLOCK_STATUS, TP_STATUS_KERNEL);
    nextBlock = nextBlock + 1 == blockCount ? 0 : nextBlock + 1;
    framesRead += delivered;
    return delivered;
  }

  private void deliver(int hdr, FrameSink sink) {
    int snaplen = ring.getInt(hdr + Tpacket3Hdr.SNAPLEN);
    int len = ring.getInt(hdr + Tpacket3Hdr.LEN);
    int status = ring.getInt(hdr + Tpacket3Hdr.STATUS);
    int mac = Short.toUnsignedInt(ring.getShort(hdr + Tpacket3Hdr.MAC));
    long nanos =
        seconds(ring.getInt(hdr + Tpacket3Hdr.SEC))
            + Integer.toUnsignedLong(ring.getInt(hdr + Tpacket3Hdr.NSEC));
    int pkttype = ring.get(hdr + Tpacket3Hdr.SOCKADDR_LL + SockaddrLl.PKTTYPE) & 0xff;
    int direction = pkttype == PACKET_OUTGOING ? FrameSink.DIRECTION_OUT : FrameSink.DIRECTION_IN;
    int vlan =
        (status & TP_STATUS_VLAN_VALID) != 0
            ? ring.getInt(hdr + Tpacket3Hdr.VLAN_TCI) & 0xffff
            : FrameSink.NO_VLAN;
    sink.frame(frames, hdr + mac, snaplen, len, nanos, interfaceId, direction, vlan);
  }

  private static long seconds(int sec) {
    return Integer.toUnsignedLong(sec) * NANOS_PER_SECOND;
  }

  /** Frames delivered so far. */
  long framesRead() {
    return framesRead;
  }

  /** The kernel's time stamp of the last block read (its last frame, or its close if empty). */
  long lastBlockNanos() {
    return lastBlockNanos;
  }

  int interfaceId() {
    return interfaceId;
  }
}
