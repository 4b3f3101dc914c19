package org.iptraf.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.iptraf.agent.mib.Mib;
import org.iptraf.agent.testutil.Require;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree the agent serves is the MIB file's: every instance under iptrafAgentObjects belongs to
 * an accessible object of mibs/IPTRAF-AGENT-MIB.txt, with that object's syntax as Net-SNMP reads
 * the wire, and every accessible object has instances. (MibFilesTest compares the agent's reading
 * of the file with libsmi's.)
 */
class ServedTreeTest {

  /** R as the test config leaves it (snmp.rootOid's default). */
  private static final String R = "1.3.6.1.4.1.32473.7";

  /** How Net-SNMP prints each SMI base type when it has no MIB for the object. */
  private static final Map<String, Set<String>> PRINTED =
      Map.of(
          "Counter64", Set.of("Counter64"),
          "Counter32", Set.of("Counter32"),
          "Gauge32", Set.of("Gauge32"),
          "Unsigned32", Set.of("Gauge32"),
          "INTEGER", Set.of("INTEGER"),
          "TimeTicks", Set.of("Timeticks"),
          "OCTET STRING", Set.of("STRING", "Hex-STRING", "\"\""),
          "BITS", Set.of("STRING", "Hex-STRING", "\"\""));

  @TempDir Path dir;

  @Test
  void everyServedInstanceIsAnObjectOfTheMibWithItsSyntax() throws Exception {
    Require.tool("snmpbulkwalk");
    int port = ServedAgent.freePort();
    Path pcap = SnmpReplayTest.writeCapture(dir.resolve("mixed.pcap"));
    // one alarm, so that iptrafAlarmTable has a row to show
    Path conf =
        ServedAgent.config(
            dir,
            port,
            dir.resolve("state"),
            "alarm.busy.metric = frames",
            "alarm.busy.warning = 5");
    Mib mib = Mib.iptrafAgent();
    Map<String, Mib.ObjectType> byOid = new TreeMap<>();
    mib.objects().forEach(o -> byOid.put(o.oid(), o));

    List<String> lines;
    try (ServedAgent agent = ServedAgent.start(dir, pcap, conf, port)) {
      ExternalTool.Result r =
          ExternalTool.run(
              List.of(
                  "snmpbulkwalk",
                  "-v2c",
                  "-c",
                  "public",
                  "-t",
                  "2",
                  "-r",
                  "2",
                  "-On",
                  "-Oe",
                  "-Cr50",
                  agent.target(),
                  R + "." + mib.oid("iptrafAgentObjects")),
              ServedAgent.netSnmpEnv());
      assertThat(r.exitCode()).as(r.all()).isZero();
      lines = r.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    Set<String> served = new TreeSet<>();
    List<String> wrong = new ArrayList<>();
    for (String line : lines) {
      int eq = line.indexOf(" = ");
      String oid = line.substring(1, eq).substring(R.length() + 1);
      String value = line.substring(eq + 3);
      String printed = value.startsWith("\"\"") ? "\"\"" : value.substring(0, value.indexOf(':'));
      Mib.ObjectType o = owner(byOid, oid);
      if (o == null || !o.accessible()) {
        wrong.add(oid + " belongs to no accessible object of the MIB");
        continue;
      }
      if (!PRINTED.get(o.baseSyntax()).contains(printed)) {
        wrong.add(o.name() + " (" + o.syntax() + ") served as " + printed + ": " + line);
      }
      served.add(o.name());
    }
    assertThat(wrong).isEmpty();
    Set<String> accessible = new TreeSet<>();
    mib.objects().stream()
        .filter(o -> o.accessible() && !o.access().endsWith("notify"))
        .forEach(o -> accessible.add(o.name()));
    assertThat(served).isEqualTo(accessible);
  }

  /** The object whose OID is the longest prefix of an instance OID. */
  private static Mib.ObjectType owner(Map<String, Mib.ObjectType> byOid, String instance) {
    String oid = instance;
    while (oid.contains(".")) {
      oid = oid.substring(0, oid.lastIndexOf('.'));
      Mib.ObjectType o = byOid.get(oid);
      if (o != null) {
        return o;
      }
    }
    return null;
  }
}
