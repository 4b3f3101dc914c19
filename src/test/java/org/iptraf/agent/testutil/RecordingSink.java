package org.iptraf.agent.testutil;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;

/**
 * A sink that keeps copies of everything it is given, for assertions. Fails at once when a frame
 * names an interface that was not declared first, which the sink contract forbids.
 */
public final class RecordingSink implements FrameSink {

  /** One delivered frame, its bytes copied out of the source's buffer. */
  public record Frame(
      byte[] data,
      int originalLength,
      long timestampNanos,
      int interfaceId,
      int direction,
      int vlanTci) {

    /** The frame a test expects: no VLAN tag outside the bytes. */
    public static Frame of(
        byte[] data, int originalLength, long timestampNanos, int interfaceId, int direction) {
      return new Frame(data, originalLength, timestampNanos, interfaceId, direction, NO_VLAN);
    }
  }

  private final Map<Integer, InterfaceInfo> interfaces = new LinkedHashMap<>();
  private final List<Frame> frames = new ArrayList<>();

  @Override
  public void interfaceAdded(int interfaceId, InterfaceInfo info) {
    interfaces.put(interfaceId, info);
  }

  @Override
  public void frame(
      ByteBuffer buffer,
      int offset,
      int capturedLength,
      int originalLength,
      long timestampNanos,
      int interfaceId,
      int direction,
      int vlanTci) {
    if (!interfaces.containsKey(interfaceId)) {
      throw new AssertionError("frame on undeclared interface " + interfaceId);
    }
    byte[] data = new byte[capturedLength];
    buffer.get(offset, data);
    frames.add(new Frame(data, originalLength, timestampNanos, interfaceId, direction, vlanTci));
  }

  /** Declared interfaces by id, in declaration order. */
  public Map<Integer, InterfaceInfo> interfaces() {
    return interfaces;
  }

  public List<Frame> frames() {
    return frames;
  }
}
