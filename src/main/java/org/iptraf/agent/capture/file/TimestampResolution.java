package org.iptraf.agent.capture.file;

/**
 * Converts pcapng timestamp ticks to nanoseconds for one interface's {@code if_tsresol}
 * (draft-ietf-opsawg-pcapng 4.2): the most significant bit clear means a tick is 10^-n seconds, set
 * means 2^-n seconds, n being the low 7 bits. Ticks are unsigned 64-bit; no input throws. Values
 * that cannot be a real capture time (beyond the year 2262) wrap rather than fail.
 */
final class TimestampResolution {

  /** The default when the option is absent: microseconds. */
  static final int DEFAULT_TSRESOL = 6;

  private static final int POWER_OF_TWO_FLAG = 0x80;
  private static final int EXPONENT_MASK = 0x7f;

  /** 10^19 is the largest power of ten an unsigned long holds; ticks / 10^20 is always 0. */
  private static final int MAX_DECIMAL_DIGITS = 19;

  private final boolean binary;
  private final int exponent;

  /**
   * Decimal: multiply ticks by this when exponent <= 9, divide (unsigned) when above; 0 means the
   * quotient is always 0.
   */
  private final long factor;

  private TimestampResolution(boolean binary, int exponent, long factor) {
    this.binary = binary;
    this.exponent = exponent;
    this.factor = factor;
  }

  /** From the option's one byte. */
  static TimestampResolution of(int tsresol) {
    int exponent = tsresol & EXPONENT_MASK;
    if ((tsresol & POWER_OF_TWO_FLAG) != 0) {
      return new TimestampResolution(true, exponent, 0);
    }
    int digits = Math.abs(9 - exponent);
    long factor = digits > MAX_DECIMAL_DIGITS ? 0 : pow10(digits);
    return new TimestampResolution(false, exponent, factor);
  }

  long toNanos(long ticks) {
    return binary ? binaryToNanos(ticks) : decimalToNanos(ticks);
  }

  private long decimalToNanos(long ticks) {
    if (exponent <= 9) {
      return ticks * factor;
    }
    return factor == 0 ? 0 : Long.divideUnsigned(ticks, factor);
  }

  /**
   * Whole seconds and the fraction apart; the fraction times 10^9 is taken as a 128-bit product so
   * the result is exactly floor(ticks * 10^9 / 2^n) for every n.
   */
  private long binaryToNanos(long ticks) {
    int n = exponent;
    long seconds = n >= Long.SIZE ? 0 : ticks >>> n;
    long fraction = n >= Long.SIZE ? ticks : ticks & ((1L << n) - 1);
    long low = fraction * Limits.NANOS_PER_SECOND;
    // Unsigned high word: the signed one, corrected when the fraction's top bit is set.
    long high =
        Math.multiplyHigh(fraction, Limits.NANOS_PER_SECOND)
            + ((fraction >> (Long.SIZE - 1)) & Limits.NANOS_PER_SECOND);
    long fractionNanos;
    if (n == 0) {
      fractionNanos = 0;
    } else if (n < Long.SIZE) {
      fractionNanos = (high << (Long.SIZE - n)) | (low >>> n);
    } else {
      fractionNanos = high >>> (n - Long.SIZE);
    }
    return seconds * Limits.NANOS_PER_SECOND + fractionNanos;
  }

  /** 10^digits; 10^19 wraps to its unsigned representation, which divideUnsigned expects. */
  private static long pow10(int digits) {
    long value = 1;
    for (int i = 0; i < digits; i++) {
      value *= 10;
    }
    return value;
  }
}
