package org.iptraf.agent.snmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.iptraf.agent.alarm.AlarmEngine;
import org.iptraf.agent.alarm.AlarmStatus;
import org.iptraf.agent.mib.Mib;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Sends IPTRAF-AGENT-MIB's {@code iptrafAlarmStateChange} as an SNMPv2c trap to every configured
 * target on each alarm state change, with the varbinds the MIB declares (after sysUpTime.0 and
 * snmpTrapOID.0), instance = the alarm name's index.
 */
public final class AlarmNotifier implements AlarmEngine.Listener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlarmNotifier.class);

  /* Below R = snmp.rootOid, from the MIB file. */
  private static final Mib MIB = Mib.iptrafAgent();
  static final String NOTIFICATION = MIB.oid("iptrafAlarmStateChange");
  static final String ALARM_ENTRY = MIB.oid("iptrafAlarmEntry");
  static final int METRIC = MIB.column("iptrafAlarmEntry", "iptrafAlarmMetric");
  static final int VALUE = MIB.column("iptrafAlarmEntry", "iptrafAlarmValue");
  static final int STATE = MIB.column("iptrafAlarmEntry", "iptrafAlarmState");
  static final int PREVIOUS_STATE = MIB.column("iptrafAlarmEntry", "iptrafAlarmPrevState");
  static final int SINCE = MIB.column("iptrafAlarmEntry", "iptrafAlarmSince");
  static final int WARNING = MIB.column("iptrafAlarmEntry", "iptrafAlarmWarning");
  static final int CRITICAL = MIB.column("iptrafAlarmEntry", "iptrafAlarmCritical");

  private final OID root;
  private final List<Address> targets = new ArrayList<>();
  private final OctetString community;
  private final LongSupplier uptimeMillis;
  private final Snmp snmp;

  /**
   * @param targets {@code host:port} (IPv6 as {@code [addr]:port})
   * @param uptimeMillis milliseconds since the agent started (sysUpTime)
   */
  public AlarmNotifier(
      String rootOid, List<String> targets, String community, LongSupplier uptimeMillis)
      throws IOException {
    this.root = new OID(rootOid);
    for (String t : targets) {
      this.targets.add(address(t));
    }
    this.community = new OctetString(community);
    this.uptimeMillis = uptimeMillis;
    this.snmp = new Snmp(new DefaultUdpTransportMapping());
    snmp.listen();
  }

  /**
   * Checks a {@code snmp.trapTargets} entry without opening anything.
   *
   * @throws IllegalArgumentException naming the target and what is expected
   */
  public static void checkTarget(String target) {
    address(target);
  }

  /** Parses {@code host:port} or {@code [v6]:port}; the error names the target. */
  static Address address(String target) {
    String t = target.strip();
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      throw new IllegalArgumentException("trap target '" + target + "': expected host:port");
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    Address a = GenericAddress.parse("udp:" + host + "/" + t.substring(colon + 1));
    if (a == null) {
      throw new IllegalArgumentException("trap target '" + target + "': not an address");
    }
    return a;
  }

  @Override
  public void changed(AlarmStatus s) {
    PDU pdu = notification(s);
    for (Address a : targets) {
      CommunityTarget<Address> target = new CommunityTarget<>(a, community);
      target.setVersion(SnmpConstants.version2c);
      try {
        snmp.send(pdu, target);
      } catch (IOException e) {
        log.warn("cannot send the alarm notification to {}: {}", a, e.getMessage());
      }
    }
  }

  PDU notification(AlarmStatus s) {
    PDU pdu = new PDU();
    pdu.setType(PDU.TRAP);
    pdu.add(
        new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(uptimeMillis.getAsLong() / 10)));
    pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, oid(NOTIFICATION)));
    OID index = nameIndex(s.name());
    pdu.add(column(METRIC, index, new OctetString(s.metric())));
    pdu.add(column(VALUE, index, new OctetString(s.valueText())));
    pdu.add(column(STATE, index, new Integer32(s.state().code())));
    pdu.add(column(PREVIOUS_STATE, index, new Integer32(s.previousState().code())));
    pdu.add(column(SINCE, index, new OctetString(dateAndTime(s.sinceMillis()))));
    pdu.add(column(WARNING, index, new OctetString(s.warning())));
    pdu.add(column(CRITICAL, index, new OctetString(s.critical())));
    return pdu;
  }

  private VariableBinding column(int column, OID index, org.snmp4j.smi.Variable v) {
    OID o = oid(ALARM_ENTRY);
    o.append(column);
    o.append(index);
    return new VariableBinding(o, v);
  }

  /** The alarm table's index: the name's length, then its octets (not IMPLIED). */
  static OID nameIndex(String name) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    OID o = new OID();
    o.append(b.length);
    for (byte x : b) {
      o.append(x & 0xFF);
    }
    return o;
  }

  /** SNMPv2-TC DateAndTime, 11 octets, UTC. */
  static byte[] dateAndTime(long millis) {
    ZonedDateTime t = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
    return new byte[] {
      (byte) (t.getYear() >>> 8),
      (byte) t.getYear(),
      (byte) t.getMonthValue(),
      (byte) t.getDayOfMonth(),
      (byte) t.getHour(),
      (byte) t.getMinute(),
      (byte) t.getSecond(),
      (byte) (t.getNano() / 100_000_000),
      (byte) '+',
      0,
      0
    };
  }

  private OID oid(String suffix) {
    OID o = new OID(root);
    o.append(new OID(suffix));
    return o;
  }

  @Override
  public void close() {
    try {
      snmp.close();
    } catch (IOException e) {
      log.debug("closing the notification socket: {}", e.toString());
    }
  }
}
