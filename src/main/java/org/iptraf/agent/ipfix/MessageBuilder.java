package org.iptraf.agent.ipfix;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Packs records into IPFIX Messages of at most {@code maxLength} bytes (RFC 7011 section 3): a
 * message header, then one Set per run of records of one template; a full message is handed on and
 * the next one begun. Message header:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       Version Number (10)     |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Export Time (seconds, UTC)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Sequence Number                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Observation Domain ID                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The sequence number is that of the message's first data record: data records made before it,
 * modulo 2^32; templates do not count (RFC 7011 section 3.1). A message that is later dropped
 * leaves its gap in the numbers, which is how a collector learns of the loss.
 */
final class MessageBuilder {
  static final int VERSION = 10;
  static final int HEADER_LENGTH = 16;
  static final int SET_HEADER_LENGTH = 4;

  private static final int LENGTH_OFFSET = 2;
  private static final int EXPORT_TIME_OFFSET = 4;
  private static final int SEQUENCE_OFFSET = 8;
  private static final int DOMAIN_OFFSET = 12;

  private final int observationDomain;
  private final LongSupplier wallMillis;
  private final Consumer<Message> out;
  private final ByteBuffer buffer;

  private long sequence;
  private Template openSet; // the template of the set being filled, or null
  private int setStart;
  private int dataRecords;
  private int templateRecords;

  /**
   * @param maxLength bytes of a message at most (a UDP datagram's payload)
   * @param out where each finished message goes
   */
  MessageBuilder(
      int observationDomain, int maxLength, LongSupplier wallMillis, Consumer<Message> out) {
    int least = HEADER_LENGTH + Template.templateSetLength();
    if (maxLength < least) {
      throw new IllegalArgumentException("messages of " + maxLength + " bytes hold no templates");
    }
    this.observationDomain = observationDomain;
    this.wallMillis = wallMillis;
    this.out = out;
    this.buffer = ByteBuffer.allocate(maxLength);
    begin();
  }

  /** Data records made so far (the next record's sequence number, before the modulo). */
  long sequence() {
    return sequence;
  }

  /** Adds every template, in a Set of its own. */
  void templates() {
    closeSet();
    if (buffer.remaining() < Template.templateSetLength()) {
      flush();
    }
    Template.writeTemplateSet(buffer);
    templateRecords += Template.values().length;
  }

  /** Adds one data record of template {@code t}. */
  void record(Template t, FlowFields f) {
    int need = t.recordLength + (openSet == t ? 0 : SET_HEADER_LENGTH);
    if (buffer.remaining() < need) {
      flush();
      need = t.recordLength + SET_HEADER_LENGTH;
    }
    if (openSet != t) {
      closeSet();
      openSet = t;
      setStart = buffer.position();
      buffer.putShort((short) t.id).putShort((short) 0);
    }
    f.write(t, buffer);
    dataRecords++;
  }

  /** Hands on the message being filled, if it holds anything. */
  void flush() {
    closeSet();
    if (buffer.position() == HEADER_LENGTH) {
      return;
    }
    buffer.putShort(LENGTH_OFFSET, (short) buffer.position());
    buffer.putInt(EXPORT_TIME_OFFSET, (int) (wallMillis.getAsLong() / 1000));
    buffer.putInt(SEQUENCE_OFFSET, (int) sequence);
    byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
    sequence += dataRecords;
    out.accept(new Message(bytes, dataRecords, templateRecords));
    begin();
  }

  private void begin() {
    buffer.clear();
    buffer.putShort((short) VERSION).putShort((short) 0).putInt(0).putInt(0).putInt(0);
    buffer.putInt(DOMAIN_OFFSET, observationDomain);
    openSet = null;
    dataRecords = 0;
    templateRecords = 0;
  }

  private void closeSet() {
    if (openSet != null) {
      buffer.putShort(setStart + 2, (short) (buffer.position() - setStart));
      openSet = null;
    }
  }

  /** A template message made apart from the stream (a new TCP connection's first message). */
  static Message templateMessage(int observationDomain, long sequence, long wallMillis) {
    int length = HEADER_LENGTH + Template.templateSetLength();
    ByteBuffer b = ByteBuffer.allocate(length);
    b.putShort((short) VERSION).putShort((short) length);
    b.putInt((int) (wallMillis / 1000)).putInt((int) sequence).putInt(observationDomain);
    Template.writeTemplateSet(b);
    return new Message(b.array(), 0, Template.values().length);
  }

  /** The sequence number in a message's header. */
  static long sequenceOf(byte[] message) {
    return ByteBuffer.wrap(message).getInt(SEQUENCE_OFFSET) & 0xFFFF_FFFFL;
  }

  /** A finished message and what it holds, for the counters. */
  record Message(byte[] bytes, int dataRecords, int templateRecords) {}
}
