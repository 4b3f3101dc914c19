package org.iptraf.agent.stats;

/** TCP flag bytes as letters, in header bit order from the low end: F S R P A U E C. */
public final class TcpFlags {
  private static final char[] LETTERS = {'F', 'S', 'R', 'P', 'A', 'U', 'E', 'C'};

  /** Every flag byte's letters, made once: reports write four per connection. */
  private static final String[] TEXT = new String[1 << LETTERS.length];

  static {
    for (int flags = 0; flags < TEXT.length; flags++) {
      StringBuilder s = new StringBuilder(LETTERS.length);
      for (int bit = 0; bit < LETTERS.length; bit++) {
        if ((flags & (1 << bit)) != 0) {
          s.append(LETTERS[bit]);
        }
      }
      TEXT[flags] = s.toString();
    }
  }

  private TcpFlags() {}

  /** The letters of the low eight bits of {@code flags}. */
  public static String text(int flags) {
    return TEXT[flags & (TEXT.length - 1)];
  }
}
