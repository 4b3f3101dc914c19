package org.iptraf.agent.config;

import java.nio.file.Path;
import java.util.List;

/** Every setting of the agent, parsed and validated once (see etc/iptraf-agent.conf). */
public record AgentConfig(
    Path source,
    Capture capture,
    Tables tables,
    List<FilterRule> filters,
    Snmp snmp,
    Jmx jmx,
    List<AlarmRule> alarms) {

  /** Live capture settings. */
  public record Capture(
      List<String> interfaces,
      boolean promiscuous,
      int snapLength,
      int ringBlockSize,
      int ringBlockCount,
      int ringBlockTimeoutMillis,
      String mode) {}

  /** Table sizes and timeouts (seconds on the capture's clock). */
  public record Tables(
      int tcpMaxConnections,
      int tcpIdleTimeout,
      int tcpClosedRetention,
      int flowsMaxEntries,
      int flowsIdleTimeout,
      int stationsMaxEntries,
      int stationsIdleTimeout,
      int vlansMaxEntries,
      int mtu) {}

  /** The embedded SNMP agent. */
  public record Snmp(
      boolean enabled,
      String address,
      int port,
      String community,
      List<String> allowedSources,
      boolean v1,
      Path stateDir,
      String rootOid,
      List<V3User> users,
      List<String> trapTargets,
      String trapCommunity) {}

  /** An SNMPv3 USM user: SHA-2 authentication and AES privacy (authPriv). */
  public record V3User(String name, String authProtocol, String authPassword,
      String privProtocol, String privPassword) {
    @Override
    public String toString() {
      return "V3User[" + name + ", " + authProtocol + ", " + privProtocol + "]";
    }
  }

  /**
   * Remote JMX: off while port is 0.
   *
   * @param rmiServerPort the RMI server's port; 0 = port + 1
   * @param ssl TLS on the RMI server, keys from the JDK's javax.net.ssl.* properties
   */
  public record Jmx(int port, int rmiServerPort, Path passwordFile, Path accessFile,
      boolean ssl) {}
}
