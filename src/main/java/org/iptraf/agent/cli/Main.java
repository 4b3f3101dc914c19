package org.iptraf.agent.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code run}, {@code replay}, {@code check}, {@code top}, {@code interfaces}.
 * Exit codes follow docs/REPORT.md: 0 success, 2 usage or configuration error, 1 runtime failure
 * (the {@code check} plugin answers a usage error with Nagios's UNKNOWN, 3); user errors print one
 * line, never a stack trace.
 */
public final class Main {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  static final String PROGRAM = "iptraf-agent";

  /** What a user is told when the heap runs out (one line, exit 1, no stack trace). */
  static final String OUT_OF_MEMORY =
      "out of memory (Java heap): give the JVM more with -Xmx,"
          + " or lower tcp.maxConnections, flows.maxEntries and stations.maxEntries";

  /** The commands, in the order {@code --help} lists them. */
  private static final List<String> COMMANDS =
      List.of("run", "replay", "check", "top", "interfaces");

  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (tests call this without exiting). */
  public static int execute(String... args) {
    if (args.length > 0 && COMMANDS.contains(args[0])) {
      return run(args[0], command(args[0]), args);
    }
    if (args.length > 0 && args[0].equals("help")) {
      return help(args);
    }
    if (args.length > 0 && !args[0].startsWith("-")) {
      return usageError(
          "Unknown command: '" + args[0] + "' (commands: " + String.join(", ", COMMANDS) + ")",
          PROGRAM);
    }
    try {
      switch (syntax().parse(args, 0)) {
        case HELP -> System.out.print(usage());
        case VERSION -> System.out.println(version());
        case RUN -> {
          return usageError("Missing command", PROGRAM);
        }
      }
      return OK;
    } catch (Syntax.UsageException e) {
      return usageError(e.getMessage(), PROGRAM);
    }
  }

  /** The version from the jar's manifest. */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return PROGRAM + " " + (v == null ? "(development build)" : v);
  }

  private static Command command(String name) {
    return switch (name) {
      case "run" -> new RunCommand();
      case "replay" -> new ReplayCommand();
      case "check" -> new CheckCommand();
      case "top" -> new TopCommand();
      case "interfaces" -> new InterfacesCommand();
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static int run(String name, Command command, String[] args) {
    String program = PROGRAM + " " + name;
    Syntax syntax = command.syntax();
    try {
      switch (syntax.parse(args, 1)) {
        case HELP -> {
          System.out.print(syntax.usage(program));
          return OK;
        }
        case VERSION -> {
          System.out.println(version());
          return OK;
        }
        case RUN -> {
          return command.call();
        }
      }
      throw new AssertionError();
    } catch (Syntax.UsageException e) {
      if (command instanceof CheckCommand) {
        // a Nagios plugin's usage error is UNKNOWN (3), not the agent's usage code 2
        System.out.println("IPTRAF UNKNOWN - " + e.getMessage());
        return 3;
      }
      return usageError(e.getMessage(), program);
    } catch (UserError e) {
      System.err.println(PROGRAM + ": " + e.getMessage());
      return e.exitCode();
    } catch (OutOfMemoryError e) { // what held the heap is gone now
      System.err.println(PROGRAM + ": " + OUT_OF_MEMORY);
      return FAILURE;
    } catch (Exception e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof OutOfMemoryError) {
          System.err.println(PROGRAM + ": " + OUT_OF_MEMORY);
          return FAILURE;
        }
      }
      PrintStream err = System.err;
      err.println(PROGRAM + ": internal error: " + e);
      e.printStackTrace(err);
      return FAILURE;
    }
  }

  /** {@code help [COMMAND]}. */
  private static int help(String[] args) {
    if (args.length == 1) {
      System.out.print(usage());
      return OK;
    }
    if (args.length == 2 && COMMANDS.contains(args[1])) {
      System.out.print(command(args[1]).syntax().usage(PROGRAM + " " + args[1]));
      return OK;
    }
    return usageError(
        args.length == 2 ? "Unknown command: '" + args[1] + "'" : "help takes one command",
        PROGRAM + " help");
  }

  private static int usageError(String message, String program) {
    System.err.println(PROGRAM + ": " + message);
    System.err.println("Try '" + program + " --help' for more information.");
    return USAGE;
  }

  private static Syntax syntax() {
    return new Syntax(
        PROGRAM,
        "IPTraf's IP LAN monitor as a headless agent: live capture or pcap replay into "
            + "IPTraf's tables, served over SNMP and JMX.");
  }

  /** The program's usage: its options, then each command's first line. */
  static String usage() {
    StringBuilder b = new StringBuilder(syntax().synopsis("COMMAND").usage(PROGRAM));
    b.append("\nCommands:\n");
    List<String[]> rows = new ArrayList<>();
    for (String name : COMMANDS) {
      rows.add(new String[] {"  " + name, command(name).syntax().summary()});
    }
    rows.add(new String[] {"  help", "show a command's help: help COMMAND"});
    Syntax.table(b, rows);
    return b.toString();
  }
}
