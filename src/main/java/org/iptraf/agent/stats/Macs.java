package org.iptraf.agent.stats;

/** MAC addresses held in the low 48 bits of a long. */
public final class Macs {
  private Macs() {}

  public static String format(long mac) {
    StringBuilder s = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      int b = (int) (mac >>> shift) & 0xFF;
      s.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
      if (shift > 0) {
        s.append(':');
      }
    }
    return s.toString();
  }

  /** The 6 bytes, for SNMP's MacAddress. */
  public static byte[] bytes(long mac) {
    byte[] b = new byte[6];
    for (int i = 0; i < 6; i++) {
      b[i] = (byte) (mac >>> (40 - 8 * i));
    }
    return b;
  }
}
