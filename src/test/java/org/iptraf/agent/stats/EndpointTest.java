package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Addresses as text, against the JDK's formatting with RFC 5952's rules applied to it. */
class EndpointTest {

  @Test
  void writesIpv4AsTheJdkDoes() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      int v4 = i < 4 ? new int[] {0, -1, 0x7F00_0001, 0x0A00_000A}[i] : random.nextInt();
      Endpoint e = new Endpoint(0, 0x0000_FFFF_0000_0000L | (v4 & 0xFFFF_FFFFL), 80);
      String jdk = InetAddress.getByAddress(e.addressBytes()).getHostAddress();
      assertThat(e.address()).isEqualTo(jdk);
      assertThat(e.toString()).isEqualTo(jdk + ":80");
    }
  }

  /** Groups drawn mostly zero, so that runs of every length and place occur. */
  @Test
  void writesIpv6AsRfc5952Says() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 50_000; i++) {
      long hi = 0;
      long lo = 0;
      for (int g = 0; g < 4; g++) {
        hi = hi << 16 | group(random);
        lo = lo << 16 | group(random);
      }
      Endpoint e = new Endpoint(hi, lo, -1);
      if (e.isIpv4()) {
        continue;
      }
      String full = InetAddress.getByAddress(e.addressBytes()).getHostAddress();
      assertThat(e.address()).as(full).isEqualTo(rfc5952(full));
    }
    assertThat(new Endpoint(0, 0, -1).address()).isEqualTo("::");
    assertThat(new Endpoint(0, 1, 443).toString()).isEqualTo("[::1]:443");
    assertThat(new Endpoint(0x2001_0db8_0000_0000L, 0x0000_0000_0001_0000L, -1).address())
        .isEqualTo("2001:db8::1:0");
    assertThat(new Endpoint(0x2001_0db8_0000_0001L, 0x0000_0000_0000_0001L, -1).address())
        .isEqualTo("2001:db8:0:1::1");
  }

  private static long group(SplittableRandom random) {
    return random.nextInt(3) == 0 ? random.nextInt(0x10000) : 0;
  }

  /** The longest run of two or more "0" groups (the first of equal ones) becomes "::". */
  private static String rfc5952(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.length; i++) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
    }
    if (bestStart < 0) {
      return full;
    }
    return String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart))
        + "::"
        + String.join(
            ":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
  }
}
