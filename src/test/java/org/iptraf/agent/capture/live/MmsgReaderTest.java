package org.iptraf.agent.capture.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.iptraf.agent.capture.FrameSink;
import org.junit.jupiter.api.Test;

/** The recvmmsg block parsed as the kernel fills it, without a socket (no root needed). */
class MmsgReaderTest {

  private static final long SEC = 1_700_000_000L;

  /** Fills message {@code i} the way recvmmsg does; {@code vlan} < 0: no tag, {@code ts}: with. */
  private static void message(
      MmsgReader r, int i, int msgLen, int wireLen, int pkttype, int vlan, boolean ts) {
    ByteBuffer m = r.metaView();
    int hdr = i * MmsgReader.MMSG_SIZE;
    m.putInt(hdr + MmsgReader.MMSG_LEN, msgLen);
    m.put(r.nameOffset(i) + IfPacket.SockaddrLl.PKTTYPE, (byte) pkttype);
    m.putInt(hdr + MmsgReader.MMSG_NAMELEN, 18);
    int c = r.controlOffset(i);
    int used = 0;
    // PACKET_AUXDATA: cmsg_len = 16 + 20, padded to 40
    m.putLong(c + MmsgReader.CMSG_LEN, 36);
    m.putInt(c + MmsgReader.CMSG_LEVEL, IfPacket.SOL_PACKET);
    m.putInt(c + MmsgReader.CMSG_TYPE, MmsgReader.PACKET_AUXDATA);
    int aux = c + MmsgReader.CMSG_DATA;
    m.putInt(aux + MmsgReader.AUX_STATUS, vlan >= 0 ? IfPacket.TP_STATUS_VLAN_VALID : 0);
    m.putInt(aux + MmsgReader.AUX_LEN, wireLen);
    m.putShort(aux + MmsgReader.AUX_VLAN_TCI, (short) Math.max(vlan, 0));
    used += 40;
    if (ts) {
      int t = c + used;
      m.putLong(t + MmsgReader.CMSG_LEN, 32);
      m.putInt(t + MmsgReader.CMSG_LEVEL, LibC.SOL_SOCKET);
      m.putInt(t + MmsgReader.CMSG_TYPE, MmsgReader.SCM_TIMESTAMPNS);
      m.putLong(t + MmsgReader.CMSG_DATA + MmsgReader.TS_SEC, SEC + i);
      m.putLong(t + MmsgReader.CMSG_DATA + MmsgReader.TS_NSEC, 500L + i);
      used += 32;
    }
    m.putLong(hdr + MmsgReader.MMSG_CONTROLLEN, used);
    for (int b = 0; b < Math.min(msgLen, 128); b++) {
      m.put(r.dataOffset(i) + b, (byte) (i * 16 + b));
    }
  }

  @Test
  void deliversLengthsDirectionVlanAndKernelTimeOfEveryMessage() {
    try (MmsgReader r = new MmsgReader(-1, 3, 128)) {
      message(r, 0, 60, 60, IfPacket.PACKET_HOST, -1, true);
      message(r, 1, 128, 1514, IfPacket.PACKET_OUTGOING, 0x2064, true);
      message(r, 2, 42, 42, IfPacket.PACKET_BROADCAST, -1, false);
      RecordingSink sink = new RecordingSink();
      long before = System.currentTimeMillis() * 1_000_000L;

      r.deliver(3, sink);

      List<RecordingSink.Frame> f = sink.snapshot();
      assertThat(f).hasSize(3);
      assertThat(f.get(0).bytes()).hasSize(60);
      assertThat(f.get(0).bytes()[5]).isEqualTo((byte) 5);
      assertThat(f.get(0).originalLength()).isEqualTo(60);
      assertThat(f.get(0).direction()).isEqualTo(FrameSink.DIRECTION_IN);
      assertThat(f.get(0).vlanTci()).isEqualTo(FrameSink.NO_VLAN);
      assertThat(f.get(0).timestampNanos()).isEqualTo(SEC * 1_000_000_000L + 500);
      // cut at the snap length, the length on the wire from the aux data
      assertThat(f.get(1).bytes()).hasSize(128);
      assertThat(f.get(1).bytes()[0]).isEqualTo((byte) 16);
      assertThat(f.get(1).originalLength()).isEqualTo(1514);
      assertThat(f.get(1).direction()).isEqualTo(FrameSink.DIRECTION_OUT);
      assertThat(f.get(1).vlanTci()).isEqualTo(0x2064);
      assertThat(f.get(1).timestampNanos()).isEqualTo((SEC + 1) * 1_000_000_000L + 501);
      assertThat(f.get(1).interfaceId()).isEqualTo(3);
      // no time stamp message: the wall clock
      assertThat(f.get(2).timestampNanos()).isGreaterThanOrEqualTo(before);
      assertThat(r.framesRead()).isEqualTo(3);
    }
  }

  @Test
  void givesEveryReadMessageItsRoomBackForTheNextCall() {
    try (MmsgReader r = new MmsgReader(-1, 0, 256)) {
      message(r, 0, 60, 60, IfPacket.PACKET_HOST, -1, true);
      r.deliver(1, new RecordingSink());
      ByteBuffer m = r.metaView();
      assertThat(m.getInt(MmsgReader.MMSG_NAMELEN)).isEqualTo(MmsgReader.NAME_ROOM);
      assertThat(m.getLong(MmsgReader.MMSG_CONTROLLEN)).isEqualTo(MmsgReader.CONTROL_ROOM);
      assertThat(m.getLong(MmsgReader.MMSG_IOVLEN)).isEqualTo(1);
    }
  }
}
