package org.iptraf.agent.capture.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which interface id each interface name has, kept across deletion and re-creation so that a device
 * that comes back continues its counters, until it has been gone for {@code capture.forgetAfter};
 * then its id is free for another name.
 *
 * <p>Time is {@link System#nanoTime()} passed in by the caller. Not thread-safe: {@link
 * LiveCapture} calls it from its rescans only.
 */
final class InterfaceIds {
  private final Map<String, Integer> ids = new HashMap<>();
  private final ArrayDeque<Integer> free = new ArrayDeque<>();
  private int next;

  /** Interfaces deleted while every interface is captured: since when. */
  private final Map<String, Long> goneSince = new HashMap<>();

  /** The id of {@code name}: the one it had, else a freed one, else a new one. */
  int idOf(String name) {
    return ids.computeIfAbsent(name, n -> free.isEmpty() ? next++ : free.pop());
  }

  /** {@code name} was deleted at {@code nanos}; its id is kept until {@link #forget}. */
  void gone(String name, long nanos) {
    goneSince.put(name, nanos);
  }

  /** {@code name} is attached again: it is no longer counted as gone. */
  void back(String name) {
    goneSince.remove(name);
  }

  /**
   * Frees the ids of interfaces gone for at least {@code afterNanos} at {@code now}.
   *
   * @return their names and ids, in no particular order
   */
  List<Map.Entry<String, Integer>> forget(long now, long afterNanos) {
    List<Map.Entry<String, Integer>> forgotten = new ArrayList<>();
    for (var it = goneSince.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (now - e.getValue() < afterNanos) {
        continue;
      }
      it.remove();
      Integer id = ids.remove(e.getKey());
      if (id != null) {
        free.push(id);
        forgotten.add(Map.entry(e.getKey(), id));
      }
    }
    return forgotten;
  }
}
