package org.iptraf.agent.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table of the Monitoring Plugins guidelines, plus edges. */
class RangeTest {

  @ParameterizedTest(name = "range {0}, value {1}: alert={2}")
  @CsvSource({
    // plain N: alert outside 0..N
    "10, -1, true",
    "10, 0, false",
    "10, 10, false",
    "10, 10.0001, true",
    "10, 5, false",
    // N: alert below N
    "'10:', 9.99, true",
    "'10:', 10, false",
    "'10:', 1e12, false",
    // ~:N alert above N
    "'~:10', -1e12, false",
    "'~:10', 10, false",
    "'~:10', 11, true",
    // N:M outside
    "'10:20', 9, true",
    "'10:20', 10, false",
    "'10:20', 20, false",
    "'20:20', 20, false",
    "'10:20', 21, true",
    // @N:M inside, inclusive
    "'@10:20', 10, true",
    "'@10:20', 15, true",
    "'@10:20', 20, true",
    "'@10:20', 9, false",
    "'@10:20', 21, false",
    "'@10', 0, true",
    "'@10', -0.5, false",
    // negatives and decimals
    "'-10:-5', -7, false",
    "'-10:-5', -4, true",
    "'-10:', -11, true",
    "'0.5:1.5', 1.5, false",
    "'0.5:1.5', 1.51, true",
    "'~:-2.5', -2, true",
    "'@~:0', -3, true",
    "'@~:0', 1, false",
  })
  void alertsAsTheGuidelinesSay(String range, double value, boolean alert) {
    assertThat(Range.parse(range).alerts(value)).isEqualTo(alert);
  }

  @ParameterizedTest(name = "bad range {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "\"\"  | empty range",
        "abc     | 'abc' is not a number",
        "10:x    | 'x' is not a number",
        "20:10   | start 20 is above end 10",
        "@       | '' is not a number",
        "1e999   | is not a number",
        "~       | '~' is not a number",
        "5:~     | '~' is not a number",
      })
  void badSyntaxIsAnErrorNamingIt(String range, String message) {
    assertThatThrownBy(() -> Range.parse(range))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
