package org.iptraf.agent.cli;

import org.iptraf.agent.capture.live.InterfaceListing;
import org.iptraf.agent.capture.live.NetInterface;

/** {@code interfaces}: name, index, link type, MTU, up/down, promiscuous of every device. */
final class InterfacesCommand implements Command {

  @Override
  public Syntax syntax() {
    return new Syntax(
        "interfaces",
        "List network interfaces: name, index, link type, MTU, up/down, promiscuous.");
  }

  @Override
  public Integer call() throws Exception {
    System.out.printf(
        "%-16s %6s %-12s %6s %-5s %s%n", "NAME", "INDEX", "LINKTYPE", "MTU", "STATE", "PROMISC");
    for (NetInterface i : InterfaceListing.list()) {
      System.out.printf(
          "%-16s %6d %-12s %6d %-5s %s%n",
          i.name(),
          i.index(),
          i.linkTypeName(),
          i.mtu(),
          i.up() ? "up" : "down",
          i.promiscuous() ? "yes" : "no");
    }
    return Main.OK;
  }
}
