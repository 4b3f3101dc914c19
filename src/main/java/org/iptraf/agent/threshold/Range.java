package org.iptraf.agent.threshold;

import java.math.BigDecimal;

/**
 * A threshold range in the Monitoring Plugins syntax ({@code [@]start:end}, inclusive): {@code 10}
 * alerts outside 0..10, {@code 10:} below 10, {@code ~:10} above 10, {@code 10:20} outside 10..20,
 * {@code @10:20} inside 10..20 (Monitoring Plugins development guidelines, "Threshold and ranges").
 *
 * @param start lower bound, or negative infinity for {@code ~}
 * @param end upper bound, or positive infinity when omitted after the colon
 * @param inside alert when the value lies inside the range ({@code @}) instead of outside
 * @param text the range as given, for perfdata
 */
public record Range(double start, double end, boolean inside, String text) {

  /** Parses a range; throws {@link IllegalArgumentException} naming what is wrong. */
  public static Range parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty range");
    }
    String s = text.strip();
    boolean inside = s.startsWith("@");
    if (inside) {
      s = s.substring(1);
    }
    double start = 0;
    double end;
    int colon = s.indexOf(':');
    if (colon < 0) {
      end = number(s, text);
    } else {
      String a = s.substring(0, colon);
      String b = s.substring(colon + 1);
      if (a.equals("~")) {
        start = Double.NEGATIVE_INFINITY;
      } else if (!a.isEmpty()) {
        start = number(a, text);
      }
      end = b.isEmpty() ? Double.POSITIVE_INFINITY : number(b, text);
    }
    if (start > end) {
      throw new IllegalArgumentException(
          "range '" + text + "': start " + fmt(start) + " is above end " + fmt(end));
    }
    return new Range(start, end, inside, text.strip());
  }

  private static double number(String s, String whole) {
    try {
      double v = new BigDecimal(s).doubleValue();
      if (Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("range '" + whole + "': '" + s + "' is not a number");
    }
  }

  /** True when {@code value} should raise the alert this range belongs to. */
  public boolean alerts(double value) {
    boolean within = value >= start && value <= end;
    return inside == within;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v)
        ? Long.toString((long) v)
        : Double.toString(v);
  }

  @Override
  public String toString() {
    return text;
  }
}
