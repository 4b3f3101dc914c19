package org.iptraf.agent.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A command's syntax: its options and operands, the one parse of its arguments, and its usage text.
 *
 * <p>Options follow getopt: {@code -p 1161}, {@code -p1161}, {@code --port 1161}, {@code
 * --port=1161}; short options may be grouped ({@code -hV}, {@code -ap9}), where one that takes a
 * value takes the rest of the group, or else the next argument whatever it looks like; {@code --}
 * ends the options. An option given twice is an error unless it is repeatable. Every command has
 * {@code -h, --help} and {@code -V, --version}, which act where they are met.
 *
 * <p>This replaced picocli, whose model cost every start 100-150 ms of class loading and
 * interpretation (docs/BENCHMARKS.md): as much as a third of a replay's start, and every call of
 * the Nagios plugin.
 */
final class Syntax {

  /** What a parse asked for beyond running the command. */
  enum Outcome {
    RUN,
    HELP,
    VERSION
  }

  /** A wrong command line: one line for the user, exit 2 (or the plugin's UNKNOWN). */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * One option: its names ({@code -c, --config}), its value's label (null for a flag), and what
   * stores its value, or says in a few words why it cannot ({@link IllegalArgumentException}).
   */
  private record Option(
      List<String> names,
      String label,
      String description,
      boolean repeatable,
      Consumer<String> set) {}

  private static final int WIDTH = 80;
  private static final int MAX_NAMES_COLUMN = 30;

  final String name;
  private final List<String> description;
  private final List<String> footer = new ArrayList<>();
  private final List<Option> options = new ArrayList<>();
  private final Map<String, Option> byName = new LinkedHashMap<>();
  private String synopsis = "";
  private String operandLabel;
  private String operandDescription;
  private Consumer<String> operand;

  Syntax(String name, String... description) {
    this.name = name;
    this.description = List.of(description);
    flag("-h, --help", "show this help and exit", () -> {});
    flag("-V, --version", "print the version and exit", () -> {});
  }

  /** The first line of the description, as the command list shows it. */
  String summary() {
    return description.get(0);
  }

  /** What the synopsis shows after {@code [OPTIONS]} beside the operands. */
  Syntax synopsis(String text) {
    synopsis = " " + text;
    return this;
  }

  /** Lines printed after the options (examples). */
  Syntax footer(String... lines) {
    footer.addAll(List.of(lines));
    return this;
  }

  /** An option without a value; {@code names} as {@code "-x, --long"} or {@code "--long"}. */
  Syntax flag(String names, String description, Runnable set) {
    return add(names, null, description, false, value -> set.run());
  }

  /** An option with a value, given at most once. */
  Syntax option(String names, String label, String description, Consumer<String> set) {
    return add(names, label, description, false, set);
  }

  /** An option with a value and a default, which the description ends with and which is set now. */
  Syntax option(
      String names, String label, String defaultValue, String description, Consumer<String> set) {
    set.accept(defaultValue);
    return add(names, label, description + " (default: " + defaultValue + ")", false, set);
  }

  /** An option that may be given many times, each with one value. */
  Syntax repeatable(String names, String label, String description, Consumer<String> add) {
    return add(names, label, description, true, add);
  }

  /** An option that may be given many times; each value may hold several, separated by commas. */
  Syntax list(String names, String label, String description, Consumer<String> add) {
    return add(
        names,
        label,
        description,
        true,
        value -> {
          for (String part : value.split(",", -1)) {
            add.accept(part);
          }
        });
  }

  /** The operands ({@code FILE...}): every argument that is not an option. */
  Syntax operands(String label, String description, Consumer<String> add) {
    operandLabel = label;
    operandDescription = description;
    operand = add;
    return this;
  }

  private Syntax add(
      String names, String label, String description, boolean repeatable, Consumer<String> set) {
    Option o = new Option(List.of(names.split(", ")), label, description, repeatable, set);
    for (String n : o.names) {
      if (byName.put(n, o) != null) {
        throw new IllegalStateException(name + ": option " + n + " declared twice");
      }
    }
    options.add(o);
    return this;
  }

