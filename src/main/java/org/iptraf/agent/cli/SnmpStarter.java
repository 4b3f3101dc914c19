package org.iptraf.agent.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.snmp.SnmpAgent;
import org.iptraf.agent.snmp.SnmpSettings;
import org.iptraf.agent.snmp.SnmpUser;
import org.iptraf.agent.snmp.SourceNetwork;
import org.iptraf.agent.stats.Tables;

/** Starts the SNMP agent from the {@code snmp.*} keys; null when {@code snmp.enabled = false}. */
final class SnmpStarter implements Exporters.Starter {

  /** The port table holds every TCP and UDP port: its fixed size is its capacity. */
  @Override
  public AutoCloseable start(AgentConfig config, Tables tables, AgentInfo agent) {
    AgentConfig.Snmp c = config.snmp();
    if (!c.enabled()) {
      return null;
    }
    prepareStateDir(c.stateDir());
    SnmpSettings settings = settings(c);
    SnmpAgent snmp = new SnmpAgent(settings, tables, agent.facts());
    if (agent.alarms() != null) {
      snmp.alarms(agent.alarms()::statuses);
    }
    snmp.ipfix(agent.ipfix());
    try {
      snmp.start();
    } catch (IOException e) {
      snmp.stop();
      String where = settings.bindAddress().getHostAddress() + ":" + settings.port() + "/udp";
      throw new UserError(Main.FAILURE, "SNMP cannot listen on " + where + ": " + why(e));
    }
    return snmp;
  }

  /** Says which setting to look at: a bind fails for a busy port or for an address not here. */
  static String why(IOException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("in use")) {
      return "port in use (snmp.port)";
    }
    if (message.contains("assign requested address")) {
      return "address not available (snmp.address): not an address of this host, or its"
          + " interface is down (lo, in a network namespace)";
    }
    return e instanceof java.net.BindException
        ? "port in use, or the address is not local" + " (snmp.port, snmp.address): " + message
        : message;
  }

  static SnmpSettings settings(AgentConfig.Snmp c) {
    try {
      return new SnmpSettings(
          numericAddress(c.address()),
          c.port(),
          c.community(),
          c.allowedSources().stream().map(SourceNetwork::parse).toList(),
          c.v1(),
          users(c.users()),
          c.stateDir(),
          c.rootOid());
    } catch (IllegalArgumentException e) {
      throw new UserError(Main.USAGE, "snmp: " + e.getMessage());
    }
  }

  /** The user {@code snmp.trapUser} names (the parser checked it exists), or null for v2c. */
  static SnmpUser trapUser(AgentConfig.Snmp c) {
    return users(c.users()).stream()
        .filter(u -> u.name().equals(c.trapUser()))
        .findFirst()
        .orElse(null);
  }

  private static List<SnmpUser> users(List<AgentConfig.V3User> users) {
    return users.stream()
        .map(
            u ->
                new SnmpUser(
                    u.name(),
                    SnmpUser.Auth.valueOf(u.authProtocol().replace("-", "")),
                    u.authPassword(),
                    SnmpUser.Priv.valueOf(u.privProtocol().replace("-", "")),
                    u.privPassword()))
        .toList();
  }

  static InetAddress numericAddress(String text) {
    if (!text.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("snmp.address is not a numeric IP address: " + text);
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("snmp.address is not an IP address: " + text, e);
    }
  }

  /** The engine ID and boot counter live here: make it, or say in one line why we cannot. */
  private static void prepareStateDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      throw new UserError(
          Main.FAILURE,
          "cannot create SNMP state directory " + dir + " (snmp.stateDir): " + reason(e));
    }
    if (!Files.isWritable(dir)) {
      throw new UserError(
          Main.FAILURE, "SNMP state directory " + dir + " (snmp.stateDir) is not writable");
    }
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
