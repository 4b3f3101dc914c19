package org.iptraf.agent.capture.live;

import java.util.Locale;

/** How frames reach user space ({@code capture.mode}). */
public enum CaptureMode {
  /** The TPACKET_V3 ring; batched recvmmsg on a socket that refuses the ring, said in the log. */
  AUTO,
  /** The TPACKET_V3 ring, or fail. */
  RING,
  /** Always batched recvmmsg(2), without a ring. */
  RECVMMSG;

  /** {@code auto}, {@code ring} or {@code recvmmsg}, any case. */
  public static CaptureMode parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
