package org.iptraf.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iptraf.agent.capture.live.LiveCaptureSettings;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.snmp.AlarmNotifier;
import org.iptraf.agent.snmp.SourceNetwork;

/**
 * The checks of a parsed configuration that need the exporters' own parsers (addresses, trap
 * targets, files to read), run before anything starts so that {@code --check-config} and a real
 * start reject the same files, each error naming the file, line, key and what is allowed.
 */
final class ConfigCheck {
  private ConfigCheck() {}

  /**
   * {@code --check-config}: validates everything, alarms included, and says so on stdout.
   *
   * @return the exit code (0; a bad file throws a usage error, exit 2)
   */
  static int checkOnly(AgentConfig cfg, ConfigOption option) {
    check(cfg);
    ConfigOption.alarms(cfg);
    System.out.println("config OK: " + (option.file == null ? "(defaults)" : option.file));
    System.out.flush();
    return Main.OK;
  }

  /** Throws a usage error (exit 2) for the first bad value. */
  static void check(AgentConfig cfg) {
    AgentConfig.Origin at = cfg.origin();
    try {
      LiveCaptureSettings.of(cfg.capture(), List.of());
    } catch (IllegalArgumentException e) {
      String key =
          e.getMessage().startsWith("interface name")
              ? "capture.interfaces"
              : "capture.ringBlockCount";
      throw new UserError(Main.USAGE, at.message(key, e.getMessage()));
    }
    snmp(at, cfg.snmp());
    AgentConfig.Prometheus prometheus = cfg.prometheus();
    if (prometheus.port() != 0) {
      numericAddress(at, "prometheus.address", prometheus.address());
    }
    readable(at, "jmx.passwordFile", cfg.jmx().passwordFile());
    readable(at, "jmx.accessFile", cfg.jmx().accessFile());
    Path log = cfg.log().file();
    if (log != null && Files.isDirectory(log)) {
      throw new UserError(
          Main.USAGE,
          at.message(
              "log.file",
              log
                  + " is a directory (allowed: a file name, e.g. /var/log/iptraf-agent/summary.jsonl)"));
    }
  }

  private static void snmp(AgentConfig.Origin at, AgentConfig.Snmp snmp) {
    if (snmp.enabled()) {
      numericAddress(at, "snmp.address", snmp.address());
      for (String source : snmp.allowedSources()) {
        try {
          SourceNetwork.parse(source);
        } catch (IllegalArgumentException e) {
          throw new UserError(
              Main.USAGE,
              at.message(
                  "snmp.allowedSources",
                  e.getMessage()
                      + " (allowed: numeric addresses or prefixes such as 10.0.0.0/8, ::1)"));
        }
      }
    }
    for (String target : snmp.trapTargets()) {
      try {
        AlarmNotifier.checkTarget(target);
      } catch (IllegalArgumentException e) {
        throw new UserError(
            Main.USAGE,
            at.message(
                "snmp.trapTargets",
                e.getMessage() + " (allowed: host:port or [v6]:port, comma-separated)"));
      }
    }
  }

  /** An address to listen on: numeric, never looked up. */
  private static void numericAddress(AgentConfig.Origin at, String key, String address) {
    try {
      SnmpStarter.numericAddress(address);
    } catch (IllegalArgumentException e) {
      throw new UserError(
          Main.USAGE,
          at.message(
              key,
              "'"
                  + address
                  + "' is not a numeric IPv4 or IPv6 address (e.g. 127.0.0.1, ::1, 0.0.0.0)"));
    }
  }

  private static void readable(AgentConfig.Origin at, String key, Path file) {
    if (file != null && !(Files.isRegularFile(file) && Files.isReadable(file))) {
      throw new UserError(
          Main.USAGE,
          at.message(
              key,
              file
                  + (Files.exists(file) ? " is not a readable file" : " does not exist")
                  + " (allowed: a readable file, or "
                  + "empty for none)"));
    }
  }
}
