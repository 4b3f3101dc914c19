package org.iptraf.agent.snmp;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the SNMP agent needs from the configuration, validated once.
 *
 * @param bindAddress the local address to listen on (default 127.0.0.1)
 * @param port UDP port, 0 for an ephemeral one (tests); the default is 1161
 * @param community the v2c read-only community, or {@code null} to turn v2c off
 * @param allowedSources where the community is accepted from; v3 users are not filtered
 * @param snmpV1 also accept SNMPv1 with the community (Counter64 objects are then skipped)
 * @param users SNMPv3 users, all read-only and authPriv
 * @param stateDir where the engine ID and engine-boots counter persist (created if missing)
 * @param rootOid the arc IPTRAF-ROOT-MIB calls {@code iptraf}, dotted ({@link #DEFAULT_ROOT_OID})
 */
public record SnmpSettings(
    InetAddress bindAddress,
    int port,
    String community,
    List<SourceNetwork> allowedSources,
    boolean snmpV1,
    List<SnmpUser> users,
    Path stateDir,
    String rootOid) {

  /** {@code iptraf} in IPTRAF-ROOT-MIB: RFC 5612's documentation arc until we hold a PEN. */
  public static final String DEFAULT_ROOT_OID = "1.3.6.1.4.1.32473.7";

  /** The default port. */
  public static final int DEFAULT_PORT = 1161;

  public SnmpSettings {
    if (bindAddress == null) {
      throw new IllegalArgumentException("snmp bind address is missing");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("snmp port " + port + " outside 0..65535");
    }
    if (community != null && community.isEmpty()) {
      throw new IllegalArgumentException("snmp community is empty (leave it out to turn v2c off)");
    }
    allowedSources = List.copyOf(allowedSources);
    users = List.copyOf(users);
    if (stateDir == null) {
      throw new IllegalArgumentException("snmp state directory is missing");
    }
    if (rootOid == null || !rootOid.matches("[0-9]+(\\.[0-9]+)+")) {
      throw new IllegalArgumentException("snmp root OID is not a dotted OID: " + rootOid);
    }
    if (snmpV1 && community == null) {
      throw new IllegalArgumentException("SNMPv1 needs a community");
    }
  }

  /** The defaults: 127.0.0.1:1161, community {@code public} from localhost, no v3. */
  public static SnmpSettings defaults(Path stateDir) {
    return new SnmpSettings(
        InetAddress.getLoopbackAddress(),
        DEFAULT_PORT,
        "public",
        SourceNetwork.LOCALHOST,
        false,
        List.of(),
        stateDir,
        DEFAULT_ROOT_OID);
  }
}