  /** Parses {@code args} from index {@code from}, setting what they give. */
  Outcome parse(String[] args, int from) throws UsageException {
    // by identity: a record's own hashCode is bootstrapped through method handles, which cost
    // the first call in a JVM 35 ms (check's start, docs/BENCHMARKS.md)
    Set<Option> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean optionsEnd = false;
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      Outcome outcome = Outcome.RUN;
      if (optionsEnd || !arg.startsWith("-") || arg.equals("-")) {
        operand(arg);
      } else if (arg.equals("--")) {
        optionsEnd = true;
      } else if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String given = eq < 0 ? arg : arg.substring(0, eq);
        Option o = known(given, arg);
        if (o.label == null && eq >= 0) {
          throw new UsageException("Option '" + given + "' takes no value");
        }
        if (o.label == null) {
          outcome = flag(o, given, seen);
        } else if (eq >= 0) {
          set(o, given, arg.substring(eq + 1), seen);
        } else {
          set(o, given, value(args, ++i, given, o), seen);
        }
      } else {
        // a group of short options: flags, then at most one that takes the rest as its value
        for (int k = 1; k < arg.length() && outcome == Outcome.RUN; k++) {
          String given = "-" + arg.charAt(k);
          Option o = known(given, arg);
          if (o.label == null) {
            outcome = flag(o, given, seen);
          } else {
            set(
                o,
                given,
                k + 1 < arg.length() ? arg.substring(k + 1) : value(args, ++i, given, o),
                seen);
            break;
          }
        }
      }
      if (outcome != Outcome.RUN) {
        return outcome;
      }
    }
    return Outcome.RUN;
  }

  private Option known(String given, String arg) throws UsageException {
    Option o = byName.get(given);
    if (o == null) {
      throw new UsageException(
          "Unknown option: '" + given + "'" + (given.equals(arg) ? "" : " in '" + arg + "'"));
    }
    return o;
  }

  private static String value(String[] args, int i, String given, Option o) throws UsageException {
    if (i >= args.length) {
      throw new UsageException("Missing value for option '" + given + "' (" + o.label + ")");
    }
    return args[i];
  }

  private Outcome flag(Option o, String given, Set<Option> seen) throws UsageException {
    if (o.names.contains("--help")) {
      return Outcome.HELP;
    }
    if (o.names.contains("--version")) {
      return Outcome.VERSION;
    }
    set(o, given, "", seen);
    return Outcome.RUN;
  }

  private void set(Option o, String given, String value, Set<Option> seen) throws UsageException {
    if (!seen.add(o) && !o.repeatable) {
      throw new UsageException("Option '" + given + "' should be given only once");
    }
    try {
      o.set.accept(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("Invalid value for option '" + given + "': " + e.getMessage());
    }
  }

  private void operand(String arg) throws UsageException {
    if (operand == null) {
      throw new UsageException("Unexpected argument: '" + arg + "'");
    }
    try {
      operand.accept(arg);
    } catch (IllegalArgumentException e) {
      throw new UsageException("Invalid " + operandLabel + ": " + e.getMessage());
    }
  }

  /** The usage text: synopsis, description, options, footer. */
  String usage(String program) {
    StringBuilder b = new StringBuilder();
    b.append("Usage: ").append(program).append(" [OPTIONS]").append(synopsis);
    if (operand != null) {
      b.append(" [").append(operandLabel).append("...]");
    }
    b.append('\n');
    description.forEach(line -> wrap(b, "", line));
    b.append('\n');
    List<String[]> rows = new ArrayList<>();
    if (operand != null) {
      rows.add(new String[] {"      " + operandLabel + "...", operandDescription});
    }
    // -h and -V, added first, are listed last
    List<Option> listed = new ArrayList<>(options.subList(2, options.size()));
    listed.addAll(options.subList(0, 2));
    for (Option o : listed) {
      String names =
          o.names.size() == 1 ? "      " + o.names.get(0) : "  " + String.join(", ", o.names);
      rows.add(new String[] {o.label == null ? names : names + "=" + o.label, o.description});
    }
    table(b, rows);
    footer.forEach(line -> b.append(line).append('\n'));
    return b.toString();
  }

  /** Two columns: names, then the description wrapped beside them. */
  static void table(StringBuilder b, List<String[]> rows) {
    int column = 0;
    for (String[] row : rows) {
      if (row[0].length() < MAX_NAMES_COLUMN) {
        column = Math.max(column, row[0].length() + 2);
      }
    }
    String indent = " ".repeat(column);
    for (String[] row : rows) {
      b.append(row[0]);
      if (row[0].length() + 2 > column) {
        b.append('\n').append(indent);
      } else {
        b.append(" ".repeat(column - row[0].length()));
      }
      int start = b.length();
      wrap(b, indent, row[1]);
      b.delete(start, start + indent.length());
    }
  }

  /** {@code text} in lines of at most 80 columns, each starting with {@code indent}. */
  private static void wrap(StringBuilder b, String indent, String text) {
    int room = WIDTH - indent.length();
    String rest = text;
    while (true) {
      b.append(indent);
      if (rest.length() <= room) {
        b.append(rest).append('\n');
        return;
      }
      int cut = rest.lastIndexOf(' ', room);
      if (cut <= 0) {
        cut = rest.indexOf(' ', room);
        if (cut < 0) {
          b.append(rest).append('\n');
          return;
        }
      }
      b.append(rest, 0, cut).append('\n');
      rest = rest.substring(cut + 1);
    }
  }

  static int integer(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not an integer");
    }
  }

  static double number(String value) {
    try {
      double d = Double.parseDouble(value);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("'" + value + "' is not a number");
  }

  static Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("'" + value + "' is not a path: " + e.getReason());
    }
  }
}
