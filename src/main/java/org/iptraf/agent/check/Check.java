package org.iptraf.agent.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.iptraf.agent.threshold.MetricCatalog;
import org.iptraf.agent.threshold.Range;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * The check plugin's logic: reads named metrics from a running agent in one GET, compares each with
 * its warning and critical ranges, and says it in one status line with perfdata.
 *
 * <p>{@code alarm:NAME} reads an agent-side alarm's state; without thresholds of its own, the
 * alarm's state is the metric's status.
 */
public final class Check {
  static final String ALARM_PREFIX = "alarm:";

  /** A metric to read and its thresholds (either may be null). */
  public record Request(String metric, Range warning, Range critical) {}

  /** What the plugin prints and returns. */
  public record Result(Status status, String output) {}

  private record Planned(
      Request request, MetricCatalog.Resolved resolved, OID oid, OID capacityOid) {}

  private final OID root;

  public Check(String rootOid) {
    this.root = new OID(rootOid);
  }

  /** Reads and judges every request; never throws for the agent's faults (UNKNOWN instead). */
  public Result run(List<Request> requests, MibReader reader) {
    try {
      return judge(requests, plan(requests, reader), reader);
    } catch (SnmpSource.SnmpFailure e) {
      return unknown(e.getMessage());
    } catch (IllegalArgumentException e) {
      return unknown(e.getMessage());
    }
  }

  public static Result unknown(String why) {
    return new Result(Status.UNKNOWN, "IPTRAF UNKNOWN - " + why);
  }

  private List<Planned> plan(List<Request> requests, MibReader reader)
      throws SnmpSource.SnmpFailure {
    Map<String, Integer> ifIndex = null;
    List<Planned> plan = new ArrayList<>();
    for (Request r : requests) {
      if (r.metric().startsWith(ALARM_PREFIX)) {
        String name = r.metric().substring(ALARM_PREFIX.length());
        byte[] octets = name.getBytes(StandardCharsets.UTF_8);
        if (octets.length == 0 || octets.length > 32) {
          throw new IllegalArgumentException("alarm name '" + name + "' must be 1-32 bytes");
        }
        OID oid = oid(MetricCatalog.ALARM_STATE_COLUMN);
        oid.append(octets.length);
        for (byte b : octets) {
          oid.append(b & 0xFF);
        }
        plan.add(new Planned(r, null, oid, null));
        continue;
      }
      MetricCatalog.Resolved m =
          MetricCatalog.resolve(r.metric())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown metric '" + r.metric() + "' (--list shows them)"));
      MetricCatalog.Definition d = m.definition();
      switch (d.source()) {
        case SCALAR -> plan.add(new Planned(r, m, scalar(d.oidSuffix()), null));
        case FILL ->
            plan.add(new Planned(r, m, scalar(d.oidSuffix()), scalar(d.capacityOidSuffix())));
        case INTERFACE -> {
          if (ifIndex == null) {
            ifIndex = interfaces(reader);
          }
          Integer index = ifIndex.get(m.interfaceName());
          if (index == null) {
            throw new IllegalArgumentException(
                "the agent has no interface '"
                    + m.interfaceName()
                    + "' (it has: "
                    + String.join(", ", ifIndex.keySet())
                    + ")");
          }
          OID oid = oid(MetricCatalog.IF_TABLE_ENTRY);
          oid.append(Integer.parseInt(d.oidSuffix()));
          oid.append(index);
          plan.add(new Planned(r, m, oid, null));
        }
        default -> throw new IllegalStateException(d.source().toString());
      }
    }
    return plan;
  }

  private Map<String, Integer> interfaces(MibReader reader) throws SnmpSource.SnmpFailure {
    OID column = oid(MetricCatalog.IF_NAME_COLUMN);
    Map<String, Integer> byName = new LinkedHashMap<>();
    for (VariableBinding vb : reader.walk(column)) {
      byName.put(vb.getVariable().toString(), vb.getOid().last());
    }
    return byName;
  }

  private Result judge(List<Request> requests, List<Planned> plan, MibReader reader)
      throws SnmpSource.SnmpFailure {
    List<OID> oids = new ArrayList<>();
    for (Planned p : plan) {
      oids.add(p.oid());
      if (p.capacityOid() != null) {
        oids.add(p.capacityOid());
      }
    }
    Map<OID, Variable> values = new HashMap<>(reader.get(oids));
    Status status = Status.OK;
    List<String> alerts = new ArrayList<>();
    List<String> quiet = new ArrayList<>();
    List<String> perf = new ArrayList<>();
    for (Planned p : plan) {
      Request r = p.request();
      Variable v = values.get(p.oid());
      if (v == null) {
        status = status.worst(Status.UNKNOWN);
        alerts.add(r.metric() + " not available from the agent");
        continue;
      }
      double value = number(v);
      if (p.capacityOid() != null) {
        Variable cap = values.get(p.capacityOid());
        double c = cap == null ? 0 : number(cap);
        value = c <= 0 ? 0 : 100.0 * value / c;
      }
      Status s;
      if (p.resolved() == null && r.warning() == null && r.critical() == null) {
        int code = (int) value;
        s = code >= 0 && code <= 3 ? Status.values()[code] : Status.UNKNOWN;
      } else if (r.critical() != null && r.critical().alerts(value)) {
        s = Status.CRITICAL;
      } else if (r.warning() != null && r.warning().alerts(value)) {
        s = Status.WARNING;
      } else {
        s = Status.OK;
      }
      status = status.worst(s);
      String shown =
          r.metric()
              + " "
              + format(value)
              + (p.resolved() == null
                  ? " ("
                      + Status.values()[Math.max(0, Math.min(3, (int) value))]
                          .name()
                          .toLowerCase(Locale.ROOT)
                      + ")"
                  : "");
      (s == Status.OK ? quiet : alerts)
          .add(s == Status.OK ? shown : shown + " " + s.name().toLowerCase(Locale.ROOT));
      perf.add(perfdata(p, value));
    }
    List<String> parts = new ArrayList<>(alerts);
    parts.addAll(quiet);
    String line = "IPTRAF " + status.name() + " - " + String.join(", ", parts);
    return new Result(status, perf.isEmpty() ? line : line + " | " + String.join(" ", perf));
  }

  /** {@code 'label'=value[UOM];[warn];[crit];[min];[max]}. */
  private static String perfdata(Planned p, double value) {
    Request r = p.request();
    String uom = p.resolved() == null ? "" : p.resolved().definition().uom();
    String max = uom.equals("%") ? "100" : "";
    return "'"
        + r.metric().replace("'", "''")
        + "'="
        + format(value)
        + uom
        + ";"
        + (r.warning() == null ? "" : r.warning().text())
        + ";"
        + (r.critical() == null ? "" : r.critical().text())
        + ";0;"
        + max;
  }

  private static double number(Variable v) {
    try {
      return v.toLong();
    } catch (UnsupportedOperationException e) {
      try {
        return Double.parseDouble(v.toString());
      } catch (NumberFormatException n) {
        throw new IllegalArgumentException("value " + v + " is not a number");
      }
    }
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private OID scalar(String suffix) {
    OID o = oid(suffix);
    o.append(0);
    return o;
  }

  private OID oid(String suffix) {
    OID o = new OID(root);
    o.append(new OID(suffix));
    return o;
  }
}
