package org.iptraf.agent.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.iptraf.agent.capture.InterfaceInfo;

/**
 * The interfaces a source declared, by id, each with its {@link InterfaceCounters}: kept by {@link
 * Tables}, which calls the changing methods under its monitor (see there).
 */
final class InterfaceSet {

  private InterfaceCounters[] interfaces = new InterfaceCounters[8];
  private int count; // one past the highest id ever declared

  /** Declares an interface; one that came back keeps its counters. */
  void add(int interfaceId, InterfaceInfo info) {
    if (interfaceId < 0) {
      throw new IllegalArgumentException("interface id must not be negative: " + interfaceId);
    }
    if (interfaceId >= interfaces.length) {
      interfaces = Arrays.copyOf(interfaces, Math.max(interfaceId + 1, interfaces.length * 2));
    }
    InterfaceCounters existing = interfaces[interfaceId];
    if (existing == null) {
      interfaces[interfaceId] = new InterfaceCounters(interfaceId, info);
    } else {
      existing.info = info;
    }
    count = Math.max(count, interfaceId + 1);
  }

  /** Forgets an interface: whether it was there. */
  boolean remove(int interfaceId) {
    if (get(interfaceId) == null) {
      return false;
    }
    interfaces[interfaceId] = null;
    return true;
  }

  /** The counters of an interface, or null if none was declared with that id. */
  InterfaceCounters get(int interfaceId) {
    return interfaceId >= 0 && interfaceId < count ? interfaces[interfaceId] : null;
  }

  /** Closes the current second of every interface's rates, after {@code empty} silent ones. */
  void closeSecond(long empty) {
    for (int i = 0; i < count; i++) {
      if (interfaces[i] != null) {
        interfaces[i].closeSecond(empty);
      }
    }
  }

  void reset() {
    for (int i = 0; i < count; i++) {
      if (interfaces[i] != null) {
        interfaces[i].reset();
      }
    }
  }

  List<InterfaceSnapshot> snapshots() {
    List<InterfaceSnapshot> ifs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (interfaces[i] != null) {
        ifs.add(interfaces[i].snapshot());
      }
    }
    return List.copyOf(ifs);
  }

  /** The RMON size buckets summed over the interfaces. */
  long[] rmonTotals() {
    long[] rmon = new long[PacketSizes.RMON_NAMES.length];
    for (int i = 0; i < count; i++) {
      if (interfaces[i] != null) {
        for (int b = 0; b < rmon.length; b++) {
          rmon[b] += interfaces[i].rmon(b);
        }
      }
    }
    return rmon;
  }

  /** The interfaces' names as they are now, "unknown-ID" for an id not declared. */
  IntFunction<String> names() {
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      if (interfaces[i] != null) {
        names[i] = interfaces[i].info.name();
      }
    }
    return id -> id >= 0 && id < names.length && names[id] != null ? names[id] : "unknown-" + id;
  }

  /** The names of the interfaces in a snapshot, "unknown-ID" for an id not in it. */
  static IntFunction<String> namesIn(TablesSnapshot s) {
    Map<Integer, String> names = new HashMap<>();
    for (InterfaceSnapshot i : s.interfaces()) {
      names.put(i.id(), i.name());
    }
    return id -> names.getOrDefault(id, "unknown-" + id);
  }
}
