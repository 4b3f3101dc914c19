package org.iptraf.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iptraf.agent.mib.Mib;
import org.iptraf.agent.testutil.Require;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MIB files in {@code mibs/} pass the real libsmi and Net-SNMP tools, as the contract's SNMP
 * section asks: {@code smilint -l 6 -s} prints nothing, and {@code snmptranslate} resolves every
 * name the files define (names are read from the MIB text here, so the list cannot go stale).
 */
class MibFilesTest {

  private static final Path MIBS = Path.of(System.getProperty("basedir", "."), "mibs");

  /** A descriptor at the start of a line followed by a macro that registers an OID. */
  private static final Pattern DEFINITION =
      Pattern.compile(
          "^([a-z][A-Za-z0-9]*)\\s+(OBJECT-TYPE|OBJECT-IDENTITY|NOTIFICATION-TYPE|OBJECT-GROUP"
              + "|NOTIFICATION-GROUP|MODULE-COMPLIANCE|MODULE-IDENTITY|OBJECT IDENTIFIER)\\b",
          Pattern.MULTILINE);

  @ParameterizedTest
  @ValueSource(strings = {"IPTRAF-ROOT-MIB", "IPTRAF-AGENT-MIB"})
  void smilintAtLevelSixPrintsNothing(String module) throws Exception {
    Path shared = Require.standardMibs();

    ExternalTool.Result r =
        ExternalTool.run(
            List.of("smilint", "-l", "6", "-s", MIBS.resolve(module + ".txt").toString()),
            Map.of("SMIPATH", MIBS.toAbsolutePath() + File.pathSeparator + shared));

    assertThat(r.stdout() + r.stderr()).as("smilint output for " + module).isEmpty();
    assertThat(r.exitCode()).as("smilint exit code").isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"IPTRAF-ROOT-MIB", "IPTRAF-AGENT-MIB"})
  void snmptranslateResolvesEveryDefinedName(String module) throws Exception {
    Path shared = Require.standardMibs();
    List<String> names = definedNames(MIBS.resolve(module + ".txt"));
    assertThat(names).as("names defined in " + module).isNotEmpty();

    List<String> command = new ArrayList<>(List.of("snmptranslate", "-M", mibPath(shared)));
    command.addAll(List.of("-m", "ALL", "-On"));
    names.forEach(n -> command.add(module + "::" + n));
    ExternalTool.Result r = ExternalTool.run(command, Map.of());

    // Net-SNMP's first run on a fresh machine says so on stderr: not an error of the MIB
    String errors =
        r.stderr()
            .lines()
            .filter(l -> !l.startsWith("Created directory: "))
            .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(errors).as("snmptranslate errors").isEmpty();
    assertThat(r.exitCode()).isZero();
    List<String> oids = r.stdout().lines().filter(l -> !l.isBlank()).toList();
    assertThat(oids).hasSize(names.size());
    assertThat(oids).allMatch(o -> o.startsWith(".1.3.6.1.4.1.32473"), "under RFC 5612's arc");
    assertThat(Set.copyOf(oids)).as("distinct OIDs").hasSize(names.size());
  }

  @Test
  void agentMibDefinesTheContractsTablesAndEveryReportCounterClass() throws IOException {
    String text = Files.readString(MIBS.resolve("IPTRAF-AGENT-MIB.txt"), StandardCharsets.UTF_8);
    List<String> names = definedNames(MIBS.resolve("IPTRAF-AGENT-MIB.txt"));

    assertThat(names)
        .contains(
            "iptrafIfTable",
            "iptrafTcpConnTable",
            "iptrafOtherFlowTable",
            "iptrafPortTable",
            "iptrafPktSizeTable",
            "iptrafStationTable",
            "iptrafVlanTable",
            "iptrafAlarmTable",
            "iptrafCapture",
            "iptrafAlarmStateChange");
    for (String cls :
        List.of(
            "Total",
            "Ipv4",
            "Ipv6",
            "Tcp",
            "Udp",
            "Icmp",
            "Icmpv6",
            "OtherIp",
            "NonIp",
            "Arp",
            "Broadcast",
            "Multicast")) {
      for (String counter :
          List.of("Pkts", "Octets", "InPkts", "InOctets", "OutPkts", "OutOctets")) {
        assertThat(names).contains("iptrafIf" + cls + counter);
      }
    }
    assertThat(text).doesNotContain("read-write").doesNotContain("read-create");
  }

  @Test
  void rootModuleSaysTheArcIsTheDocumentationArcUntilThereIsAPen() throws IOException {
    String text = Files.readString(MIBS.resolve("IPTRAF-ROOT-MIB.txt"), StandardCharsets.UTF_8);

    assertThat(text)
        .contains("RFC 5612")
        .contains("snmp.rootOid")
        .contains("{ enterprises 32473 }");
    Pattern underEnterprises =
        Pattern.compile("^\\s*::=\\s*\\{\\s*enterprises\\b", Pattern.MULTILINE);
    assertThat(underEnterprises.matcher(text).results().count())
        .as("the arc is registered under enterprises exactly once")
        .isEqualTo(1);
  }

  @Test
  void mappingDocumentNamesEveryColumnAndScalar() throws IOException {
    Path doc = MIBS.resolveSibling("docs").resolve("MIB.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);

    for (String name : definedNames(MIBS.resolve("IPTRAF-AGENT-MIB.txt"))) {
      assertThat(text).as("docs/MIB.md names " + name).contains("`" + name + "`");
    }
  }

  /**
   * What the agent reads from the MIB files (org.iptraf.agent.mib.Mib, the one description the SNMP
   * tables and the check plugin are built from) is what libsmi reads: every node's OID, and every
   * object's syntax and access.
   */
  @Test
  void theAgentReadsTheMibFilesAsLibsmiDoes() throws Exception {
    Path shared = Require.standardMibs();
    Map<String, String> env = Map.of("SMIPATH", mibPath(shared));
    Mib mib = Mib.iptrafAgent();
    String root = "1.3.6.1.4.1.32473.7";

    Map<String, String> libsmi = new java.util.TreeMap<>();
    for (String module : List.of("IPTRAF-ROOT-MIB", "IPTRAF-AGENT-MIB")) {
      ExternalTool.Result ids =
          ExternalTool.run(
              List.of("smidump", "-f", "identifiers", MIBS.resolve(module + ".txt").toString()),
              env);
      assertThat(ids.exitCode()).as(ids.stderr()).isZero();
      ids.stdout()
          .lines()
          .map(l -> l.trim().split("\\s+"))
          .filter(f -> f.length == 4 && f[3].startsWith(root + "."))
          .forEach(f -> libsmi.put(f[1], f[3].substring(root.length() + 1)));
    }
    assertThat(new java.util.TreeMap<>(mib.nodes())).isEqualTo(libsmi);

    ExternalTool.Result tree =
        ExternalTool.run(
            List.of("smidump", "-f", "tree", MIBS.resolve("IPTRAF-AGENT-MIB.txt").toString()), env);
    Matcher row =
        Pattern.compile("\\+-- (r-n|---) (\\w+) +(\\w+)\\((\\d+)\\)").matcher(tree.stdout());
    Map<String, String> types = new java.util.TreeMap<>();
    while (row.find()) {
      String type = row.group(2).equals("Enumeration") ? "INTEGER" : row.group(2);
      types.put(row.group(3), (row.group(1).equals("r-n") ? "read-only " : "") + type);
    }
    Map<String, String> ours = new java.util.TreeMap<>();
    for (Mib.ObjectType o : mib.objects()) {
      if (o.baseSyntax() != null) {
        ours.put(o.name(), (o.access().equals("read-only") ? "read-only " : "") + o.syntax());
      }
    }
    assertThat(types).hasSizeGreaterThan(150);
    assertThat(ours).isEqualTo(types);
  }

  /** Every OID and syntax docs/MIB.md writes beside a name is the MIB file's. */
  @Test
  void mappingDocumentsOidsAndSyntaxAreTheMibFiles() throws IOException {
    String text = Files.readString(MIBS.resolveSibling("docs").resolve("MIB.md"));
    Mib mib = Mib.iptrafAgent();
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    Matcher row =
        Pattern.compile("\\| `R\\.([\\d.]+)` \\| `(\\w+)` \\| ([^|]+?) \\|").matcher(text);
    while (row.find()) {
      checked++;
      String name = row.group(2);
      if (!mib.oid(name).equals(row.group(1))) {
        wrong.add(name + " is R." + mib.oid(name) + ", docs say R." + row.group(1));
      }
      if (mib.find(name).isPresent()
          && !row.group(3).startsWith(mib.object(name).syntax().split(" ")[0])) {
        wrong.add(name + " is " + mib.object(name).syntax() + ", docs say " + row.group(3));
      }
    }
    Matcher pair = Pattern.compile("`(\\w+)`[^|`]*(?:\\|| =) `R\\.([\\d.]+)`").matcher(text);
    while (pair.find()) {
      if (!mib.nodes().containsKey(pair.group(1))) {
        continue; // "`iptrafAgentProduct` (our `sysObjectID` value) | `R.2.1`"
      }
      checked++;
      if (!mib.oid(pair.group(1)).equals(pair.group(2))) {
        wrong.add(
            pair.group(1) + " is R." + mib.oid(pair.group(1)) + ", docs say R." + pair.group(2));
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(checked).as("rows checked").isGreaterThan(mib.objects().size());
  }

  static List<String> definedNames(Path mib) throws IOException {
    String text = Files.readString(mib, StandardCharsets.UTF_8);
    Set<String> names = new LinkedHashSet<>();
    Matcher m = DEFINITION.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return List.copyOf(names);
  }

  static String mibPath(Path shared) {
    // No leading '+': only our modules and the shared standard ones, so stderr stays clean of
    // whatever half-installed modules the system directories hold.
    return MIBS.toAbsolutePath() + File.pathSeparator + shared;
  }
}
