package org.iptraf.agent.stats;

import java.util.List;
import org.iptraf.agent.config.FilterRule;
import org.iptraf.agent.decode.Packet;

/**
 * The configured include/exclude rules, first match wins; a frame no rule matches is included (so
 * non-IP traffic is visible unless a rule says otherwise).
 */
final class Filter {
  private final FilterRule[] rules;

  Filter(List<FilterRule> rules) {
    this.rules = rules.toArray(new FilterRule[0]);
  }

  boolean isEmpty() {
    return rules.length == 0;
  }

  boolean accepts(Packet p, String interfaceName) {
    for (FilterRule r : rules) {
      if (matches(r, p, interfaceName)) {
        return r.include();
      }
    }
    return true;
  }

  private static boolean matches(FilterRule r, Packet p, String interfaceName) {
    if (r.iface() != null && !r.iface().equals(interfaceName)) {
      return false;
    }
    if (r.protocol() != FilterRule.PROTO_ANY && !protocolMatches(r.protocol(), p)) {
      return false;
    }
    if (r.prefixLength() >= 0) {
      if (!p.isIp()) {
        return false;
      }
      if (!inNet(r, p.srcHi, p.srcLo) && !inNet(r, p.dstHi, p.dstLo)) {
        return false;
      }
    }
    if (r.portFrom() >= 0) {
      if (!p.hasTransport || (p.protocol != 6 && p.protocol != 17)) {
        return false;
      }
      boolean src = p.srcPort >= r.portFrom() && p.srcPort <= r.portTo();
      boolean dst = p.dstPort >= r.portFrom() && p.dstPort <= r.portTo();
      if (!src && !dst) {
        return false;
      }
    }
    return true;
  }

  private static boolean protocolMatches(int selector, Packet p) {
    return switch (selector) {
      case FilterRule.PROTO_IP -> p.isIp();
      case FilterRule.PROTO_IPV4 -> p.network == Packet.NET_IPV4;
      case FilterRule.PROTO_IPV6 -> p.network == Packet.NET_IPV6;
      case FilterRule.PROTO_ARP -> p.network == Packet.NET_ARP;
      case FilterRule.PROTO_NON_IP -> !p.isIp();
      default -> p.isIp() && p.protocol == selector;
    };
  }

  private static boolean inNet(FilterRule r, long hi, long lo) {
    int len = r.prefixLength();
    if (len == 0) {
      return true;
    }
    if (len <= 64) {
      long mask = -1L << (64 - len);
      return ((hi ^ r.netHi()) & mask) == 0;
    }
    if (hi != r.netHi()) {
      return false;
    }
    long mask = len == 128 ? -1L : -1L << (128 - len);
    return ((lo ^ r.netLo()) & mask) == 0;
  }
}
