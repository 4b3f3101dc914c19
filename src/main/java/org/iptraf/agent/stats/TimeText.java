package org.iptraf.agent.stats;

import java.time.Instant;

/** Capture times as the report, JMX and the summary log write them. */
public final class TimeText {
  private TimeText() {}

  /**
   * ISO-8601 UTC with the capture's full precision (as JMX shows it too), exactly as {@link
   * Instant#toString} writes it: the fraction in groups of three digits, as many as it needs.
   * Written directly for the years 1970 to 9999 (a report writes two per connection); {@link
   * Instant} for any other.
   */
  public static String time(long nanos) {
    char[] c = new char[TEXT_MAX];
    return new String(c, 0, time(nanos, c, 0));
  }

  /** The longest text of {@link #time(long)}: {@link Instant#toString} of its largest value. */
  public static final int TEXT_MAX = 40;

  /**
   * Writes {@link #time(long)}'s text at {@code at} without making a String.
   *
   * @return the index after it; {@code c} needs {@link #TEXT_MAX} chars from {@code at}
   */
  public static int time(long nanos, char[] c, int at) {
    long second = Math.floorDiv(nanos, NANOS_PER_SECOND);
    int fraction = (int) Math.floorMod(nanos, NANOS_PER_SECOND);
    if (second < 0 || second >= LAST_DIRECT_SECOND) {
      String s = Instant.ofEpochSecond(second, fraction).toString();
      s.getChars(0, s.length(), c, at);
      return at + s.length();
    }
    // civil date from days since 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date
    // Algorithms", days_from_civil inverted), for days >= 0
    long days = second / 86_400;
    int secondOfDay = (int) (second % 86_400);
    long z = days + 719_468;
    long era = z / 146_097;
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    int n = digits(c, at, year, 4);
    c[n++] = '-';
    n = digits(c, n, month, 2);
    c[n++] = '-';
    n = digits(c, n, day, 2);
    c[n++] = 'T';
    n = digits(c, n, secondOfDay / 3600, 2);
    c[n++] = ':';
    n = digits(c, n, secondOfDay / 60 % 60, 2);
    c[n++] = ':';
    n = digits(c, n, secondOfDay % 60, 2);
    if (fraction != 0) {
      c[n++] = '.';
      if (fraction % 1_000_000 == 0) {
        n = digits(c, n, fraction / 1_000_000, 3);
      } else if (fraction % 1000 == 0) {
        n = digits(c, n, fraction / 1000, 6);
      } else {
        n = digits(c, n, fraction, 9);
      }
    }
    c[n++] = 'Z';
    return n;
  }

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** 10000-01-01T00:00:00Z: from here on years have five digits and a sign. */
  private static final long LAST_DIRECT_SECOND = 253_402_300_800L;

  /** Writes {@code value} as exactly {@code width} decimal digits at {@code at}. */
  private static int digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }
}
