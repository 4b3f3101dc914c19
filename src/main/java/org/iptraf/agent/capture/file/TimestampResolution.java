package org.iptraf.agent.capture.file;

/**
 * Converts pcapng timestamp ticks to nanoseconds for one interface's {@code if_tsresol}
 * (draft-ietf-opsawg-pcapng 4.2): the most significant bit clear means a tick is 10^-n seconds,
 * set means 2^-n seconds, n being the low 7 bits. Ticks are unsigned 64-bit; no input throws.
 * Values that cannot be a real capture time (beyond the year 2262) wrap rather than fail.
 */
final class TimestampResolution {

  /** The default when the option is absent: microseconds. */
  static final int DEFAULT_TSRESOL = 6;

  private static final int POWER_OF_TWO_FLAG = 0x80;
  private static final int EXPONENT_MASK = 0x7f;
  /** 10^18 is the largest power of ten a signed long holds. */
  private static final int MAX_DECIMAL_DIGITS = 18;
  /** A fraction below 2^33 times 10^9 (< 2^30) still fits a signed long. */
  private static final int SAFE_FRACTION_BITS = 33;

  private final boolean binary;
  private final int exponent;
  /** Decimal: multiply ticks by this when exponent <= 9, divide when above; 0 means "all zero". */
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

  /** Whole seconds and the fraction apart, so the multiplication by 10^9 cannot overflow. */
  private long binaryToNanos(long ticks) {
    int n = exponent;
    long seconds = n >= Long.SIZE ? 0 : ticks >>> n;
    long fraction = n >= Long.SIZE ? ticks : ticks & ((1L << n) - 1);
    long fractionNanos;
    if (n <= SAFE_FRACTION_BITS) {
      fractionNanos = (fraction * Limits.NANOS_PER_SECOND) >>> n;
    } else if (n - SAFE_FRACTION_BITS < Long.SIZE) {
      long top = fraction >>> (n - SAFE_FRACTION_BITS);
      fractionNanos = (top * Limits.NANOS_PER_SECOND) >>> SAFE_FRACTION_BITS;
    } else {
      fractionNanos = 0;
    }
    return seconds * Limits.NANOS_PER_SECOND + fractionNanos;
  }

  private static long pow10(int digits) {
    long value = 1;
    for (int i = 0; i < digits; i++) {
      value *= 10;
    }
    return value;
  }
}
