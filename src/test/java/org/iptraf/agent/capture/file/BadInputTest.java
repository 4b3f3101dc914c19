package org.iptraf.agent.capture.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iptraf.agent.testutil.TestBytes.pattern;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.PcapngWriter;
import org.iptraf.agent.testutil.RecordingSink;
import org.iptraf.agent.testutil.WithoutFileOverride;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {

  @TempDir Path dir;

  private void assertRejected(Path file, String what) {
    assertThatThrownBy(() -> CaptureFiles.open(file, 0).close())
        .isInstanceOf(CaptureFileException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining(what)
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r"));
  }

  @Test
  void directoryIsRejected() {
    assertRejected(dir, "is a directory");
  }

  @Test
  void missingFileIsRejected() {
    assertRejected(dir.resolve("nope.pcap"), "no such file");
  }

  @Test
  void unreadableFileIsRejected() throws Exception {
    Path file = PcapWriter.ethernet().writeTo(dir.resolve("secret.pcap"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    // as root, on a thread without the capability that lets root read every file
    WithoutFileOverride.call(
        () -> {
          assertRejected(file, "permission denied");
          return null;
        });
  }

  @Test
  void pathThroughAFileIsRejectedInOneLine() throws Exception {
    Path file = PcapWriter.ethernet().writeTo(dir.resolve("plain.pcap"));
    assertRejected(file.resolve("inside.pcap"), "cannot open: Not a directory");
  }

  @Test
  void emptyFileIsRejected() throws Exception {
    assertRejected(Files.write(dir.resolve("empty.pcap"), new byte[0]), "empty file");
  }

  @Test
  void fileShorterThanAMagicNumberIsRejected() throws Exception {
    assertRejected(Files.write(dir.resolve("tiny.pcap"), new byte[3]), "too short");
  }

  @Test
  void textFileIsRejected() throws Exception {
    byte[] text = "hello, this is not a capture\nsecond line\n".getBytes(StandardCharsets.UTF_8);
    assertRejected(Files.write(dir.resolve("notes.txt"), text), "starts with text");
  }

  @Test
  void unknownMagicIsRejectedWithTheMagic() throws Exception {
    byte[] junk = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0, 0, 0, 0};
    assertRejected(Files.write(dir.resolve("junk.bin"), junk), "magic 0xdeadbeef");
  }

  @Test
  void gzippedCaptureIsRejectedWithAHint() throws Exception {
    byte[] gzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    assertRejected(Files.write(dir.resolve("trace.pcap.gz"), gzip), "decompress");
  }

  @Test
  void pcapCutInsideItsFileHeaderIsRejected() throws Exception {
    byte[] header = PcapWriter.ethernet().toBytes();
    assertRejected(
        Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(header, 10)), "pcap file header");
  }

  @Test
  void pcapngCutInsideItsFirstSectionHeaderIsRejected() throws Exception {
    byte[] shb = new PcapngWriter(ByteOrder.LITTLE_ENDIAN).toBytes();
    assertRejected(
        Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(shb, 20)), "section header");
  }

  @Test
  void pcapngWithABadByteOrderMagicIsRejected() throws Exception {
    byte[] shb = new PcapngWriter(ByteOrder.LITTLE_ENDIAN).toBytes();
    shb[8] = 0x55;
    assertRejected(Files.write(dir.resolve("bom.pcapng"), shb), "byte-order magic");
  }

  @Test
  void aReaderReadsOnce() throws Exception {
    Path file = PcapWriter.ethernet().frame(0, pattern(60, 0)).writeTo(dir.resolve("once.pcap"));
    try (CaptureFileReader reader = CaptureFiles.open(file, 0)) {
      reader.read(new RecordingSink());
      assertThatThrownBy(() -> reader.read(new RecordingSink()))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
