package org.iptraf.agent.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Parses the value of a {@code filter.N} key into a {@link FilterRule}. */
final class FilterParser {

  /** Builds the error to throw, given what is wrong. */
  interface Errors {
    ConfigException at(String message);
  }

  private static final String SYNTAX =
      "expected 'include|exclude [proto P] [net ADDR[/LEN]] [port N[-M]] [iface NAME]'";

  private FilterParser() {}

  static FilterRule parse(int order, String value, Errors errors) throws ConfigException {
    String[] w = value.strip().split("\\s+");
    if (w.length == 0 || w[0].isEmpty()) {
      throw errors.at("empty rule; " + SYNTAX);
    }
    boolean include =
        switch (w[0].toLowerCase(Locale.ROOT)) {
          case "include" -> true;
          case "exclude" -> false;
          default -> throw errors.at("'" + w[0] + "': " + SYNTAX);
        };
    if (w.length % 2 != 1) {
      throw errors.at("'" + w[w.length - 1] + "' has no value; " + SYNTAX);
    }
    int protocol = FilterRule.PROTO_ANY;
    long hi = 0;
    long lo = 0;
    int prefix = -1;
    int from = -1;
    int to = -1;
    String iface = null;
    for (int i = 1; i < w.length; i += 2) {
      String v = w[i + 1];
      switch (w[i].toLowerCase(Locale.ROOT)) {
        case "proto" -> protocol = protocol(v, errors);
        case "net" -> {
          long[] net = network(v, errors);
          hi = net[0];
          lo = net[1];
          prefix = (int) net[2];
        }
        case "port" -> {
          int[] range = ports(v, errors);
          from = range[0];
          to = range[1];
        }
        case "iface" -> iface = v;
        default -> throw errors.at("unknown word '" + w[i] + "'; " + SYNTAX);
      }
    }
    return new FilterRule(order, include, protocol, hi, lo, prefix, from, to, iface, value.strip());
  }

  private static int protocol(String v, Errors errors) throws ConfigException {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "tcp" -> 6;
      case "udp" -> 17;
      case "icmp" -> 1;
      case "icmpv6" -> 58;
      case "ip" -> FilterRule.PROTO_IP;
      case "ipv4" -> FilterRule.PROTO_IPV4;
      case "ipv6" -> FilterRule.PROTO_IPV6;
      case "arp" -> FilterRule.PROTO_ARP;
      case "nonip" -> FilterRule.PROTO_NON_IP;
      default -> {
        try {
          int n = Integer.parseInt(v);
          if (n >= 0 && n <= 255) {
            yield n;
          }
        } catch (NumberFormatException e) {
          // fall through to the error
        }
        throw errors.at(
            "proto '"
                + v
                + "': allowed tcp, udp, icmp, icmpv6, ip, ipv4, ipv6, arp, nonip or 0-255");
      }
    };
  }

  /** {hi, lo, prefix length over 128 bits}; IPv4 becomes ::ffff:a.b.c.d/96+len. */
  private static long[] network(String v, Errors errors) throws ConfigException {
    String addr = v;
    int len = -1;
    int slash = v.indexOf('/');
    if (slash >= 0) {
      addr = v.substring(0, slash);
      try {
        len = Integer.parseInt(v.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw errors.at("net '" + v + "': prefix length is not a number");
      }
    }
    if (!addr.matches("[0-9a-fA-F:.]+") || !(addr.contains(".") || addr.contains(":"))) {
      throw errors.at("net '" + v + "': not an IPv4 or IPv6 address (names are not resolved)");
    }
    byte[] b;
    try {
      b = InetAddress.getByName(addr).getAddress();
    } catch (UnknownHostException e) {
      throw errors.at("net '" + v + "': not an IPv4 or IPv6 address");
    }
    int max = b.length * 8;
    if (len < 0) {
      len = max;
    }
    if (len > max) {
      throw errors.at("net '" + v + "': prefix length " + len + " is over " + max);
    }
    long hi = 0;
    long lo = 0;
    if (b.length == 4) {
      lo =
          0xFFFF_0000_0000L
              | ((b[0] & 0xFFL) << 24
                  | (b[1] & 0xFFL) << 16
                  | (b[2] & 0xFFL) << 8
                  | (b[3] & 0xFFL));
      len += 96;
    } else {
      for (int i = 0; i < 8; i++) {
        hi = hi << 8 | (b[i] & 0xFF);
        lo = lo << 8 | (b[i + 8] & 0xFF);
      }
    }
    return new long[] {hi, lo, len};
  }

  private static int[] ports(String v, Errors errors) throws ConfigException {
    String[] parts = v.split("-", 2);
    try {
      int from = Integer.parseInt(parts[0]);
      int to = parts.length == 2 ? Integer.parseInt(parts[1]) : from;
      if (from < 0 || to > 65535 || from > to) {
        throw errors.at("port '" + v + "': allowed N or N-M with 0 <= N <= M <= 65535");
      }
      return new int[] {from, to};
    } catch (NumberFormatException e) {
      throw errors.at("port '" + v + "': allowed N or N-M with 0 <= N <= M <= 65535");
    }
  }
}
