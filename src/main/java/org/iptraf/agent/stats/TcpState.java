package org.iptraf.agent.stats;

/** What the IP traffic monitor knows of a connection's life (RFC 9293 3.3.2, seen from outside). */
public enum TcpState {
  /** A SYN was seen, no answer yet. */
  SYN_SEEN("synSeen"),
  /** Handshake answered, or traffic of a connection whose SYN was never seen. */
  ESTABLISHED("established"),
  /** One side sent FIN. */
  FIN_ONE_WAY("finOneWay"),
  /** Both sides sent FIN; the last ACK is due. */
  FIN_BOTH_WAYS("finBothWays"),
  /** Both FINs and the final ACK seen. */
  CLOSED("closed"),
  /** A RST was seen (it sticks, as in iptraf-ng). */
  RESET("reset"),
  /** Nothing seen for tcp.idleTimeout seconds. */
  TIMED_OUT("timedOut");

  private final String label;

  TcpState(String label) {
    this.label = label;
  }

  /** The camelCase name reports, JMX and SNMP use. */
  public String label() {
    return label;
  }

  /** A final state: the entry is kept for tcp.closedRetention, then freed for reuse. */
  public boolean isFinal() {
    return this == CLOSED || this == RESET || this == TIMED_OUT;
  }
}
