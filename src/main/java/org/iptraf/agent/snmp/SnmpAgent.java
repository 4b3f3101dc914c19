package org.iptraf.agent.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iptraf.agent.stats.AgentFacts;
import org.iptraf.agent.stats.SnapshotSource;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.SNMP4JSettings;
import org.snmp4j.agent.AgentState;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.snmp.StorageType;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.agent.security.MutableVACM;
import org.snmp4j.cfg.EngineBootsCounterFile;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.util.ThreadPool;

/**
 * The embedded SNMP agent: read-only views over the iptraf subtree and the standard system and snmp
 * groups, a v2c community from allowed sources only, and SNMPv3 users with authPriv.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #stop()} (or {@link #close()}) once. Values are read
 * from {@link SnapshotSource#snapshot()} on every read, from whatever thread SNMP4J's worker pool
 * uses; the source returns an immutable snapshot and never blocks.
 */
public final class SnmpAgent implements AutoCloseable {

  /** The v2c community's VACM security name and group. */
  private static final OctetString COMMUNITY_SECURITY_NAME = new OctetString("iptrafCommunity");

  private static final OctetString COMMUNITY_GROUP = new OctetString("iptrafCommunityReaders");
  private static final OctetString USER_GROUP = new OctetString("iptrafUserReaders");
  private static final OctetString READ_VIEW = new OctetString("iptrafRead");
  private static final OctetString NO_VIEW = new OctetString();

  /** Subtrees every reader may see; SNMP4J's own (1.3.6.1.4.1.4976) is in none of them. */
  private static final List<OID> STANDARD_SUBTREES =
      List.of(
          new OID("1.3.6.1.2.1.1"), // SNMPv2-MIB system
          new OID("1.3.6.1.2.1.11"), // SNMPv2-MIB snmp (snmpInBadCommunityNames...)
          new OID("1.3.6.1.2.1.16"), // RMON-MIB rmon, with HC-RMON's etherStatsHighCapacityTable
          new OID("1.3.6.1.6.3.10.2.1")); // SNMP-FRAMEWORK-MIB snmpEngine

  /** Where the engine ID and boot counter live in the state directory. */
  static final String ENGINE_FILE = "snmp-engine-boots";

  private final SnmpSettings settings;
  private final SnapshotSource source;
  private final AgentFacts facts;
  private final OID root;
  private volatile java.util.function.Supplier<java.util.List<org.iptraf.agent.alarm.AlarmStatus>>
      alarms = java.util.List::of;
  private volatile org.iptraf.agent.stats.ExportCounters ipfix =
      org.iptraf.agent.stats.ExportCounters.NONE;

  private ThreadPool workers;
  private UdpTransport transport;
  private volatile IptrafConfigManager manager;

  /**
   * @param settings validated settings
   * @param source the latest tables; called once per request
   * @param facts the source's kind and names and the tables' caps
   */
  public SnmpAgent(SnmpSettings settings, SnapshotSource source, AgentFacts facts) {
    this.settings = settings;
    this.source = source;
    this.facts = facts;
    this.root = new OID(settings.rootOid());
  }

  /** An agent without source facts (kind pcap, no names, caps 0). */
  public SnmpAgent(SnmpSettings settings, SnapshotSource source) {
    this(settings, source, AgentFacts.NONE);
  }

  /** The IPFIX export's counters, served under iptrafIpfix; call before {@link #start}. */
  public void ipfix(org.iptraf.agent.stats.ExportCounters counters) {
    this.ipfix = counters;
  }

  /** Where iptrafAlarmTable's rows come from (the alarm engine); call before {@link #start}. */
  public void alarms(
      java.util.function.Supplier<java.util.List<org.iptraf.agent.alarm.AlarmStatus>> source) {
    this.alarms = source;
  }

