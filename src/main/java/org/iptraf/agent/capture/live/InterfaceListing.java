package org.iptraf.agent.capture.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists network devices from {@code /sys/class/net} (sysfs-net(5)): name, index, type, MTU, up and
 * promiscuous. Reads files only, so it needs no privilege; a device that vanishes mid-read is left
 * out.
 */
public final class InterfaceListing {

  /** The host's sysfs view of its devices (that of the namespace sysfs was mounted in). */
  public static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

  private InterfaceListing() {}

  /** The devices under {@link #SYS_CLASS_NET}, by index. */
  public static List<NetInterface> list() throws IOException {
    return list(SYS_CLASS_NET);
  }

  /** The devices under {@code sysClassNet}, by index. */
  public static List<NetInterface> list(Path sysClassNet) throws IOException {
    List<NetInterface> result = new ArrayList<>();
    try (Stream<Path> entries = Files.list(sysClassNet)) {
      for (Path dir : (Iterable<Path>) entries::iterator) {
        NetInterface ni = read(dir);
        if (ni != null) {
          result.add(ni);
        }
      }
    }
    result.sort(Comparator.comparingInt(NetInterface::index));
    return result;
  }

  private static NetInterface read(Path dir) {
    try {
      int index = Integer.parseInt(text(dir, "ifindex"));
      int type = Integer.parseInt(text(dir, "type"));
      int mtu = Integer.parseInt(text(dir, "mtu"));
      int flags = Integer.decode(text(dir, "flags"));
      return new NetInterface(
          dir.getFileName().toString(),
          index,
          type,
          ArpHrd.toLinkType(type),
          mtu,
          (flags & LibC.IFF_UP) != 0,
          (flags & LibC.IFF_PROMISC) != 0);
    } catch (IOException | NumberFormatException e) {
      return null; // not a device directory (bonding_masters) or it went away
    }
  }

  private static String text(Path dir, String file) throws IOException {
    return Files.readString(dir.resolve(file), StandardCharsets.US_ASCII).trim();
  }
}
