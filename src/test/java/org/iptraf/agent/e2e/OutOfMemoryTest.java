package org.iptraf.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.*;

import java.nio.file.Path;
import java.util.List;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A heap too small for the tables is one line and exit 1, not a stack trace. */
class OutOfMemoryTest {

  @TempDir Path dir;

  @Test
  void runningOutOfHeapIsOneLineAndExitOne() throws Exception {
    Path file = manyFlows(dir.resolve("many-flows.pcap"));

    Tools.Result r =
        Tools.run(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m",
                "-cp",
                System.getProperty("java.class.path"),
                "org.iptraf.agent.cli.Main",
                "replay",
                file.toString()));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr().strip().lines())
        .singleElement()
        .asString()
        .startsWith("iptraf-agent: out of memory")
        .contains("-Xmx")
        .contains("tcp.maxConnections");
  }

  /** 200,000 UDP flows: far more than 24 MiB of tables hold. */
  static Path manyFlows(Path file) {
    PcapWriter w = PcapWriter.ethernet();
    long t = 1_700_000_000_000_000_000L;
    for (int i = 0; i < 200_000; i++) {
      String src = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      w.frame(
          t += 1_000,
          ethernet(
              MAC_B, MAC_A, 0x0800, ipv4(src, "198.18.0.1", 17, udp(1024 + i % 50_000, 53, 8))));
    }
    return w.writeTo(file);
  }
}
