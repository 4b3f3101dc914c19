package org.iptraf.agent.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iptraf.agent.testutil.AgentProcess;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Require;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Our plugin and the stock check_snmp against a real agent serving a replayed pcap whose counts are
 * known from how it was built; and the alarm's notification at a real SNMP listener.
 */
class CheckPluginTest {
  private static final String ROOT = "1.3.6.1.4.1.32473.7";
  private static final String FRAMES_OID = ROOT + ".1.1.1.1.1.0";
  private static final long T0 = 1_700_000_000_000_000_000L;

  /** 3 TCP connections (one SYN each) and 4 UDP datagrams: 7 frames. */
  private static final int TCP_CONNECTIONS = 3;

  private static final int FRAMES = TCP_CONNECTIONS + 4;

  @TempDir static Path dir;
  private static AgentProcess agent;
  private static int port;
  private static Snmp trapListener;
  private static final LinkedBlockingQueue<PDU> traps = new LinkedBlockingQueue<>();

  @BeforeAll
  static void serve() throws Exception {
    PcapWriter w = PcapWriter.ethernet();
    long t = T0;
    for (int i = 0; i < TCP_CONNECTIONS; i++) {
      w.frame(
          t += 1000,
          ethernet(
              MAC_B,
              MAC_A,
              0x0800,
              ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40000 + i, 80, SYN, 100, 0))));
    }
    for (int i = 0; i < 4; i++) {
      w.frame(
          t += 1000,
          ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(5000, 53, 10))));
    }
    Path pcap = w.writeTo(dir.resolve("known.pcap"));

    trapListener = new Snmp(new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0")));
    trapListener.addCommandResponder(
        new org.snmp4j.CommandResponder() {
          @Override
          public <A extends org.snmp4j.smi.Address> void processPdu(
              org.snmp4j.CommandResponderEvent<A> e) {
            traps.add(e.getPDU());
          }
        });
    trapListener.listen();
    int trapPort =
        ((UdpAddress)
                trapListener
                    .getMessageDispatcher()
                    .getTransportMappings()
                    .iterator()
                    .next()
                    .getListenAddress())
            .getPort();

    port = Tools.freeUdpPort();
    Path conf = dir.resolve("agent.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "snmp.port = " + port,
            "prometheus.port = 0",
            "snmp.stateDir = " + dir.resolve("state"),
            "snmp.trapTargets = 127.0.0.1:" + trapPort,
            "alarm.many-frames.metric = frames",
            "alarm.many-frames.critical = ~:3",
            ""));
    agent = AgentProcess.serve(pcap, conf, dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (trapListener != null) {
      trapListener.close();
    }
  }

  private static Tools.Result check(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("check", "-p", Integer.toString(port), "-t", "5"));
    cmd.addAll(List.of(args));
    return Tools.run(Tools.agentCommand(cmd.toArray(new String[0])));
  }

  /** perfdata {@code 'label'=value[uom];warn;crit;min;max} of one label. */
  private static String[] perfdata(String output, String label) {
    Matcher m = Pattern.compile("'" + Pattern.quote(label) + "'=(\\S*)").matcher(output);
    assertThat(m.find()).as("perfdata for %s in %s", label, output).isTrue();
    return m.group(1).split(";", -1);
  }

  @Test
  void okWarningCriticalFollowTheRanges() throws Exception {
    Tools.Result ok = check("-m", "frames", "-w", "10", "-c", "20");
    assertThat(ok.exitCode()).as(ok.stdout()).isZero();
    assertThat(ok.stdout()).startsWith("IPTRAF OK - frames " + FRAMES);
    assertThat(perfdata(ok.stdout(), "frames")).containsExactly(FRAMES + "c", "10", "20", "0", "");

    Tools.Result warn = check("-m", "frames", "-w", "5", "-c", "20");
    assertThat(warn.exitCode()).as(warn.stdout()).isEqualTo(1);
    assertThat(warn.stdout()).startsWith("IPTRAF WARNING - frames " + FRAMES + " warning");

    Tools.Result crit = check("-m", "frames", "-w", "5", "-c", "@7:7");
    assertThat(crit.exitCode()).as(crit.stdout()).isEqualTo(2);
    assertThat(crit.stdout()).startsWith("IPTRAF CRITICAL");
    assertThat(crit.stdout()).endsWith("\n").doesNotContain("\n" + "IPTRAF");
  }

  @Test
  void severalMetricsAtOnceWithTheirOwnRanges() throws Exception {
    Tools.Result r =
        check("-m", "frames,tcpConnections,malformed", "-w", "100,~:2,0", "-c", "200,10,0");
    // tcpConnections 3 is above ~:2 -> WARNING; the rest OK
    assertThat(r.exitCode()).as(r.stdout()).isEqualTo(1);
    assertThat(r.stdout()).startsWith("IPTRAF WARNING - tcpConnections " + TCP_CONNECTIONS);
    assertThat(perfdata(r.stdout(), "tcpConnections")[0])
        .isEqualTo(Integer.toString(TCP_CONNECTIONS));
    assertThat(perfdata(r.stdout(), "malformed")[0]).isEqualTo("0c");
    assertThat(perfdata(r.stdout(), "frames")[0]).isEqualTo(FRAMES + "c");
  }

  @Test
  void anAgentThatIsDownIsUnknownWithinTheTimeout() throws Exception {
    int nobody = Tools.freeUdpPort();
    Tools.Result r =
        Tools.run(
            Tools.agentCommand("check", "-p", Integer.toString(nobody), "-t", "1", "-m", "frames"));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).startsWith("IPTRAF UNKNOWN - no answer from 127.0.0.1:" + nobody);
    assertThat(r.millis()).as("wall time of a check against a dead agent").isLessThan(15_000);
  }

  @Test
  void badInputIsUnknownNeverAStackTrace() throws Exception {
    for (String[] args :
        List.of(
            new String[] {"-m", "nosuch"},
            new String[] {"-m", "frames", "-w", "9:1"},
            new String[] {"--bogus"},
            new String[] {"-m", "frames,tcpConnections", "-w", "1,2,3"},
            new String[] {"-m", "eth9:inBps"},
            new String[] {"-P", "3", "-m", "frames"})) {
      Tools.Result r = check(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(3);
      assertThat(r.stdout()).as(String.join(" ", args)).startsWith("IPTRAF UNKNOWN - ");
      assertThat(r.stdout() + r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void stockCheckSnmpThresholdsOurCounters() throws Exception {
    String checkSnmp = Require.tool("/usr/lib/nagios/plugins/check_snmp");
    List<String> base =
        List.of(
            checkSnmp,
            "-H",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-P",
            "2c",
            "-C",
            "public",
            "-o",
            FRAMES_OID);
    Tools.Result ok = Tools.run(concat(base, "-w", "10", "-c", "20"));
    assertThat(ok.exitCode()).as(ok.stdout()).isZero();
    Tools.Result warn = Tools.run(concat(base, "-w", "5", "-c", "20"));
    assertThat(warn.exitCode()).as(warn.stdout()).isEqualTo(1);
    Tools.Result crit = Tools.run(concat(base, "-w", "1", "-c", "6"));
    assertThat(crit.exitCode()).as(crit.stdout()).isEqualTo(2);
    // perfdata: 'label'=7;1;6 (check_snmp 2.3 names the label after the OID)
    Matcher m = Pattern.compile("=(\\d+)[a-z]*;1;6").matcher(crit.stdout());
    assertThat(m.find()).as(crit.stdout()).isTrue();
    assertThat(Long.parseLong(m.group(1))).isEqualTo(FRAMES);
  }

  @Test
  void anAlarmCrossingSendsExactlyOneNotificationWithTheDeclaredVarbinds() throws Exception {
    PDU trap = traps.poll(20, TimeUnit.SECONDS);
    assertThat(trap).as("a notification within 20 s").isNotNull();
    assertThat(traps.poll(3, TimeUnit.SECONDS)).as("no second notification").isNull();
    assertThat(trap.getType()).isEqualTo(PDU.TRAP);
    List<? extends VariableBinding> vbs = trap.getVariableBindings();
    assertThat(vbs).hasSize(9);
    assertThat(vbs.get(0).getOid().toDottedString()).isEqualTo("1.3.6.1.2.1.1.3.0");
    assertThat(vbs.get(1).getOid().toDottedString()).isEqualTo("1.3.6.1.6.3.1.1.4.1.0");
    assertThat(vbs.get(1).getVariable().toString()).isEqualTo(ROOT + ".1.1.0.1");
    String index = ".11.109.97.110.121.45.102.114.97.109.101.115"; // "many-frames"
    String entry = ROOT + ".1.1.1.10.1.1.";
    assertThat(vbs.get(2).getOid().toDottedString()).isEqualTo(entry + "2" + index);
    assertThat(vbs.get(2).getVariable()).isEqualTo(new OctetString("frames"));
    assertThat(vbs.get(3).getVariable()).isEqualTo(new OctetString(Integer.toString(FRAMES)));
    assertThat(vbs.get(4).getOid().toDottedString()).isEqualTo(entry + "4" + index);
    assertThat(vbs.get(4).getVariable().toInt()).isEqualTo(2); // critical
    assertThat(vbs.get(5).getVariable().toInt()).isEqualTo(0); // was ok
    assertThat(((OctetString) vbs.get(6).getVariable()).length()).isEqualTo(11); // DateAndTime
    assertThat(vbs.get(7).getVariable()).isEqualTo(new OctetString(""));
    assertThat(vbs.get(8).getVariable()).isEqualTo(new OctetString("~:3"));
  }

  @Test
  void alarmStatesAreServedAndCheckable() throws Exception {
    // the engine checks once a second: give it a moment after start
    Tools.Result r = null;
    for (int i = 0; i < 50; i++) {
      r = check("-m", "alarm:many-frames");
      if (r.exitCode() != 0) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(r.exitCode()).as(r.stdout()).isEqualTo(2);
    assertThat(r.stdout()).startsWith("IPTRAF CRITICAL - alarm:many-frames 2 (critical)");

    String snmpget = Require.tool("snmpget");
    Tools.Result g =
        Tools.run(
            List.of(
                snmpget,
                "-v2c",
                "-c",
                "public",
                "-On",
                "-Oqv",
                "127.0.0.1:" + port,
                ROOT + ".1.1.1.10.1.1.4.11.109.97.110.121.45.102.114.97.109.101.115",
                ROOT + ".1.1.1.10.1.1.2.11.109.97.110.121.45.102.114.97.109.101.115",
                ROOT + ".1.1.1.10.2.0"));
    assertThat(g.exitCode()).as(g.stderr()).isZero();
    assertThat(g.stdout().strip().split("\n")).containsExactly("2", "\"frames\"", "1");
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> c = new ArrayList<>(a);
    c.addAll(List.of(b));
    return c;
  }
}
