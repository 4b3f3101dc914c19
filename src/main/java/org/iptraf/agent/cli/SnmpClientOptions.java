package org.iptraf.agent.cli;

import org.iptraf.agent.check.SnmpSource;
import picocli.CommandLine.Option;

/**
 * How {@code check} and {@code top} reach a running agent: the same SNMP options as Net-SNMP's
 * tools and {@code check_snmp} (-H -p -P -C, and -U -a -A -x -X for SNMPv3 authPriv), and the root
 * of IPTRAF-AGENT-MIB. Each command adds its own {@code -t}, whose default differs.
 */
final class SnmpClientOptions {

  @Option(
      names = {"-H", "--hostname"},
      defaultValue = "127.0.0.1",
      description = "agent address (default: ${DEFAULT-VALUE})")
  String host;

  @Option(
      names = {"-p", "--port"},
      defaultValue = "1161",
      description = "agent UDP port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = {"-P", "--protocol"},
      defaultValue = "2c",
      paramLabel = "2c|3",
      description = "SNMP version (default: ${DEFAULT-VALUE})")
  String protocol;

  @Option(
      names = {"-C", "--community"},
      defaultValue = "public",
      description = "SNMPv2c community (default: ${DEFAULT-VALUE})")
  String community;

  @Option(
      names = {"-U", "--secname"},
      description = "SNMPv3 user (authPriv)")
  String user;

  @Option(
      names = {"-a", "--authproto"},
      defaultValue = "SHA-256",
      description =
          "SNMPv3 authentication: SHA-224, SHA-256, SHA-384, SHA-512 "
              + "(default: ${DEFAULT-VALUE})")
  String authProtocol;

  @Option(
      names = {"-A", "--authpasswd"},
      description = "SNMPv3 authentication password")
  String authPassword;

  @Option(
      names = {"-x", "--privproto"},
      defaultValue = "AES-128",
      description = "SNMPv3 privacy: AES-128, AES-192, AES-256 (default: ${DEFAULT-VALUE})")
  String privProtocol;

  @Option(
      names = {"-X", "--privpasswd"},
      description = "SNMPv3 privacy password")
  String privPassword;

  @Option(
      names = "--root-oid",
      defaultValue = "1.3.6.1.4.1.32473.7",
      description =
          "root of IPTRAF-AGENT-MIB, as the agent's snmp.rootOid (default: ${DEFAULT-VALUE})")
  String rootOid;

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
