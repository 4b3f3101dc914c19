package org.iptraf.agent.check;

/** Plugin states and their exit codes (Monitoring Plugins development guidelines). */
public enum Status {
  OK,
  WARNING,
  CRITICAL,
  UNKNOWN;

  public int exitCode() {
    return ordinal();
  }

  Status worst(Status other) {
    // UNKNOWN outranks OK and WARNING but not CRITICAL, as check_snmp and most plugins do
    if (this == CRITICAL || other == CRITICAL) {
      return CRITICAL;
    }
    if (this == UNKNOWN || other == UNKNOWN) {
      return UNKNOWN;
    }
    return this == WARNING || other == WARNING ? WARNING : OK;
  }
}
