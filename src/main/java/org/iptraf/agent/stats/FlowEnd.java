package org.iptraf.agent.stats;

/** Why a TCP connection or other flow left its table (what IPFIX calls the flow end reason). */
public enum FlowEnd {
  /** Nothing seen for the idle timeout (a TCP connection: then its retention too). */
  IDLE,
  /** It ended: FIN both ways and the last ACK, or a RST, or a new SYN on its four-tuple. */
  END,
  /** The table was full and it was the least recently seen. */
  EVICTED,
  /** Its interface went away, or an operator cleared it. */
  REMOVED
}
