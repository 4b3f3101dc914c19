package org.iptraf.agent.testutil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the JVM: programs, the shared fixtures of {@code ../shared}, root.
 * The one place that decides what happens when something is missing: the test is skipped with the
 * reason (a JUnit assumption), or, with {@code -Diptraf.requireTools=true}, it fails with the same
 * reason, so a machine that should have everything (CI) cannot pass by skipping.
 *
 * <p>Not being root stays a skip even then: it is a choice of the person running the tests, not a
 * broken machine. As root, nothing is skipped for want of permission.
 */
public final class Require {

  /** The system property; surefire passes it on from {@code mvn -Diptraf.requireTools=true}. */
  public static final String SWITCH = "iptraf.requireTools";

  /**
   * The Debian package of every program the tests run; {@code .ci/run} installs each of them
   * ({@code RequireTest} checks that).
   */
  static final Map<String, String> PACKAGES =
      Map.ofEntries(
          Map.entry("snmpget", "snmp"),
          Map.entry("snmpset", "snmp"),
          Map.entry("snmpwalk", "snmp"),
          Map.entry("snmpbulkget", "snmp"),
          Map.entry("snmpbulkwalk", "snmp"),
          Map.entry("snmptable", "snmp"),
          Map.entry("snmptranslate", "snmp"),
          Map.entry("smilint", "smitools"),
          Map.entry("smidump", "smitools"),
          Map.entry("tcpdump", "tcpdump"),
          Map.entry("snmptrapd", "snmptrapd"),
          Map.entry("icinga2", "icinga2-bin"),
          Map.entry("tshark", "tshark"),
          Map.entry("capinfos", "tshark"), // in wireshark-common, which tshark depends on
          Map.entry("check_snmp", "monitoring-plugins-standard"),
          Map.entry("nagios4", "nagios4-core"),
          Map.entry("ip", "iproute2"),
          Map.entry("python3", "python3"),
          Map.entry("ping", "iputils-ping"),
          Map.entry("sysctl", "procps"),
          Map.entry("setpriv", "util-linux"),
          Map.entry("promtool", "prometheus"),
          Map.entry("prometheus", "prometheus"),
          Map.entry("tmux", "tmux"),
          Map.entry("nfcapd", "nfdump"),
          Map.entry("nfdump", "nfdump"),
          Map.entry("nfacctd", "pmacct"));

  /** A missing program, fixture or facility while {@link #SWITCH} is on. */
  public static final class Missing extends AssertionError {
    private static final long serialVersionUID = 1L;

    Missing(String reason) {
      super(reason + " (required: -D" + SWITCH + "=true)");
    }
  }

  private Require() {}

  /** Whether a missing requirement fails the test rather than skips it. */
  public static boolean strict() {
    return Boolean.getBoolean(SWITCH);
  }

  /** The program's path (a name on the PATH, or an absolute path). */
  public static String tool(String tool) {
    String found = Tools.find(tool);
    if (found == null) {
      String name = Path.of(tool).getFileName().toString();
      String pkg = PACKAGES.get(name);
      missing(
          tool
              + " is not installed ("
              + (pkg == null ? "no Debian package known for it" : "Debian package " + pkg)
              + ")");
    }
    return found;
  }

  /** Every one of the programs. */
  public static void tools(String... tools) {
    for (String tool : tools) {
      tool(tool);
    }
  }

  /** The shared fixtures' root: system property {@code iptraf.shared}, else {@code ../shared}. */
  public static Path sharedRoot() {
    return Path.of(System.getProperty("iptraf.shared", "../shared"));
  }

  /** A file or folder under {@code ../shared}, e.g. {@code shared("corpus", "tcpdump-tests")}. */
  public static Path shared(String first, String... more) {
    Path path = sharedRoot().resolve(Path.of(first, more));
    if (!Files.exists(path)) {
      missing("no " + path + ": the shared fixtures are not here");
    }
    return path;
  }

  /**
   * A shared folder a test can do without (it uses fewer inputs then); with the switch on its
   * absence fails the test like any other missing fixture.
   */
  public static Optional<Path> sharedIfPresent(String first, String... more) {
    Path path = sharedRoot().resolve(Path.of(first, more));
    if (Files.exists(path)) {
      return Optional.of(path);
    }
    if (strict()) {
      shared(first, more);
    }
    return Optional.empty();
  }

  /** The standard MIB modules (SNMPv2-SMI, RMON-MIB, ...) that our MIBs import. */
  public static Path standardMibs() {
    return shared("mibs", "SNMPv2-SMI.txt").getParent();
  }

  /** Skips (always) when not root, saying what root is needed for. */
  public static void root(String why) {
    if (!isRoot()) {
      Assumptions.abort("needs root to " + why);
    }
  }

  /** Whether the JVM runs as uid 0 (the owner of {@code /proc/self} is our effective uid). */
  public static boolean isRoot() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** Anything else the machine should have (a device, a kernel facility): {@code reason}. */
  public static void that(boolean present, String reason) {
    if (!present) {
      missing(reason);
    }
  }

  /** A test that runs only when asked for with {@code -Dproperty=true}: a skip, always. */
  public static void askedFor(String property, String what) {
    if (!Boolean.getBoolean(property)) {
      Assumptions.abort(what + " runs only when asked for (-D" + property + "=true)");
    }
  }

  private static void missing(String reason) {
    if (strict()) {
      throw new Missing(reason);
    }
    Assumptions.abort(reason);
  }
}
