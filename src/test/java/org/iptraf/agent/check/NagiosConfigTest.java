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

/** The shipped etc/nagios definitions pass a real Nagios configuration check. */
class NagiosConfigTest {

  @Test
  void shippedDefinitionsPassNagiosVerify(@TempDir Path dir) throws Exception {
    String nagios = Require.tool("nagios4");
    // nagios4 -v drops to the nagios user and needs to write its temp paths
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path minimal = dir.resolve("minimal.cfg");
    Files.copy(Path.of("src/test/resources/nagios/minimal.cfg"), minimal);
    Files.writeString(dir.resolve("resource.cfg"), "USER1=/usr/lib/nagios/plugins\n");
    Path main = dir.resolve("nagios.cfg");
    Files.write(
        main,
        List.of(
            "log_file=" + dir.resolve("nagios.log"),
            "cfg_file=" + minimal,
            "cfg_file=" + Path.of("etc/nagios/iptraf-agent-commands.cfg").toAbsolutePath(),
            "cfg_file=" + Path.of("etc/nagios/iptraf-agent-services.cfg").toAbsolutePath(),
            "resource_file=" + dir.resolve("resource.cfg"),
            "status_file=" + dir.resolve("status.dat"),
            "temp_file=" + dir.resolve("nagios.tmp"),
            "temp_path=" + dir,
            "check_result_path=" + dir,
            "lock_file=" + dir.resolve("nagios.lock"),
            "object_cache_file=" + dir.resolve("objects.cache"),
            "precached_object_file=" + dir.resolve("objects.precache"),
            "command_file=" + dir.resolve("nagios.cmd"),
            "state_retention_file=" + dir.resolve("retention.dat"),
            "illegal_macro_output_chars=`~$&|'\"<>"));
    Tools.Result r = Tools.run(List.of(nagios, "-v", main.toString()));
    assertThat(r.exitCode()).as(r.stdout()).isZero();
    assertThat(r.stdout())
        .contains("Total Warnings: 0")
        .contains("Total Errors:   0")
        .contains("Checked 5 services.")
        .contains("Checked 6 commands.");
  }
}
