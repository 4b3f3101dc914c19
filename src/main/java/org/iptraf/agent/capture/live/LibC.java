package org.iptraf.agent.capture.live;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Direct-mapped libc calls for packet sockets. Pointers and sizes are {@code long} so a call costs
 * one JNI transition and no marshalling (see ../shared/NOTES.md: NativeLong or interface mapping
 * triples the cost). The caller reads errno with {@link #errno()} right after a failed call.
 */
final class LibC {

  static final int SOCK_RAW = 3;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int AF_INET = 2;

  static final int SOL_SOCKET = 1;
  static final int SO_ERROR = 4;
  static final int SO_ATTACH_FILTER = 26;

  static final int PROT_READ = 1;
  static final int PROT_WRITE = 2;
  static final int MAP_SHARED = 1;
  static final long MAP_FAILED = -1L;

  static final short POLLIN = 0x1;
  static final short POLLERR = 0x8;
  static final short POLLHUP = 0x10;
  static final short POLLNVAL = 0x20;

  /** {@code struct pollfd}: int fd at 0, short events at 4, short revents at 6; 8 bytes. */
  static final int POLLFD_FD = 0;

  static final int POLLFD_EVENTS = 4;
  static final int POLLFD_REVENTS = 6;
  static final int POLLFD_SIZE = 8;

  // ioctl requests (linux/sockios.h) and struct ifreq: char ifr_name[16], then a 24-byte union.
  static final long SIOCGIFFLAGS = 0x8913;
  static final long SIOCGIFMTU = 0x8921;
  static final long SIOCGIFHWADDR = 0x8927;
  static final int IFREQ_NAME = 0;
  static final int IFREQ_UNION = 16;
  static final int IFREQ_SIZE = 40;
  static final int IFNAMSIZ = 16;

  static final int IFF_UP = 0x1;
  static final int IFF_LOOPBACK = 0x8;
  static final int IFF_PROMISC = 0x100;

  /** {@code struct if_nameindex}: unsigned if_index at 0, char *if_name at 8; 16 bytes. */
  static final int IF_NAMEINDEX_INDEX = 0;

  static final int IF_NAMEINDEX_NAME = 8;
  static final int IF_NAMEINDEX_SIZE = 16;

  static {
    Native.register(Platform.C_LIBRARY_NAME);
  }

  private LibC() {}

  static native int socket(int domain, int type, int protocol);

  static native int bind(int fd, long addr, int addrlen);

  static native int getsockname(int fd, long addr, long addrlenPtr);

  static native int setsockopt(int fd, int level, int name, long value, int len);

  static native int getsockopt(int fd, int level, int name, long value, long lenPtr);

  static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

  static native int munmap(long addr, long length);

  static native int poll(long fds, long nfds, int timeoutMillis);

  static native int close(int fd);

  static native int if_nametoindex(String name);

  static native long if_nameindex();

  static native void if_freenameindex(long ptr);

  static native int ioctl(int fd, long request, long arg);

  static native int recvmmsg(int fd, long msgvec, int vlen, int flags, long timeout);

  static native String strerror(int errnum);

  /** errno of the last failed call on this thread. */
  static int errno() {
    return Native.getLastError();
  }
}
