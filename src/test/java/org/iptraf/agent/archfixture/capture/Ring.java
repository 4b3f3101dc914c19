package org.iptraf.agent.archfixture.capture;

import org.iptraf.agent.archfixture.stats.Table;

/** A capture class that reaches forward into stats: the back-edge ArchitectureTest must see. */
public final class Ring {
  public int backEdge(Table t) {
    return t.size();
  }
}
