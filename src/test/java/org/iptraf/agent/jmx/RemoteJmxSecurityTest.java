package org.iptraf.agent.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.MAC_A;
import static org.iptraf.agent.testutil.Frames.MAC_B;
import static org.iptraf.agent.testutil.Frames.ethernet;
import static org.iptraf.agent.testutil.Frames.ipv4;
import static org.iptraf.agent.testutil.Frames.udp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.iptraf.agent.testutil.AgentProcess;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote JMX as a careful site runs it: the JDK's password and access files (a read-only and a
 * read-write role) and TLS, with a key pair made by keytool for the test. Clients run in JVMs of
 * their own ({@link JmxProbe}) so that their trust store is theirs.
 */
class RemoteJmxSecurityTest {
  private static final int FRAMES = 7;
  private static final String STORE_PASSWORD = "changeit";

  @TempDir Path dir;

  @Test
  void passwordsRolesAndTls() throws Exception {
    Path keyStore = dir.resolve("agent.p12");
    Path trustStore = dir.resolve("clients.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "agent",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-keypass",
        STORE_PASSWORD);
    Path cert = dir.resolve("agent.crt");
    keytool(
        "-exportcert",
        "-alias",
        "agent",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        cert.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "agent",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trustStore.toString(),
        "-storepass",
        STORE_PASSWORD);
    Path passwords =
        Files.writeString(
            dir.resolve("jmxremote.password"),
            "monitorRole watch-only-1\ncontrolRole full-control-1\n");
    Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
    Path access =
        Files.writeString(
            dir.resolve("jmxremote.access"), "monitorRole readonly\ncontrolRole readwrite\n");
    int port = JmxAgent.freePort();
    Path conf =
        Files.write(
            dir.resolve("agent.conf"),
            List.of(
                "jmx.port = " + port,
                "jmx.rmiServerPort = " + JmxAgent.freePort(),
                "jmx.passwordFile = " + passwords,
                "jmx.accessFile = " + access,
                "jmx.ssl = true",
                "snmp.enabled = false",
                "prometheus.port = 0"));
    PcapWriter w = PcapWriter.ethernet();
    for (int i = 0; i < FRAMES; i++) {
      w.frame(
          1_700_000_000_000_000_000L + i * 1000L,
          ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(5000, 53, 10))));
    }
    Path pcap = w.writeTo(dir.resolve("seven.pcap"));

    try (AgentProcess agent =
        AgentProcess.launch(
            dir,
            pcap,
            conf,
            List.of(
                "-Djavax.net.ssl.keyStore=" + keyStore,
                "-Djavax.net.ssl.keyStorePassword=" + STORE_PASSWORD))) {
      agent.awaitReport(60);
      String capture = "iptraf:type=Capture";
      String reset = "iptraf:type=Agent";
      // the connector may bind a moment after the report: the first probe waits for it
      String frames = "";
      for (int i = 0; i < 100 && !frames.equals(Integer.toString(FRAMES)); i++) {
        frames = probe(port, true, "monitorRole", "watch-only-1", "get", capture, "Frames");
        Thread.sleep(100);
      }
      assertThat(frames)
          .as("read-only role reads; agent: %s", agent.stderr())
          .isEqualTo(Integer.toString(FRAMES));
      assertThat(probe(port, true, "-", "-", "get", capture, "Frames"))
          .isEqualTo("ERR java.lang.SecurityException");
      assertThat(probe(port, true, "monitorRole", "wrong-password", "get", capture, "Frames"))
          .isEqualTo("ERR java.lang.SecurityException");
      assertThat(probe(port, true, "monitorRole", "watch-only-1", "invoke", reset, "resetCounters"))
          .isEqualTo("ERR java.lang.SecurityException");
      assertThat(
              probe(port, true, "controlRole", "full-control-1", "invoke", reset, "resetCounters"))
          .isEqualTo("ok");
      // without the agent's certificate in its trust store a client cannot talk to it at all
      assertThat(probe(port, false, "controlRole", "full-control-1", "get", capture, "Frames"))
          .startsWith("ERR ");
    }
  }

  private String probe(
      int port,
      boolean trusting,
      String user,
      String password,
      String op,
      String name,
      String member)
      throws Exception {
    List<String> c = new ArrayList<>(List.of(JmxAgent.javaBinary()));
    if (trusting) {
      c.add("-Djavax.net.ssl.trustStore=" + dir.resolve("clients.p12"));
      c.add("-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD);
    }
    c.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            JmxProbe.class.getName(),
            Integer.toString(port),
            user,
            password,
            op,
            name,
            member));
    Tools.Result r = Tools.run(c, 60);
    return r.stdout().strip();
  }

  private static void keytool(String... args) throws Exception {
    List<String> c =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    c.addAll(List.of(args));
    Tools.Result r = Tools.run(c, 60);
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
  }
}
