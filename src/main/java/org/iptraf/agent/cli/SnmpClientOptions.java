package org.iptraf.agent.cli;

import org.iptraf.agent.check.SnmpSource;

/**
 * How {@code check} and {@code top} reach a running agent: the same SNMP options as Net-SNMP's
 * tools and {@code check_snmp} (-H -p -P -C, and -U -a -A -x -X for SNMPv3 authPriv), and the root
 * of IPTRAF-AGENT-MIB. Each command adds its own {@code -t}, whose default differs.
 */
final class SnmpClientOptions {

  String host;
  int port;
  String protocol;
  String community;
  String user;
  String authProtocol;
  String authPassword;
  String privProtocol;
  String privPassword;
  String rootOid;

  /** Adds the options to a command's syntax, in the order its help lists them. */
  void addTo(Syntax s) {
    s.option("-H, --hostname", "HOST", "127.0.0.1", "agent address", value -> host = value)
        .option(
            "-p, --port", "PORT", "1161", "agent UDP port", value -> port = Syntax.integer(value))
        .option("-P, --protocol", "2c|3", "2c", "SNMP version", value -> protocol = value)
        .option(
            "-C, --community",
            "COMMUNITY",
            "public",
            "SNMPv2c community",
            value -> community = value)
        .option("-U, --secname", "USER", "SNMPv3 user (authPriv)", value -> user = value)
        .option(
            "-a, --authproto",
            "PROTO",
            "SHA-256",
            "SNMPv3 authentication: SHA-224, SHA-256, SHA-384, SHA-512",
            value -> authProtocol = value)
        .option(
            "-A, --authpasswd",
            "PASSWORD",
            "SNMPv3 authentication password",
            value -> authPassword = value)
        .option(
            "-x, --privproto",
            "PROTO",
            "AES-128",
            "SNMPv3 privacy: AES-128, AES-192, AES-256",
            value -> privProtocol = value)
        .option(
            "-X, --privpasswd",
            "PASSWORD",
            "SNMPv3 privacy password",
            value -> privPassword = value)
        .option(
            "--root-oid",
            "OID",
            "1.3.6.1.4.1.32473.7",
            "root of IPTRAF-AGENT-MIB, as the agent's snmp.rootOid",
            value -> rootOid = value);
  }

  /**
   * The session these options describe.
   *
   * @throws IllegalArgumentException for a version other than 2c or 3, or SNMPv3 without -U, -A or
   *     -X
   */
  SnmpSource.Settings settings(double timeoutSeconds) {
    if (!protocol.equals("2c") && !protocol.equals("3")) {
      throw new IllegalArgumentException("-P " + protocol + ": allowed 2c or 3");
    }
    boolean v3 = protocol.equals("3");
    return new SnmpSource.Settings(
        host,
        port,
        community,
        v3 ? required(user, "-U") : null,
        authProtocol,
        v3 ? required(authPassword, "-A") : null,
        privProtocol,
        v3 ? required(privPassword, "-X") : null,
        (long) (timeoutSeconds * 1000));
  }

  /** {@code host:port}, as messages name the agent. */
  String where() {
    return host + ":" + port;
  }

  private static String required(String value, String option) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("SNMPv3 needs " + option);
    }
    return value;
  }
}
