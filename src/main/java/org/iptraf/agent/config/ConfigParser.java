package org.iptraf.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * name the file, the line, the key and what is allowed.
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
  private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
  private final Map<String, Integer> lines = new LinkedHashMap<>();
  private final List<FilterRule> filters = new ArrayList<>();
  private final Map<String, String[]> users = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> alarms = new LinkedHashMap<>();
  private final Path source;

  private ConfigParser(Path source) {
    this.source = source;
    this.fileName = source == null ? "(defaults)" : source.toString();
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
    if (lines.containsKey(key)) {
      throw error(lineNo, key, "set twice (first on line " + lines.get(key) + ")");
    }
    lines.put(key, lineNo);
    Matcher filter = FILTER_KEY.matcher(key);
    Matcher user = USER_KEY.matcher(key);
    Matcher alarm = ALARM_KEY.matcher(key);
    if (DEFAULTS.containsKey(key)) {
      values.put(key, value);
    } else if (filter.matches()) {
      filters.add(
          FilterParser.parse(
              Integer.parseInt(filter.group(1)), value, msg -> error(lineNo, key, msg)));
    } else if (user.matches()) {
      userPart(user.group(1), user.group(2), value, lineNo, key);
    } else if (alarm.matches()) {
      alarms.computeIfAbsent(alarm.group(1), n -> new LinkedHashMap<>()).put(alarm.group(2), value);
    } else {
      throw error(
          lineNo,
          key,
          "unknown key"
              + suggestion(key)
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
      throw error(
          lineNo,
          key,
          "expected '<protocol> <password>' with protocol one of " + new TreeSet<>(allowed));
    }
    if (words[1].length() < 8) {
      throw error(lineNo, key, "password must have at least 8 characters (RFC 3414 11.2)");
    }
    String[] u = users.computeIfAbsent(name, n -> new String[4]);
    int at = part.equals("auth") ? 0 : 2;
    u[at] = protocol;
    u[at + 1] = words[1];
  }

  private static String suggestion(String key) {
    String best = null;
    int bestDistance = 4;
    for (String k : DEFAULTS.keySet()) {
      int d = distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best == null ? "" : " (did you mean " + best + "?)";
  }

  private static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diag = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int up = row[j];
        row[j] =
            Math.min(
                Math.min(row[j] + 1, row[j - 1] + 1),
                diag + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diag = up;
      }
    }
    return row[b.length()];
  }

  ConfigException error(int lineNo, String key, String what) {
    return new ConfigException(fileName + ":" + lineNo + ": " + key + ": " + what);
  }

  private ConfigException error(String key, String what) {
    Integer line = lines.get(key);
    return line == null
        ? new ConfigException(fileName + ": " + key + ": " + what)
        : error(line, key, what);
  }

  private AgentConfig build() throws ConfigException {
    filters.sort((a, b) -> Integer.compare(a.order(), b.order()));
    List<AgentConfig.V3User> v3 = new ArrayList<>();
    for (Map.Entry<String, String[]> u : users.entrySet()) {
      String[] f = u.getValue();
      if (f[0] == null || f[2] == null) {
        throw error(
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
        new AgentConfig.Capture(
            list("capture.interfaces"),
            bool("capture.promiscuous"),
            integer("capture.snapLength"),
            powerOfTwo("capture.ringBlockSize"),
            integer("capture.ringBlockCount"),
            integer("capture.ringBlockTimeoutMs"),
            choice("capture.mode"),
            integer("capture.forgetAfter")),
        new AgentConfig.Tables(
            integer("tcp.maxConnections"),
            integer("tcp.idleTimeout"),
            integer("tcp.closedRetention"),
            integer("flows.maxEntries"),
            integer("flows.idleTimeout"),
            integer("stations.maxEntries"),
            integer("stations.idleTimeout"),
            integer("vlans.maxEntries"),
            integer("sizes.mtu")),
        List.copyOf(filters),
        new AgentConfig.Snmp(
            bool("snmp.enabled"),
            nonEmpty("snmp.address"),
            integer("snmp.port"),
            nonEmpty("snmp.community"),
            list("snmp.allowedSources"),
            bool("snmp.v1"),
            Path.of(nonEmpty("snmp.stateDir")),
            oid("snmp.rootOid"),
            List.copyOf(v3),
            list("snmp.trapTargets"),
            nonEmpty("snmp.trapCommunity"),
            trapUser(v3)),
        new AgentConfig.Jmx(
            integer("jmx.port"),
            integer("jmx.rmiServerPort"),
            path("jmx.passwordFile"),
            path("jmx.accessFile"),
            bool("jmx.ssl")),
        new AgentConfig.Prometheus(
            nonEmpty("prometheus.address"),
            integer("prometheus.port"),
            integer("prometheus.topFlows")),
        new AgentConfig.Ipfix(
            collector("export.ipfix.collector"),
            choice("export.ipfix.transport"),
            integer("export.ipfix.activeTimeout"),
            integer("export.ipfix.templateRefresh"),
            integer("export.ipfix.observationDomain"),
            integer("export.ipfix.messageSize"),
            integer("export.ipfix.queueSize"),
            integer("export.ipfix.endedBuffer")),
        List.copyOf(alarmRules),
        new AgentConfig.Log(
            path("log.file"),
            integer("log.interval"),
            integer("log.maxBytes"),
            integer("log.keep"),
            integer("log.top")),
        new AgentConfig.Names(
            bool("names.services"),
            Path.of(nonEmpty("names.servicesFile")),
            bool("names.ethers"),
            Path.of(nonEmpty("names.ethersFile")),
            bool("names.reverseDns"),
            integer("names.dnsCacheSize"),
            integer("names.dnsTimeoutMs")),
        new AgentConfig.Origin(fileName, Map.copyOf(lines)));
  }

  private AlarmRule alarm(String name, Map<String, String> parts) throws ConfigException {
    String prefix = "alarm." + name + ".";
    String metric = parts.get("metric");
    String anyKey = prefix + parts.keySet().iterator().next();
    if (metric == null || metric.isEmpty()) {
      throw error(anyKey, "alarm '" + name + "' has no " + prefix + "metric");
    }
    if (parts.get("warning") == null && parts.get("critical") == null) {
      throw error(
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
        throw error(
            prefix + "hysteresis",
            "'" + parts.get("hysteresis") + "' is not a number >= 0 (in the metric's unit)");
      }
    }
    int hold = 0;
    if (parts.containsKey("hold")) {
      values.put(prefix + "hold", parts.get("hold"));
      hold = integer(prefix + "hold", 0, 86400);
    }
    String where = fileName + ":" + lines.get(prefix + "metric");
    Map<String, String> places = new LinkedHashMap<>();
    for (String part : parts.keySet()) {
      places.put(part, fileName + ":" + lines.get(prefix + part));
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
      throw error(
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

  private String nonEmpty(String key) throws ConfigException {
    String v = values.get(key);
    if (v.isEmpty()) {
      throw error(key, "must not be empty (default " + DEFAULTS.get(key) + ")");
    }
    return v;
  }

  /**
   * {@code HOST:PORT} or {@code [V6]:PORT} (port 1..65535), or empty; the name is not looked up.
   */
  private String collector(String key) throws ConfigException {
    String v = values.get(key).trim();
    if (v.isEmpty()) {
      return v;
    }
    int colon = v.lastIndexOf(':');
    String host = colon < 0 ? "" : v.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = -1;
    try {
      port = colon < 0 ? -1 : Integer.parseInt(v.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (host.isEmpty() || host.contains("[") || host.contains("]") || port < 1 || port > 65535) {
      throw error(
          key,
          "'" + v + "' is not HOST:PORT (e.g. 127.0.0.1:4739, [::1]:4739, collector.example:2055)");
    }
    return v;
  }

  private Path path(String key) {
    String v = values.get(key);
    return v.isEmpty() ? null : Path.of(v);
  }

  private List<String> list(String key) {
    String v = values.get(key);
    if (v.isBlank()) {
      return List.of();
    }
    return Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
  }

  private boolean bool(String key) throws ConfigException {
    String v = values.get(key).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error(key, "'" + values.get(key) + "' is not a boolean (true or false)");
    };
  }

  /** A key of the table, in its range. */
  private int integer(String key) throws ConfigException {
    ConfigKeys.Key k = ConfigKeys.get(key);
    return integer(key, k.min(), k.max());
  }

  private int integer(String key, int min, int max) throws ConfigException {
    String v = values.get(key);
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw error(key, "'" + v + "' is not an integer (allowed " + min + ".." + max + ")");
    }
    if (n < min || n > max) {
      throw error(key, n + " is out of range (allowed " + min + ".." + max + ")");
    }
    return (int) n;
  }

  private String choice(String key) throws ConfigException {
    List<String> allowed = ConfigKeys.get(key).choices();
    String v = values.get(key).toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw error(key, "'" + values.get(key) + "' is not one of " + String.join(", ", allowed));
    }
    return v;
  }

  private int powerOfTwo(String key) throws ConfigException {
    int max = ConfigKeys.get(key).max();
    int n = integer(key);
    if (Integer.bitCount(n) != 1) {
      throw error(key, n + " is not a power of two (allowed 4096, 8192, ... " + max + ")");
    }
    return n;
  }

  private String oid(String key) throws ConfigException {
    String v = nonEmpty(key);
    if (!v.matches("1\\.3(\\.(0|[1-9]\\d{0,9}))+")) {
      throw error(key, "'" + v + "' is not a numeric OID under 1.3 (e.g. 1.3.6.1.4.1.32473.7)");
    }
    return v;
  }
}
