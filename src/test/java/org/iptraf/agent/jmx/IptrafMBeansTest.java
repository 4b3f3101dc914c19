package org.iptraf.agent.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.iptraf.agent.metrics.TableMetrics;
import org.iptraf.agent.stats.AgentFacts;
import org.iptraf.agent.stats.CaptureSnapshot;
import org.iptraf.agent.stats.Counts;
import org.iptraf.agent.stats.InterfaceSnapshot;
import org.iptraf.agent.stats.PacketSizes;
import org.iptraf.agent.stats.Rates;
import org.iptraf.agent.stats.TablesSnapshot;
import org.junit.jupiter.api.Test;

/** Interface MBeans and metrics follow the interfaces of the latest snapshot. */
class IptrafMBeansTest {
  private final AtomicReference<TablesSnapshot> latest = new AtomicReference<>(snapshot(1));
  private final MBeanServer server = MBeanServerFactory.newMBeanServer();

  @Test
  void interfacesThatAppearOrVanishRegisterOrUnregister() throws Exception {
    try (IptrafMBeans m = IptrafMBeans.start(server, latest::get, null, facts())) {
      assertThat(interfaceNames()).isEmpty();
      latest.set(snapshot(2, iface(0, "eth0", 10), iface(1, "wlan:0", 20)));
      m.refresh();
      assertThat(interfaceNames())
          .containsExactlyInAnyOrder(
              "iptraf:type=Interface,name=eth0", "iptraf:type=Interface,name=\"wlan:0\"");
      assertThat(server.getAttribute(IptrafMBeans.interfaceName("wlan:0"), "TotalInPackets"))
          .isEqualTo(20L);
      latest.set(snapshot(3, iface(1, "wlan:0", 25)));
      m.refresh();
      assertThat(interfaceNames()).containsExactly("iptraf:type=Interface,name=\"wlan:0\"");
      assertThat(server.getAttribute(IptrafMBeans.interfaceName("wlan:0"), "TotalInPackets"))
          .isEqualTo(25L);
    }
    assertThat(server.queryNames(new ObjectName("iptraf:*"), null))
        .as("close unregisters")
        .isEmpty();
  }

  @Test
  void theIpfixExportsCountersAreReadLive() throws Exception {
    org.iptraf.agent.stats.ExportCounters c =
        new org.iptraf.agent.stats.ExportCounters("127.0.0.1:4739/udp");
    try (IptrafMBeans m = IptrafMBeans.start(server, latest::get, null, facts())) {
      m.flowExport(c);
      ObjectName name = IptrafMBeans.name("IpfixExport");
      assertThat(server.getAttribute(name, "Collector")).isEqualTo("127.0.0.1:4739/udp");
      c.sent(25, 0, 1400);
      c.sent(0, 5, 340);
      c.dropped(7);
      c.sendError();
      assertThat(server.getAttribute(name, "Records")).isEqualTo(25L);
      assertThat(server.getAttribute(name, "Templates")).isEqualTo(5L);
      assertThat(server.getAttribute(name, "Messages")).isEqualTo(2L);
      assertThat(server.getAttribute(name, "Bytes")).isEqualTo(1740L);
      assertThat(server.getAttribute(name, "DroppedRecords")).isEqualTo(7L);
      assertThat(server.getAttribute(name, "DroppedMessages")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "SendErrors")).isEqualTo(1L);
    }
    assertThat(server.queryNames(new ObjectName("iptraf:*"), null)).isEmpty();
  }

  @Test
  void metricsFollowInterfacesAndMarkGrowthOncePerUpdate() {
    MetricRegistry registry = new MetricRegistry();
    latest.set(snapshot(2, iface(0, "eth0", 10)));
    TableMetrics metrics = new TableMetrics(registry, latest::get);
    metrics.update();
    assertThat(registry.meter("interface.eth0.total.packets").getCount()).isEqualTo(10);
    latest.set(snapshot(3, iface(0, "eth0", 15), iface(1, "eth1", 1)));
    metrics.update();
    assertThat(registry.meter("interface.eth0.total.packets").getCount()).isEqualTo(15);
    assertThat(registry.getGauges()).containsKey("interface.eth1.rate.ewma1m.bps");
    latest.set(snapshot(4, iface(1, "eth1", 2)));
    metrics.update();
    assertThat(registry.getNames()).noneMatch(n -> n.startsWith("interface.eth0."));
    assertThat(registry.getGauges().get("capture.frames").getValue()).isEqualTo(2L);
  }

  private List<String> interfaceNames() throws Exception {
    return server.queryNames(new ObjectName("iptraf:type=Interface,*"), null).stream()
        .map(ObjectName::toString)
        .toList();
  }

  private static AgentFacts facts() {
    return new AgentFacts(
        "test", "replay", null, 0, List.of(), new AgentFacts.Capacities(0, 0, 0, 0, 0, 0));
  }

  private static InterfaceSnapshot iface(int id, String name, long inPackets) {
    Counts c = new Counts(inPackets, inPackets * 100, 0, 0);
    Counts z = Counts.ZERO;
    return new InterfaceSnapshot(
        id,
        name,
        "ethernet",
        0,
        c,
        c,
        z,
        z,
        z,
        z,
        z,
        z,
        z,
        z,
        z,
        z,
        0,
        0,
        Rates.ZERO,
        new long[PacketSizes.RMON_NAMES.length]);
  }

  private static TablesSnapshot snapshot(long sequence, InterfaceSnapshot... interfaces) {
    long frames = 0;
    for (InterfaceSnapshot i : interfaces) {
      frames += i.total().packets();
    }
    return new TablesSnapshot(
        sequence,
        0,
        0,
        0,
        new CaptureSnapshot(frames, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        List.of(interfaces),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        new PacketSizes(new long[PacketSizes.RMON_NAMES.length], List.of(), 0),
        List.of(),
        List.of());
  }
}
