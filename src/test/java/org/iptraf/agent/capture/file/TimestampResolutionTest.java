package org.iptraf.agent.capture.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampResolutionTest {

  private static final BigInteger NANOS = BigInteger.valueOf(1_000_000_000L);

  /** floor(ticks * 10^9 / unitsPerSecond) in exact arithmetic, wrapped to 64 bits like the code. */
  private static long expected(long ticks, int tsresol) {
    BigInteger t = new BigInteger(Long.toUnsignedString(ticks));
    int n = tsresol & 0x7f;
    BigInteger unitsPerSecond =
        (tsresol & 0x80) != 0 ? BigInteger.ONE.shiftLeft(n) : BigInteger.TEN.pow(n);
    return t.multiply(NANOS).divide(unitsPerSecond).longValue();
  }

  @Test
  void everyResolutionByteConvertsExactly() {
    SplittableRandom random = new SplittableRandom(42);
    long[] fixed = {
      0,
      1,
      999,
      1_000_000,
      1_700_000_000_123_456L,
      -1L,
      Long.MAX_VALUE,
      Long.MIN_VALUE,
      0xffffffffL,
      1L << 40
    };
    for (int tsresol = 0; tsresol < 256; tsresol++) {
      TimestampResolution resolution = TimestampResolution.of(tsresol);
      for (long ticks : fixed) {
        assertThat(resolution.toNanos(ticks))
            .as("tsresol 0x%02x ticks %s", tsresol, Long.toUnsignedString(ticks))
            .isEqualTo(expected(ticks, tsresol));
      }
      for (int i = 0; i < 200; i++) {
        long ticks = random.nextLong();
        assertThat(resolution.toNanos(ticks))
            .as("tsresol 0x%02x ticks %s", tsresol, Long.toUnsignedString(ticks))
            .isEqualTo(expected(ticks, tsresol));
      }
    }
  }

  @Test
  void commonResolutionsGiveTheObviousAnswer() {
    assertThat(TimestampResolution.of(6).toNanos(1_500_000)).isEqualTo(1_500_000_000L);
    assertThat(TimestampResolution.of(9).toNanos(1_500_000)).isEqualTo(1_500_000L);
    assertThat(TimestampResolution.of(0).toNanos(2)).isEqualTo(2_000_000_000L);
    assertThat(TimestampResolution.of(0x80 | 10).toNanos(1024 + 512)).isEqualTo(1_500_000_000L);
  }
}
