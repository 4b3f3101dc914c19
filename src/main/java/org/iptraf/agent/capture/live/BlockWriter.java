package org.iptraf.agent.capture.live;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.iptraf.agent.capture.live.IfPacket.BlockDesc;
import org.iptraf.agent.capture.live.IfPacket.SockaddrLl;
import org.iptraf.agent.capture.live.IfPacket.Tpacket3Hdr;

/**
 * Fills ring blocks the way the kernel's tpacket_rcv does, for tests and benchmarks of {@link
 * RingReader} without a socket: frames packed after the block header, each behind a tpacket3_hdr
 * and its sockaddr_ll, the link header at tp_mac. Not used on the capture path.
 */
final class BlockWriter {

  /** Room between a frame's header and its link header: tpacket3_hdr, sockaddr_ll, aligned. */
  static final int MAC_OFFSET = IfPacket.tpacketAlign(Tpacket3Hdr.SOCKADDR_LL + SockaddrLl.SIZE);

  private final ByteBuffer ring;
  private final int block;
  private int count;
  private int offset;
  private int previous = -1;

  /** Starts an empty block at {@code blockIndex} of a ring of blocks of {@code blockSize}. */
  BlockWriter(ByteBuffer ring, int blockSize, int blockIndex) {
    this.ring = ring.duplicate().order(ByteOrder.nativeOrder());
    this.block = blockIndex * blockSize;
    this.offset = block + IfPacket.tpacketAlign(BlockDesc.SIZE);
    for (int i = 0; i < BlockDesc.SIZE; i++) {
      this.ring.put(block + i, (byte) 0);
    }
    this.ring.putInt(block + BlockDesc.VERSION, IfPacket.TPACKET_V3);
    this.ring.putInt(block + BlockDesc.OFFSET_TO_FIRST_PKT, offset - block);
  }

  /** Appends a frame of which {@code data} holds the captured bytes. */
  BlockWriter add(byte[] data, int wireLength, long nanos, int pkttype, int vlanTci) {
    int hdr = offset;
    ring.putInt(hdr + Tpacket3Hdr.NEXT_OFFSET, 0);
    ring.putInt(hdr + Tpacket3Hdr.SEC, (int) (nanos / 1_000_000_000L));
    ring.putInt(hdr + Tpacket3Hdr.NSEC, (int) (nanos % 1_000_000_000L));
    ring.putInt(hdr + Tpacket3Hdr.SNAPLEN, data.length);
    ring.putInt(hdr + Tpacket3Hdr.LEN, wireLength);
    int status = IfPacket.TP_STATUS_USER;
    if (vlanTci >= 0) {
      status |= IfPacket.TP_STATUS_VLAN_VALID;
    }
    ring.putInt(hdr + Tpacket3Hdr.STATUS, status);
    ring.putShort(hdr + Tpacket3Hdr.MAC, (short) MAC_OFFSET);
    ring.putShort(hdr + Tpacket3Hdr.NET, (short) (MAC_OFFSET + 14));
    ring.putInt(hdr + Tpacket3Hdr.VLAN_TCI, vlanTci >= 0 ? vlanTci : 0);
    ring.put(hdr + Tpacket3Hdr.SOCKADDR_LL + SockaddrLl.PKTTYPE, (byte) pkttype);
    ring.put(hdr + MAC_OFFSET, data);
    if (previous >= 0) {
      ring.putInt(previous + Tpacket3Hdr.NEXT_OFFSET, hdr - previous);
    }
    previous = hdr;
    offset = hdr + IfPacket.tpacketAlign(MAC_OFFSET + data.length);
    count++;
    ring.putInt(block + BlockDesc.TS_LAST_PKT_SEC, (int) (nanos / 1_000_000_000L));
    ring.putInt(block + BlockDesc.TS_LAST_PKT_NSEC, (int) (nanos % 1_000_000_000L));
    return this;
  }

  /** Bytes still free in the block. */
  int free(int blockSize) {
    return block + blockSize - offset;
  }

  /** Hands the block to user space: num_pkts, blk_len, then TP_STATUS_USER. */
  void publish() {
    ring.putInt(block + BlockDesc.NUM_PKTS, count);
    ring.putInt(block + BlockDesc.BLK_LEN, offset - block);
    ring.putInt(block + BlockDesc.BLOCK_STATUS, IfPacket.TP_STATUS_USER);
  }
}
