package org.iptraf.agent.stats;

/**
 * An address and port as the tables store them: 128 bits, IPv4 as {@code ::ffff:a.b.c.d}.
 *
 * <p>Natural order: the 128-bit address as an unsigned number, then the port. IPv4 addresses (under
 * {@code ::ffff:0:0/96}) thus sort after {@code ::1} and before global IPv6 addresses, and {@code
 * 10.0.0.2} before {@code 10.0.0.10}. Comparing needs no formatting, so reports sort their rows by
 * it.
 *
 * @param port a TCP/UDP port, or -1 where the flow has none
 */
public record Endpoint(long hi, long lo, int port) implements Comparable<Endpoint> {

  private static final long V4_MAPPED_MASK = 0xFFFF_FFFF_0000_0000L;
  private static final long V4_MAPPED = 0x0000_FFFF_0000_0000L;

  @Override
  public int compareTo(Endpoint o) {
    int c = Long.compareUnsigned(hi, o.hi);
    if (c == 0) {
      c = Long.compareUnsigned(lo, o.lo);
    }
    return c != 0 ? c : Integer.compare(port, o.port);
  }

  public boolean isIpv4() {
    return hi == 0 && (lo & V4_MAPPED_MASK) == V4_MAPPED;
  }

  /** 4 bytes for IPv4, 16 for IPv6 (the INET-ADDRESS-MIB InetAddress of the address). */
  public byte[] addressBytes() {
    if (isIpv4()) {
      int v4 = (int) lo;
      return new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  /**
   * {@code 10.0.0.1} or the RFC 5952 form of an IPv6 address, written straight from the bits (a
   * report of a hundred thousand connections formats two hundred thousand of them).
   */
  public String address() {
    if (!isIpv4()) {
      return ipv6(hi, lo);
    }
    char[] c = new char[15];
    return new String(c, 0, ipv4(c, 0, (int) lo));
  }

  private static int ipv4(char[] c, int at, int a) {
    int n = decimal(c, at, a >>> 24);
    c[n++] = '.';
    n = decimal(c, n, a >>> 16 & 0xFF);
    c[n++] = '.';
    n = decimal(c, n, a >>> 8 & 0xFF);
    c[n++] = '.';
    return decimal(c, n, a & 0xFF);
  }

  /**
   * Eight groups in lower-case hex without leading zeros; the longest run of two or more zero
   * groups (the first of equal runs) written as {@code ::} (RFC 5952, 4.2 and 4.3).
   */
  private static String ipv6(long hi, long lo) {
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
      groups[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] == 0) {
        int j = i;
        while (j < 8 && groups[j] == 0) {
          j++;
        }
        if (j - i > bestLength) {
          bestStart = i;
          bestLength = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder s = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLength - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLength) {
        s.append(':');
      }
      s.append(Integer.toHexString(groups[i]));
    }
    return s.toString();
  }

  /** {@code 10.0.0.1:80}, {@code [2001:db8::1]:80}, or just the address when there is no port. */
  @Override
  public String toString() {
    char[] c = new char[TEXT_MAX];
    return new String(c, 0, appendTo(c, 0));
  }

  /** The longest {@link #toString}: {@code [} + 39 characters of IPv6 + {@code ]:65535}. */
  public static final int TEXT_MAX = 47;

  /**
   * Writes {@link #toString}'s text at {@code at} without making a String (reports write two per
   * connection; IPv4 goes straight to digits).
   *
   * @return the index after the text; {@code c} needs {@link #TEXT_MAX} chars from {@code at}
   */
  public int appendTo(char[] c, int at) {
    int n = at;
    if (isIpv4()) {
      n = ipv4(c, n, (int) lo);
    } else {
      String v6 = ipv6(hi, lo);
      if (port >= 0) {
        c[n++] = '[';
      }
      v6.getChars(0, v6.length(), c, n);
      n += v6.length();
      if (port >= 0) {
        c[n++] = ']';
      }
    }
    if (port >= 0) {
      c[n++] = ':';
      n = decimal(c, n, port);
    }
    return n;
  }

  /** {@code value} (0 to 99,999) in decimal without leading zeros. */
  private static int decimal(char[] c, int at, int value) {
    int digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10_000 ? 4 : 5;
    for (int i = at + digits - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + digits;
  }
}
