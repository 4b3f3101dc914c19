package org.iptraf.agent.capture.live;

/**
 * A live-capture system call failed. The message names the call, the interface and the cause in
 * words a user can act on (EPERM says which capability is missing and how to grant it).
 */
public final class CaptureException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EINTR = 4;
  static final int ENXIO = 6;
  static final int EAGAIN = 11;
  static final int ENOMEM = 12;
  static final int EACCES = 13;
  static final int ENODEV = 19;
  static final int EINVAL = 22;
  static final int ENOPROTOOPT = 92;
  static final int EAFNOSUPPORT = 97;
  static final int ENETDOWN = 100;

  /** What a user without the capability is told; the JVM binary is the thing to grant it to. */
  public static final String NEED_CAP_NET_RAW =
      "need CAP_NET_RAW: run as root or grant the capability with"
          + " sudo setcap cap_net_raw,cap_net_admin+eip $(readlink -f $(which java))";

  private final int errno;

  CaptureException(String message, int errno) {
    super(message);
    this.errno = errno;
  }

  /** The errno behind this failure, 0 if none. */
  public int errno() {
    return errno;
  }

  /** Whether the failure is a missing privilege, for which the CLI prints only the message. */
  public boolean isPermissionDenied() {
    return errno == EPERM || errno == EACCES;
  }

  /** Builds the exception for {@code call} on {@code iface} failing with {@code errno}. */
  static CaptureException of(String call, String iface, int errno) {
    String where = iface == null ? call : call + " on " + iface;
    String why =
        switch (errno) {
          case EPERM, EACCES -> NEED_CAP_NET_RAW;
          case ENODEV, ENXIO -> "no such interface";
          case ENETDOWN -> "interface is down";
          case ENOMEM ->
              "kernel could not allocate the ring: lower capture.ringBlockCount"
                  + " or capture.ringBlockSize";
          case EAFNOSUPPORT -> "the kernel has no PF_PACKET support (CONFIG_PACKET)";
          default -> LibC.strerror(errno) + " (errno " + errno + ")";
        };
    return new CaptureException(where + ": " + why, errno);
  }
}
