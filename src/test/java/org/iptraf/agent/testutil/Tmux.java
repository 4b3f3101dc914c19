package org.iptraf.agent.testutil;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program in a real terminal: a detached tmux session on a server of its own (its own socket, so
 * nothing else's sessions are touched), driven with {@code send-keys} and read with {@code
 * capture-pane -p}. Closed: the server is killed.
 */
public final class Tmux implements AutoCloseable {

  private final String socket;
  private final String tmux;

  private Tmux(String tmux, String socket) {
    this.tmux = tmux;
    this.socket = socket;
  }

  /**
   * Starts {@code command} in a {@code columns}×{@code rows} window; when it exits the pane prints
   * {@code EXIT=<status>} and stays, so a test can read how it ended.
   */
  public static Tmux start(List<String> command, int columns, int rows) throws Exception {
    String tmux = Require.tool("tmux");
    Tmux t =
        new Tmux(tmux, "iptraf-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    StringBuilder shell = new StringBuilder();
    for (String word : command) {
      shell.append('\'').append(word.replace("'", "'\\''")).append("' ");
    }
    shell.append("; echo EXIT=$?; sleep 600");
    t.run("new-session", "-d", "-s", "t", "-x", "" + columns, "-y", "" + rows, shell.toString());
    return t;
  }

  private Tools.Result run(String... args) throws Exception {
    List<String> c = new ArrayList<>(List.of(tmux, "-L", socket, "-f", "/dev/null"));
    c.addAll(List.of(args));
    Tools.Result r = Tools.run(c, 30);
    if (r.exitCode() != 0) {
      throw new AssertionError("tmux " + String.join(" ", args) + ": " + r.stderr());
    }
    return r;
  }

  /** Keys as tmux names them ({@code g}, {@code Enter}, {@code Escape}, {@code Down}). */
  public void keys(String... keys) throws Exception {
    List<String> a = new ArrayList<>(List.of("send-keys", "-t", "t"));
    a.addAll(List.of(keys));
    run(a.toArray(String[]::new));
  }

  /** Text typed literally. */
  public void type(String text) throws Exception {
    run("send-keys", "-t", "t", "-l", text);
  }

  public void resize(int columns, int rows) throws Exception {
    run("resize-window", "-t", "t", "-x", "" + columns, "-y", "" + rows);
  }

  /** The pane's text now, one string per row. */
  public List<String> screen() throws Exception {
    return List.of(run("capture-pane", "-p", "-t", "t").stdout().split("\n", -1));
  }

  /** The pane's text with its attributes as escape sequences ({@code capture-pane -e}). */
  public String screenWithAttributes() throws Exception {
    return run("capture-pane", "-p", "-e", "-t", "t").stdout();
  }

  /**
   * Polls the pane until {@code ready} holds (30 s at most) and returns it; fails with the last
   * screen otherwise.
   */
  public List<String> await(String what, Predicate<List<String>> ready) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> last = screen();
    while (!ready.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "terminal never showed " + what + "; last screen:\n" + String.join("\n", last));
      }
      Thread.sleep(50);
      last = screen();
    }
    return last;
  }

  /** Polls until the pane contains every one of {@code texts}. */
  public List<String> awaitText(String... texts) throws Exception {
    return await(
        String.join(", ", texts),
        s -> {
          String all = String.join("\n", s);
          for (String t : texts) {
            if (!all.contains(t)) {
              return false;
            }
          }
          return true;
        });
  }

  @Override
  public void close() throws java.io.IOException {
    Process kill =
        new ProcessBuilder(tmux, "-L", socket, "kill-server")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
