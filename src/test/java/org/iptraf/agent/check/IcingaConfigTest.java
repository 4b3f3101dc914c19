package org.iptraf.agent.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.iptraf.agent.testutil.Require;
import org.iptraf.agent.testutil.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Icinga 2 definitions pass Icinga 2's own configuration check, with the Icinga
 * Template Library the file relies on, and their apply rules match a host that says it runs the
 * agent: three services.
 */
class IcingaConfigTest {

  @Test
  void shippedDefinitionsPassIcingaValidation(@TempDir Path dir) throws Exception {
    String icinga2 = Require.tool("icinga2");
    Path main = config(dir, Path.of("etc/nagios/iptraf-agent.conf.icinga2").toAbsolutePath());

    Tools.Result r = validate(icinga2, dir, main);

    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    assertThat(r.stdout()).contains("Instantiated 3 Services.");
    assertThat(r.stdout()).doesNotContain("warning/").doesNotContain("critical/");
  }

  @Test
  void aBrokenDefinitionFailsTheSameCheck(@TempDir Path dir) throws Exception {
    String icinga2 = Require.tool("icinga2");
    Path broken = dir.resolve("broken.conf");
    Files.writeString(
        broken,
        Files.readString(Path.of("etc/nagios/iptraf-agent.conf.icinga2"))
            .replace("check_command = \"iptraf\"", "check_command = \"no-such-command\""));
    Path main = config(dir, broken);

    Tools.Result r = validate(icinga2, dir, main);

    assertThat(r.exitCode()).as(r.stdout()).isNotZero();
    assertThat(r.stdout()).contains("no-such-command");
  }

  private static Path config(Path dir, Path definitions) throws Exception {
    return Files.write(
        dir.resolve("icinga2.conf"),
        List.of(
            "include <itl>",
            "include <plugins>",
            "const PluginDir = \"/usr/lib/nagios/plugins\"",
            "const NodeName = \"localhost\"",
            "const ZoneName = \"localhost\"",
            "object Host \"agent-host\" {",
            "  address = \"127.0.0.1\"",
            "  check_command = \"dummy\"",
            "  vars.iptraf_agent = true",
            "}",
            "include \"" + definitions + "\""));
  }

  private static Tools.Result validate(String icinga2, Path dir, Path main) throws Exception {
    // icinga2 drops to its own user when started as root: its cache must be writable to it
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
    return Tools.run(
        List.of(
            icinga2,
            "daemon",
            "-C",
            "-c",
            main.toString(),
            "-DCacheDir=" + cache,
            "-DVarsPath=" + cache.resolve("vars"),
            "-DObjectsPath=" + cache.resolve("objects")),
        60);
  }
}
