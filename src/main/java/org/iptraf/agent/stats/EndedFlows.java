package org.iptraf.agent.stats;

import java.util.List;

/**
 * The connections and flows that left their tables, oldest first, as {@link Tables#takeEndedFlows}
 * hands them over.
 *
 * @param dropped how many ended rows were lost so far because nobody took them in time (the buffer
 *     of each table is bounded)
 */
public record EndedFlows(
    List<Ended<TcpConnection>> connections, List<Ended<OtherFlow>> flows, long dropped) {

  public EndedFlows {
    connections = List.copyOf(connections);
    flows = List.copyOf(flows);
  }
}
