package org.iptraf.agent.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs set-up commands of tests (ip, sysctl, chown, ...) with a time limit. */
public final class Shell {
  private Shell() {}

  /** Runs a command, returns its output; fails with that output on a non-zero exit. */
  public static String sh(String... command) {
    return run(true, command);
  }

  /** Runs a command, ignoring its exit status (clean-up, probes). */
  public static String shQuiet(String... command) {
    return run(false, command);
  }

  /**
   * Output (stdout and stderr together) goes to a file, not a pipe: a chatty command can neither
   * fill a pipe nobody reads nor hold the caller past the time limit.
   */
  private static String run(boolean check, String... command) {
    Require.tool(command[0]);
    Path out = null;
    try {
      out = Files.createTempFile("iptraf-sh", ".out");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (check && p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited " + p.exitValue() + ": " + text);
      }
      return text;
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temporary file left behind
        }
      }
    }
  }
}
