package org.iptraf.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.iptraf.agent.testutil.Frames;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Require;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration file the agent may not read: one line naming it and exit 2, for {@code replay}
 * and {@code run} alike, before any capture starts. Root reads every file, so as root the agent
 * runs without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv), which makes mode 000 bind.
 */
class UnreadableConfigTest {

  @TempDir Path dir;

  @Test
  void unreadableConfigIsOneLineNamingItAndExit2() throws Exception {
    Path config = Files.writeString(dir.resolve("agent.conf"), "tcp.idleTimeout = 900\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("---------"));
    byte[] frame =
        Frames.ethernet(
            Frames.MAC_B,
            Frames.MAC_A,
            0x0800,
            Frames.ipv4("10.0.0.1", "10.0.0.2", 17, Frames.udp(1000, 2000, 10)));
    Path pcap =
        PcapWriter.ethernet()
            .frame(1_700_000_000_000_000_000L, frame)
            .writeTo(dir.resolve("ok.pcap"));

    for (List<String> args :
        List.of(
            List.of("replay", "-c", config.toString(), pcap.toString()),
            List.of("run", "-c", config.toString()))) {
      Tools.Result r =
          Tools.run(withoutFileOverride(Tools.agentCommand(args.toArray(String[]::new)), config));

      assertThat(r.exitCode()).as(args + ": " + r.stderr()).isEqualTo(2);
      assertThat(r.stdout()).isEmpty();
      assertThat(r.stderr().strip().lines())
          .as(String.join(" ", args))
          .singleElement()
          .asString()
          .isEqualTo("iptraf-agent: " + config + ": cannot read: permission denied");
    }
  }

  /** The command as it is when {@code file} is unreadable already, else under setpriv. */
  private static List<String> withoutFileOverride(List<String> command, Path file) {
    if (!Files.isReadable(file)) {
      return command;
    }
    String setpriv = Require.tool("setpriv");
    List<String> c =
        new ArrayList<>(
            List.of(
                setpriv,
                "--bounding-set=-dac_override,-dac_read_search",
                "--inh-caps=-dac_override,-dac_read_search"));
    c.addAll(command);
    return c;
  }
}
