package org.iptraf.agent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every plain key of the configuration, once: its default, the values it accepts and what it is
 * for. The parser takes defaults and ranges from here, and the shipped etc/iptraf-agent.conf is
 * checked against it (each key with its default and its range). The keys with a name in them
 * ({@code filter.N}, {@code snmp.user.NAME.*}, {@code alarm.NAME.*}) are the parser's own.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  /** What a key's value is. */
  public enum Kind {
    BOOLEAN,
    INTEGER,
    POWER_OF_TWO,
    CHOICE,
    /** Any text, empty included (an empty path means "none"). */
    TEXT,
    /** Text that must not be empty. */
    NON_EMPTY,
    /** Comma- or space-separated words; empty is an empty list. */
    LIST,
    /** A numeric OID under 1.3. */
    OID
  }

  /**
   * One key.
   *
   * @param min for INTEGER and POWER_OF_TWO, the least value allowed
   * @param max for INTEGER and POWER_OF_TWO, the greatest value allowed
   * @param choices for CHOICE, the values allowed (lower case)
   */
  public record Key(
      String name,
      String defaultValue,
      Kind kind,
      int min,
      int max,
      List<String> choices,
      String doc) {}

  private static final int WEEK = 86400 * 7;

  /** In the order of etc/iptraf-agent.conf. */
  public static final List<Key> ALL =
      List.of(
          list("capture.interfaces", "", "interfaces to capture; empty: every one that is up"),
          bool("capture.promiscuous", "false", "put the captured interfaces in promiscuous mode"),
          integer("capture.snapLength", "256", 64, 262144, "bytes kept of each frame"),
          // 16 blocks of 4 MiB: the 64 MiB that dropped nothing in the bench (NOTES.md), handed
          // over (a poll and a wake-up of the capture thread) a quarter as often as 1 MiB blocks:
          // 5-13% less CPU on that thread at 10^5 flows and 300 kpps (docs/BENCHMARKS.md). The
          // kernel allocates up to 4 MiB in one piece where it can, and falls back to vmalloc.
          key(
              "capture.ringBlockSize",
              "4194304",
              Kind.POWER_OF_TWO,
              4096,
              1 << 30,
              "bytes per block of the TPACKET_V3 ring"),
          integer("capture.ringBlockCount", "16", 2, 65536, "blocks per ring"),
          integer(
              "capture.ringBlockTimeoutMs",
              "100",
              1,
              10000,
              "the kernel hands over a block that is not full after this long"),
          choice("capture.mode", "auto", "how frames reach the agent", "auto", "ring", "recvmmsg"),
          integer(
              "capture.forgetAfter",
              "600",
              0,
              WEEK,
              "seconds after which a deleted interface is forgotten; 0 = never"),
          integer("tcp.maxConnections", "262144", 1, 1 << 26, "TCP connections kept at most"),
          integer("tcp.idleTimeout", "900", 1, WEEK, "seconds before an idle connection goes"),
          integer(
              "tcp.closedRetention",
              "60",
              0,
              86400,
              "seconds a closed or reset connection stays visible"),
          integer("flows.maxEntries", "262144", 1, 1 << 26, "non-TCP flows kept at most"),
          integer("flows.idleTimeout", "300", 1, WEEK, "seconds before an idle flow goes"),
          integer("stations.maxEntries", "65536", 1, 1 << 24, "LAN stations kept at most"),
          integer("stations.idleTimeout", "3600", 1, WEEK, "seconds before an idle station goes"),
          integer("vlans.maxEntries", "65536", 1, 1 << 24, "interface and VLAN pairs at most"),
          integer("sizes.mtu", "1500", 68, 65535, "the MTU the packet-size buckets divide"),
          bool("snmp.enabled", "true", "serve SNMP"),
          nonEmpty("snmp.address", "127.0.0.1", "the address SNMP listens on"),
          integer("snmp.port", "1161", 0, 65535, "the UDP port SNMP listens on"),
          nonEmpty("snmp.community", "public", "the v2c read-only community"),
          list("snmp.allowedSources", "127.0.0.1,::1", "who may use the community"),
          bool("snmp.v1", "false", "answer SNMPv1 too"),
          nonEmpty("snmp.stateDir", "/var/lib/iptraf-agent", "where the engine boots are kept"),
          key(
              "snmp.rootOid",
              "1.3.6.1.4.1.32473.7",
              Kind.OID,
              0,
              0,
              "where IPTRAF-ROOT-MIB's iptraf arc sits"),
          list("snmp.trapTargets", "", "where alarm notifications go (host:port)"),
          nonEmpty("snmp.trapCommunity", "public", "the community of the notifications"),
          text(
              "snmp.trapUser",
              "",
              "the snmp.user.NAME whose keys sign and encrypt the notifications (SNMPv3);"
                  + " empty = v2c with snmp.trapCommunity"),
          integer("jmx.port", "0", 0, 65535, "remote JMX registry port; 0 = local JMX only"),
          integer("jmx.rmiServerPort", "0", 0, 65535, "remote JMX server port; 0 = jmx.port + 1"),
          text("jmx.passwordFile", "", "the JDK's jmxremote.password file; empty = none"),
          text("jmx.accessFile", "", "the JDK's jmxremote.access file; empty = none"),
          bool("jmx.ssl", "false", "remote JMX over TLS"),
          nonEmpty("prometheus.address", "127.0.0.1", "the address /metrics listens on"),
          integer("prometheus.port", "9163", 0, 65535, "the TCP port of /metrics; 0 = off"),
          integer(
              "prometheus.topFlows",
              "0",
              0,
              1000,
              "the busiest connections and ports as labelled series; 0 = none"),
          text(
              "export.ipfix.collector",
              "",
              "where IPFIX flow records go, HOST:PORT or [V6]:PORT; empty = no export"),
          choice("export.ipfix.transport", "udp", "how IPFIX messages travel", "udp", "tcp"),
          integer(
              "export.ipfix.activeTimeout",
              "60",
              1,
              86400,
              "seconds of capture time after which a live flow is exported again"),
          integer(
              "export.ipfix.templateRefresh",
              "60",
              1,
              86400,
              "seconds after which the templates are sent again over UDP"),
          integer(
              "export.ipfix.observationDomain",
              "1",
              0,
              Integer.MAX_VALUE,
              "the observation domain id in every IPFIX message header"),
          integer(
              "export.ipfix.messageSize",
              "1400",
              512,
              65507,
              "bytes of one IPFIX message at most (one UDP datagram)"),
          integer(
              "export.ipfix.queueSize",
              "1024",
              1,
              65536,
              "messages waiting for the collector at most; more are dropped and counted"),
          integer(
              "export.ipfix.endedBuffer",
              "32768",
              1024,
              1 << 22,
              "ended flows per table waiting for the exporter at most; more are dropped"),
          text("log.file", "", "the summary log (JSON lines); empty = none"),
          integer("log.interval", "60", 1, 86400, "seconds between summary lines"),
          integer("log.maxBytes", "10485760", 4096, 1 << 30, "size at which the log rotates"),
          integer("log.keep", "5", 0, 100, "rotated files kept"),
          integer("log.top", "10", 0, 1000, "connections, flows and ports per line"),
          bool("names.services", "true", "port names from the services file"),
          nonEmpty("names.servicesFile", "/etc/services", "the services file"),
          bool("names.ethers", "true", "MAC names from the ethers file"),
          nonEmpty("names.ethersFile", "/etc/ethers", "the ethers file"),
          bool("names.reverseDns", "false", "host names by reverse DNS"),
          integer("names.dnsCacheSize", "4096", 16, 1 << 20, "reverse DNS answers kept"),
          integer("names.dnsTimeoutMs", "1000", 10, 60000, "how long a lookup may take"));

  private static final Map<String, Key> BY_NAME = byName();

  private static Map<String, Key> byName() {
    Map<String, Key> m = new LinkedHashMap<>();
    for (Key k : ALL) {
      if (m.put(k.name(), k) != null) {
        throw new IllegalStateException("key listed twice: " + k.name());
      }
    }
    return m;
  }

  /** A key by name; a name not in the table is a programming error. */
  public static Key get(String name) {
    Key k = BY_NAME.get(name);
    if (k == null) {
      throw new IllegalArgumentException("no configuration key " + name);
    }
    return k;
  }

  /** Every key with its default, in the table's order. */
  public static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    ALL.forEach(k -> d.put(k.name(), k.defaultValue()));
    return d;
  }

  private static Key key(String name, String def, Kind kind, int min, int max, String doc) {
    return new Key(name, def, kind, min, max, List.of(), doc);
  }

  private static Key integer(String name, String def, int min, int max, String doc) {
    return key(name, def, Kind.INTEGER, min, max, doc);
  }

  private static Key bool(String name, String def, String doc) {
    return key(name, def, Kind.BOOLEAN, 0, 0, doc);
  }

  private static Key text(String name, String def, String doc) {
    return key(name, def, Kind.TEXT, 0, 0, doc);
  }

  private static Key nonEmpty(String name, String def, String doc) {
    return key(name, def, Kind.NON_EMPTY, 0, 0, doc);
  }

  private static Key list(String name, String def, String doc) {
    return key(name, def, Kind.LIST, 0, 0, doc);
  }

  private static Key choice(String name, String def, String doc, String... choices) {
    return new Key(name, def, Kind.CHOICE, 0, 0, List.of(choices), doc);
  }
}
