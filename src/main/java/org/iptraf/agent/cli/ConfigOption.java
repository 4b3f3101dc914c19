package org.iptraf.agent.cli;

import java.nio.file.Path;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.ConfigException;
import org.iptraf.agent.config.ConfigParser;

/** The {@code -c FILE} option shared by commands; without it, the built-in defaults. */
final class ConfigOption {
  Path file;

  /** Adds {@code -c, --config FILE} to a command's syntax. */
  Syntax addTo(Syntax syntax) {
    return syntax.option(
        "-c, --config",
        "FILE",
        "configuration file (default: built-in defaults, as documented in "
            + "etc/iptraf-agent.conf)",
        value -> file = Syntax.path(value));
  }

  /** The alarms of a configuration, validated (a bad metric or range is a usage error). */
  static org.iptraf.agent.alarm.AlarmEngine alarms(AgentConfig config) {
    try {
      return org.iptraf.agent.alarm.AlarmEngine.of(config, System::currentTimeMillis);
    } catch (ConfigException e) {
      throw new UserError(Main.USAGE, e.getMessage());
    }
  }

  /**
   * The names the report shows, read once; a missing file is one log line, never an error. The
   * logger is looked up only for that line: starting SLF4J costs every replay 60 ms otherwise.
   */
  static org.iptraf.agent.names.Names names(AgentConfig config) {
    return org.iptraf.agent.names.Names.load(
        config.names(),
        message ->
            org.slf4j.LoggerFactory.getLogger(org.iptraf.agent.names.Names.class).warn(message));
  }

  AgentConfig load() {
    if (file == null) {
      return ConfigParser.defaultConfig();
    }
    try {
      return ConfigParser.parse(file);
    } catch (ConfigException e) {
      throw new UserError(Main.USAGE, e.getMessage());
    }
  }
}
