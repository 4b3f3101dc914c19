package org.iptraf.agent.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * JsonOut against Jackson, which wrote the reports before it: the same bytes for the same values,
 * whatever the strings hold; and the report's layout, as docs/REPORT.md shows it.
 */
class JsonOutTest {

  /** Chars from every class the escaping tells apart, surrogates paired and alone. */
  private static final char[] ALPHABET = {
    'a', 'Z', '0', ' ', '/', '"', '\\', '\u0000', '\b', '\t', '\n', '\f', '\r', '\u001f', '\u007f',
    '\u0080', '\u00e9', '\u07ff', '\u0800', '\u2028', '\u20ac', '\uffff', '\ud834', '\udd1e'
  };

  @Test
  void stringsAndNumbersAreWrittenAsJacksonWritesThem() throws IOException {
    SplittableRandom random = new SplittableRandom(12);
    for (int run = 0; run < 2_000; run++) {
      String s = randomString(random, random.nextInt(12));
      long n = run % 3 == 0 ? random.nextLong() : random.nextLong(-1000, 1_000_000);
      double d = random.nextInt(4) == 0 ? random.nextDouble() * 1e22 : random.nextInt(100) / 8.0;

      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      try (JsonGenerator g = new JsonFactory().createGenerator(expected)) {
        g.writeStartObject();
        g.writeStringField(s, s);
        g.writeNumberField("n", n);
        g.writeNumberField("d", d);
        g.writeBooleanField("b", run % 2 == 0);
        g.writeEndObject();
      }
      ByteArrayOutputStream actual = new ByteArrayOutputStream();
      JsonOut out = JsonOut.compact(actual);
      out.startObject();
      out.field(s, s);
      out.field("n", n);
      out.field("d", d);
      out.field("b", run % 2 == 0);
      out.end();
      out.flush();

      assertThat(actual.toString(UTF_8)).as("run %d", run).isEqualTo(expected.toString(UTF_8));
    }
  }

  @Test
  void aNullStringIsJsonsNullAsJacksonWroteIt() throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(expected)) {
      g.writeStartObject();
      g.writeStringField("a", null);
      g.writeArrayFieldStart("b");
      g.writeString((String) null);
      g.writeEndArray();
      g.writeEndObject();
    }
    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    JsonOut out = JsonOut.compact(actual);
    out.startObject();
    out.field("a", (String) null);
    out.startArray("b");
    out.value(null);
    out.end();
    out.end();
    out.flush();
    assertThat(actual.toString(UTF_8)).isEqualTo(expected.toString(UTF_8));
  }

  @Test
  void extremeNumbersAreWrittenInFull() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    JsonOut out = JsonOut.compact(b);
    out.startObject();
    out.field("min", Long.MIN_VALUE);
    out.field("max", Long.MAX_VALUE);
    out.field("zero", 0L);
    out.end();
    out.flush();
    assertThat(b.toString(UTF_8))
        .isEqualTo("{\"min\":-9223372036854775808,\"max\":9223372036854775807,\"zero\":0}");
  }

  @Test
  void outerObjectsAreIndentedAndEachArrayElementIsOneLine() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    JsonOut out = JsonOut.rowPerLine(b);
    out.startObject();
    out.startObject("source");
    out.field("kind", "pcap");
    out.startArray("names");
    out.value("a.pcap");
    out.value("b.pcap");
    out.end();
    out.end();
    out.startArray("empty");
    out.end();
    out.startArray("rows");
    out.startObject();
    out.field("a", 1);
    out.startObject("in");
    out.field("p", 2);
    out.end();
    out.startArray("list");
    out.startObject();
    out.end();
    out.end();
    out.end();
    out.startObject();
    out.end();
    out.end();
    out.end();
    out.finish();

    String expected =
        """
        {
          "source": {
            "kind": "pcap",
            "names": [
              "a.pcap",
              "b.pcap"
            ]
          },
          "empty": [],
          "rows": [
            {"a":1,"in":{"p":2},"list":[{}]},
            {}
          ]
        }
        """;
    assertThat(b.toString(UTF_8)).isEqualTo(expected);
    JsonNode read = new ObjectMapper().readTree(expected);
    assertThat(read.at("/rows/0/in/p").asInt()).isEqualTo(2);
  }

  /**
   * Field names are kept encoded, by their hash: names that share a slot, equal names that are
   * other Strings, names longer than a run, names at the buffer's end, all as Jackson writes them.
   */
  @Test
  void namesWrittenAgainAndAgainAreWrittenAsJacksonWritesThem() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    List<String> pool = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      pool.add(randomString(random, 1 + random.nextInt(i % 100 == 0 ? 1500 : 12)));
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    JsonOut out = JsonOut.compact(actual);
    try (JsonGenerator g = new JsonFactory().createGenerator(expected)) {
      g.writeStartObject();
      g.writeArrayFieldStart("rows");
      out.startObject();
      out.startArray("rows");
      for (int row = 0; row < 2_000; row++) {
        g.writeStartObject();
        out.startObject();
        for (int f = 0; f < 10; f++) {
          String name = pool.get(random.nextInt(pool.size()));
          if (random.nextInt(4) == 0) {
            name = new String(name.toCharArray()); // equal, not the same
          }
          g.writeNumberField(name, row);
          out.field(name, row);
        }
        g.writeEndObject();
        out.end();
      }
      g.writeEndArray();
      g.writeEndObject();
      out.end();
      out.end();
      out.flush();
    }
    assertThat(actual.size()).isGreaterThan(1 << 17);
    assertThat(actual.toString(UTF_8)).isEqualTo(expected.toString(UTF_8));
  }

  @Test
  void aDocumentLargerThanTheBufferArrivesWhole() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    JsonOut out = JsonOut.rowPerLine(b);
    out.startObject();
    out.startArray("rows");
    String text = "x".repeat(1000) + "\u20ac\n";
    for (int i = 0; i < 200; i++) {
      out.startObject();
      out.field("i", i);
      out.field("text", text);
      out.end();
    }
    out.end();
    out.end();
    out.finish();

    JsonNode rows = new ObjectMapper().readTree(b.toByteArray()).get("rows");
    assertThat(b.size()).isGreaterThan(1 << 17);
    assertThat(rows).hasSize(200);
    for (int i = 0; i < 200; i++) {
      assertThat(rows.get(i).get("i").asInt()).isEqualTo(i);
      assertThat(rows.get(i).get("text").asText()).isEqualTo(text);
    }
  }

  private static String randomString(SplittableRandom random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return s.toString();
  }
}
