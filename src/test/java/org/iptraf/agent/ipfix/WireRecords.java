package org.iptraf.agent.ipfix;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small IPFIX reader for tests, written from RFC 7011 alone: learns templates from the Template
 * Sets it is given, then reads data records into maps from {@code IE} or {@code PEN/IE} to the
 * field's value as an unsigned number (addresses as their hex bytes). It does not use the
 * exporter's own template definitions.
 */
final class WireRecords {
  /** One field of a template as read from the wire. */
  private record Spec(String name, int length) {}

  private final Map<Integer, List<Spec>> templates = new HashMap<>();
  final List<Map<String, String>> records = new ArrayList<>();

  void read(byte[] message) {
    ByteBuffer b = ByteBuffer.wrap(message);
    int length = b.getShort(2) & 0xFFFF;
    for (int at = 16; at < length; ) {
      int setId = b.getShort(at) & 0xFFFF;
      int setLength = b.getShort(at + 2) & 0xFFFF;
      if (setId == 2) {
        templates(b, at + 4, at + setLength);
      } else if (setId >= 256) {
        data(b, templates.get(setId), at + 4, at + setLength);
      }
      at += setLength;
    }
  }

  private void templates(ByteBuffer b, int from, int to) {
    int at = from;
    while (at + 4 <= to) {
      int id = b.getShort(at) & 0xFFFF;
      int count = b.getShort(at + 2) & 0xFFFF;
      at += 4;
      List<Spec> fields = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int ie = b.getShort(at) & 0xFFFF;
        int length = b.getShort(at + 2) & 0xFFFF;
        at += 4;
        String name = Integer.toString(ie & 0x7FFF);
        if ((ie & 0x8000) != 0) {
          name = b.getInt(at) + "/" + name;
          at += 4;
        }
        fields.add(new Spec(name, length));
      }
      templates.put(id, fields);
    }
  }

  private void data(ByteBuffer b, List<Spec> fields, int from, int to) {
    if (fields == null) {
      throw new AssertionError("a data set before its template");
    }
    int size = fields.stream().mapToInt(Spec::length).sum();
    for (int at = from; at + size <= to; ) {
      Map<String, String> r = new LinkedHashMap<>();
      for (Spec f : fields) {
        if (f.length() <= 8) {
          long v = 0;
          for (int i = 0; i < f.length(); i++) {
            v = v << 8 | (b.get(at + i) & 0xFF);
          }
          r.put(f.name(), Long.toUnsignedString(v));
        } else {
          StringBuilder hex = new StringBuilder();
          for (int i = 0; i < f.length(); i++) {
            hex.append(String.format("%02x", b.get(at + i)));
          }
          r.put(f.name(), hex.toString());
        }
        at += f.length();
      }
      records.add(r);
    }
  }
}
