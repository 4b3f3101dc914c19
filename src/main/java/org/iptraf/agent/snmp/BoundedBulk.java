package org.iptraf.agent.snmp;

import org.snmp4j.PDU;

/**
 * GETBULK held to {@link #MAX_BINDINGS} variable bindings per response, as Net-SNMP's snmpd does by
 * default (maxGetbulkResponses 100); {@link IptrafCommandProcessor} applies it to each request
 * before anything else sees it. RFC 3416 4.2.3 lets an agent return fewer repetitions than asked.
 *
 * <p>Why: SNMP4J fills a GETBULK response up to the message size (64 KiB), and a response whose row
 * of many repeaters stops at that size is never sent. Measured before this bound (SNMP4J's own
 * handler): a thousand requests with max-repetitions 2^31-1 kept the agent busy for minutes and
 * valid requests timed out (docs/RELIABILITY.md).
 */
final class BoundedBulk {

  /** Most variable bindings one GETBULK response carries beyond a single row of repeaters. */
  static final int MAX_BINDINGS = 100;

  private BoundedBulk() {}

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
