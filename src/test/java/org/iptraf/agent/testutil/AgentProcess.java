package org.iptraf.agent.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent as a child process ({@code replay --serve}), so ports, signals and the JVM are real.
 * Waits until the replay's report is out (the tables are final), kills the process on close.
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

  /**
   * Starts {@code replay --serve FILE -c CONFIG} and waits up to 60 s for the JSON report, then a
   * little for the exporters to bind.
   */
  public static AgentProcess serve(Path capture, Path config, Path workDir) throws Exception {
    Path out = workDir.resolve("agent.out");
    Path err = workDir.resolve("agent.err");
    List<String> cmd = new ArrayList<>(Tools.agentCommand(
        "replay", "--serve", "--format", "json", "-c", config.toString(), capture.toString()));
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    AgentProcess agent = new AgentProcess(p, out, err);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("agent exited " + p.exitValue() + ": " + agent.stderr());
      }
      String o = Files.readString(out, StandardCharsets.UTF_8);
      if (o.strip().endsWith("}")) {
        agent.awaitLog("", 0);
        Thread.sleep(300); // the report is written before the exporters start
        return agent;
      }
      Thread.sleep(50);
    }
    agent.close();
    throw new AssertionError("agent did not report within 60 s: " + agent.stderr());
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

  /** The replay's report (its stdout). */
  public String report() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
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
