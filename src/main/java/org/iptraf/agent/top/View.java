package org.iptraf.agent.top;

/** What the user chose: the screen, scrolling, filter, order, pause, the detailed interface. */
final class View {
  Screen screen = Screen.IP;

  /** The first entry shown of the screen's scrolling section (from 0). */
  int offset;

  /** Lower-case text an entry must contain to be shown; empty: all. */
  String filter = "";

  /** Whether keys are typed into the filter (after '/', until Enter or Esc). */
  boolean editingFilter;

  boolean paused;

  /** The IP traffic monitor's order, as IptrafTopOrder: 1 bytes, 2 packets, 3 age. */
  int order = 1;

  /** The interface of the detailed statistics, by position in the agent's interface table. */
  int interfacePosition;

  /** The interface of the detailed statistics by name ({@code --interface}); null: by position. */
  String interfaceName;

  static String orderName(int order) {
    return switch (order) {
      case 2 -> "packets";
      case 3 -> "age";
      default -> "bytes";
    };
  }
}
