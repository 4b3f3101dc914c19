package org.iptraf.agent.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values of one configuration file by key, defaults where the file says nothing, each with the
 * line that set it, read as the types the settings want: a value that does not fit is an error
 * naming the file, the line, the key and what is allowed.
 */
final class ConfigValues {

  private final String fileName;
  private final Map<String, String> values = new LinkedHashMap<>(ConfigParser.DEFAULTS);
  private final Map<String, Integer> lines = new LinkedHashMap<>();

  ConfigValues(String fileName) {
    this.fileName = fileName;
  }

  /** Sets a key's text as read on line {@code lineNo}. */
  void put(String key, String value) {
    values.put(key, value);
  }

  String get(String key) {
    return values.get(key);
  }

  /** The line a key was set on, or null. */
  Integer line(String key) {
    return lines.get(key);
  }

  /** Records the line a key is on; whether it was not set before. */
  boolean atLine(String key, int lineNo) {
    return lines.putIfAbsent(key, lineNo) == null;
  }

  Map<String, Integer> lines() {
    return Map.copyOf(lines);
  }

  ConfigException error(int lineNo, String key, String what) {
    return new ConfigException(fileName + ":" + lineNo + ": " + key + ": " + what);
  }

  ConfigException error(String key, String what) {
    Integer line = lines.get(key);
    return line == null
        ? new ConfigException(fileName + ": " + key + ": " + what)
        : error(line, key, what);
  }

  String nonEmpty(String key) throws ConfigException {
    String v = values.get(key);
    if (v.isEmpty()) {
      throw error(key, "must not be empty (default " + ConfigParser.DEFAULTS.get(key) + ")");
    }
    return v;
  }

  /**
   * {@code HOST:PORT} or {@code [V6]:PORT} (port 1..65535), or empty; the name is not looked up.
   */
  String collector(String key) throws ConfigException {
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

  Path path(String key) {
    String v = values.get(key);
    return v.isEmpty() ? null : Path.of(v);
  }

  List<String> list(String key) {
    String v = values.get(key);
    if (v.isBlank()) {
      return List.of();
    }
    return Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
  }

  boolean bool(String key) throws ConfigException {
    String v = values.get(key).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error(key, "'" + values.get(key) + "' is not a boolean (true or false)");
    };
  }

  /** A key of the table, in its range. */
  int integer(String key) throws ConfigException {
    ConfigKeys.Key k = ConfigKeys.get(key);
    return integer(key, k.min(), k.max());
  }

  int integer(String key, int min, int max) throws ConfigException {
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

  String choice(String key) throws ConfigException {
    List<String> allowed = ConfigKeys.get(key).choices();
    String v = values.get(key).toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw error(key, "'" + values.get(key) + "' is not one of " + String.join(", ", allowed));
    }
    return v;
  }

  int powerOfTwo(String key) throws ConfigException {
    int max = ConfigKeys.get(key).max();
    int n = integer(key);
    if (Integer.bitCount(n) != 1) {
      throw error(key, n + " is not a power of two (allowed 4096, 8192, ... " + max + ")");
    }
    return n;
  }

  String oid(String key) throws ConfigException {
    String v = nonEmpty(key);
    if (!v.matches("1\\.3(\\.(0|[1-9]\\d{0,9}))+")) {
      throw error(key, "'" + v + "' is not a numeric OID under 1.3 (e.g. 1.3.6.1.4.1.32473.7)");
    }
    return v;
  }
}
