package org.iptraf.agent.testutil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The report at the end of a test plan names every skipped test and why. */
class SkippedTestsReportTest {

  /** Run only by the launcher below (the build runs top-level classes only). */
  static class Sample {
    @Test
    void passes() {}

    @Test
    void needsATool() {
      Require.askedFor("iptraf.noSuchSwitch", "this sample");
    }

    @Test
    @Disabled("not today")
    void disabled() {}
  }

  /** A class whose set-up skips all of its tests. */
  static class SampleSkippedWhole {
    @BeforeAll
    static void needs() {
      Require.askedFor("iptraf.noSuchSwitch", "this class");
    }

    @Test
    void one() {}

    @Test
    void two() {}
  }

  @Test
  void listsEachSkipWithItsReasonAndTheCount() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Launcher launcher =
        LauncherFactory.create(
            LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());

    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(Sample.class), selectClass(SampleSkippedWhole.class))
            .build(),
        new SkippedTestsReport(out));

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactlyInAnyOrder(
            "SKIPPED TESTS: 4",
            "SKIPPED: SkippedTestsReportTest$Sample > needsATool() \u2014 this sample runs only"
                + " when asked for (-Diptraf.noSuchSwitch=true)",
            "SKIPPED: SkippedTestsReportTest$Sample > disabled() \u2014 not today",
            "SKIPPED: SkippedTestsReportTest$SampleSkippedWhole (2 tests) \u2014 this class runs"
                + " only when asked for (-Diptraf.noSuchSwitch=true)");
  }
}
