package org.iptraf.agent.capture.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.live.IfPacket.BlockDesc;
import org.junit.jupiter.api.Test;

class RingReaderTest {

  private static final int BLOCK = 4096;
  private static final int BLOCKS = 3;

  private final ByteBuffer ring = ByteBuffer.allocateDirect(BLOCK * BLOCKS);
  private final RingReader reader = new RingReader(ring, BLOCK, BLOCKS, 7);
  private final RecordingSink sink = new RecordingSink();

  private static byte[] frame(int length, int ethertype, int fill) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (fill + i);
    }
    b[12] = (byte) (ethertype >>> 8);
    b[13] = (byte) ethertype;
    return b;
  }

  @Test
  void deliversEveryFrameOfAPublishedBlockInPlace() {
    byte[] a = frame(60, 0x0800, 1);
    byte[] b = frame(98, 0x86dd, 50);
    byte[] c = frame(256, 0x0800, 100);
    new BlockWriter(ring, BLOCK, 0)
        .add(a, 60, 1_700_000_000_123_456_789L, IfPacket.PACKET_HOST, -1)
        .add(b, 98, 1_700_000_001_000_000_001L, IfPacket.PACKET_OUTGOING, -1)
        .add(c, 1514, 4_000_000_000_999_999_999L, IfPacket.PACKET_BROADCAST, 0x2005)
        .publish();

    assertThat(reader.readNextBlock(sink)).isEqualTo(3);

    var frames = sink.snapshot();
    assertThat(frames).hasSize(3);
    var first = frames.get(0);
    assertThat(first.offset())
        .isEqualTo(IfPacket.tpacketAlign(BlockDesc.SIZE) + BlockWriter.MAC_OFFSET);
    assertThat(first.bytes()).isEqualTo(a);
    assertThat(first.originalLength()).isEqualTo(60);
    assertThat(first.timestampNanos()).isEqualTo(1_700_000_000_123_456_789L);
    assertThat(first.interfaceId()).isEqualTo(7);
    assertThat(first.direction()).isEqualTo(FrameSink.DIRECTION_IN);
    assertThat(first.vlanTci()).isEqualTo(FrameSink.NO_VLAN);

    assertThat(frames.get(1).bytes()).isEqualTo(b);
    assertThat(frames.get(1).direction()).isEqualTo(FrameSink.DIRECTION_OUT);
    assertThat(frames.get(1).offset() % IfPacket.TPACKET_ALIGNMENT)
        .isEqualTo(BlockWriter.MAC_OFFSET % IfPacket.TPACKET_ALIGNMENT);

    // snap length cut the frame: 256 captured of 1514; tp_sec past 2^31 stays unsigned
    assertThat(frames.get(2).bytes()).hasSize(256).isEqualTo(c);
    assertThat(frames.get(2).originalLength()).isEqualTo(1514);
    assertThat(frames.get(2).timestampNanos()).isEqualTo(4_000_000_000_999_999_999L);
    assertThat(frames.get(2).vlanTci()).isEqualTo(0x2005);
    assertThat(frames.get(2).direction()).isEqualTo(FrameSink.DIRECTION_IN);
  }

  @Test
  void handsFramesOutInNetworkByteOrder() {
    new BlockWriter(ring, BLOCK, 0).add(frame(60, 0x86dd, 0), 60, 1L, 0, -1).publish();
    int[] ethertype = new int[1];
    reader.readNextBlock(
        new FrameSink() {
          @Override
          public void interfaceAdded(int id, org.iptraf.agent.capture.InterfaceInfo info) {}

          @Override
          public void frame(
              ByteBuffer buffer, int offset, int cap, int len, long ts, int id, int dir, int vlan) {
            ethertype[0] = Short.toUnsignedInt(buffer.getShort(offset + 12));
          }
        });
    assertThat(ethertype[0]).isEqualTo(0x86dd);
  }

  @Test
  void leavesABlockTheKernelStillOwns() {
    new BlockWriter(ring, BLOCK, 0).add(frame(60, 0x0800, 0), 60, 1L, 0, -1); // not published

    assertThat(reader.nextBlockReady()).isFalse();
    assertThat(reader.readNextBlock(sink)).isEqualTo(-1);
    assertThat(sink.snapshot()).isEmpty();
  }

  @Test
  void givesEachBlockBackToTheKernelAndWrapsAround() {
    ByteBuffer view = ring.duplicate().order(ByteOrder.nativeOrder());
    for (int round = 0; round < 2; round++) {
      for (int b = 0; b < BLOCKS; b++) {
        new BlockWriter(ring, BLOCK, b).add(frame(64, 0x0800, b), 64, b, 0, -1).publish();
        assertThat(reader.readNextBlock(sink)).isEqualTo(1);
        assertThat(view.getInt(b * BLOCK + BlockDesc.BLOCK_STATUS))
            .isEqualTo(IfPacket.TP_STATUS_KERNEL);
      }
    }
    assertThat(reader.framesRead()).isEqualTo(2L * BLOCKS);
    assertThat(sink.snapshot())
        .extracting(f -> f.bytes()[0])
        .containsExactly((byte) 0, (byte) 1, (byte) 2, (byte) 0, (byte) 1, (byte) 2);
  }

  @Test
  void readsAnEmptyBlockTheTimerRetired() {
    new BlockWriter(ring, BLOCK, 0).publish();

    assertThat(reader.readNextBlock(sink)).isZero();
    assertThat(reader.nextBlockReady()).isFalse();
  }

  @Test
  void fillsABlockToTheBrim() {
    BlockWriter w = new BlockWriter(ring, BLOCK, 0);
    int n = 0;
    while (w.free(BLOCK) >= BlockWriter.MAC_OFFSET + 80) {
      w.add(frame(80, 0x0800, n), 80, n, 0, -1);
      n++;
    }
    w.publish();

    assertThat(reader.readNextBlock(sink)).isEqualTo(n);
    assertThat(sink.snapshot()).hasSize(n);
  }
}
