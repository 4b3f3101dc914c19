package org.iptraf.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Every setting of the agent, parsed and validated once (see etc/iptraf-agent.conf). */
public record AgentConfig(
    Path source,
    Capture capture,
    Tables tables,
    List<FilterRule> filters,
    Snmp snmp,
    Jmx jmx,
    Prometheus prometheus,
    Ipfix ipfix,
    List<AlarmRule> alarms,
    Log log,
    Names names,
    Origin origin) {

  /**
   * Where the settings came from, so that a check made after parsing (an address, a metric) can
   * still name the file, line and key.
   *
   * @param file the file's name, or {@code (defaults)}
   * @param lines the line of each key set in the file
   */
  public record Origin(String file, Map<String, Integer> lines) {
    /** {@code FILE:LINE: KEY: WHAT}, or {@code FILE: KEY: WHAT} for a key left at its default. */
    public String message(String key, String what) {
      Integer line = lines.get(key);
      return file + (line == null ? "" : ":" + line) + ": " + key + ": " + what;
    }
  }

  /**
   * Periodic summaries as JSON lines ({@code log.*}).
   *
   * @param file where; null = off
   * @param intervalSeconds seconds between lines
   * @param maxBytes size at which the file is rotated
   * @param keep rotated files kept ({@code file.1} .. {@code file.keep})
   * @param top rows of the busiest connections, flows and ports in each line
   */
  public record Log(Path file, int intervalSeconds, int maxBytes, int keep, int top) {}

  /**
   * Names for numbers in reports ({@code names.*}), looked up off the capture thread.
   *
   * @param dnsCacheSize addresses whose reverse lookup is remembered (least recently used out)
   * @param dnsTimeoutMillis how long one reverse lookup may take before it counts as no name
   */
  public record Names(
      boolean services,
      Path servicesFile,
      boolean ethers,
      Path ethersFile,
      boolean reverseDns,
      int dnsCacheSize,
      int dnsTimeoutMillis) {}

  /** Live capture settings. */
  public record Capture(
      List<String> interfaces,
      boolean promiscuous,
      int snapLength,
      int ringBlockSize,
      int ringBlockCount,
      int ringBlockTimeoutMillis,
      String mode,
      int forgetAfter) {}

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
      String trapCommunity,
      String trapUser) {}

  /** An SNMPv3 USM user: SHA-2 authentication and AES privacy (authPriv). */
  public record V3User(
      String name,
      String authProtocol,
      String authPassword,
      String privProtocol,
      String privPassword) {
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
  public record Jmx(int port, int rmiServerPort, Path passwordFile, Path accessFile, boolean ssl) {}

  /**
   * The Prometheus exposition over HTTP: off while port is 0.
   *
   * @param address the numeric address it listens on
   * @param topFlows the busiest TCP connections, ports and VLANs served with their own labels; 0 =
   *     none (only the per-interface and per-table series, whose number is bounded)
   */
  public record Prometheus(String address, int port, int topFlows) {}

  /**
   * IPFIX export of the flow tables ({@code export.ipfix.*}): off while the collector is empty.
   *
   * @param collector {@code HOST:PORT} or {@code [V6]:PORT}, or empty
   * @param transport {@code udp} or {@code tcp}
   * @param activeTimeout seconds of capture time after which a live flow is exported again
   * @param templateRefresh seconds of wall time after which UDP sends the templates again
   * @param messageSize bytes of one message at most
   * @param queueSize messages waiting for the collector at most
   * @param endedBuffer ended flows per table waiting for the exporter at most
   */
  public record Ipfix(
      String collector,
      String transport,
      int activeTimeout,
      int templateRefresh,
      int observationDomain,
      int messageSize,
      int queueSize,
      int endedBuffer) {

    public boolean enabled() {
      return !collector.isEmpty();
    }
  }
}
