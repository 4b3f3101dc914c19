package org.iptraf.agent.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code run}, {@code replay}, {@code check}, {@code interfaces}. Exit codes
 * follow docs/REPORT.md: 0 success, 2 usage or configuration error, 1 runtime failure; user errors
 * print one line, never a stack trace.
 */
@Command(
    name = "iptraf-agent",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "IPTraf's IP LAN monitor as a headless agent: live capture or pcap replay into "
            + "IPTraf's tables, served over SNMP and JMX.",
    // the subcommands are added by commandLine(): only the one that runs, where it is known
    synopsisSubcommandLabel = "COMMAND")
public final class Main implements Runnable {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** What a user is told when the heap runs out (one line, exit 1, no stack trace). */
  static final String OUT_OF_MEMORY =
      "out of memory (Java heap): give the JVM more with -Xmx,"
          + " or lower tcp.maxConnections, flows.maxEntries and stations.maxEntries";

  /** Runs a command line and returns its exit code (tests call this without exiting). */
  public static int execute(String... args) {
    CommandLine cl = commandLine(args.length > 0 ? args[0] : "");
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof UserError u) {
            cmd.getErr().println("iptraf-agent: " + u.getMessage());
            return u.exitCode();
          }
          for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
              cmd.getErr().println("iptraf-agent: " + OUT_OF_MEMORY);
              return FAILURE;
            }
          }
          cmd.getErr().println("iptraf-agent: internal error: " + e);
          e.printStackTrace(cmd.getErr());
          return FAILURE;
        });
    cl.setParameterExceptionHandler(
        (ex, arguments) -> {
          if (ex.getCommandLine().getCommand() instanceof CheckCommand) {
            // a Nagios plugin's usage error is UNKNOWN (3), not the agent's usage code 2
            System.out.println("IPTRAF UNKNOWN - " + ex.getMessage());
            return 3;
          }
          ex.getCommandLine().getErr().println("iptraf-agent: " + ex.getMessage());
          ex.getCommandLine()
              .getErr()
              .println(
                  "Try '"
                      + ex.getCommandLine().getCommandSpec().qualifiedName()
                      + " --help' for more information.");
          return USAGE;
        });
    cl.setErr(new PrintWriter(System.err, true));
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) { // picocli passes Errors through; what held the heap is gone now
      cl.getErr().println("iptraf-agent: " + OUT_OF_MEMORY);
      return FAILURE;
    }
  }

  /** The commands, in the order {@code --help} lists them. */
  private static final List<String> COMMANDS =
      List.of("run", "replay", "check", "top", "interfaces", "help");

  /**
   * A new command object. Each is made only when it is added: picocli reads a command's annotations
   * by reflection, and building all of them cost every start 35 ms (docs/BENCHMARKS.md, replay at
   * many flows).
   */
  private static Object command(String name) {
    return switch (name) {
      case "run" -> new RunCommand();
      case "replay" -> new ReplayCommand();
      case "check" -> new CheckCommand();
      case "top" -> new TopCommand();
      case "interfaces" -> new InterfacesCommand();
      case "help" -> new CommandLine.HelpCommand();
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * The command line for arguments starting with {@code first}: with only that command when it
   * names one (its own help, errors and execution need no other), else with all of them, so that
   * {@code --help}, {@code help} and the "unknown command" error see every command.
   */
  static CommandLine commandLine(String first) {
    CommandLine cl = new CommandLine(new Main());
    if (COMMANDS.contains(first) && !"help".equals(first)) {
      cl.addSubcommand(first, command(first));
    } else {
      COMMANDS.forEach(name -> cl.addSubcommand(name, command(name)));
    }
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"iptraf-agent " + (v == null ? "(development build)" : v)};
    }
  }
}
