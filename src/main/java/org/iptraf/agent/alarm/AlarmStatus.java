package org.iptraf.agent.alarm;

/**
 * The current state of one alarm: a row of iptrafAlarmTable and of JMX type=Alarms.
 *
 * @param value the metric's last value, NaN when it could not be read (state UNKNOWN)
 * @param sinceMillis wall-clock time the current state began
 * @param warning the warning range as configured, "" if none
 * @param critical the critical range as configured, "" if none
 */
public record AlarmStatus(
    String name,
    String metric,
    double value,
    Severity state,
    Severity previousState,
    long sinceMillis,
    String warning,
    String critical) {

  /** The value as text: an integer when it is one, else three decimals; "unknown" for NaN. */
  public String valueText() {
    if (Double.isNaN(value)) {
      return "unknown";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(java.util.Locale.ROOT, "%.3f", value);
  }
}
