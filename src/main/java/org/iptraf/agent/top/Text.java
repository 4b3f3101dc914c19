package org.iptraf.agent.top;

import java.util.Locale;
import org.snmp4j.smi.OID;

/** Values as the screens write them (the report's spelling where it has one). */
final class Text {
  private Text() {}

  /** TCP flag letters in the order of the flags octet's bits, FIN first (RFC 9293 3.1). */
  private static final String LETTERS = "FSRPAUEC";

  /** {@code 10.0.0.1:80} or {@code [2001:db8::1]:80}; bytes of an InetAddress (4 or 16). */
  static String endpoint(byte[] address, long port) {
    return address.length == 16 ? "[" + ipv6(address) + "]:" + port : ipv4(address) + ":" + port;
  }

  static String ipv4(byte[] a) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < a.length; i++) {
      b.append(i == 0 ? "" : ".").append(a[i] & 0xFF);
    }
    return b.toString();
  }

  /** RFC 5952 text: lower case, no leading zeros, the longest run of zero groups as "::". */
  static String ipv6(byte[] a) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLen - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(g[i]));
    }
    return b.toString();
  }

  /** The flags octet (IptrafTcpFlags) as letters, e.g. {@code SA} for SYN and ACK; "-" if none. */
  static String flags(byte[] octets) {
    int f = octets.length == 0 ? 0 : octets[0] & 0xFF;
    StringBuilder b = new StringBuilder();
    for (int bit = 0; bit < 8; bit++) {
      if ((f & (1 << bit)) != 0) {
        b.append(LETTERS.charAt(bit));
      }
    }
    return b.length() == 0 ? "-" : b.toString();
  }

  static String mac(byte[] m) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < m.length; i++) {
      b.append(i == 0 ? "" : ":").append(String.format(Locale.ROOT, "%02x", m[i] & 0xFF));
    }
    return b.toString();
  }

  /** Bits per second as kbit/s with one decimal. */
  static String kbits(long bps) {
    return String.format(Locale.ROOT, "%.1f", bps / 1000.0);
  }

  /**
   * Bytes per second of {@code octets} counted over {@code ticks} hundredths of a second, in at
   * most six characters ({@code 812}, {@code 12.3k}, {@code 4.5M}); "-" when the interval is not
   * known.
   */
  static String rate(long octets, long ticks) {
    if (ticks <= 0) {
      return "-";
    }
    double perSecond = octets * 100.0 / ticks;
    if (perSecond < 10_000) {
      return Long.toString(Math.round(perSecond));
    }
    if (perSecond < 10_000_000) {
      return String.format(Locale.ROOT, "%.1fk", perSecond / 1000);
    }
    return String.format(Locale.ROOT, "%.1fM", perSecond / 1_000_000);
  }

  /** Hundredths of a second as {@code 1.0 s}. */
  static String seconds(long ticks) {
    return String.format(Locale.ROOT, "%.1f s", ticks / 100.0);
  }

  /** A string index ({@code len . octets}) as text. */
  static String indexString(OID index) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < index.size(); i++) {
      b.append((char) index.get(i));
    }
    return b.toString();
  }
}
