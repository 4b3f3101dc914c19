package org.iptraf.agent.alarm;

import org.iptraf.agent.threshold.MetricCatalog;
import org.iptraf.agent.threshold.Range;

/**
 * One alarm's state machine: the state the thresholds give now, held back by hysteresis (a value
 * must come back inside a range by a margin before the alarm clears) and by a hold time (a new
 * state must last before it is reported), so the state does not flap around a threshold.
 */
final class Alarm {
  final String name;
  final MetricCatalog.Resolved metric;
  final Range warning;
  final Range critical;
  private final double hysteresis;
  private final long holdMillis;

  private Severity state = Severity.OK;
  private Severity previous = Severity.OK;
  private long since;
  private Severity pending;
  private long pendingSince;
  private double value = Double.NaN;

  Alarm(
      String name,
      MetricCatalog.Resolved metric,
      Range warning,
      Range critical,
      double hysteresis,
      long holdMillis,
      long startMillis) {
    this.name = name;
    this.metric = metric;
    this.warning = warning;
    this.critical = critical;
    this.hysteresis = hysteresis;
    this.holdMillis = holdMillis;
    this.since = startMillis;
  }

  /**
   * Takes a new value (NaN when unreadable).
   *
   * @return true when the reported state changed
   */
  boolean update(double v, long nowMillis) {
    value = v;
    Severity target = Double.isNaN(v) ? Severity.UNKNOWN : evaluate(v);
    if (target == state) {
      pending = null;
      return false;
    }
    if (pending != target) {
      pending = target;
      pendingSince = nowMillis;
    }
    if (nowMillis - pendingSince < holdMillis) {
      return false;
    }
    previous = state;
    state = target;
    since = nowMillis;
    pending = null;
    return true;
  }

  /** The state the ranges give, staying in the current alarm until clear of it by the margin. */
  private Severity evaluate(double v) {
    Severity raw = raw(v, 0);
    if (hysteresis > 0 && state != Severity.UNKNOWN && raw.ordinal() < state.ordinal()) {
      // going down only as far as the value is clear of the ranges by the margin
      Severity held = raw(v, hysteresis);
      return held.ordinal() < state.ordinal() ? held : state;
    }
    return raw;
  }

  private Severity raw(double v, double margin) {
    if (alerts(critical, v, margin)) {
      return Severity.CRITICAL;
    }
    if (alerts(warning, v, margin)) {
      return Severity.WARNING;
    }
    return Severity.OK;
  }

  private static boolean alerts(Range r, double v, double margin) {
    return r != null
        && (r.alerts(v) || (margin > 0 && (r.alerts(v - margin) || r.alerts(v + margin))));
  }

  AlarmStatus status() {
    return new AlarmStatus(
        name,
        metric.name(),
        value,
        state,
        previous,
        since,
        warning == null ? "" : warning.text(),
        critical == null ? "" : critical.text());
  }
}
