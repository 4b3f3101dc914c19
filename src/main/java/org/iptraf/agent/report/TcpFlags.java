package org.iptraf.agent.report;

/** TCP flag bytes as letters, in header bit order from the low end: F S R P A U E C. */
public final class TcpFlags {
  private static final char[] LETTERS = {'F', 'S', 'R', 'P', 'A', 'U', 'E', 'C'};

  private TcpFlags() {}

  public static String text(int flags) {
    StringBuilder s = new StringBuilder(8);
    for (int bit = 0; bit < LETTERS.length; bit++) {
      if ((flags & (1 << bit)) != 0) {
        s.append(LETTERS[bit]);
      }
    }
    return s.toString();
  }
}
