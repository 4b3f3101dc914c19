package org.iptraf.agent.capture;

import java.nio.ByteBuffer;

/**
 * Where a capture source delivers frames: live rings and capture files alike.
 *
 * <p>One source thread calls a sink; the sink never keeps the buffer past the call, so a source may
 * hand out a view of memory it reuses (a ring block, a file read buffer). Nothing here knows a
 * protocol above the link type.
 */
public interface FrameSink {

  /** Frame came in to this host, or direction is unknown (docs/REPORT.md counts unknown as in). */
  int DIRECTION_IN = 0;

  /** Frame was sent by this host (PACKET_OUTGOING, pcapng epb_flags outbound). */
  int DIRECTION_OUT = 1;

  /** The frame carries no VLAN tag outside its bytes. */
  int NO_VLAN = -1;

  /**
   * Declares an interface before its first frame. Ids are small, dense and chosen by the source;
   * re-declaring an id with the same name is allowed (an interface that came back).
   */
  void interfaceAdded(int interfaceId, InterfaceInfo info);

  /**
   * One frame.
   *
   * @param buffer holds the frame at {@code [offset, offset + capturedLength)}; its position and
   *     limit are not used and must not be changed
   * @param capturedLength bytes present (may be less than on the wire: snap length, truncation)
   * @param originalLength bytes on the wire, link-layer header included, FCS excluded
   * @param timestampNanos capture time, nanoseconds since the epoch (the capture's own clock)
   * @param direction {@link #DIRECTION_IN} or {@link #DIRECTION_OUT}; link headers that carry a
   *     direction of their own (Linux cooked) override an {@code IN} given here
   * @param vlanTci a tag the kernel stripped before the frame reached us (TP_STATUS_VLAN_VALID), or
   *     {@link #NO_VLAN}
   */
  void frame(
      ByteBuffer buffer,
      int offset,
      int capturedLength,
      int originalLength,
      long timestampNanos,
      int interfaceId,
      int direction,
      int vlanTci);

  /**
   * Capture time advanced with no frame (a live ring timed out); lets rates and timeouts run.
   * Sources call it at least once a second while idle.
   */
  default void tick(long timestampNanos) {}

  /**
   * The interface is gone for good: forget it, its counters and everything keyed by it. Its id may
   * be given to another interface after this returns. Called by the thread that delivers frames,
   * between two of them.
   */
  default void interfaceRemoved(int interfaceId) {}
}
