package org.iptraf.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packages read as the data path and depend only forward (docs/ARCHITECTURE.md): capture →
 * decode → stats → the readers (report, summary, metrics, jmx, snmp, prometheus, ipfix) → cli, with
 * config and the MIB's description underneath, the check plugin on the MIB's description alone, and
 * the top console on the MIB and check's SNMP client.
 */
class ArchitectureTest {

  private static final String ROOT = "org.iptraf.agent";

  /** The readers of the tables; none uses another, except the summary line the report's. */
  static final List<String> READERS =
      List.of("report", "summary", "metrics", "jmx", "snmp", "prometheus", "ipfix");

  static ArchRule layers(String root) {
    String[] readers = READERS.stream().map(r -> root + "." + r + "..").toArray(String[]::new);
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("config")
        .definedBy(root + ".config..")
        .layer("mib")
        .definedBy(root + ".mib..")
        .layer("capture")
        .definedBy(root + ".capture..")
        .layer("decode")
        .definedBy(root + ".decode..")
        .layer("stats")
        .definedBy(root + ".stats..")
        .layer("names")
        .definedBy(root + ".names..")
        .layer("threshold")
        .definedBy(root + ".threshold..")
        .layer("alarm")
        .definedBy(root + ".alarm..")
        .layer("readers")
        .definedBy(readers)
        .layer("check")
        .definedBy(root + ".check..")
        .layer("top")
        .definedBy(root + ".top..")
        .layer("cli")
        .definedBy(root + ".cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("top")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("check")
        .mayOnlyBeAccessedByLayers("top", "cli")
        .whereLayer("readers")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("alarm")
        .mayOnlyBeAccessedByLayers("readers", "cli")
        .whereLayer("threshold")
        .mayOnlyBeAccessedByLayers("alarm", "check", "cli")
        .whereLayer("names")
        .mayOnlyBeAccessedByLayers("readers", "cli")
        .whereLayer("stats")
        .mayOnlyBeAccessedByLayers("names", "alarm", "readers", "cli")
        .whereLayer("decode")
        .mayOnlyBeAccessedByLayers("stats", "readers", "cli")
        .whereLayer("capture")
        .mayOnlyBeAccessedByLayers("decode", "stats", "names", "readers", "cli")
        .whereLayer("mib")
        .mayOnlyBeAccessedByLayers("threshold", "readers", "check", "top", "cli")
        .whereLayer("config")
        .mayOnlyBeAccessedByLayers("capture", "stats", "names", "alarm", "readers", "cli");
  }

  static List<ArchRule> readersApart(String root) {
    List<ArchRule> rules = new ArrayList<>();
    for (String r : READERS) {
      List<String> others = new ArrayList<>();
      for (String o : READERS) {
        if (!o.equals(r) && !(r.equals("summary") && o.equals("report"))) {
          others.add(root + "." + o + "..");
        }
      }
      rules.add(
          noClasses()
              .that()
              .resideInAPackage(root + "." + r + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(others.toArray(String[]::new))
              .allowEmptyShould(true));
    }
    return rules;
  }

  /** The Nagios plugin reads the MIB over SNMP: the agent's tables are none of its business. */
  static ArchRule checkOnMibAlone(String root) {
    return classes()
        .that()
        .resideInAPackage(root + ".check..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            root + ".check..",
            root + ".threshold..",
            root + ".mib..",
            "java..",
            "javax..",
            "org.snmp4j..",
            "org.slf4j..")
        .allowEmptyShould(true);
  }

  /**
   * The top console is an SNMP client like the check plugin: the MIB's description, check's SNMP
   * connection (SnmpSource) and the terminal library; the agent's tables are none of its business.
   */
  static ArchRule topOnMibAndSnmpAlone(String root) {
    return classes()
        .that()
        .resideInAPackage(root + ".top..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            root + ".top..",
            root + ".check..",
            root + ".mib..",
            "java..",
            "javax..",
            "org.snmp4j..",
            "org.jline..",
            "org.slf4j..")
        .allowEmptyShould(true);
  }

  @Test
  void theAgentsPackagesDependOnlyForward() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    layers(ROOT).check(main);
    readersApart(ROOT).forEach(r -> r.check(main));
    checkOnMibAlone(ROOT).check(main);
    topOnMibAndSnmpAlone(ROOT).check(main);
  }

  @Test
  void aBackEdgeFailsTheRules() {
    String root = ROOT + ".archfixture";
    JavaClasses fixture = new ClassFileImporter().importPackages(root);
    assertThatThrownBy(() -> layers(root).check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Ring")
        .hasMessageContaining("Table");
  }
}
