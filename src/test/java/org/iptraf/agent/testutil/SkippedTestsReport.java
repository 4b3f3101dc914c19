package org.iptraf.agent.testutil;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Lists every skipped test with its reason when the test plan ends, so a skip is read, not just
 * counted. Skips are disabled tests and aborted ones (a failed assumption, e.g. of {@link
 * Require}); an aborted class counts the tests it holds. Registered through {@code
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class SkippedTestsReport implements TestExecutionListener {

  private record Skip(String test, long tests, String reason) {}

  private final List<Skip> skips = new ArrayList<>();
  private final PrintStream out;
  private TestPlan plan;

  public SkippedTestsReport() {
    this(System.out);
  }

  SkippedTestsReport(PrintStream out) {
    this.out = out;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    skips.clear();
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    skips.add(new Skip(name(id), tests(id), reason));
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
      skips.add(new Skip(name(id), tests(id), reason));
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    long total = skips.stream().mapToLong(Skip::tests).sum();
    out.println("SKIPPED TESTS: " + total);
    for (Skip s : skips) {
      String count = s.tests() == 1 ? "" : " (" + s.tests() + " tests)";
      out.println("SKIPPED: " + s.test() + count + " \u2014 " + s.reason());
    }
    out.flush();
  }

  /** A test's leaf count: 1 for a test, the tests below it for a class or a template. */
  private long tests(TestIdentifier id) {
    if (id.isTest() || plan == null) {
      return 1;
    }
    return Math.max(1, plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count());
  }

  /** "Class > method() > [2] arguments": the display names below the engine. */
  private String name(TestIdentifier id) {
    List<String> parts = new ArrayList<>();
    Optional<TestIdentifier> at = Optional.of(id);
    while (at.isPresent() && at.get().getParentId().isPresent()) {
      parts.add(0, at.get().getDisplayName());
      at = plan == null ? Optional.empty() : plan.getParent(at.get());
    }
    return parts.isEmpty() ? id.getDisplayName() : String.join(" > ", parts);
  }
}
