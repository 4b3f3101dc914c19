package org.iptraf.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.iptraf.agent.stats.CaptureSnapshot;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.testutil.Require;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded agent against the real Net-SNMP command-line tools on an ephemeral port. */
class SnmpAgentTest {

  private static final String ROOT = SnmpSettings.DEFAULT_ROOT_OID;
  private static final String FRAMES = ROOT + ".1.1.1.1.1.0";
  private static final String LOOPBACK_DUPLICATES = ROOT + ".1.1.1.1.7.0";
  private static final String TCP_CONN_COUNT = ROOT + ".1.1.1.4.2.0";
  private static final String TCP_CONN_EVICTIONS = ROOT + ".1.1.1.4.4.0";
  private static final String SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0";
  private static final String SYS_CONTACT = "1.3.6.1.2.1.1.4.0";
  private static final String SNMP_IN_BAD_COMMUNITY_NAMES = "1.3.6.1.2.1.11.4.0";
  private static final String SNMP_ENGINE_ID = "1.3.6.1.6.3.10.2.1.1.0";
  private static final String SNMP_ENGINE_BOOTS = "1.3.6.1.6.3.10.2.1.2.0";

  private static final SnmpUser SHA256_AES128 =
      new SnmpUser(
          "ops", SnmpUser.Auth.SHA256, "auth-secret-1", SnmpUser.Priv.AES128, "priv-secret-1");
  private static final SnmpUser SHA512_AES256 =
      new SnmpUser(
          "ops512", SnmpUser.Auth.SHA512, "auth-secret-2", SnmpUser.Priv.AES256, "priv-secret-2");

  /** Counters with values that cannot be confused with each other; 5e9 needs Counter64. */
  private static final TablesSnapshot COUNTS =
      new TablesSnapshot(
          1,
          0,
          0,
          0,
          new CaptureSnapshot(42, 0, 0, 0, 0, 0, 5_000_000_000L, 3, 0, 0, 0, 0, 0, 0, 0),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          null,
          List.of(),
          List.of());

  @TempDir Path state;

  private final List<SnmpAgent> started = new ArrayList<>();

  @BeforeAll
  static void needNetSnmp() {
    Require.tools("snmpget", "snmpset", "snmpwalk");
  }

  @AfterEach
  void stopAgents() {
    started.forEach(SnmpAgent::stop);
  }

