package org.iptraf.agent.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a page in the Prometheus text format or OpenMetrics, read the way a scraper reads
 * them (comments skipped; {@code name{label="value",...} number}).
 */
final class Exposition {
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample: its name, labels and value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples = new ArrayList<>();

  Exposition(String page) {
    for (String line : page.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int end = brace < 0 ? line.indexOf(' ') : line.lastIndexOf('}') + 1;
      String name = line.substring(0, brace < 0 ? end : brace);
      Map<String, String> labels = new LinkedHashMap<>();
      if (brace >= 0) {
        Matcher m = LABEL.matcher(line.substring(brace, end));
        while (m.find()) {
          labels.put(m.group(1), m.group(2));
        }
      }
      String value = line.substring(end).strip().split(" ")[0];
      samples.add(new Sample(name, labels, Double.parseDouble(value)));
    }
  }

  List<Sample> samples() {
    return samples;
  }

  /** The value of the one sample with this name and exactly these labels (name, value, ...). */
  double value(String name, String... labels) {
    Map<String, String> want = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      want.put(labels[i], labels[i + 1]);
    }
    List<Sample> found =
        samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(want)).toList();
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " samples " + name + want + " on the page");
    }
    return found.get(0).value();
  }

  /** The samples of one name. */
  List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }
}
