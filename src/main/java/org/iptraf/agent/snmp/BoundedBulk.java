package org.iptraf.agent.snmp;

import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OctetString;

/**
 * SNMP4J's command processor with GETBULK held to {@link #MAX_BINDINGS} variable bindings per
 * response, as Net-SNMP's snmpd does by default (maxGetbulkResponses 100). RFC 3416 4.2.3 lets an
 * agent return fewer repetitions than asked.
 *
 * <p>Why: SNMP4J fills a GETBULK response up to the message size (64 KiB) and recomputed the
 * response's encoded length after every binding, so its cost grew with the square of the
 * response. Measured before this bound: a few hundred requests with max-repetitions 2^31-1 kept
 * the agent busy for minutes and valid requests timed out (docs/RELIABILITY.md). {@link
 * IptrafCommandProcessor} now sizes responses in linear time; the bound stays as a limit on
 * what one request may cost.
 */
final class BoundedBulk extends IptrafCommandProcessor {

  /** Most variable bindings one GETBULK response carries beyond a single row of repeaters. */
  static final int MAX_BINDINGS = 100;

  BoundedBulk(OctetString contextEngineId) {
    super(contextEngineId);
  }

  @Override
  public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
    PDU pdu = event.getPDU();
    if (pdu != null && pdu.getType() == PDU.GETBULK) {
      bound(pdu);
    }
    super.processPdu(event);
  }

  /** At least one row of repeaters, and no more rows than fit in {@link #MAX_BINDINGS}. */
  static void bound(PDU pdu) {
    int nonRepeaters = Math.min(Math.max(pdu.getNonRepeaters(), 0), pdu.size());
    int repeaters = pdu.size() - nonRepeaters;
    int rows = Math.max(1, (MAX_BINDINGS - nonRepeaters) / Math.max(1, repeaters));
    if (pdu.getMaxRepetitions() > rows) {
      pdu.setMaxRepetitions(rows);
    }
  }
}
