package org.iptraf.agent.ipfix;

import org.iptraf.agent.stats.Endpoint;
import org.iptraf.agent.stats.OtherFlow;
import org.iptraf.agent.stats.TcpConnection;

/**
 * What tells one row of the tables from every other over its life, across snapshots and its end:
 * its key in the table and the time of its first packet (a four-tuple reused by a new connection is
 * a new row).
 *
 * @param detail the ICMP type and code of an ICMP flow, else 0
 */
record FlowKey(
    int interfaceId,
    int kind,
    int protocol,
    Endpoint a,
    Endpoint b,
    String aMac,
    String bMac,
    int detail,
    long firstSeenNanos) {

  private static final int TCP = -1;

  static FlowKey of(TcpConnection c) {
    return new FlowKey(c.interfaceId(), TCP, 6, c.a(), c.b(), null, null, 0, c.firstSeenNanos());
  }

  static FlowKey of(OtherFlow f) {
    return new FlowKey(
        f.interfaceId(),
        f.kind().ordinal(),
        f.protocolNumber(),
        f.a(),
        f.b(),
        f.aMac(),
        f.bMac(),
        Rows.icmpTypeCode(f),
        f.firstSeenNanos());
  }
}
