package org.iptraf.agent.cli;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;

/**
 * Lets several capture files share interfaces: an interface of the same name and link type in a
 * later file counts into the same row as in the first file.
 */
final class InterfaceMerger implements FrameSink {
  private final FrameSink next;
  private final Map<String, Integer> byName = new HashMap<>();
  private int[] globalIds = new int[16];
  private int nextGlobal;

  InterfaceMerger(FrameSink next) {
    this.next = next;
    Arrays.fill(globalIds, -1);
  }

  @Override
  public void interfaceAdded(int interfaceId, InterfaceInfo info) {
    if (interfaceId >= globalIds.length) {
      int old = globalIds.length;
      globalIds = Arrays.copyOf(globalIds, Math.max(interfaceId + 1, old * 2));
      Arrays.fill(globalIds, old, globalIds.length, -1);
    }
    Integer global =
        byName.computeIfAbsent(info.name() + "\u0000" + info.linkType(), k -> nextGlobal++);
    globalIds[interfaceId] = global;
    next.interfaceAdded(global, info);
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
    int global = interfaceId >= 0 && interfaceId < globalIds.length ? globalIds[interfaceId] : -1;
    next.frame(
        buffer,
        offset,
        capturedLength,
        originalLength,
        timestampNanos,
        global < 0 ? interfaceId : global,
        direction,
        vlanTci);
  }

  @Override
  public void tick(long timestampNanos) {
    next.tick(timestampNanos);
  }
}
