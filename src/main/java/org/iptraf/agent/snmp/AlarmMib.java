package org.iptraf.agent.snmp;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.iptraf.agent.alarm.AlarmStatus;
import org.iptraf.agent.mib.Mib;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.OID;

/**
 * iptrafAlarmTable and iptrafAlarmCount (docs/MIB.md): the agent's threshold alarms, one row per
 * alarm indexed by its name (length, then octets), served from the alarm engine's last states.
 */
final class AlarmMib {
  /* Below R, from the MIB file. */
  static final String ALARM_ENTRY = AlarmNotifier.ALARM_ENTRY;
  static final String ALARM_COUNT = Mib.iptrafAgent().scalar("iptrafAlarmCount");

  private final OID root;
  private final Supplier<List<AlarmStatus>> alarms;

  AlarmMib(OID root, Supplier<List<AlarmStatus>> alarms) {
    this.root = root;
    this.alarms = alarms;
  }

  List<ManagedObject<?>> objects(LongSupplier sysUpTime) {
    List<ReadOnlyTable.Column<AlarmStatus>> columns =
        List.of(
            Cols.string(AlarmNotifier.METRIC, AlarmStatus::metric),
            Cols.string(AlarmNotifier.VALUE, AlarmStatus::valueText),
            Cols.integer(AlarmNotifier.STATE, s -> s.state().code()),
            Cols.integer(AlarmNotifier.PREVIOUS_STATE, s -> s.previousState().code()),
            Cols.octets(AlarmNotifier.SINCE, s -> AlarmNotifier.dateAndTime(s.sinceMillis())),
            Cols.string(AlarmNotifier.WARNING, AlarmStatus::warning),
            Cols.string(AlarmNotifier.CRITICAL, AlarmStatus::critical));
    ReadOnlyTable<AlarmStatus> table =
        ReadOnlyTable.of(oid(ALARM_ENTRY), columns, s -> AlarmNotifier.nameIndex(s.name()), alarms);
    ReadOnlyScalar<Gauge32> count =
        new ReadOnlyScalar<>(
            oid(ALARM_COUNT), (SubRequest<?> sub) -> new Gauge32(alarms.get().size()));
    return List.of(table, count);
  }

  private OID oid(String suffix) {
    OID o = new OID(root);
    o.append(new OID(suffix));
    return o;
  }
}