  @Test
  void answersV2cGetWithTheCaptureCounters() throws Exception {
    SnmpAgent agent = start(settings(SourceNetwork.LOCALHOST));

    ExternalTool.Result r =
        v2c(
            agent,
            "public",
            "snmpget",
            FRAMES,
            LOOPBACK_DUPLICATES,
            TCP_CONN_COUNT,
            TCP_CONN_EVICTIONS);

    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout().lines().toList()).containsExactly("42", "5000000000", "0", "3");
  }

  @Test
  void servesItsOwnSysObjectId() throws Exception {
    SnmpAgent agent = start(settings(SourceNetwork.LOCALHOST));

    ExternalTool.Result r = v2c(agent, "public", "snmpget", SYS_OBJECT_ID);

    assertThat(r.stdout().strip()).isEqualTo("." + ROOT + ".2.1");
  }

  @Test
  void wrongCommunityGetsNoAnswerAndIsCounted() throws Exception {
    SnmpAgent agent = start(settings(SourceNetwork.LOCALHOST));

    ExternalTool.Result wrong = v2c(agent, "private", "snmpget", FRAMES);

    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.stderr()).contains("Timeout");
    ExternalTool.Result counted = v2c(agent, "public", "snmpget", SNMP_IN_BAD_COMMUNITY_NAMES);
    assertThat(Long.parseLong(counted.stdout().strip())).isGreaterThanOrEqualTo(1);
  }

  @Test
  void communityFromASourceOutsideTheAllowedNetworksGetsNoAnswer() throws Exception {
    SnmpAgent agent = start(settings(List.of(SourceNetwork.parse("192.0.2.0/24"))));

    ExternalTool.Result r = v2c(agent, "public", "snmpget", FRAMES);

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Timeout");
  }

  @Test
  void snmpsetIsRefusedOnOurObjectsAndOnTheSystemGroup() throws Exception {
    SnmpAgent agent = start(settings(SourceNetwork.LOCALHOST));

    ExternalTool.Result ours = v2c(agent, "public", "snmpset", FRAMES, "u", "1");
    ExternalTool.Result system = v2c(agent, "public", "snmpset", SYS_CONTACT, "s", "mallory");

    assertThat(ours.exitCode()).isNotZero();
    assertThat(ours.all()).containsAnyOf("noAccess", "notWritable");
    assertThat(system.exitCode()).isNotZero();
    assertThat(system.all()).containsAnyOf("noAccess", "notWritable");
    ExternalTool.Result still = v2c(agent, "public", "snmpget", FRAMES);
    assertThat(still.stdout().strip()).isEqualTo("42");
  }

  @Test
  void snmpV1IsOffByDefault() throws Exception {
    SnmpAgent agent = start(settings(SourceNetwork.LOCALHOST));

    ExternalTool.Result r =
        ExternalTool.run(
            List.of(
                "snmpget",
                "-v1",
                "-c",
                "public",
                "-t",
                "1",
                "-r",
                "0",
                "-On",
                "-Oqv",
                target(agent),
                SYS_OBJECT_ID),
            netSnmpEnv());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Timeout");
  }

  @Test
  void snmp4jsOwnMibsAreOutsideTheView() throws Exception {
    SnmpAgent agent = start(settings(SourceNetwork.LOCALHOST));

    ExternalTool.Result enterprise = v2c(agent, "public", "snmpwalk", "1.3.6.1.4.1.4976");
    ExternalTool.Result all =
        ExternalTool.run(
            List.of(
                "snmpwalk",
                "-v2c",
                "-c",
                "public",
                "-t",
                "1",
                "-r",
                "2",
                "-On",
                "-Oq",
                target(agent),
                "1.3"),
            netSnmpEnv());

    assertThat(enterprise.stdout()).doesNotContain("4976").containsIgnoringCase("No Such Object");
    assertThat(all.exitCode()).as(all.all()).isZero();
    assertThat(all.stdout()).doesNotContain(".1.3.6.1.4.1.4976").contains("." + FRAMES);
  }

  @Test
  void v3AuthPrivWithSha256AndAes128Works() throws Exception {
    SnmpAgent agent = start(settings(SourceNetwork.LOCALHOST));

    ExternalTool.Result r = v3(agent, SHA256_AES128, "SHA-256", "AES", "auth-secret-1", FRAMES);

    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout().strip()).isEqualTo("42");
  }

  @Test
  void v3AuthPrivWithSha512AndAes256Works() throws Exception {
    SnmpAgent agent = start(settings(SourceNetwork.LOCALHOST));

    ExternalTool.Result r = v3(agent, SHA512_AES256, "SHA-512", "AES256", "auth-secret-2", FRAMES);

    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout().strip()).isEqualTo("42");
  }

  @Test
  void v3WrongPasswordGetsAnAuthenticationFailureReport() throws Exception {
    SnmpAgent agent = start(settings(SourceNetwork.LOCALHOST));

    ExternalTool.Result r = v3(agent, SHA256_AES128, "SHA-256", "AES", "not-the-secret", FRAMES);

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Authentication failure").doesNotContain("Timeout");
  }

  @Test
  void v3UnknownUserGetsAnUnknownUserReport() throws Exception {
    SnmpAgent agent = start(settings(SourceNetwork.LOCALHOST));
    SnmpUser stranger =
        new SnmpUser("eve", SnmpUser.Auth.SHA256, "whatever1", SnmpUser.Priv.AES128, "whatever1");

    ExternalTool.Result r = v3(agent, stranger, "SHA-256", "AES", "whatever1", FRAMES);

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Unknown user name");
  }

  @Test
  void garbageDatagramsDoNotStopIt() throws Exception {
    SnmpAgent agent = start(settings(SourceNetwork.LOCALHOST));
    InetSocketAddress to = agent.address();
    Random random = new Random(7);
    List<byte[]> junk = new ArrayList<>();
    junk.add(new byte[0]);
    junk.add(new byte[] {0x30});
    junk.add(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x02});
    junk.add(new byte[] {0x30, 0x03, 0x02, 0x01}); // sequence cut inside an integer
    junk.add(new byte[] {0x30, 0x0b, 0x02, 0x01, 0x01, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c'});
    byte[] big = new byte[65_000];
    random.nextBytes(big);
    junk.add(big);
    for (int i = 0; i < 200; i++) {
      byte[] b = new byte[1 + random.nextInt(300)];
      random.nextBytes(b);
      b[0] = 0x30;
      junk.add(b);
    }
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      for (byte[] b : junk) {
        socket.send(new DatagramPacket(b, b.length, to));
      }
    }

    ExternalTool.Result r = v2c(agent, "public", "snmpget", FRAMES);

    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout().strip()).isEqualTo("42");
  }

  @Test
  void engineIdPersistsAndEngineBootsCountsRestarts() throws Exception {
    SnmpAgent first = start(settings(SourceNetwork.LOCALHOST));
    List<String> before =
        v2c(first, "public", "snmpget", SNMP_ENGINE_ID, SNMP_ENGINE_BOOTS)
            .stdout()
            .lines()
            .toList();
    first.stop();

    SnmpAgent second = start(settings(SourceNetwork.LOCALHOST));
    List<String> after =
        v2c(second, "public", "snmpget", SNMP_ENGINE_ID, SNMP_ENGINE_BOOTS)
            .stdout()
            .lines()
            .toList();

    assertThat(before).hasSize(2);
    assertThat(after.get(0)).isEqualTo(before.get(0));
    assertThat(Long.parseLong(after.get(1))).isEqualTo(Long.parseLong(before.get(1)) + 1);
  }

  private SnmpAgent start(SnmpSettings settings) throws Exception {
    SnmpAgent agent = new SnmpAgent(settings, () -> COUNTS);
    started.add(agent);
    agent.start();
    return agent;
  }

  private SnmpSettings settings(List<SourceNetwork> allowed) {
    return new SnmpSettings(
        InetAddress.getLoopbackAddress(),
        0,
        "public",
        allowed,
        false,
        List.of(SHA256_AES128, SHA512_AES256),
        state,
        ROOT);
  }

  private static String target(SnmpAgent agent) {
    InetSocketAddress a = agent.address();
    return "udp:" + a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  private static ExternalTool.Result v2c(
      SnmpAgent agent, String community, String tool, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(tool, "-v2c", "-c", community, "-t", "1", "-r", "2", "-On", "-Oqv"));
    command.add(target(agent));
    command.addAll(List.of(args));
    return ExternalTool.run(command, netSnmpEnv());
  }

  private static ExternalTool.Result v3(
      SnmpAgent agent, SnmpUser user, String auth, String priv, String authPass, String oid)
      throws Exception {
    return ExternalTool.run(
        List.of(
            "snmpget",
            "-v3",
            "-l",
            "authPriv",
            "-u",
            user.name(),
            "-a",
            auth,
            "-A",
            authPass,
            "-x",
            priv,
            "-X",
            user.privPassphrase(),
            "-t",
            "1",
            "-r",
            "2",
            "-On",
            "-Oqv",
            target(agent),
            oid),
        netSnmpEnv());
  }

  /** Numeric OIDs only: no MIB loading, so the tools' stderr holds only real errors. */
  private static Map<String, String> netSnmpEnv() {
    return Map.of("MIBS", "", "MIBDIRS", "/nonexistent", "SNMPCONFPATH", "/nonexistent");
  }
}
