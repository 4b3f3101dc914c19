package org.iptraf.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {
  private static final Path SHIPPED = Path.of("etc/iptraf-agent.conf");

  private static AgentConfig parse(String... lines) throws ConfigException {
    return ConfigParser.parse(Path.of("t.conf"), List.of(lines));
  }

  @Test
  void theShippedFileDocumentsEveryKeyWithItsDefault() throws Exception {
    String text = Files.readString(SHIPPED);
    for (var e : ConfigParser.DEFAULTS.entrySet()) {
      Pattern p = Pattern.compile("^#" + Pattern.quote(e.getKey()) + " =(.*)$", Pattern.MULTILINE);
      Matcher m = p.matcher(text);
      assertThat(m.find()).as("etc/iptraf-agent.conf documents %s", e.getKey()).isTrue();
      assertThat(m.group(1).strip()).as("default of %s", e.getKey()).isEqualTo(e.getValue());
    }
  }

  /**
   * Every range and choice the shipped file states for a key is the table's (ConfigKeys): the
   * comment block above a key that is alone in its block, read for "N..M" and for each choice.
   */
  @Test
  void theShippedFileStatesTheTablesRangesAndChoices() throws Exception {
    List<String> lines = Files.readAllLines(SHIPPED);
    int ranges = 0;
    for (ConfigKeys.Key k : ConfigKeys.ALL) {
      int at = lines.indexOf(("#" + k.name() + " = " + k.defaultValue()).strip());
      assertThat(at).as("etc/iptraf-agent.conf has the line of %s", k.name()).isNotNegative();
      int first = at;
      while (first > 0 && !lines.get(first - 1).isBlank()) {
        first--;
      }
      int last = at;
      while (last + 1 < lines.size() && !lines.get(last + 1).isBlank()) {
        last++;
      }
      StringBuilder block = new StringBuilder();
      int keysInBlock = 0;
      for (String line : lines.subList(first, last + 1)) {
        if (line.matches("#[a-zA-Z]+\\.[a-zA-Z.]+ =.*")) {
          keysInBlock++;
        } else {
          block.append(line).append(' ');
        }
      }
      if (k.kind() == ConfigKeys.Kind.CHOICE) {
        assertThat(block.toString()).as("choices of %s", k.name()).contains(k.choices());
      }
      Matcher range = Pattern.compile("(-?\\d+)\\.\\.(\\d+)").matcher(block);
      if (keysInBlock == 1
          && range.find()
          && (k.kind() == ConfigKeys.Kind.INTEGER || k.kind() == ConfigKeys.Kind.POWER_OF_TWO)) {
        ranges++;
        assertThat(range.group()).as("range of %s", k.name()).isEqualTo(k.min() + ".." + k.max());
      }
    }
    assertThat(ranges).as("ranges stated and checked").isPositive();
  }

  @Test
  void theShippedFileIsTheDefaults() throws Exception {
    AgentConfig shipped = ConfigParser.parse(SHIPPED);
    AgentConfig defaults = ConfigParser.defaultConfig();
    assertThat(shipped.tables()).isEqualTo(defaults.tables());
    assertThat(shipped.capture()).isEqualTo(defaults.capture());
    assertThat(shipped.snmp()).isEqualTo(defaults.snmp());
    assertThat(shipped.jmx()).isEqualTo(defaults.jmx());
    assertThat(shipped.prometheus()).isEqualTo(defaults.prometheus());
    assertThat(shipped.ipfix()).isEqualTo(defaults.ipfix());
    assertThat(shipped.filters()).isEmpty();
  }

  @Test
  void readsValuesContinuationsAndBothSeparators() throws Exception {
    AgentConfig c =
        parse(
            "# comment",
            "! also a comment",
            "tcp.maxConnections = 1000",
            "tcp.idleTimeout: 30",
            "capture.interfaces = eth0, \\",
            "   eth1",
            "capture.promiscuous=yes");
    assertThat(c.tables().tcpMaxConnections()).isEqualTo(1000);
    assertThat(c.tables().tcpIdleTimeout()).isEqualTo(30);
    assertThat(c.capture().interfaces()).containsExactly("eth0", "eth1");
    assertThat(c.capture().promiscuous()).isTrue();
  }

  @Test
  void errorsNameFileLineKeyAndWhatIsAllowed() throws Exception {
    assertThatThrownBy(() -> parse("", "tcp.maxConection = 5"))
        .hasMessageStartingWith(
            "t.conf:2: tcp.maxConection: unknown key (did you mean " + "tcp.maxConnections?)");
    assertThatThrownBy(() -> parse("tcp.idleTimeout = soon"))
        .hasMessage("t.conf:1: tcp.idleTimeout: 'soon' is not an integer (allowed 1..604800)");
    assertThatThrownBy(() -> parse("snmp.port = 70000"))
        .hasMessage("t.conf:1: snmp.port: 70000 is out of range (allowed 0..65535)");
    assertThatThrownBy(() -> parse("prometheus.port = -1"))
        .hasMessage("t.conf:1: prometheus.port: -1 is out of range (allowed 0..65535)");
    assertThatThrownBy(() -> parse("prometheus.topFlows = 1001"))
        .hasMessage("t.conf:1: prometheus.topFlows: 1001 is out of range (allowed 0..1000)");
    assertThatThrownBy(() -> parse("export.ipfix.collector = 127.0.0.1"))
        .hasMessage(
            "t.conf:1: export.ipfix.collector: '127.0.0.1' is not HOST:PORT (e.g. 127.0.0.1:4739,"
                + " [::1]:4739, collector.example:2055)");
    assertThatThrownBy(() -> parse("export.ipfix.collector = [::1]:70000"))
        .hasMessageContaining("export.ipfix.collector: '[::1]:70000' is not HOST:PORT");
    assertThatThrownBy(() -> parse("export.ipfix.transport = sctp"))
        .hasMessageContaining("export.ipfix.transport");
    assertThat(parse("export.ipfix.collector = [::1]:4739").ipfix().collector())
        .isEqualTo("[::1]:4739");
    assertThatThrownBy(() -> parse("prometheus.address ="))
        .hasMessage("t.conf:1: prometheus.address: must not be empty (default 127.0.0.1)");
    assertThatThrownBy(() -> parse("capture.promiscuous = maybe"))
        .hasMessage("t.conf:1: capture.promiscuous: 'maybe' is not a boolean (true or false)");
    assertThatThrownBy(() -> parse("capture.ringBlockSize = 5000"))
        .hasMessageContaining("t.conf:1: capture.ringBlockSize: 5000 is not a power of two");
    assertThatThrownBy(() -> parse("sizes.mtu = 1", "sizes.mtu = 2"))
        .hasMessage("t.conf:2: sizes.mtu: set twice (first on line 1)");
    assertThatThrownBy(() -> parse("snmp.rootOid = 1.3.6.x"))
        .hasMessageContaining("t.conf:1: snmp.rootOid: '1.3.6.x' is not a numeric OID");
  }

  @Test
  void parsesFiltersInOrderOfTheirNumbers() throws Exception {
    AgentConfig c =
        parse(
            "filter.20 = exclude net 2001:db8::/32 port 1000-2000",
            "filter.3 = include proto udp iface eth1 net 10.1.0.0/16");
    assertThat(c.filters()).extracting(FilterRule::order).containsExactly(3, 20);
    FilterRule first = c.filters().get(0);
    assertThat(first.include()).isTrue();
    assertThat(first.protocol()).isEqualTo(17);
    assertThat(first.iface()).isEqualTo("eth1");
    assertThat(first.prefixLength()).isEqualTo(96 + 16);
    assertThat(first.netLo()).isEqualTo(0xFFFF_0A01_0000L);
    FilterRule second = c.filters().get(1);
    assertThat(second.include()).isFalse();
    assertThat(second.netHi()).isEqualTo(0x2001_0db8_0000_0000L);
    assertThat(second.prefixLength()).isEqualTo(32);
    assertThat(second.portFrom()).isEqualTo(1000);
    assertThat(second.portTo()).isEqualTo(2000);
  }

  @Test
  void rejectsBadFilters() {
    assertThatThrownBy(() -> parse("filter.1 = drop tcp"))
        .hasMessageStartingWith("t.conf:1: filter.1: 'drop': expected 'include|exclude");
    assertThatThrownBy(() -> parse("filter.1 = exclude port 9-3"))
        .hasMessageContaining("port '9-3'");
    assertThatThrownBy(() -> parse("filter.1 = exclude net example.com"))
        .hasMessageContaining("not an IPv4 or IPv6 address");
    assertThatThrownBy(() -> parse("filter.1 = exclude proto"))
        .hasMessageContaining("has no value");
  }

  @Test
  void snmpUsersNeedAuthAndPriv() throws Exception {
    AgentConfig c =
        parse(
            "snmp.user.ops.auth = SHA-256 authsecret1", "snmp.user.ops.priv = aes-128 privsecret1");
    assertThat(c.snmp().users())
        .containsExactly(
            new AgentConfig.V3User("ops", "SHA-256", "authsecret1", "AES-128", "privsecret1"));
    assertThatThrownBy(() -> parse("snmp.user.ops.auth = SHA-256 authsecret1"))
        .hasMessageContaining("snmp.user.ops.priv: missing");
    assertThatThrownBy(() -> parse("snmp.user.ops.auth = MD5 authsecret1"))
        .hasMessageContaining("protocol one of [SHA-224, SHA-256, SHA-384, SHA-512]");
    assertThatThrownBy(() -> parse("snmp.user.ops.auth = SHA-256 short"))
        .hasMessageContaining("at least 8 characters");
  }

  @Test
  void theTrapUserIsOneOfTheUsers() throws Exception {
    String[] ops = {
      "snmp.user.ops.auth = SHA-256 authsecret1", "snmp.user.ops.priv = AES-128 privsecret1"
    };
    assertThat(parse(ops).snmp().trapUser()).isEmpty();
    assertThat(parse(ops[0], ops[1], "snmp.trapUser = ops").snmp().trapUser()).isEqualTo("ops");
    assertThatThrownBy(() -> parse(ops[0], ops[1], "snmp.trapUser = opz"))
        .hasMessage(
            "t.conf:3: snmp.trapUser: 'opz' is no SNMPv3 user here: define snmp.user.opz.auth"
                + " and snmp.user.opz.priv, or leave it empty for v2c");
  }

  @Test
  void unreadableFilesAreOneLineErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigParser.parse(dir))
        .hasMessage(dir + ": is a directory, not a configuration file");
    assertThatThrownBy(() -> ConfigParser.parse(dir.resolve("none.conf")))
        .hasMessage(dir.resolve("none.conf") + ": cannot read: no such file");
  }
}
