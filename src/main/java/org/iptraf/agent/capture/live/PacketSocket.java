package org.iptraf.agent.capture.live;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import org.iptraf.agent.capture.live.IfPacket.PacketMreq;
import org.iptraf.agent.capture.live.IfPacket.SockFprog;
import org.iptraf.agent.capture.live.IfPacket.SockaddrLl;
import org.iptraf.agent.capture.live.IfPacket.TpacketReq3;
import org.iptraf.agent.capture.live.IfPacket.TpacketStatsV3;

/**
 * One PF_PACKET socket bound to one interface, with its TPACKET_V3 ring mapped and a {@link
 * RingReader} over it. Set-up order matters: the socket is created with protocol 0 so it receives
 * nothing until bind(ETH_P_ALL), by which time the ring, the snap-length filter and the
 * promiscuous membership are in place (no frame escapes the filter, none lands outside the ring).
 */
final class PacketSocket implements AutoCloseable {

  /** tp_frame_size: unused by V3 (frames are packed) but checked; any aligned size fits. */
  private static final int V3_NOMINAL_FRAME_SIZE = 2048;

  private final String name;
  private final int ifindex;
  private final int fd;
  private final long mapAddress;
  private final long mapLength;
  private final int arphrd;
  private final RingReader reader;
  private final Memory stats = new Memory(TpacketStatsV3.SIZE);
  private final Memory optlen = new Memory(4);
  private boolean closed;

  private PacketSocket(
      String name, int ifindex, int fd, long mapAddress, long mapLength, int arphrd, RingReader r) {
    this.name = name;
    this.ifindex = ifindex;
    this.fd = fd;
    this.mapAddress = mapAddress;
    this.mapLength = mapLength;
    this.arphrd = arphrd;
    this.reader = r;
  }

  /**
   * Opens a socket on {@code name} (index {@code ifindex}) with the ring and options of {@code
   * settings}; frames will be reported under {@code interfaceId}.
   *
   * @throws CaptureException naming the failed call and why
   */
  static PacketSocket open(String name, int ifindex, int interfaceId, LiveCaptureSettings settings) {
    int fd = LibC.socket(IfPacket.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw CaptureException.of("socket(AF_PACKET, SOCK_RAW)", name, LibC.errno());
    }
    long map = LibC.MAP_FAILED;
    long length = (long) settings.blockSize() * settings.blockCount();
    try {
      setInt(fd, IfPacket.SOL_PACKET, IfPacket.PACKET_VERSION, IfPacket.TPACKET_V3, name);
      requestRing(fd, settings, name);
      map = LibC.mmap(0L, length, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, 0L);
      if (map == LibC.MAP_FAILED) {
        throw CaptureException.of("mmap of the " + length + " B ring", name, LibC.errno());
      }
      attachSnapFilter(fd, settings.snapLength(), name);
      if (settings.promiscuous()) {
        addPromiscuousMembership(fd, ifindex, name);
      }
      int arphrd = bindAll(fd, ifindex, name);
      ByteBuffer mapping = new Pointer(map).getByteBuffer(0, length);
      RingReader reader =
          new RingReader(mapping, settings.blockSize(), settings.blockCount(), interfaceId);
      return new PacketSocket(name, ifindex, fd, map, length, arphrd, reader);
    } catch (RuntimeException e) {
      if (map != LibC.MAP_FAILED) {
        LibC.munmap(map, length);
      }
      LibC.close(fd);
      throw e;
    }
  }

  private static void requestRing(int fd, LiveCaptureSettings s, String name) {
    int frameSize = Math.min(V3_NOMINAL_FRAME_SIZE, s.blockSize());
    try (Memory req = new Memory(TpacketReq3.SIZE)) {
      req.clear();
      req.setInt(TpacketReq3.BLOCK_SIZE, s.blockSize());
      req.setInt(TpacketReq3.BLOCK_NR, s.blockCount());
      req.setInt(TpacketReq3.FRAME_SIZE, frameSize);
      req.setInt(TpacketReq3.FRAME_NR, s.blockSize() / frameSize * s.blockCount());
      req.setInt(TpacketReq3.RETIRE_BLK_TOV, s.blockTimeoutMillis());
      int rc =
          LibC.setsockopt(
              fd, IfPacket.SOL_PACKET, IfPacket.PACKET_RX_RING, addr(req), TpacketReq3.SIZE);
      if (rc != 0) {
        throw CaptureException.of(
            "setsockopt(PACKET_RX_RING, " + s.blockCount() + " x " + s.blockSize() + " B)",
            name,
            LibC.errno());
      }
    }
  }

