package org.iptraf.agent.capture.live;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.iptraf.agent.capture.live.IfPacket.PacketMreq;
import org.iptraf.agent.capture.live.IfPacket.SockFprog;
import org.iptraf.agent.capture.live.IfPacket.SockaddrLl;

/**
 * The system calls that make a packet socket ready to read, one per option, each failing with a
 * {@link CaptureException} that names the call, the interface and the errno.
 */
final class SocketSetup {
  private SocketSetup() {}

  /** Protocol 0: nothing is received until bind(ETH_P_ALL), when the options are in place. */
  static int newSocket(String name) {
    int fd = LibC.socket(IfPacket.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw CaptureException.of("socket(AF_PACKET, SOCK_RAW)", name, LibC.errno());
    }
    return fd;
  }

  /** A one-instruction classic BPF program, {@code ret #snaplen}: keep every frame, cut it. */
  static void attachSnapFilter(int fd, int snapLength, String name) {
    try (Memory insn = new Memory(SockFprog.INSN_SIZE);
        Memory prog = new Memory(SockFprog.SIZE)) {
      insn.setShort(SockFprog.INSN_CODE, (short) SockFprog.BPF_RET_K);
      insn.setByte(SockFprog.INSN_JT, (byte) 0);
      insn.setByte(SockFprog.INSN_JF, (byte) 0);
      insn.setInt(SockFprog.INSN_K, snapLength);
      prog.clear();
      prog.setShort(SockFprog.LEN, (short) 1);
      prog.setLong(SockFprog.FILTER, addr(insn));
      int rc =
          LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ATTACH_FILTER, addr(prog), SockFprog.SIZE);
      if (rc != 0) {
        throw CaptureException.of("setsockopt(SO_ATTACH_FILTER)", name, LibC.errno());
      }
    }
  }

  static void addPromiscuousMembership(int fd, int ifindex, String name) {
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
  static int bindAll(int fd, int ifindex, String name) {
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

  static void setInt(int fd, int level, int option, int value, String name) {
    try (Memory v = new Memory(4)) {
      v.setInt(0, value);
      if (LibC.setsockopt(fd, level, option, addr(v), 4) != 0) {
        throw CaptureException.of("setsockopt(" + option + ")", name, LibC.errno());
      }
    }
  }

  static boolean trySetInt(int fd, int level, int option, int value) {
    try (Memory v = new Memory(4)) {
      v.setInt(0, value);
      return LibC.setsockopt(fd, level, option, addr(v), 4) == 0;
    }
  }

  static int getInt(int fd, int level, int option) {
    try (Memory v = new Memory(4);
        Memory len = new Memory(4)) {
      v.setInt(0, 0);
      len.setInt(0, 4);
      return LibC.getsockopt(fd, level, option, addr(v), addr(len)) == 0 ? v.getInt(0) : -1;
    }
  }

  static long addr(Memory m) {
    return Pointer.nativeValue(m);
  }
}
