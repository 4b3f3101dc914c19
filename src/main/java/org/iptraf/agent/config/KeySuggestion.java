package org.iptraf.agent.config;

import java.util.Locale;
import java.util.Set;

/** The known key an unknown one was probably meant to be: the nearest by edit distance. */
final class KeySuggestion {

  private KeySuggestion() {}

  /** " (did you mean KEY?)" for the nearest known key within 3 edits, or "". */
  static String of(String key, Set<String> known) {
    String best = null;
    int bestDistance = 4;
    for (String k : known) {
      int d = distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best == null ? "" : " (did you mean " + best + "?)";
  }

  private static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diag = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int up = row[j];
        row[j] =
            Math.min(
                Math.min(row[j] + 1, row[j - 1] + 1),
                diag + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diag = up;
      }
    }
    return row[b.length()];
  }
}
