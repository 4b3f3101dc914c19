package org.iptraf.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The program's own help, version and usage errors, as a user meets them: help on stdout with exit
 * 0; a wrong command line as one line naming the problem and one pointing at {@code --help}, exit
 * 2; the Nagios plugin's as UNKNOWN, exit 3. The commands are the ones README documents.
 */
class CommandLineTest {
  private static final List<String> COMMANDS =
      List.of("run", "replay", "check", "top", "interfaces");

  @Test
  void helpListsEveryCommandAndEachCommandHasItsOwn() {
    Cli.Result top = Cli.run("--help").assertNoStackTrace();
    assertThat(top.exit()).isZero();
    assertThat(top.err()).isEmpty();
    assertThat(top.out()).startsWith("Usage: iptraf-agent [OPTIONS] COMMAND");
    assertThat(Cli.run("help").out()).isEqualTo(top.out());
    for (String command : COMMANDS) {
      assertThat(top.out()).containsPattern("(?m)^  " + command + " +\\S");
      Cli.Result own = Cli.run(command, "--help").assertNoStackTrace();
      assertThat(own.exit()).as(command).isZero();
      assertThat(own.out()).startsWith("Usage: iptraf-agent " + command + " [OPTIONS]");
      assertThat(own.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
      assertThat(Cli.run("help", command).out()).isEqualTo(own.out());
      assertThat(Cli.run(command, "-h").out()).isEqualTo(own.out());
    }
  }

  @Test
  void versionNamesTheProgram() {
    for (String[] args : List.of(new String[] {"-V"}, new String[] {"replay", "--version"})) {
      Cli.Result r = Cli.run(args);
      assertThat(r.exit()).isZero();
      assertThat(r.out()).startsWith("iptraf-agent ").endsWith("\n");
      assertThat(r.out().lines()).hasSize(1);
    }
  }

  @Test
  void wrongCommandLinesAreOneLineAndExitTwo() {
    assertUsage(List.of(), "Missing command", "iptraf-agent");
    assertUsage(
        List.of("frobnicate"),
        "Unknown command: 'frobnicate' (commands: " + String.join(", ", COMMANDS) + ")",
        "iptraf-agent");
    assertUsage(List.of("--bogus"), "Unknown option: '--bogus'", "iptraf-agent");
    assertUsage(
        List.of("help", "frobnicate"), "Unknown command: 'frobnicate'", "iptraf-agent help");
    assertUsage(
        List.of("replay", "--bogus", "x.pcap"), "Unknown option: '--bogus'", "iptraf-agent replay");
    assertUsage(
        List.of("replay", "--format", "xml", "x.pcap"),
        "Invalid value for option '--format': 'xml' is not json or text",
        "iptraf-agent replay");
    assertUsage(List.of("replay"), "Missing required parameter: 'FILE'", "iptraf-agent replay");
    assertUsage(
        List.of("run", "--duration"),
        "Missing value for option '--duration' (S)",
        "iptraf-agent run");
    assertUsage(
        List.of("interfaces", "eth0"), "Unexpected argument: 'eth0'", "iptraf-agent interfaces");
    assertUsage(
        List.of("top", "--width", "wide"),
        "Invalid value for option '--width': 'wide' is not an integer",
        "iptraf-agent top");
  }

  @Test
  void thePluginsUsageErrorsAreUnknown() {
    Cli.Result r = Cli.run("check", "-p", "x", "-m", "frames").assertNoStackTrace();
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out())
        .isEqualTo("IPTRAF UNKNOWN - Invalid value for option '-p': 'x' is not an integer\n");
    assertThat(r.err()).isEmpty();
  }

  private static void assertUsage(List<String> args, String problem, String program) {
    Cli.Result r = Cli.run(args.toArray(String[]::new)).assertNoStackTrace();
    assertThat(r.exit()).as(args.toString()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines())
        .as(args.toString())
        .containsExactly(
            "iptraf-agent: " + problem, "Try '" + program + " --help' for more information.");
  }
}
