package org.iptraf.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Report times and flag letters against what they stand for: Instant's text, the bits. */
class TimeTextTest {

  @Test
  void timesReadAsInstantWritesThem() {
    SplittableRandom random = new SplittableRandom(3);
    long[] fixed = {
      0,
      1,
      999_999_999,
      1_000_000,
      1_000,
      -1,
      -1_000_000_001L,
      951_782_400_000_000_000L,
      951_868_799_999_999_999L,
      4_107_542_400_000_000_000L,
      1_700_000_000_123_000_000L,
      1_700_000_000_123_456_000L,
      1_700_000_000_123_456_789L,
      Long.MAX_VALUE,
      Long.MIN_VALUE
    };
    for (int i = 0; i < 100_000; i++) {
      long nanos;
      if (i < fixed.length) {
        nanos = fixed[i];
      } else {
        long second =
            random.nextBoolean()
                ? 1_600_000_000L + random.nextInt(1_000_000)
                : random.nextLong(Long.MAX_VALUE / 1_000_000_000L); // 1970 to 2262
        int fraction =
            switch (random.nextInt(4)) {
              case 0 -> 0;
              case 1 -> random.nextInt(1000) * 1_000_000;
              case 2 -> random.nextInt(1_000_000) * 1000;
              default -> random.nextInt(1_000_000_000);
            };
        nanos = second * 1_000_000_000L + fraction;
      }
      Instant expected =
          Instant.ofEpochSecond(
              Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
      assertThat(TimeText.time(nanos)).isEqualTo(expected.toString());
    }
  }

  @Test
  void flagLettersFollowTheBits() {
    assertThat(TcpFlags.text(0)).isEmpty();
    assertThat(TcpFlags.text(0x02)).isEqualTo("S");
    assertThat(TcpFlags.text(0x12)).isEqualTo("SA");
    assertThat(TcpFlags.text(0x11)).isEqualTo("FA");
    assertThat(TcpFlags.text(0xFF)).isEqualTo("FSRPAUEC");
    assertThat(TcpFlags.text(0x104)).as("bits above the eighth have no letter").isEqualTo("R");
  }
}
