package org.iptraf.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the agent's configuration: Java properties syntax ({@code key = value}, {@code #} and
 * {@code !} comments, a trailing backslash continues a line), every key known and validated. Errors
 * name the file, the line, the key and what is allowed. This class reads the syntax and makes the
 * settings records; {@link ConfigValues} reads each value as its type.
 */
public final class ConfigParser {

  /** Every plain key with its default ({@link ConfigKeys}, in the table's order). */
  public static final Map<String, String> DEFAULTS =
      Collections.unmodifiableMap(ConfigKeys.defaults());

  private static final Pattern FILTER_KEY = Pattern.compile("filter\\.(\\d{1,6})");
  private static final Pattern USER_KEY =
      Pattern.compile("snmp\\.user\\.([A-Za-z0-9_.-]{1,32})\\.(auth|priv)");
  private static final Pattern ALARM_KEY =
      Pattern.compile("alarm\\.([A-Za-z0-9_-]{1,32})\\.(metric|warning|critical|hysteresis|hold)");
  private static final Set<String> AUTH = Set.of("SHA-224", "SHA-256", "SHA-384", "SHA-512");
  private static final Set<String> PRIV = Set.of("AES-128", "AES-192", "AES-256");

  private final String fileName;
  private final ConfigValues values;
  private final List<FilterRule> filters = new ArrayList<>();
  private final Map<String, String[]> users = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> alarms = new LinkedHashMap<>();
  private final Path source;

  private ConfigParser(Path source) {
    this.source = source;
    this.fileName = source == null ? "(defaults)" : source.toString();
    this.values = new ConfigValues(fileName);
  }

  /** The embedded defaults, as if the file were empty. */
  public static AgentConfig defaultConfig() {
    try {
      return new ConfigParser(null).build();
    } catch (ConfigException e) {
      throw new IllegalStateException("built-in defaults do not validate: " + e.getMessage(), e);
    }
  }

