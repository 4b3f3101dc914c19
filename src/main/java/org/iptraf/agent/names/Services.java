package org.iptraf.agent.names;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Service names by protocol and port, read once from a services(5) file: {@code name port/protocol
 * [aliases...] [# comment]}. The first name given for a port wins, as getservbyport(3) returns it.
 */
public final class Services {
  static final Services EMPTY = new Services(Map.of());

  private static final int PORTS = 65536;

  private final Map<String, String> byKey;

  /* tcp and udp by port number: a report looks up every port it writes */
  private final String[] tcp = new String[PORTS];
  private final String[] udp = new String[PORTS];

  private Services(Map<String, String> byKey) {
    this.byKey = byKey;
    byKey.forEach(
        (key, name) -> {
          int slash = key.indexOf('/');
          String protocol = key.substring(0, slash);
          int port = Integer.parseInt(key.substring(slash + 1));
          if (protocol.equals("tcp")) {
            tcp[port] = name;
          } else if (protocol.equals("udp")) {
            udp[port] = name;
          }
        });
  }

  /** Reads {@code file}; a line that is not {@code name port/proto} is skipped. */
  public static Services read(Path file) throws IOException {
    Map<String, String> m = new HashMap<>();
    for (String[] f : TableFile.lines(file, 2)) {
      int slash = f[1].indexOf('/');
      if (slash <= 0) {
        continue;
      }
      try {
        int port = Integer.parseInt(f[1].substring(0, slash));
        if (port >= 0 && port <= 65535) {
          m.putIfAbsent(key(f[1].substring(slash + 1), port), f[0]);
        }
      } catch (NumberFormatException e) {
        // not a port: skip the line, as getservent does
      }
    }
    return new Services(Map.copyOf(m));
  }

  /** The name of {@code port} for {@code protocol} ("tcp", "udp"), or null. */
  public String name(String protocol, int port) {
    if (port >= 0 && port < PORTS) {
      if ("tcp".equals(protocol)) {
        return tcp[port];
      }
      if ("udp".equals(protocol)) {
        return udp[port];
      }
    }
    return byKey.get(key(protocol, port));
  }

  public int size() {
    return byKey.size();
  }

  private static String key(String protocol, int port) {
    return protocol.toLowerCase(java.util.Locale.ROOT) + "/" + port;
  }
}
