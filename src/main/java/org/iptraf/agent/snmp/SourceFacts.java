package org.iptraf.agent.snmp;

import java.util.List;

/**
 * What the agent serves besides the snapshot: where the frames come from (IPTRAF-AGENT-MIB
 * iptrafSource) and the tables' configured caps (the ...Capacity objects).
 *
 * @param live true for live capture, false for capture files
 * @param names the interfaces or files, as the report's {@code source.names}
 * @param tcpCapacity tables.tcp.maxConnections
 * @param flowCapacity the other-flow table's cap
 * @param portCapacity the port table's size (it holds every port: no eviction)
 * @param stationCapacity the station table's cap
 * @param vlanCapacity the VLAN table's cap
 */
public record SourceFacts(
    boolean live,
    List<String> names,
    int tcpCapacity,
    int flowCapacity,
    int portCapacity,
    int stationCapacity,
    int vlanCapacity) {

  public SourceFacts {
    names = List.copyOf(names);
  }

  /** Unknown source, no caps (tests that only look at counters). */
  public static final SourceFacts NONE = new SourceFacts(false, List.of(), 0, 0, 0, 0, 0);
}
