package org.iptraf.agent.capture.live;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.live.IfPacket.TpacketReq3;
import org.iptraf.agent.capture.live.IfPacket.TpacketStatsV3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PF_PACKET socket bound to one interface, with its TPACKET_V3 ring mapped and a {@link
 * RingReader} over it. Set-up order matters: the socket is created with protocol 0 so it receives
 * nothing until bind(ETH_P_ALL), by which time the ring, the snap-length filter and the promiscuous
 * membership are in place (no frame escapes the filter, none lands outside the ring).
 */
final class PacketSocket implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PacketSocket.class);

  /** tp_frame_size: unused by V3 (frames are packed) but checked; any aligned size fits. */
  private static final int V3_NOMINAL_FRAME_SIZE = 2048;

  private final String name;
  private final int ifindex;
  private final int fd;
  private final long mapAddress;
  private final long mapLength;
  private final int arphrd;
  private final RingReader reader;
  private final MmsgReader batches;
  private final String description;
  private final Memory stats = new Memory(TpacketStatsV3.SIZE);
  private final Memory optlen = new Memory(4);
  private boolean closed;

  /**
   * A test hook: when not 0, the PACKET_RX_RING request is treated as refused with this errno, the
   * way a kernel without the memory for it (ENOMEM) or without TPACKET_V3 (EINVAL) refuses it.
   */
  static volatile int refuseRingForTest;

  private PacketSocket(
      String name,
      int ifindex,
      int fd,
      long mapAddress,
      long mapLength,
      int arphrd,
      RingReader r,
      MmsgReader batches,
      String description) {
    this.name = name;
    this.ifindex = ifindex;
    this.fd = fd;
    this.mapAddress = mapAddress;
    this.mapLength = mapLength;
    this.arphrd = arphrd;
    this.reader = r;
    this.batches = batches;
    this.description = description;
  }

  /** A ring step the kernel refused: with capture.mode = auto the socket falls back to recvmmsg. */
  private static final class RingRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final CaptureException cause;

    RingRefused(CaptureException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }

  /**
   * Opens a socket on {@code name} (index {@code ifindex}) with the ring and options of {@code
   * settings}; frames will be reported under {@code interfaceId}.
   *
   * @throws CaptureException naming the failed call and why
   */
  static PacketSocket open(
      String name, int ifindex, int interfaceId, LiveCaptureSettings settings) {
    if (settings.mode() == CaptureMode.RECVMMSG) {
      return openBatched(name, ifindex, interfaceId, settings);
    }
    try {
      return openRing(name, ifindex, interfaceId, settings);
    } catch (RingRefused refused) {
      if (settings.mode() == CaptureMode.RING) {
        throw refused.cause;
      }
      PacketSocket s = openBatched(name, ifindex, interfaceId, settings);
      LOG.warn(
          "{}; capture.mode = auto: falling back to batched recvmmsg on {} ({})",
          refused.cause.getMessage(),
          name,
          s.description());
      return s;
    }
  }

  private static PacketSocket openRing(
      String name, int ifindex, int interfaceId, LiveCaptureSettings settings) {
    int fd = SocketSetup.newSocket(name);
    long map = LibC.MAP_FAILED;
    long length = (long) settings.blockSize() * settings.blockCount();
    try {
      try {
        SocketSetup.setInt(
            fd, IfPacket.SOL_PACKET, IfPacket.PACKET_VERSION, IfPacket.TPACKET_V3, name);
        requestRing(fd, settings, name);
        map = LibC.mmap(0L, length, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, 0L);
        if (map == LibC.MAP_FAILED) {
          throw CaptureException.of("mmap of the " + length + " B ring", name, LibC.errno());
        }
      } catch (CaptureException e) {
        throw new RingRefused(e);
      }
      SocketSetup.attachSnapFilter(fd, settings.snapLength(), name);
      if (settings.promiscuous()) {
        SocketSetup.addPromiscuousMembership(fd, ifindex, name);
      }
      int arphrd = SocketSetup.bindAll(fd, ifindex, name);
      ByteBuffer mapping = new Pointer(map).getByteBuffer(0, length);
      RingReader reader =
          new RingReader(mapping, settings.blockSize(), settings.blockCount(), interfaceId);
      String description = "ring " + settings.blockCount() + " x " + settings.blockSize() + " B";
      return new PacketSocket(name, ifindex, fd, map, length, arphrd, reader, null, description);
    } catch (RuntimeException e) {
      if (map != LibC.MAP_FAILED) {
        LibC.munmap(map, length);
      }
      LibC.close(fd);
      throw e;
    }
  }

  /**
   * A socket without a ring, read with recvmmsg: PACKET_AUXDATA for the length on the wire and the
   * VLAN tag, SO_TIMESTAMPNS for the time, and a receive buffer as big as the ring would have been
   * (SO_RCVBUFFORCE, which needs CAP_NET_ADMIN; SO_RCVBUF up to net.core.rmem_max otherwise).
   */
  private static PacketSocket openBatched(
      String name, int ifindex, int interfaceId, LiveCaptureSettings settings) {
    int fd = SocketSetup.newSocket(name);
    MmsgReader batches = null;
    try {
      SocketSetup.setInt(fd, IfPacket.SOL_PACKET, MmsgReader.PACKET_AUXDATA, 1, name);
      SocketSetup.setInt(fd, LibC.SOL_SOCKET, MmsgReader.SO_TIMESTAMPNS, 1, name);
      long ringBytes = (long) settings.blockSize() * settings.blockCount();
      int want = (int) Math.min(ringBytes / 2, Integer.MAX_VALUE / 2); // the kernel doubles it
      if (!SocketSetup.trySetInt(fd, LibC.SOL_SOCKET, MmsgReader.SO_RCVBUFFORCE, want)) {
        SocketSetup.trySetInt(fd, LibC.SOL_SOCKET, MmsgReader.SO_RCVBUF, want);
      }
      int rcvbuf = SocketSetup.getInt(fd, LibC.SOL_SOCKET, MmsgReader.SO_RCVBUF);
      SocketSetup.attachSnapFilter(fd, settings.snapLength(), name);
      if (settings.promiscuous()) {
        SocketSetup.addPromiscuousMembership(fd, ifindex, name);
      }
      int arphrd = SocketSetup.bindAll(fd, ifindex, name);
      batches = new MmsgReader(fd, interfaceId, settings.snapLength());
      String description =
          "recvmmsg, " + MmsgReader.BATCH + " frames per call, receive buffer " + rcvbuf + " B";
      return new PacketSocket(name, ifindex, fd, 0L, 0L, arphrd, null, batches, description);
    } catch (RuntimeException e) {
      if (batches != null) {
        batches.close();
      }
      LibC.close(fd);
      throw e;
    }
  }

  /**
   * Fails now, as opening a capture would, if this process may not open packet sockets: a socket of
   * protocol 0 receives nothing and is closed at once.
   *
   * @throws CaptureException saying which capability is missing
   */
  static void checkPermission() {
    LibC.close(SocketSetup.newSocket(null));
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
              fd,
              IfPacket.SOL_PACKET,
              IfPacket.PACKET_RX_RING,
              SocketSetup.addr(req),
              TpacketReq3.SIZE);
      if (rc == 0 && refuseRingForTest != 0) {
        throw CaptureException.of(
            "setsockopt(PACKET_RX_RING) (refused by the test hook)", name, refuseRingForTest);
      }
      if (rc != 0) {
        throw CaptureException.of(
            "setsockopt(PACKET_RX_RING, " + s.blockCount() + " x " + s.blockSize() + " B)",
            name,
            LibC.errno());
      }
    }
  }

  /**
   * Reads and resets the kernel's counters for this socket (PACKET_STATISTICS) into {@code into}:
   * {@code [packets, drops, freezes]} are added.
   */
  void addKernelStats(long[] into) {
    stats.clear(); // without a ring the kernel fills only struct tpacket_stats (8 bytes)
    optlen.setInt(0, TpacketStatsV3.SIZE);
    if (LibC.getsockopt(
            fd,
            IfPacket.SOL_PACKET,
            IfPacket.PACKET_STATISTICS,
            SocketSetup.addr(stats),
            SocketSetup.addr(optlen))
        == 0) {
      into[0] += Integer.toUnsignedLong(stats.getInt(TpacketStatsV3.PACKETS));
      into[1] += Integer.toUnsignedLong(stats.getInt(TpacketStatsV3.DROPS));
      into[2] += Integer.toUnsignedLong(stats.getInt(TpacketStatsV3.FREEZE_Q_CNT));
    }
  }

  /** Reads and clears the socket's pending error (ENETDOWN after the device went down). */
  int takeError() {
    optlen.setInt(0, 4);
    if (LibC.getsockopt(
            fd, LibC.SOL_SOCKET, LibC.SO_ERROR, SocketSetup.addr(stats), SocketSetup.addr(optlen))
        != 0) {
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

  /** The ring's reader, or null when this socket is read with recvmmsg. */
  RingReader reader() {
    return reader;
  }

  /** "ring 64 x 1048576 B" or "recvmmsg, 64 frames per call, ...", for the log. */
  String description() {
    return description;
  }

  /**
   * Hands the sink what is waiting, at most {@code maxBlocks} ring blocks or recvmmsg batches.
   *
   * @return frames delivered, or -1 if nothing was waiting
   */
  int drain(FrameSink sink, int maxBlocks) {
    int delivered = -1;
    if (reader != null) {
      for (int b = 0; b < maxBlocks; b++) {
        int n = reader.readNextBlock(sink);
        if (n < 0) {
          break;
        }
        delivered = Math.max(delivered, 0) + n;
      }
      return delivered;
    }
    for (int b = 0; b < maxBlocks; b++) {
      int n = batches.readBatch(sink);
      if (n < 0) {
        break;
      }
      delivered = Math.max(delivered, 0) + n;
      if (n < MmsgReader.BATCH) {
        break; // the queue is empty: the next call would only say EAGAIN
      }
    }
    return delivered;
  }

  /** Unmaps the ring and closes the socket; the kernel drops the promiscuous membership with it. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (reader != null) {
      LibC.munmap(mapAddress, mapLength);
    }
    LibC.close(fd);
    if (batches != null) {
      batches.close();
    }
    stats.close();
    optlen.close();
  }
}
