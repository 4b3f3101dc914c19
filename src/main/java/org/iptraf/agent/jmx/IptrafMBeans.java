package org.iptraf.agent.jmx;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.iptraf.agent.stats.AgentFacts;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.SnapshotSource;
import org.iptraf.agent.stats.TablesSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the agent's MBeans in domain {@code iptraf} and keeps one {@code
 * type=Interface,name=<if>} per interface of the latest snapshot: a refresh once a second registers
 * interfaces that appeared and unregisters those that vanished.
 *
 * <p>Every MBean reads snapshots only; a registration that fails is logged and skipped (STYLE 9).
 */
public final class IptrafMBeans implements AutoCloseable {
  public static final String DOMAIN = "iptraf";
  private static final Logger log = LoggerFactory.getLogger(IptrafMBeans.class);

  /** Characters that force a quoted ObjectName value. */
  private static final Pattern NEEDS_QUOTES = Pattern.compile("[,=:\"*?\\\\\n]");

  private final MBeanServer server;
  private final SnapshotSource snapshots;
  private final Set<ObjectName> fixed = new HashSet<>();
  private final Map<String, ObjectName> interfaces = new LinkedHashMap<>();

  private IptrafMBeans(MBeanServer server, SnapshotSource snapshots) {
    this.server = server;
    this.snapshots = snapshots;
  }

  /**
   * Registers every MBean now; the interface MBeans follow the interfaces at each {@link
   * #refresh()} (the agent calls it once a second).
   */
  public static IptrafMBeans start(
      MBeanServer server, SnapshotSource snapshots, TableCommands commands, AgentFacts facts) {
    IptrafMBeans m = new IptrafMBeans(server, snapshots);
    m.register(name("Agent"), new Agent(facts, System::currentTimeMillis, commands, snapshots));
    m.register(
        name("Capture"),
        new SnapshotMBean<>(
            "whole-capture counters and packet sizes", Columns.capture(), snapshots::snapshot));
    m.table(Columns.tcp(), "the IP traffic monitor's TCP connections");
    m.table(Columns.flows(), "UDP, ICMP, other IP and non-IP flows");
    m.table(Columns.ports(), "traffic per TCP and UDP port");
    m.table(Columns.stations(), "the LAN station monitor, per MAC address");
    m.table(Columns.vlans(), "traffic per VLAN id and interface");
    m.refresh();
    return m;
  }

  /** Registers {@code iptraf:type=Alarms}: the alarms' states as a table, in config order. */
  public void alarms(
      java.util.function.Supplier<List<org.iptraf.agent.alarm.AlarmStatus>> statuses) {
    table(Columns.alarms(statuses), "threshold alarms the agent checks every second");
  }

  /** Registers {@code iptraf:type=IpfixExport}: the IPFIX export's counters. */
  public void flowExport(org.iptraf.agent.stats.ExportCounters counters) {
    register(name("IpfixExport"), new FlowExport(counters));
  }

  /** {@code iptraf:type=<type>}. */
  public static ObjectName name(String type) {
    return objectName("type=" + type);
  }

  /** {@code iptraf:type=Interface,name=<if>}, the name quoted where ObjectName needs it. */
  public static ObjectName interfaceName(String ifName) {
    String value = NEEDS_QUOTES.matcher(ifName).find() ? ObjectName.quote(ifName) : ifName;
    return objectName("type=Interface,name=" + value);
  }

  private static ObjectName objectName(String properties) {
    try {
      return new ObjectName(DOMAIN + ":" + properties);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException(properties, e);
    }
  }

  private <T> void table(RowTable<T> table, String description) {
    register(name(table.name()), new TableMBean<>(table, snapshots, description));
  }

  /** Registers and unregisters interface MBeans to match the latest snapshot. */
  public synchronized void refresh() {
    TablesSnapshot s = snapshots.counters(); // interfaces only
    Set<String> now = new HashSet<>();
    for (InterfaceSnapshot i : s.interfaces()) {
      now.add(i.name());
      if (!interfaces.containsKey(i.name())) {
        String ifName = i.name();
        ObjectName on = interfaceName(ifName);
        if (register(
            on,
            new SnapshotMBean<>(
                "interface " + ifName,
                Columns.iface(),
                () -> find(snapshots.snapshot(), ifName)))) {
          interfaces.put(ifName, on);
        }
      }
    }
    interfaces
        .entrySet()
        .removeIf(
            e -> {
              if (now.contains(e.getKey())) {
                return false;
              }
              unregister(e.getValue());
              return true;
            });
  }

  private static InterfaceSnapshot find(TablesSnapshot s, String name) {
    for (InterfaceSnapshot i : s.interfaces()) {
      if (i.name().equals(name)) {
        return i;
      }
    }
    return null;
  }

  private boolean register(ObjectName name, Object mbean) {
    try {
      server.registerMBean(mbean, name);
      if (!name.getKeyProperty("type").equals("Interface")) {
        fixed.add(name);
      }
      return true;
    } catch (JMException | RuntimeException e) {
      log.warn("cannot register {}: {}", name, e.toString());
      return false;
    }
  }

  private void unregister(ObjectName name) {
    try {
      server.unregisterMBean(name);
    } catch (JMException | RuntimeException e) {
      log.debug("unregistering {}: {}", name, e.toString());
    }
  }

  /** The object names registered now. */
  public synchronized List<ObjectName> registered() {
    List<ObjectName> all = new java.util.ArrayList<>(fixed);
    all.addAll(interfaces.values());
    return all;
  }

  @Override
  public synchronized void close() {
    for (ObjectName n : registered()) {
      unregister(n);
    }
    fixed.clear();
    interfaces.clear();
  }
}
