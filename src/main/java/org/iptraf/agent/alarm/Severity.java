package org.iptraf.agent.alarm;

/** Alarm states, numbered as Nagios exit codes and as the MIB's IptrafAlarmSeverity. */
public enum Severity {
  OK,
  WARNING,
  CRITICAL,
  UNKNOWN;

  /** The MIB value and Nagios exit code. */
  public int code() {
    return ordinal();
  }

  /** {@code ok}, {@code warning}, ... as the MIB's enumeration labels. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
