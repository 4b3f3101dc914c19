package org.iptraf.agent.testutil;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real external programs (Net-SNMP, monitoring-plugins, ...); {@link Require}s them. */
public final class Tools {

  /** What a program printed and returned. */
  public record Result(int exitCode, String stdout, String stderr, long millis) {}

  private Tools() {}

  /** The tool's path, looking at absolute paths, then the PATH; null if missing. */
  public static String find(String tool) {
    if (tool.startsWith("/")) {
      return Files.isExecutable(Path.of(tool)) ? tool : null;
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return Path.of(dir, tool).toString();
      }
    }
    return null;
  }

  public static Result run(List<String> command) throws Exception {
    return run(command, 60);
  }

  public static Result run(List<String> command, int timeoutSeconds) throws Exception {
    Require.tool(command.get(0));
    ProcessBuilder pb = new ProcessBuilder(command);
    Path out = Files.createTempFile("tool", ".out");
    Path err = Files.createTempFile("tool", ".err");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command.get(0) + " did not finish in " + timeoutSeconds + " s");
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          millis);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** {@code java -cp <the test's class path> org.iptraf.agent.cli.Main args...}. */
  public static List<String> agentCommand(String... args) {
    return javaCommand(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto"), args);
  }

  /** The agent with the JVM's default compilers, for a process that runs a while and is loaded. */
  public static List<String> longRunningAgentCommand(String... args) {
    return javaCommand(List.of(), args);
  }

  /** The agent with JVM options of the test's choosing (system properties, say). */
  public static List<String> javaCommand(List<String> jvmOptions, String... args) {
    List<String> c = new java.util.ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.addAll(jvmOptions);
    c.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.iptraf.agent.cli.Main"));
    c.addAll(List.of(args));
    return c;
  }

  /** A UDP port free right now on 127.0.0.1 (a race is possible but rare). */
  public static int freeUdpPort() throws java.io.IOException {
    try (java.net.DatagramSocket s =
        new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A TCP port free right now on 127.0.0.1. */
  public static int freeTcpPort() throws java.io.IOException {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** SIGTERM, then SIGKILL after 10 s; waits for the process and never throws. */
  public static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
