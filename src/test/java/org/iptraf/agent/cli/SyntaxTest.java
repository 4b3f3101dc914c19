package org.iptraf.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command-line parser, against getopt's conventions as the tools our users know (Net-SNMP,
 * check_snmp, GNU coreutils) follow them: what each argument form sets, and the one-line error for
 * each wrong form.
 */
class SyntaxTest {

  /** A small command: two flags, an integer with a default, a string, a comma list, operands. */
  private static final class Sample {
    boolean all;
    boolean brief;
    int port;
    String host;
    final List<String> ranges = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<String> files = new ArrayList<>();

    final Syntax syntax =
        new Syntax("sample", "A sample command whose description is long enough to be wrapped.")
            .flag("-a, --all", "all of them", () -> all = true)
            .flag("-b, --brief", "fewer words", () -> brief = true)
            .option("-p, --port", "PORT", "7", "the port", v -> port = Syntax.integer(v))
            .option("-H, --host", "HOST", "the host", v -> host = v)
            .list("-w, --warning", "RANGE", "ranges", ranges::add)
            .repeatable("-i, --interface", "IFACE", "interfaces", names::add)
            .operands("FILE", "the files", files::add);

    Syntax.Outcome parse(String... args) throws Syntax.UsageException {
      return syntax.parse(args, 0);
    }
  }

  @Test
  void valuesComeInEveryGetoptForm() throws Exception {
    for (String[] args :
        List.of(
            new String[] {"-p", "161", "-H", "h"},
            new String[] {"-p161", "-Hh"},
            new String[] {"--port", "161", "--host", "h"},
            new String[] {"--port=161", "--host=h"})) {
      Sample s = new Sample();
      assertThat(s.parse(args)).isEqualTo(Syntax.Outcome.RUN);
      assertThat(s.port).as(Arrays.toString(args)).isEqualTo(161);
      assertThat(s.host).as(Arrays.toString(args)).isEqualTo("h");
    }
  }

  @Test
  void defaultsHoldUntilAnOptionSetsThem() throws Exception {
    Sample s = new Sample();
    s.parse("f");
    assertThat(s.port).isEqualTo(7);
    assertThat(s.host).isNull();
    assertThat(s.files).containsExactly("f");
    assertThat(s.syntax.usage("x")).contains("the port (default: 7)");
  }

  @Test
  void flagsGroupAndOperandsMixWithOptions() throws Exception {
    Sample s = new Sample();
    s.parse("one", "-abp9", "two", "--", "-p", "-");
    assertThat(s.all).isTrue();
    assertThat(s.brief).isTrue();
    assertThat(s.files).containsExactly("one", "two", "-p", "-");
    assertThat(s.port).isEqualTo(9);
  }

  @Test
  void listsRepeatAndSplitOnCommasKeepingEmptyParts() throws Exception {
    Sample s = new Sample();
    s.parse("-w", ",80", "--warning=5,", "-w", "-3:", "-i", "a,b", "-i", "c");
    assertThat(s.ranges).containsExactly("", "80", "5", "", "-3:");
    assertThat(s.names).containsExactly("a,b", "c");
  }

  @Test
  void anOptionsValueMayLookLikeAnOption() throws Exception {
    Sample s = new Sample();
    s.parse("-H", "--all", "--port", "-1");
    assertThat(s.host).isEqualTo("--all");
    assertThat(s.port).isEqualTo(-1);
    assertThat(s.all).isFalse();
  }

  @Test
  void helpAndVersionActWhereTheyAreMet() throws Exception {
    assertThat(new Sample().parse("-p", "1", "--help", "--bogus")).isEqualTo(Syntax.Outcome.HELP);
    assertThat(new Sample().parse("-aV")).isEqualTo(Syntax.Outcome.VERSION);
    assertThat(new Sample().parse("-h")).isEqualTo(Syntax.Outcome.HELP);
    assertThatThrownBy(() -> new Sample().parse("--bogus", "--help"))
        .hasMessage("Unknown option: '--bogus'");
  }

  @Test
  void eachWrongFormIsOneLine() {
    assertError("Unknown option: '--bogus'", "--bogus");
    assertError("Unknown option: '-z'", "-z");
    assertError("Unknown option: '-z' in '-azb'", "-azb");
    assertError("Missing value for option '-p' (PORT)", "-ap");
    assertError("Option '--all' takes no value", "--all=yes");
    assertError("Missing value for option '-p' (PORT)", "-p");
    assertError("Missing value for option '--host' (HOST)", "-a", "--host");
    assertError("Invalid value for option '--port': 'x' is not an integer", "--port=x");
    assertError("Invalid value for option '-p': '' is not an integer", "-p", "");
    assertError("Option '--host' should be given only once", "-H", "a", "--host", "b");
    assertError("Option '--all' should be given only once", "-a", "--all");
    assertError("Option '-a' should be given only once", "-aba");
  }

  @Test
  void aCommandWithoutOperandsRejectsThem() {
    Syntax none = new Syntax("none", "no operands");
    assertThatThrownBy(() -> none.parse(new String[] {"x", "stray"}, 1))
        .isInstanceOf(Syntax.UsageException.class)
        .hasMessage("Unexpected argument: 'stray'");
  }

  @Test
  void usageFitsEightyColumnsAndKeepsEveryWord() {
    Sample s = new Sample();
    String usage = s.syntax.usage("iptraf-agent sample");
    assertThat(usage.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(usage)
        .startsWith("Usage: iptraf-agent sample [OPTIONS] [FILE...]\n")
        .contains("  -p, --port=PORT ")
        .contains("      FILE... ")
        .contains("  -h, --help ")
        .contains("  -V, --version ");
    String description = "A sample command whose description is long enough to be wrapped.";
    Syntax narrow = new Syntax("n", (description + " ").repeat(3).trim());
    List<String> words =
        narrow
            .usage("n")
            .lines()
            .skip(1)
            .takeWhile(l -> !l.isEmpty())
            .flatMap(l -> Arrays.stream(l.split(" ")))
            .toList();
    assertThat(String.join(" ", words)).isEqualTo((description + " ").repeat(3).trim());
  }

  @Test
  void numbersAreFiniteAndPathsValid() {
    assertThat(Syntax.number("2.5")).isEqualTo(2.5);
    assertThatThrownBy(() -> Syntax.number("NaN")).hasMessage("'NaN' is not a number");
    assertThatThrownBy(() -> Syntax.number("1e999")).hasMessage("'1e999' is not a number");
    assertThatThrownBy(() -> Syntax.path("a\0b")).hasMessageStartingWith("'a\0b' is not a path");
  }

  private static void assertError(String message, String... args) {
    assertThatThrownBy(() -> new Sample().parse(args))
        .as(Arrays.toString(args))
        .isInstanceOf(Syntax.UsageException.class)
        .hasMessage(message);
  }
}
