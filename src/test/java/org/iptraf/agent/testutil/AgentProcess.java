package org.iptraf.agent.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent as a child process ({@code replay --format json --serve FILE -c CONFIG}), so ports,
 * signals and the JVM are real: the one way tests start it (the SNMP and JMX tests wrap it with
 * their own clients). Stopped on close: SIGTERM, then SIGKILL.
 */
public final class AgentProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private AgentProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts the child process, without waiting; its output goes to new files in {@code dir}. */
  public static AgentProcess launch(Path dir, Path capture, Path config) throws IOException {
    return launch(dir, capture, config, List.of());
  }

  /** As {@link #launch(Path, Path, Path)}, with JVM options for the agent. */
  public static AgentProcess launch(Path dir, Path capture, Path config, List<String> jvmOptions)
      throws IOException {
    Path out = Files.createTempFile(dir, "agent", ".out");
    Path err = Files.createTempFile(dir, "agent", ".err");
    Process p =
        new ProcessBuilder(
                Tools.javaCommand(
                    jvmOptions,
                    "replay",
                    "--format",
                    "json",
                    "--serve",
                    capture.toString(),
                    "-c",
                    config.toString()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    return new AgentProcess(p, out, err);
  }

  /**
   * Starts it and waits up to 60 s for the JSON report (the tables are final then), then a little
   * for the exporters to bind.
   */
  public static AgentProcess serve(Path capture, Path config, Path workDir) throws Exception {
    AgentProcess agent = launch(workDir, capture, config);
    try {
      agent.awaitReport(60);
    } catch (AssertionError e) {
      agent.close();
      throw e;
    }
    Thread.sleep(300);
    return agent;
  }

  /**
   * Waits until the replay's report is out; fails the test, with the agent's stderr, if the agent
   * exits or the time runs out first.
   */
  public void awaitReport(long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!report().strip().endsWith("}")) {
      if (!process.isAlive()) {
        throw new AssertionError("agent exited " + process.exitValue() + ": " + stderr());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("agent did not report within " + seconds + " s: " + stderr());
      }
      Thread.sleep(20);
    }
  }

  /** Waits until stderr contains {@code text}; false after the timeout. */
  public boolean awaitLog(String text, long millis) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    do {
      if (stderr().contains(text)) {
        return true;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** The replay's report (its stdout) as written so far. */
  public String report() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /** The replay's report, parsed (call once it is out, see {@link #awaitReport}). */
  public JsonNode reportJson() throws IOException {
    return new ObjectMapper().readTree(stdout.toFile());
  }

  public String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  public Process process() {
    return process;
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() {
    Tools.stop(process);
  }
}
