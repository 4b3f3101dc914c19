package org.iptraf.agent.snmp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address block in CIDR notation ({@code 127.0.0.0/8}, {@code ::1/128}) from which a v2c
 * community is accepted. A plain address means a single host.
 *
 * @param network the block's address, host bits zero
 * @param prefixLength leading bits that must match, 0..32 for IPv4, 0..128 for IPv6
 */
public record SourceNetwork(InetAddress network, int prefixLength) {

  /** IPv4 and IPv6 loopback: the default for the v2c community. */
  public static final java.util.List<SourceNetwork> LOCALHOST =
      java.util.List.of(parse("127.0.0.0/8"), parse("::1/128"));

  public SourceNetwork {
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "prefix length " + prefixLength + " outside 0.." + bits + " for " + network);
    }
    network = masked(network, prefixLength);
  }

  /**
   * Parses {@code address[/prefix]}; only numeric addresses, no host names (no DNS at start).
   *
   * @throws IllegalArgumentException naming the text when it is not an address block
   */
  public static SourceNetwork parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    String address = slash < 0 ? s : s.substring(0, slash);
    if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("not a numeric IP address block: '" + text + "'");
    }
    InetAddress inet;
    try {
      inet = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not a numeric IP address block: '" + text + "'", e);
    }
    int bits = inet.getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in '" + text + "'", e);
    }
    return new SourceNetwork(inet, prefix);
  }

  /** True when the address is inside this block (an IPv4 address never matches an IPv6 one). */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    return a.length == network.getAddress().length
        && Arrays.equals(masked(address, prefixLength).getAddress(), network.getAddress());
  }

  private static InetAddress masked(InetAddress address, int prefixLength) {
    byte[] a = address.getAddress();
    for (int i = 0; i < a.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - 8 * i));
      a[i] &= (byte) (0xFF << (8 - keep));
    }
    try {
      return InetAddress.getByAddress(a);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
