package org.iptraf.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Small pieces (issue 13, STYLE.md "classes that read in one sitting, methods that fit on a
 * screen"): no file under src/main/java over {@value #MAX_FILE_LINES} lines, no method or
 * constructor over {@value #MAX_METHOD_LINES}.
 *
 * <p>A method's length runs from the first line of its signature (after its javadoc and
 * annotations) to its closing brace, both included; lambdas and anonymous classes count in the
 * method that holds them. The sources are google-java-format's, so a declaration starts its own
 * line and its body's braces can be counted once comments, strings and character literals are
 * blanked out.
 */
class SourceSizeTest {

  static final int MAX_FILE_LINES = 400;
  static final int MAX_METHOD_LINES = 60;

  private static final Path MAIN = Path.of("src/main/java/org/iptraf/agent");

  /** A line that starts a method or constructor: modifiers, type parameters, a type, a name, (. */
  private static final Pattern SIGNATURE =
      Pattern.compile(
          "^\\s*(?:(?:public|protected|private|static|final|abstract|synchronized|native"
              + "|default|strictfp)\\s+)*(?:<[^>]*>\\s+)?([\\w.<>\\[\\],?\\s]+\\s+)?(\\w+)\\s*\\(");

  /** Statements that look like a signature to {@link #SIGNATURE}. */
  private static final Pattern STATEMENT =
      Pattern.compile(
          "^\\s*(?:if|for|while|switch|catch|else|try|do|return|new|synchronized|throw|case|yield"
              + "|assert|default\\s*(?:->|:))\\b.*");

  private static final Pattern RECORD = Pattern.compile("\\brecord\\s+\\w+\\s*(?:<[^>]*>)?\\s*\\(");

  /** A method or constructor of {@code lines} lines declared on line {@code line} (from 1). */
  record Method(String name, int line, int lines) {}

  @Test
  void noMainSourceIsOverTheLimits() throws IOException {
    List<String> over = new ArrayList<>();
    for (Path file : mainSources()) {
      String name = MAIN.relativize(file).toString().replace('\\', '/');
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() > MAX_FILE_LINES) {
        over.add(name + ": " + lines.size() + " lines (at most " + MAX_FILE_LINES + ")");
      }
      for (Method m : longMethods(lines)) {
        over.add(name + ":" + m.line() + ": " + m.name() + " has " + m.lines() + " lines");
      }
    }
    assertThat(over).as("split them along their seams").isEmpty();
  }

  @Test
  void findsAMethodOneLineTooLong() {
    List<String> fixture = fixture(MAX_METHOD_LINES + 1);
    assertThat(longMethods(fixture)).containsExactly(new Method("longOne", 5, 61));
  }

  @Test
  void letsAMethodOfExactlyTheLimitPass() {
    assertThat(longMethods(fixture(MAX_METHOD_LINES))).isEmpty();
  }

  @Test
  void bracesInCommentsStringsAndCharactersDoNotEndAMethod() {
    List<String> lines = new ArrayList<>();
    lines.add("class F {");
    lines.add("  /** {@code } } */");
    lines.add("  @Override");
    lines.add("  public <T> java.util.List<T> tricky(");
    lines.add("      int a, String b) throws Exception {");
    lines.add("    String s = \"}}}\"; char c = '}'; // }");
    lines.add("    /* } */ String t = \"\"\"");
    lines.add("        }");
    lines.add("        \"\"\";");
    for (int i = 0; i < 53; i++) {
      lines.add("    call(() -> { if (a > 0) { run(); } });");
    }
    lines.add("  }"); // line 63: the method has lines 4..63, 60 of them
    lines.add("}");
    assertThat(longMethods(lines)).isEmpty();
    lines.add(5, "    int extra;");
    assertThat(longMethods(lines)).containsExactly(new Method("tricky", 4, 61));
  }

  @Test
  void aCallThatStartsALineInsideAnotherCallIsNoMethod() {
    List<String> lines =
        List.of(
            "class F {",
            "  static { register(",
            "      name(1),", // looks like a signature; the ) of register( ends it
            "      2); }",
            "  static void other() {",
            "    run(() -> {", // the first { after name( outside all parentheses
            "      call();",
            "    });",
            "  }",
            "}");
    assertThat(methods(lines)).containsExactly(new Method("other", 5, 5));
  }

  @Test
  void constructorsCountAndStatementsAndRecordsAreNoMethods() {
    List<String> lines = new ArrayList<>();
    lines.add("record R(int a, int b) {");
    lines.add("  R(int a) {");
    for (int i = 0; i < 70; i++) {
      lines.add("    if (a > 0) { return; } else { call(a); } new Thread(() -> {});");
    }
    lines.add("  }");
    lines.add("}");
    assertThat(longMethods(lines)).containsExactly(new Method("R", 2, 72));
  }

  /** A class whose method {@code longOne}, on line 5, has {@code lines} lines. */
  private static List<String> fixture(int lines) {
    List<String> f = new ArrayList<>();
    f.add("package x;");
    f.add("");
    f.add("final class Fixture {");
    f.add("  /** Long. */");
    f.add("  static int longOne(int a) {");
    for (int i = 0; i < lines - 2; i++) {
      f.add("    a += " + i + ";");
    }
    f.add("  }");
    f.add("}");
    return f;
  }

  private static List<Path> mainSources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** The methods and constructors of a source file over {@link #MAX_METHOD_LINES} lines. */
  static List<Method> longMethods(List<String> source) {
    return methods(source).stream()
        .filter(m -> m.lines() > MAX_METHOD_LINES)
        .collect(Collectors.toList());
  }

  /** Every method and constructor with a body, nested ones too. */
  static List<Method> methods(List<String> source) {
    List<String> code = codeOnly(source);
    List<Method> found = new ArrayList<>();
    for (int i = 0; i < code.size(); i++) {
      String line = code.get(i);
      Matcher m = SIGNATURE.matcher(line);
      if (!m.find()
          || STATEMENT.matcher(line).matches()
          || RECORD.matcher(line).find()
          || line.substring(0, m.end()).contains("=")) {
        continue;
      }
      int open = bodyStart(code, i);
      if (open >= 0) {
        int close = bodyEnd(code, open);
        found.add(new Method(m.group(2), i + 1, close - i + 1));
        i = open; // methods of local and anonymous classes are looked at too
      }
    }
    return found;
  }

  /**
   * The line where the body's brace opens, or -1 if a ; or = comes first (no body) or a ) that
   * closes a ( before the line.
   */
  private static int bodyStart(List<String> code, int from) {
    int depth = 0;
    for (int i = from; i < code.size(); i++) {
      for (char c : code.get(i).toCharArray()) {
        if (c == '(') {
          depth++;
        } else if (c == ')' && --depth < 0) {
          return -1; // the ) of a call around this line: an argument, not a signature
        } else if (depth == 0 && c == '{') {
          return i;
        } else if (depth == 0 && (c == ';' || c == '=')) {
          return -1;
        }
      }
    }
    return -1;
  }

  /** The line of the brace that closes the one opened on line {@code open}. */
  private static int bodyEnd(List<String> code, int open) {
    int depth = 0;
    boolean opened = false;
    for (int i = open; i < code.size(); i++) {
      for (char c : code.get(i).toCharArray()) {
        if (c == '{') {
          depth++;
          opened = true;
        } else if (c == '}') {
          depth--;
        }
        if (opened && depth == 0) {
          return i;
        }
      }
    }
    return code.size() - 1;
  }

  /** The lines with comments, string, text-block and character literals blanked out. */
  static List<String> codeOnly(List<String> source) {
    List<String> out = new ArrayList<>(source.size());
    boolean inComment = false;
    boolean inTextBlock = false;
    for (String line : source) {
      StringBuilder b = new StringBuilder();
      int i = 0;
      while (i < line.length()) {
        if (inComment || inTextBlock) {
          String end = inComment ? "*/" : "\"\"\"";
          int j = line.indexOf(end, i);
          if (j < 0) {
            break;
          }
          inComment = inTextBlock = false;
          i = j + end.length();
        } else if (line.startsWith("//", i)) {
          break;
        } else if (line.startsWith("/*", i)) {
          inComment = true;
          i += 2;
        } else if (line.startsWith("\"\"\"", i)) {
          inTextBlock = true;
          i += 3;
        } else if (line.charAt(i) == '"' || line.charAt(i) == '\'') {
          i = skipLiteral(line, i);
          b.append("\"\"");
        } else {
          b.append(line.charAt(i++));
        }
      }
      out.add(b.toString());
    }
    return out;
  }

  /** The index after the string or character literal that starts at {@code i}. */
  private static int skipLiteral(String line, int i) {
    char quote = line.charAt(i);
    int j = i + 1;
    while (j < line.length() && line.charAt(j) != quote) {
      j += line.charAt(j) == '\\' ? 2 : 1;
    }
    return j + 1;
  }
}
