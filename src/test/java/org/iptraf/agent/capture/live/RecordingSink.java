package org.iptraf.agent.capture.live;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;

/** Keeps what a source delivered: interfaces, and per frame its fields and first bytes. */
final class RecordingSink implements FrameSink {

  /** One delivered frame; {@code bytes} are the captured bytes, copied. */
  record Frame(
      int offset,
      byte[] bytes,
      int originalLength,
      long timestampNanos,
      int interfaceId,
      int direction,
      int vlanTci) {}

  final Map<Integer, InterfaceInfo> interfaces = new ConcurrentHashMap<>();
  final List<Frame> frames = new ArrayList<>();
  volatile long ticks;

  @Override
  public void interfaceAdded(int interfaceId, InterfaceInfo info) {
    interfaces.put(interfaceId, info);
  }

  @Override
  public synchronized void frame(
      ByteBuffer buffer,
      int offset,
      int capturedLength,
      int originalLength,
      long timestampNanos,
      int interfaceId,
      int direction,
      int vlanTci) {
    byte[] bytes = new byte[capturedLength];
    buffer.get(offset, bytes);
    frames.add(
        new Frame(offset, bytes, originalLength, timestampNanos, interfaceId, direction, vlanTci));
  }

  final List<Integer> removed = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public void interfaceRemoved(int interfaceId) {
    interfaces.remove(interfaceId);
    removed.add(interfaceId);
  }

  @Override
  public void tick(long timestampNanos) {
    ticks++;
  }

  synchronized List<Frame> snapshot() {
    return List.copyOf(frames);
  }
}
