package org.iptraf.agent.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.iptraf.agent.threshold.MetricCatalog;
import org.junit.jupiter.api.Test;

/** Every metric the check plugin can read over SNMP, an alarm can read from a snapshot. */
class MetricValuesTest {

  @Test
  void everyCatalogueMetricHasAValueAndNoValueIsOutsideTheCatalogue() {
    assertThat(MetricValues.names(true))
        .isEqualTo(
            MetricCatalog.global().stream()
                .map(MetricCatalog.Definition::name)
                .collect(Collectors.toSet()));
    assertThat(MetricValues.names(false))
        .isEqualTo(
            MetricCatalog.perInterface().stream()
                .map(MetricCatalog.Definition::name)
                .collect(Collectors.toSet()));
  }
}