  /** Reads and validates a file. */
  public static AgentConfig parse(Path file) throws ConfigException {
    if (Files.isDirectory(file)) {
      throw new ConfigException(file + ": is a directory, not a configuration file");
    }
    List<String> text;
    try {
      text = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + describe(e));
    }
    return parse(file, text);
  }

  /** Parses lines already read ({@code file} only names them in messages). */
  public static AgentConfig parse(Path file, List<String> text) throws ConfigException {
    ConfigParser p = new ConfigParser(file);
    p.read(text);
    return p.build();
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    String kind = e.getClass().getSimpleName();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "not UTF-8 text";
    }
    return m == null ? kind : m;
  }

  private void read(List<String> text) throws ConfigException {
    StringBuilder pending = null;
    int pendingLine = 0;
    for (int i = 0; i < text.size(); i++) {
      String raw = text.get(i);
      String line = pending == null ? raw.strip() : raw.stripLeading();
      if (pending == null && (line.isEmpty() || line.startsWith("#") || line.startsWith("!"))) {
        continue;
      }
      if (pending == null) {
        pendingLine = i + 1;
        pending = new StringBuilder();
      }
      if (line.endsWith("\\") && !line.endsWith("\\\\")) {
        pending.append(line, 0, line.length() - 1);
        continue;
      }
      pending.append(line);
      entry(pending.toString(), pendingLine);
      pending = null;
    }
    if (pending != null) {
      entry(pending.toString(), pendingLine);
    }
  }

  private void entry(String line, int lineNo) throws ConfigException {
    int sep = -1;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '=' || c == ':' || Character.isWhitespace(c)) {
        sep = i;
        break;
      }
    }
    String key = sep < 0 ? line : line.substring(0, sep).strip();
    String value = "";
    if (sep >= 0) {
      value = line.substring(sep).strip();
      if (value.startsWith("=") || value.startsWith(":")) {
        value = value.substring(1).strip();
      }
    }
    if (!values.atLine(key, lineNo)) {
      throw values.error(lineNo, key, "set twice (first on line " + values.line(key) + ")");
    }
    Matcher filter = FILTER_KEY.matcher(key);
    Matcher user = USER_KEY.matcher(key);
    Matcher alarm = ALARM_KEY.matcher(key);
    if (DEFAULTS.containsKey(key)) {
      values.put(key, value);
    } else if (filter.matches()) {
      filters.add(
          FilterParser.parse(
              Integer.parseInt(filter.group(1)), value, msg -> values.error(lineNo, key, msg)));
    } else if (user.matches()) {
      userPart(user.group(1), user.group(2), value, lineNo, key);
    } else if (alarm.matches()) {
      alarms.computeIfAbsent(alarm.group(1), n -> new LinkedHashMap<>()).put(alarm.group(2), value);
    } else {
      throw values.error(
          lineNo,
          key,
          "unknown key"
              + KeySuggestion.of(key, DEFAULTS.keySet())
              + "; known keys: "
              + String.join(", ", DEFAULTS.keySet())
              + ", filter.N, snmp.user.NAME.auth, snmp.user.NAME.priv, "
              + "alarm.NAME.{metric,warning,critical,hysteresis,hold}");
    }
  }

  private void userPart(String name, String part, String value, int lineNo, String key)
      throws ConfigException {
    String[] words = value.split("\\s+", 2);
    Set<String> allowed = part.equals("auth") ? AUTH : PRIV;
    String protocol = words[0].toUpperCase(Locale.ROOT);
    if (!allowed.contains(protocol) || words.length < 2) {
      throw values.error(
          lineNo,
          key,
          "expected '<protocol> <password>' with protocol one of " + new TreeSet<>(allowed));
    }
    if (words[1].length() < 8) {
      throw values.error(lineNo, key, "password must have at least 8 characters (RFC 3414 11.2)");
    }
    String[] u = users.computeIfAbsent(name, n -> new String[4]);
    int at = part.equals("auth") ? 0 : 2;
    u[at] = protocol;
    u[at + 1] = words[1];
  }

  private AgentConfig build() throws ConfigException {
    filters.sort((a, b) -> Integer.compare(a.order(), b.order()));
    List<AgentConfig.V3User> v3 = new ArrayList<>();
    for (Map.Entry<String, String[]> u : users.entrySet()) {
      String[] f = u.getValue();
      if (f[0] == null || f[2] == null) {
        throw values.error(
            "snmp.user." + u.getKey() + (f[0] == null ? ".auth" : ".priv"),
            "missing: every SNMPv3 user needs both .auth and .priv (authPriv only)");
      }
      v3.add(new AgentConfig.V3User(u.getKey(), f[0], f[1], f[2], f[3]));
    }
    List<AlarmRule> alarmRules = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> a : alarms.entrySet()) {
      alarmRules.add(alarm(a.getKey(), a.getValue()));
    }
    return new AgentConfig(
        source,
        capture(),
        tables(),
        List.copyOf(filters),
        snmp(v3),
        jmx(),
        prometheus(),
        ipfix(),
        List.copyOf(alarmRules),
        log(),
        names(),
        new AgentConfig.Origin(fileName, values.lines()));
  }

  private AgentConfig.Capture capture() throws ConfigException {
    return new AgentConfig.Capture(
        values.list("capture.interfaces"),
        values.bool("capture.promiscuous"),
        values.integer("capture.snapLength"),
        values.powerOfTwo("capture.ringBlockSize"),
        values.integer("capture.ringBlockCount"),
        values.integer("capture.ringBlockTimeoutMs"),
        values.choice("capture.mode"),
        values.integer("capture.forgetAfter"));
  }

  private AgentConfig.Tables tables() throws ConfigException {
    return new AgentConfig.Tables(
        values.integer("tcp.maxConnections"),
        values.integer("tcp.idleTimeout"),
        values.integer("tcp.closedRetention"),
        values.integer("flows.maxEntries"),
        values.integer("flows.idleTimeout"),
        values.integer("stations.maxEntries"),
        values.integer("stations.idleTimeout"),
        values.integer("vlans.maxEntries"),
        values.integer("sizes.mtu"));
  }

  private AgentConfig.Snmp snmp(List<AgentConfig.V3User> v3) throws ConfigException {
    return new AgentConfig.Snmp(
        values.bool("snmp.enabled"),
        values.nonEmpty("snmp.address"),
        values.integer("snmp.port"),
        values.nonEmpty("snmp.community"),
        values.list("snmp.allowedSources"),
        values.bool("snmp.v1"),
        Path.of(values.nonEmpty("snmp.stateDir")),
        values.oid("snmp.rootOid"),
        List.copyOf(v3),
        values.list("snmp.trapTargets"),
        values.nonEmpty("snmp.trapCommunity"),
        trapUser(v3));
  }

  private AgentConfig.Jmx jmx() throws ConfigException {
    return new AgentConfig.Jmx(
        values.integer("jmx.port"),
        values.integer("jmx.rmiServerPort"),
        values.path("jmx.passwordFile"),
        values.path("jmx.accessFile"),
        values.bool("jmx.ssl"));
  }

  private AgentConfig.Prometheus prometheus() throws ConfigException {
    return new AgentConfig.Prometheus(
        values.nonEmpty("prometheus.address"),
        values.integer("prometheus.port"),
        values.integer("prometheus.topFlows"));
  }

  private AgentConfig.Ipfix ipfix() throws ConfigException {
    return new AgentConfig.Ipfix(
        values.collector("export.ipfix.collector"),
        values.choice("export.ipfix.transport"),
        values.integer("export.ipfix.activeTimeout"),
        values.integer("export.ipfix.templateRefresh"),
        values.integer("export.ipfix.observationDomain"),
        values.integer("export.ipfix.messageSize"),
        values.integer("export.ipfix.queueSize"),
        values.integer("export.ipfix.endedBuffer"));
  }

  private AgentConfig.Log log() throws ConfigException {
    return new AgentConfig.Log(
        values.path("log.file"),
        values.integer("log.interval"),
        values.integer("log.maxBytes"),
        values.integer("log.keep"),
        values.integer("log.top"));
  }

  private AgentConfig.Names names() throws ConfigException {
    return new AgentConfig.Names(
        values.bool("names.services"),
        Path.of(values.nonEmpty("names.servicesFile")),
        values.bool("names.ethers"),
        Path.of(values.nonEmpty("names.ethersFile")),
        values.bool("names.reverseDns"),
        values.integer("names.dnsCacheSize"),
        values.integer("names.dnsTimeoutMs"));
  }

  private AlarmRule alarm(String name, Map<String, String> parts) throws ConfigException {
    String prefix = "alarm." + name + ".";
    String metric = parts.get("metric");
    String anyKey = prefix + parts.keySet().iterator().next();
    if (metric == null || metric.isEmpty()) {
      throw values.error(anyKey, "alarm '" + name + "' has no " + prefix + "metric");
    }
    if (parts.get("warning") == null && parts.get("critical") == null) {
      throw values.error(
          prefix + "metric",
          "alarm '"
              + name
              + "' needs "
              + prefix
              + "warning or "
              + prefix
              + "critical (a range such as 1000, 10:, ~:5, @10:20)");
    }
    double hysteresis = 0;
    if (parts.containsKey("hysteresis")) {
      try {
        hysteresis = Double.parseDouble(parts.get("hysteresis"));
      } catch (NumberFormatException e) {
        hysteresis = -1;
      }
      if (!(hysteresis >= 0) || Double.isInfinite(hysteresis)) {
        throw values.error(
            prefix + "hysteresis",
            "'" + parts.get("hysteresis") + "' is not a number >= 0 (in the metric's unit)");
      }
    }
    int hold = 0;
    if (parts.containsKey("hold")) {
      values.put(prefix + "hold", parts.get("hold"));
      hold = values.integer(prefix + "hold", 0, 86400);
    }
    String where = fileName + ":" + values.line(prefix + "metric");
    Map<String, String> places = new LinkedHashMap<>();
    for (String part : parts.keySet()) {
      places.put(part, fileName + ":" + values.line(prefix + part));
    }
    return new AlarmRule(
        name,
        metric,
        parts.get("warning"),
        parts.get("critical"),
        hysteresis,
        hold,
        where,
        Map.copyOf(places));
  }

  /** {@code snmp.trapUser}: empty, or the name of one of the {@code snmp.user.NAME} users. */
  private String trapUser(List<AgentConfig.V3User> users) throws ConfigException {
    String name = values.get("snmp.trapUser");
    if (!name.isEmpty() && users.stream().noneMatch(u -> u.name().equals(name))) {
      throw values.error(
          "snmp.trapUser",
          "'"
              + name
              + "' is no SNMPv3 user here: define snmp.user."
              + name
              + ".auth and snmp.user."
              + name
              + ".priv, or leave it empty for v2c");
    }
    return name;
  }
}
