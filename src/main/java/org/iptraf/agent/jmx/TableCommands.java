package org.iptraf.agent.jmx;

/** What an operator may ask of the tables over JMX; the tables' owner runs it on its writer. */
public interface TableCommands {

  /** Zeroes every counter and empties the tables. */
  void resetCounters();

  /** Frees closed connections now; how many, or -1 if the writer did not answer in time. */
  int clearClosedConnections();
}