  /**
   * Binds the UDP port and starts answering.
   *
   * @throws IOException when the state directory cannot be written or the port cannot be bound
   * @throws IllegalStateException when already started
   */
  public synchronized void start() throws IOException {
    if (manager != null) {
      throw new IllegalStateException("SNMP agent already started");
    }
    Files.createDirectories(settings.stateDir());
    EngineBootsCounterFile boots = engineFile(settings.stateDir());
    OctetString engineId = engineId(boots);

    // Library-wide setting (SNMP4J keeps it in a static): without it an unknown v3 user or a
    // wrong key gets no report PDU, only a timeout (RFC 3414 section 3.2 wants the report).
    SNMP4JSettings.setReportSecurityLevelStrategy(
        SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);

    checkBindable(settings);
    MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
    transport = new UdpTransport(new UdpAddress(settings.bindAddress(), settings.port()));
    dispatcher.addTransportMapping(transport);

    DefaultMOServer server = new DefaultMOServer();
    List<ReadOnlyTable<?>> tables = registerObjects(server);

    workers = ThreadPool.create("iptraf-snmp", 2);
    IptrafConfigManager m =
        new IptrafConfigManager(
            engineId,
            dispatcher,
            server,
            workers,
            boots,
            new OctetString(sysDescr()),
            new OID(root).append("2.1"), // IPTRAF-ROOT-MIB iptrafAgentProduct
            settings.snmpV1());
    // Per-agent security state instead of SNMP4J's process-wide singletons.
    m.setContext(
        new SecurityModels(),
        new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.defaultSecurity),
        new CounterSupport());
    try {
      m.initialize();
      ((IptrafCommandProcessor) m.getCommandProcessor()).readOnlyTables(tables);
      configureSecurity(m, engineId);
      m.configure();
      m.restoreState();
      m.launchAgent();
    } catch (RuntimeException e) {
      shutdown(m);
      throw e;
    }
    if (m.getState() != AgentState.STATE_RUNNING || transport.localPort() < 0) {
      shutdown(m);
      throw new IOException(
          "SNMP agent could not listen on "
              + settings.bindAddress().getHostAddress()
              + ":"
              + settings.port()
              + "/udp (port in use, or the address is not local)");
    }
    manager = m;
  }

  /**
   * Binds and closes a socket on the agent's address first: SNMP4J logs a failed bind and carries
   * on, so without this the only symptom is an agent that is not running, and the reason (a busy
   * port, or an address that is not here, e.g. 127.0.0.1 in a namespace whose lo is down) is lost.
   *
   * @throws java.net.BindException with the system's reason
   */
  private static void checkBindable(SnmpSettings settings) throws IOException {
    if (settings.port() == 0) {
      return;
    }
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket(null)) {
      probe.bind(new java.net.InetSocketAddress(settings.bindAddress(), settings.port()));
    }
  }

  /** The address the agent answers on; the port is the real one when 0 was asked for. */
  public synchronized InetSocketAddress address() {
    if (manager == null) {
      throw new IllegalStateException("SNMP agent not started");
    }
    return new InetSocketAddress(settings.bindAddress(), transport.localPort());
  }

  /** Stops answering and releases the port; safe to call twice. */
  public synchronized void stop() {
    if (manager != null) {
      shutdown(manager);
      manager = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void shutdown(IptrafConfigManager m) {
    try {
      m.shutdown();
    } finally {
      workers.stop();
      try {
        transport.close();
      } catch (IOException e) {
        throw new UncheckedIOException("closing the SNMP port", e);
      }
    }
  }

  private void configureSecurity(IptrafConfigManager m, OctetString engineId) {
    VacmMIB vacm = m.getVacmMIB();
    for (OID subtree : STANDARD_SUBTREES) {
      includeInReadView(vacm, subtree);
    }
    includeInReadView(vacm, root);

    if (settings.community() != null) {
      vacm.addGroup(
          SecurityModel.SECURITY_MODEL_SNMPv2c,
          COMMUNITY_SECURITY_NAME,
          COMMUNITY_GROUP,
          StorageType.readOnly);
      if (settings.snmpV1()) {
        vacm.addGroup(
            SecurityModel.SECURITY_MODEL_SNMPv1,
            COMMUNITY_SECURITY_NAME,
            COMMUNITY_GROUP,
            StorageType.readOnly);
      }
      vacm.addAccess(
          COMMUNITY_GROUP,
          new OctetString(),
          SecurityModel.SECURITY_MODEL_ANY,
          SecurityLevel.NOAUTH_NOPRIV,
          MutableVACM.VACM_MATCH_EXACT,
          READ_VIEW,
          NO_VIEW,
          READ_VIEW,
          StorageType.readOnly);
      m.getCommandProcessor()
          .setCoexistenceProvider(
              new CommunityAccess(
                  settings.community(),
                  COMMUNITY_SECURITY_NAME,
                  engineId,
                  settings.allowedSources()));
    } else {
      m.getCommandProcessor()
          .setCoexistenceProvider(
              new CommunityAccess(null, COMMUNITY_SECURITY_NAME, engineId, List.of()));
    }

    USM usm = m.getUsm();
    for (SnmpUser user : settings.users()) {
      OctetString name = new OctetString(user.name());
      usm.addUser(user.usmUser(), usm.getLocalEngineID());
      vacm.addGroup(SecurityModel.SECURITY_MODEL_USM, name, USER_GROUP, StorageType.readOnly);
    }
    vacm.addAccess(
        USER_GROUP,
        new OctetString(),
        SecurityModel.SECURITY_MODEL_USM,
        SecurityLevel.AUTH_PRIV,
        MutableVACM.VACM_MATCH_EXACT,
        READ_VIEW,
        NO_VIEW,
        READ_VIEW,
        StorageType.readOnly);
  }

  private static void includeInReadView(VacmMIB vacm, OID subtree) {
    vacm.addViewTreeFamily(
        READ_VIEW, subtree, new OctetString(), VacmMIB.vacmViewIncluded, StorageType.readOnly);
  }

  /** The file that keeps this agent's engine ID and boots, in {@code snmp.stateDir}. */
  static EngineBootsCounterFile engineFile(Path stateDir) {
    return new EngineBootsCounterFile(stateDir.resolve(ENGINE_FILE).toFile());
  }

  /**
   * The agent's snmpEngineID: the one the file holds, or a new one it then keeps. The agent and its
   * notification sender ({@link AlarmNotifier}) read the same file, so that SNMPv3 notifications
   * come from the engine ID that {@code snmpget snmpEngineID.0} shows.
   */
  static OctetString engineId(EngineBootsCounterFile file) {
    return file.getEngineId(new OctetString(MPv3.createLocalEngineID()));
  }

  /** Registers every object; returns the read-only tables among them. */
  private List<ReadOnlyTable<?>> registerObjects(DefaultMOServer server) {
    List<ReadOnlyTable<?>> tables = new java.util.ArrayList<>();
    RequestSnapshots pins = new RequestSnapshots(source);
    Discontinuity discontinuity = new Discontinuity(this::sysUpTime);
    PerSnapshot<Interfaces> interfaces = Interfaces.tracker(this::sysUpTime);
    for (ManagedObject<?> mo :
        new IptrafMib(root, pins, discontinuity, interfaces, facts, ipfix).objects()) {
      register(server, mo);
    }
    for (ManagedObject<?> mo : new TopMib(root, pins, interfaces, this::sysUpTime).objects()) {
      register(server, mo);
    }
    for (ManagedObject<?> mo : new RmonMib(pins, interfaces, this::sysUpTime).objects()) {
      register(server, mo);
    }
    for (ManagedObject<?> mo : new AlarmMib(root, () -> alarms.get()).objects(this::sysUpTime)) {
      register(server, mo);
    }
    for (java.util.Iterator<java.util.Map.Entry<org.snmp4j.agent.MOScope, ManagedObject<?>>> it =
            server.iterator();
        it.hasNext(); ) {
      if (it.next().getValue() instanceof ReadOnlyTable<?> t) {
        tables.add(t);
      }
    }
    return tables;
  }

  /** sysUpTime in hundredths of a second (0 until the agent runs). */
  private long sysUpTime() {
    IptrafConfigManager m = manager;
    return m == null || m.getSNMPv2MIB() == null ? 0 : m.getSNMPv2MIB().getUpTime().getValue();
  }

  private static void register(DefaultMOServer server, ManagedObject<?> mo) {
    try {
      server.register(mo, null);
    } catch (DuplicateRegistrationException e) {
      throw new IllegalStateException("two objects registered at " + mo.getScope(), e);
    }
  }

  private static String sysDescr() {
    String version = SnmpAgent.class.getPackage().getImplementationVersion();
    return "iptraf-agent "
        + (version == null ? "(development build)" : version)
        + " - IPTraf LAN monitor over SNMP - "
        + System.getProperty("os.name", "")
        + " "
        + System.getProperty("os.arch", "");
  }
}
