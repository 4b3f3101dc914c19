package org.iptraf.agent.config;

/**
 * One threshold alarm from the config ({@code alarm.NAME.*}), checked by the agent every second.
 * Ranges and metric names are validated when the alarms are built, with {@link #where} naming the
 * file and line for the message.
 *
 * @param metric a metric name as {@code iptraf-agent check --list} shows it, e.g. {@code
 *     eth0:inBps} or {@code kernelDropRate}
 * @param warning a Monitoring Plugins range, or null
 * @param critical a Monitoring Plugins range, or null
 * @param hysteresis how far (in the metric's unit) a value must come back inside a range before the
 *     alarm clears, so it does not flap around the threshold
 * @param holdSeconds how long a new state must last before it is reported
 * @param where {@code file:line} of the alarm's metric key
 * @param places {@code file:line} of each of the alarm's keys given, by part ({@code warning},
 *     {@code critical}, ...)
 */
public record AlarmRule(
    String name,
    String metric,
    String warning,
    String critical,
    double hysteresis,
    int holdSeconds,
    String where,
    java.util.Map<String, String> places) {

  /** {@code file:line} of the key {@code alarm.NAME.part}, or of the metric key if not given. */
  public String where(String part) {
    return places.getOrDefault(part, where);
  }
}
