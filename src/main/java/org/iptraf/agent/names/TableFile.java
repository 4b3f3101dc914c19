package org.iptraf.agent.names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The lines of a classic /etc table (ethers, services): comments cut at '#', fields by blanks. */
final class TableFile {
  private TableFile() {}

  /** Each line's fields, for lines with at least {@code minFields} of them; the rest skipped. */
  static List<String[]> lines(Path file, int minFields) throws IOException {
    List<String[]> lines = new ArrayList<>();
    for (String raw : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      String[] fields = line.isEmpty() ? new String[0] : line.split("\\s+");
      if (fields.length >= minFields) {
        lines.add(fields);
      }
    }
    return lines;
  }
}
