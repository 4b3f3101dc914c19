package org.iptraf.agent.capture.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iptraf.agent.capture.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterfaceListingTest {

  @TempDir Path sys;

  private void device(String name, int index, int type, int mtu, String flags) throws IOException {
    Path d = Files.createDirectories(sys.resolve(name));
    Files.writeString(d.resolve("ifindex"), index + "\n");
    Files.writeString(d.resolve("type"), type + "\n");
    Files.writeString(d.resolve("mtu"), mtu + "\n");
    Files.writeString(d.resolve("flags"), flags + "\n");
  }

  @Test
  void listsDevicesByIndexWithLinkTypeMtuUpAndPromiscuous() throws IOException {
    device("eth0", 2, 1, 1500, "0x1103");
    device("lo", 1, 772, 65536, "0x9");
    device("tun0", 5, 65534, 1420, "0x1090");
    device("wpan0", 7, 9999, 127, "0x1002");
    Files.writeString(sys.resolve("bonding_masters"), "\n");

    var list = InterfaceListing.list(sys);

    assertThat(list)
        .containsExactly(
            new NetInterface("lo", 1, 772, LinkType.ETHERNET, 65536, true, false),
            new NetInterface("eth0", 2, 1, LinkType.ETHERNET, 1500, true, true),
            new NetInterface("tun0", 5, 65534, LinkType.RAW, 1420, false, false),
            new NetInterface("wpan0", 7, 9999, ArpHrd.UNMAPPED_LINK_TYPE, 127, false, false));
    assertThat(list.get(2).linkTypeName()).isEqualTo("raw");
  }

  @Test
  void readsThisHostWithoutPrivilege() throws IOException {
    Path real = InterfaceListing.SYS_CLASS_NET;
    if (Files.isDirectory(real)) {
      assertThat(InterfaceListing.list()).extracting(NetInterface::name).contains("lo");
    }
  }
}
