package org.iptraf.agent.snmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.cfg.EngineBootsCounterFile;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Sends IPTRAF-AGENT-MIB's {@code iptrafAlarmStateChange} as a trap to every configured target on
 * each alarm state change, with the varbinds the MIB declares (after sysUpTime.0 and
 * snmpTrapOID.0), instance = the alarm name's index.
 *
 * <p>SNMPv2c with a community, or SNMPv3 authPriv as one of the agent's users. A v3 trap's sender
 * is the authoritative engine (RFC 3414 section 1.5.1): its keys are localised to the agent's own
 * snmpEngineID, which a receiver must be told (Net-SNMP: {@code createUser -e ENGINEID ...}).
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
  private final SnmpUser user;
  private final LongSupplier uptimeMillis;
  private final Snmp snmp;

  /**
   * @param targets {@code host:port} (IPv6 as {@code [addr]:port})
   * @param community the v2c community; unused when {@code user} is given
   * @param user the SNMPv3 user whose keys sign and encrypt the traps, or null for v2c
   * @param stateDir where the agent keeps its engine ID ({@code snmp.stateDir})
   * @param uptimeMillis milliseconds since the agent started (sysUpTime)
   */
  public AlarmNotifier(
      String rootOid,
      List<String> targets,
      String community,
      SnmpUser user,
      Path stateDir,
      LongSupplier uptimeMillis)
      throws IOException {
    this.root = new OID(rootOid);
    for (String t : targets) {
      this.targets.add(address(t));
    }
    this.community = new OctetString(community);
    this.user = user;
    this.uptimeMillis = uptimeMillis;
    this.snmp =
        user == null ? new Snmp(new DefaultUdpTransportMapping()) : v3Session(user, stateDir);
    snmp.listen();
  }

  /** A session that speaks only SNMPv3, with the user's keys localised to the agent's engine. */
  private static Snmp v3Session(SnmpUser user, Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    EngineBootsCounterFile file = SnmpAgent.engineFile(stateDir);
    OctetString engineId = SnmpAgent.engineId(file);
    SecurityProtocols protocols =
        new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.defaultSecurity);
    USM usm = new USM(protocols, engineId, file.getEngineBoots());
    usm.addUser(user.usmUser(), engineId);
    SecurityModels models = new SecurityModels();
    models.addSecurityModel(usm);
    MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
    dispatcher.addMessageProcessingModel(
        new MPv3(engineId.getValue(), null, protocols, models, new CounterSupport()));
    return new Snmp(dispatcher, new DefaultUdpTransportMapping());
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
      try {
        snmp.send(pdu, target(a));
      } catch (IOException e) {
        log.warn("cannot send the alarm notification to {}: {}", a, e.getMessage());
      }
    }
  }

  private Target<Address> target(Address a) {
    if (user == null) {
      CommunityTarget<Address> t = new CommunityTarget<>(a, community);
      t.setVersion(SnmpConstants.version2c);
      return t;
    }
    UserTarget<Address> t = new UserTarget<>();
    t.setAddress(a);
    t.setVersion(SnmpConstants.version3);
    t.setSecurityLevel(SecurityLevel.AUTH_PRIV);
    t.setSecurityName(new OctetString(user.name()));
    return t;
  }

  PDU notification(AlarmStatus s) {
    PDU pdu = user == null ? new PDU() : new ScopedPDU();
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