  /** A one-instruction classic BPF program, {@code ret #snaplen}: keep every frame, cut it. */
  private static void attachSnapFilter(int fd, int snapLength, String name) {
    try (Memory insn = new Memory(SockFprog.INSN_SIZE);
        Memory prog = new Memory(SockFprog.SIZE)) {
      insn.setShort(SockFprog.INSN_CODE, (short) SockFprog.BPF_RET_K);
      insn.setByte(SockFprog.INSN_JT, (byte) 0);
      insn.setByte(SockFprog.INSN_JF, (byte) 0);
      insn.setInt(SockFprog.INSN_K, snapLength);
      prog.clear();
      prog.setShort(SockFprog.LEN, (short) 1);
      prog.setLong(SockFprog.FILTER, addr(insn));
      int rc = LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ATTACH_FILTER, addr(prog), SockFprog.SIZE);
      if (rc != 0) {
        throw CaptureException.of("setsockopt(SO_ATTACH_FILTER)", name, LibC.errno());
      }
    }
  }

  private static void addPromiscuousMembership(int fd, int ifindex, String name) {
    try (Memory mreq = new Memory(PacketMreq.SIZE)) {
      mreq.clear();
      mreq.setInt(PacketMreq.IFINDEX, ifindex);
      mreq.setShort(PacketMreq.TYPE, (short) IfPacket.PACKET_MR_PROMISC);
      int rc =
          LibC.setsockopt(
              fd, IfPacket.SOL_PACKET, IfPacket.PACKET_ADD_MEMBERSHIP, addr(mreq), PacketMreq.SIZE);
      if (rc != 0) {
        throw CaptureException.of("setsockopt(PACKET_ADD_MEMBERSHIP, PROMISC)", name, LibC.errno());
      }
    }
  }

  /** Binds to every protocol on {@code ifindex}; returns the device's ARPHRD from getsockname. */
  private static int bindAll(int fd, int ifindex, String name) {
    try (Memory sll = new Memory(SockaddrLl.SIZE);
        Memory len = new Memory(4)) {
      sll.clear();
      sll.setShort(SockaddrLl.FAMILY, (short) IfPacket.AF_PACKET);
      // sll_protocol is big-endian: htons(ETH_P_ALL)
      sll.setByte(SockaddrLl.PROTOCOL, (byte) (IfPacket.ETH_P_ALL >>> 8));
      sll.setByte(SockaddrLl.PROTOCOL + 1, (byte) IfPacket.ETH_P_ALL);
      sll.setInt(SockaddrLl.IFINDEX, ifindex);
      if (LibC.bind(fd, addr(sll), SockaddrLl.SIZE) != 0) {
        throw CaptureException.of("bind", name, LibC.errno());
      }
      sll.clear();
      len.setInt(0, SockaddrLl.SIZE);
      if (LibC.getsockname(fd, addr(sll), addr(len)) != 0) {
        throw CaptureException.of("getsockname", name, LibC.errno());
      }
      return Short.toUnsignedInt(sll.getShort(SockaddrLl.HATYPE));
    }
  }

  private static void setInt(int fd, int level, int option, int value, String name) {
    try (Memory v = new Memory(4)) {
      v.setInt(0, value);
      if (LibC.setsockopt(fd, level, option, addr(v), 4) != 0) {
        throw CaptureException.of("setsockopt(" + option + ")", name, LibC.errno());
      }
    }
  }

  private static long addr(Memory m) {
    return Pointer.nativeValue(m);
  }

  /**
   * Reads and resets the kernel's counters for this socket (PACKET_STATISTICS) into {@code into}:
   * {@code [packets, drops, freezes]} are added.
   */
  void addKernelStats(long[] into) {
    optlen.setInt(0, TpacketStatsV3.SIZE);
    if (LibC.getsockopt(fd, IfPacket.SOL_PACKET, IfPacket.PACKET_STATISTICS, addr(stats), addr(optlen))
        == 0) {
      into[0] += Integer.toUnsignedLong(stats.getInt(TpacketStatsV3.PACKETS));
      into[1] += Integer.toUnsignedLong(stats.getInt(TpacketStatsV3.DROPS));
      into[2] += Integer.toUnsignedLong(stats.getInt(TpacketStatsV3.FREEZE_Q_CNT));
    }
  }

  /** Reads and clears the socket's pending error (ENETDOWN after the device went down). */
  int takeError() {
    optlen.setInt(0, 4);
    if (LibC.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ERROR, addr(stats), addr(optlen)) != 0) {
      return LibC.errno();
    }
    return stats.getInt(0);
  }

  String name() {
    return name;
  }

  int ifindex() {
    return ifindex;
  }

  int fd() {
    return fd;
  }

  int arphrd() {
    return arphrd;
  }

  RingReader reader() {
    return reader;
  }

  /** Unmaps the ring and closes the socket; the kernel drops the promiscuous membership with it. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    LibC.munmap(mapAddress, mapLength);
    LibC.close(fd);
    stats.close();
    optlen.close();
  }
}
