package org.iptraf.agent.config;

/**
 * One line of the filter list; the first rule that matches a frame decides. A field left null (or
 * -1) matches anything.
 *
 * <p>Syntax: {@code filter.N = include|exclude [proto P] [net ADDR[/LEN]] [port N[-M]] [iface
 * NAME]} where P is tcp, udp, icmp, icmpv6, ip, ipv4, ipv6, arp, nonip or a protocol number.
 *
 * @param protocol a {@link #PROTO_IP}-style selector or an IP protocol number 0-255, or -1
 * @param netHi upper 64 bits of the network (IPv4 as ::ffff:a.b.c.d), with {@link #prefixLength}
 * @param prefixLength bits of the 128-bit address that must match, -1 for no address rule; an
 *     address rule matches if either source or destination lies in it
 * @param portFrom first port, -1 for no port rule; matches source or destination port
 */
public record FilterRule(
    int order,
    boolean include,
    int protocol,
    long netHi,
    long netLo,
    int prefixLength,
    int portFrom,
    int portTo,
    String iface,
    String text) {

  public static final int PROTO_ANY = -1;
  public static final int PROTO_IP = 0x100;
  public static final int PROTO_IPV4 = 0x101;
  public static final int PROTO_IPV6 = 0x102;
  public static final int PROTO_ARP = 0x103;
  public static final int PROTO_NON_IP = 0x104;
}
