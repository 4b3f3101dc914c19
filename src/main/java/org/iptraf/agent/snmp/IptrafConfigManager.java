package org.iptraf.agent.snmp;

import org.snmp4j.MessageDispatcher;
import org.snmp4j.agent.AgentConfigManager;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.MOServer;
import org.snmp4j.cfg.EngineBootsProvider;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.util.WorkerPool;

/**
 * SNMP4J's agent assembly with our identity and nothing optional: no SNMP4J-LOG/CONFIG/PROXY MIBs
 * (enterprise 4976, some writable), no notification log, no persistence of MIB objects (the
 * configuration file is the only source of users, communities and views), and SNMPv1 only when
 * asked for.
 */
final class IptrafConfigManager extends AgentConfigManager {

  private final boolean snmpV1;

  IptrafConfigManager(
      OctetString engineId,
      MessageDispatcher dispatcher,
      MOServer server,
      WorkerPool workerPool,
      EngineBootsProvider engineBoots,
      OctetString sysDescr,
      OID sysObjectId,
      boolean snmpV1) {
    super(engineId, dispatcher, null, new MOServer[] {server}, workerPool, null, null, engineBoots);
    this.sysDescr = sysDescr;
    this.sysOID = sysObjectId;
    this.snmpV1 = snmpV1;
  }

  /**
   * SNMP4J's processor with a GETBULK handler that sizes responses in linear time, and GETBULK held
   * to 100 bindings per response as snmpd does.
   */
  @Override
  protected CommandProcessor createCommandProcessor(OctetString engineID) {
    return new IptrafCommandProcessor(engineID);
  }

  /** SNMP4J's mandatory MIBs, with a VACM that keeps each view's rows between reads. */
  @Override
  protected void initMandatoryMIBs() {
    super.initMandatoryMIBs();
    vacmMIB = new CachingVacmMIB(servers, securityModels);
  }

  @Override
  protected void initOptionalMIBs() {
    // Deliberately empty: the optional MIBs are SNMP4J's own (1.3.6.1.4.1.4976) and a notification
    // log; none belongs in a read-only monitoring agent.
  }

  @Override
  protected void initMessageDispatcherWithMPs(MessageDispatcher dispatcher) {
    super.initMessageDispatcherWithMPs(dispatcher);
    if (!snmpV1) {
      MessageProcessingModel v1 = dispatcher.getMessageProcessingModel(MPv1.ID);
      if (v1 != null) {
        dispatcher.removeMessageProcessingModel(v1);
      }
    }
  }

  /** Puts the transports in listen mode (the last step after initialize/configure/restore). */
  void launchAgent() {
    launch();
  }
}
