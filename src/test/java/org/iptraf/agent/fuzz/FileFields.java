package org.iptraf.agent.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the header fields of a pcap or pcapng file worth smashing: the file header, every record
 * header's lengths, every block's type and both its length fields, interface and packet fields,
 * option headers. Walks as far as the file makes sense and stops there.
 *
 * <pre>
 * pcap:   | magic | major | minor | thiszone | sigfigs | snaplen | linktype |   (24 bytes)
 *         | ts sec | ts frac | caplen | origlen | data ... |                    (per record)
 * pcapng: | type | total length | body ... | options ... | total length |      (per block)
 * </pre>
 */
final class FileFields {

  private static final int PCAP_HEADER = 24;
  private static final int PCAP_RECORD = 16;
  private static final int KUZNETZOV_RECORD = 24;
  private static final int SHB = 0x0A0D0D0A;
  private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  private static final int IDB = 1;
  private static final int PB = 2;
  private static final int SPB = 3;
  private static final int EPB = 6;
  private static final int BLOCK_HEADER = 8;
  private static final int EPB_FIXED = 20;
  private static final int IDB_FIXED = 8;
  private static final int SHB_FIXED = 16;
  private static final int MAX_FIELDS = 4096;

  /** Offsets of 32-bit fields, then of 16-bit ones (option codes and lengths, versions). */
  record Fields(int[] words, int[] halves) {}

  private FileFields() {}

  static Fields of(byte[] file) {
    List<Integer> words = new ArrayList<>();
    List<Integer> halves = new ArrayList<>();
    if (file.length >= 4) {
      int magic = ByteBuffer.wrap(file).getInt(0);
      if (magic == SHB) {
        pcapng(file, words, halves);
      } else {
        pcap(file, words, halves);
      }
    }
    return new Fields(toArray(words), toArray(halves));
  }

  private static void pcap(byte[] file, List<Integer> words, List<Integer> halves) {
    if (file.length < PCAP_HEADER) {
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(file);
    int magic = b.getInt(0);
    if ((magic & 0xFFFF0000) != 0xA1B20000) {
      b.order(ByteOrder.LITTLE_ENDIAN);
    }
    boolean kuznetzov = (b.getInt(0) & 0xFFFF) == 0xCD34;
    int recordHeader = kuznetzov ? KUZNETZOV_RECORD : PCAP_RECORD;
    addAll(words, 0, 8, 12, 16, 20);
    addAll(halves, 4, 6, 20, 22);
    long at = PCAP_HEADER;
    while (at + recordHeader <= file.length && words.size() < MAX_FIELDS) {
      int r = (int) at;
      addAll(words, r, r + 4, r + 8, r + 12);
      if (kuznetzov) {
        addAll(words, r + 16);
        addAll(halves, r + 20, r + 22);
      }
      at += recordHeader + (b.getInt(r + 8) & 0xFFFFFFFFL);
    }
  }

  private static void pcapng(byte[] file, List<Integer> words, List<Integer> halves) {
    ByteBuffer b = ByteBuffer.wrap(file);
    ByteOrder order = ByteOrder.BIG_ENDIAN;
    long at = 0;
    while (at + BLOCK_HEADER + 4 <= file.length && words.size() < MAX_FIELDS) {
      int s = (int) at;
      if (b.order(ByteOrder.BIG_ENDIAN).getInt(s) == SHB) { // the same in either order
        int bom = b.getInt(s + BLOCK_HEADER);
        order = bom == BYTE_ORDER_MAGIC ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      }
      b.order(order);
      int type = b.getInt(s);
      long length = b.getInt(s + 4) & 0xFFFFFFFFL;
      if (length < BLOCK_HEADER + 4 || at + length > file.length) {
        addAll(words, s, s + 4);
        return;
      }
      int end = (int) (at + length);
      addAll(words, s, s + 4, end - 4);
      int options =
          switch (type) {
            case SHB -> {
              addAll(words, s + 8, s + 16, s + 20);
              addAll(halves, s + 12, s + 14);
              yield s + BLOCK_HEADER + SHB_FIXED;
            }
            case IDB -> {
              addAll(words, s + 8, s + 12);
              addAll(halves, s + 8, s + 10);
              yield s + BLOCK_HEADER + IDB_FIXED;
            }
            case EPB, PB -> {
              addAll(words, s + 8, s + 12, s + 16, s + 20, s + 24);
              addAll(halves, s + 8, s + 10);
              long captured = b.getInt(s + 20) & 0xFFFFFFFFL;
              yield (int) Math.min(end, s + BLOCK_HEADER + EPB_FIXED + ((captured + 3) & ~3L));
            }
            case SPB -> {
              addAll(words, s + 8);
              yield end;
            }
            default -> end;
          };
      // options: | code (16) | length (16) | value, padded to 32 bits |
      int o = options;
      while (o + 4 <= end - 4 && halves.size() < MAX_FIELDS) {
        addAll(halves, o, o + 2);
        int optionLength = b.getShort(o + 2) & 0xFFFF;
        if (optionLength > 0 && o + 4 + 4 <= end) {
          addAll(words, o + 4);
        }
        o += 4 + ((optionLength + 3) & ~3);
      }
      at += length;
    }
  }

  private static void addAll(List<Integer> to, int... offsets) {
    for (int o : offsets) {
      to.add(o);
    }
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
