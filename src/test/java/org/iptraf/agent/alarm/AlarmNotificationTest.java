package org.iptraf.agent.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.iptraf.agent.testutil.AgentProcess;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * An alarm crossing its threshold sends exactly one notification, and exactly one more when it
 * clears (here: the counters reset over JMX), to a real SNMP listener; JMX shows the states.
 */
class AlarmNotificationTest {
  private static final String ROOT = "1.3.6.1.4.1.32473.7";
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final int FRAMES = 5;

  @Test
  void oneNotificationWhenRaisedAndOneWhenCleared(@TempDir Path dir) throws Exception {
    PcapWriter w = PcapWriter.ethernet();
    for (int i = 0; i < FRAMES; i++) {
      w.frame(
          T0 + i * 1000L,
          ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(5000, 53, 10))));
    }
    Path pcap = w.writeTo(dir.resolve("five.pcap"));
    LinkedBlockingQueue<PDU> traps = new LinkedBlockingQueue<>();
    Snmp listener = new Snmp(new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0")));
    listener.addCommandResponder(
        new CommandResponder() {
          @Override
          public <A extends Address> void processPdu(CommandResponderEvent<A> e) {
            traps.add(e.getPDU());
          }
        });
    listener.listen();
    int trapPort =
        ((UdpAddress)
                listener
                    .getMessageDispatcher()
                    .getTransportMappings()
                    .iterator()
                    .next()
                    .getListenAddress())
            .getPort();
    int jmxPort = Tools.freeTcpPort();
    Path conf = dir.resolve("agent.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "snmp.port = " + Tools.freeUdpPort(),
            "prometheus.port = 0",
            "snmp.stateDir = " + dir.resolve("state"),
            "snmp.trapTargets = 127.0.0.1:" + trapPort,
            "jmx.port = " + jmxPort,
            "jmx.rmiServerPort = " + Tools.freeTcpPort(),
            "alarm.busy.metric = frames",
            "alarm.busy.warning = ~:3",
            ""));
    try (AgentProcess agent = AgentProcess.serve(pcap, conf, dir)) {
      PDU raised = traps.poll(20, TimeUnit.SECONDS);
      assertThat(raised)
          .as("a notification when the alarm is raised; agent log:%n%s", agent.stderr())
          .isNotNull();
      assertThat(raised.get(1).getVariable().toString()).isEqualTo(ROOT + ".1.1.0.1");
      assertThat(raised.get(4).getVariable().toInt()).isEqualTo(1); // warning
      assertThat(raised.get(5).getVariable().toInt()).isEqualTo(0); // was ok
      assertThat(traps.poll(2500, TimeUnit.MILLISECONDS))
          .as("nothing more while it holds")
          .isNull();

      JMXServiceURL url =
          new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
      try (JMXConnector c = JMXConnectorFactory.connect(url)) {
        MBeanServerConnection mbs = c.getMBeanServerConnection();
        ObjectName alarms = new ObjectName("iptraf:type=Alarms");
        CompositeData row =
            (CompositeData)
                ((TabularData) mbs.getAttribute(alarms, "Table")).values().iterator().next();
        assertThat(row.get("name")).isEqualTo("busy");
        assertThat(row.get("state")).isEqualTo("warning");
        assertThat(row.get("value")).isEqualTo(Integer.toString(FRAMES));

        mbs.invoke(
            new ObjectName("iptraf:type=Agent"), "resetCounters", new Object[0], new String[0]);
        PDU cleared = traps.poll(20, TimeUnit.SECONDS);
        assertThat(cleared).as("a notification when the alarm clears").isNotNull();
        assertThat(cleared.get(3).getVariable().toString()).isEqualTo("0"); // the value
        assertThat(cleared.get(4).getVariable().toInt()).isEqualTo(0); // ok
        assertThat(cleared.get(5).getVariable().toInt()).isEqualTo(1); // was warning
        assertThat(traps.poll(2500, TimeUnit.MILLISECONDS)).as("exactly one each way").isNull();
        row =
            (CompositeData)
                ((TabularData) mbs.getAttribute(alarms, "Table")).values().iterator().next();
        assertThat(row.get("state")).isEqualTo("ok");
        assertThat(row.get("previousState")).isEqualTo("warning");
      }
    } finally {
      listener.close();
    }
  }
}
