package org.iptraf.agent.names;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Names of MAC addresses, read once from an ethers(5) file: {@code 08:00:20:00:61:CA name} (a
 * hostname or an IP address; {@code -} separators and one-digit octets accepted, as ether_line(3)
 * does). The first line for an address wins.
 */
public final class Ethers {
  static final Ethers EMPTY = new Ethers(Map.of());

  private final Map<Long, String> byMac;

  private Ethers(Map<Long, String> byMac) {
    this.byMac = byMac;
  }

  public static Ethers read(Path file) throws IOException {
    Map<Long, String> m = new HashMap<>();
    for (String[] f : TableFile.lines(file, 2)) {
      long mac = parseMac(f[0]);
      if (mac >= 0) {
        m.putIfAbsent(mac, f[1]);
      }
    }
    return new Ethers(Map.copyOf(m));
  }

  /** The name of a MAC address (48 bits in a long, as the tables keep it), or null. */
  public String name(long mac) {
    return byMac.get(mac);
  }

  public int size() {
    return byMac.size();
  }

  /** {@code 2:0:0:0:0:a} or {@code 02-00-00-00-00-0A} as 48 bits, -1 if not a MAC. */
  static long parseMac(String text) {
    String[] octets = text.split("[:-]");
    if (octets.length != 6) {
      return -1;
    }
    long mac = 0;
    for (String o : octets) {
      if (o.isEmpty() || o.length() > 2) {
        return -1;
      }
      try {
        mac = (mac << 8) | Integer.parseInt(o, 16);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return mac;
  }
}
