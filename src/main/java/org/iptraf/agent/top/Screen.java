package org.iptraf.agent.top;

import java.util.Locale;

/** IPTraf's screens, each with the key that shows it (in the footer, as iptraf-ng's menu). */
public enum Screen {
  IP('i', "IP traffic monitor"),
  GENERAL('g', "General interface statistics"),
  DETAIL('d', "Detailed interface statistics"),
  SIZES('s', "Packet sizes"),
  STATIONS('l', "LAN stations"),
  PORTS('p', "TCP/UDP ports"),
  ALARMS('a', "Alarms");

  final char key;
  final String title;

  Screen(char key, String title) {
    this.key = key;
    this.title = title;
  }

  /** The screen of a key, or null. */
  static Screen ofKey(int key) {
    for (Screen s : values()) {
      if (s.key == key) {
        return s;
      }
    }
    return null;
  }

  /** The name {@code --screen} takes: {@code ip}, {@code general}, ... */
  public String option() {
    return name().toLowerCase(Locale.ROOT);
  }
}
