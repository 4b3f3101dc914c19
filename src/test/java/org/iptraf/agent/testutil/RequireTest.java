package org.iptraf.agent.testutil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing requirement skips the test, or with the switch on fails it with the same reason. */
class RequireTest {

  private String saved;

  @BeforeEach
  void save() {
    saved = System.getProperty(Require.SWITCH);
  }

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(Require.SWITCH);
    } else {
      System.setProperty(Require.SWITCH, saved);
    }
  }

  @Test
  void aMissingToolIsASkipWithTheSwitchOff() {
    System.setProperty(Require.SWITCH, "false");

    assertThatThrownBy(() -> Require.tool("no-such-tool-xyz"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("no-such-tool-xyz is not installed");
  }

  @Test
  void aMissingToolIsAFailureWithTheSwitchOn() {
    System.setProperty(Require.SWITCH, "true");

    assertThatThrownBy(() -> Require.tool("no-such-tool-xyz"))
        .isInstanceOf(Require.Missing.class)
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "no-such-tool-xyz is not installed (no Debian package known for it)"
                + " (required: -Diptraf.requireTools=true)");
  }

  @Test
  void aMissingKnownToolNamesItsDebianPackage() {
    System.setProperty(Require.SWITCH, "true");

    assertThatThrownBy(() -> Require.tool("/nonexistent/bin/smilint"))
        .isInstanceOf(Require.Missing.class)
        .hasMessageStartingWith(
            "/nonexistent/bin/smilint is not installed" + " (Debian package smitools)");
  }

  @Test
  void aPresentToolIsItsPath() {
    System.setProperty(Require.SWITCH, "true");

    assertThat(Path.of(Require.tool("sh"))).isAbsolute().isExecutable();
  }

  @Test
  void aMissingSharedFileIsASkipOrAFailureNamingThePath() {
    Path expected = Require.sharedRoot().resolve("no-such-dir/x.pcap");
    System.setProperty(Require.SWITCH, "false");
    assertThatThrownBy(() -> Require.shared("no-such-dir", "x.pcap"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith("no " + expected + ": the shared fixtures are not here");
    assertThat(Require.sharedIfPresent("no-such-dir")).isEmpty();

    System.setProperty(Require.SWITCH, "true");
    assertThatThrownBy(() -> Require.shared("no-such-dir", "x.pcap"))
        .isInstanceOf(Require.Missing.class)
        .hasMessageStartingWith("no " + expected + ": the shared fixtures are not here");
    assertThatThrownBy(() -> Require.sharedIfPresent("no-such-dir"))
        .isInstanceOf(Require.Missing.class);
  }

  @Test
  void aTestRunOnlyWhenAskedForStaysASkipWithTheSwitchOn() {
    System.setProperty(Require.SWITCH, "true");

    assertThatThrownBy(() -> Require.askedFor("iptraf.noSuchSurvey", "the survey"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage("the survey runs only when asked for (-Diptraf.noSuchSurvey=true)");
  }

  @Test
  void everyPackageOfAToolTheTestsRunIsInstalledByCi() throws Exception {
    String ci = Files.readString(Path.of(System.getProperty("basedir", "."), ".ci", "run"));

    assertThat(Require.PACKAGES.values())
        .allSatisfy(
            pkg ->
                assertThat(ci).as(".ci/run installs " + pkg).containsPattern("\\s" + pkg + "\\s"));
  }
}
