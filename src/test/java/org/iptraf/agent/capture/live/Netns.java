package org.iptraf.agent.capture.live;

import static org.iptraf.agent.testutil.Shell.sh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iptraf.agent.testutil.Require;

/** Test helpers for network namespaces: run commands, and move the calling thread into one. */
public final class Netns {

  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;
  private static final int CLONE_NEWNET = 0x40000000;
  private static final Pattern PROMISCUITY = Pattern.compile("promiscuity (\\d+)");

  static {
    Native.register(Platform.C_LIBRARY_NAME);
  }

  private Netns() {}

  private static native int open(String path, int flags);

  private static native int setns(int fd, int nstype);

  private static native int close(int fd);

  /** Moves the calling thread (only it) into the named namespace of {@code ip netns}. */
  static void enter(String ns) {
    int fd = open("/var/run/netns/" + ns, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      throw new IllegalStateException("open netns " + ns + ": errno " + Native.getLastError());
    }
    try {
      if (setns(fd, CLONE_NEWNET) != 0) {
        throw new IllegalStateException("setns " + ns + ": errno " + Native.getLastError());
      }
    } finally {
      close(fd);
    }
  }

  /** The device's promiscuity count as {@code ip -d link} shows it. */
  static int promiscuity(String ns, String dev) {
    String out = sh("ip", "-n", ns, "-d", "link", "show", "dev", dev);
    Matcher m = PROMISCUITY.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no promiscuity in: " + out);
    }
    return Integer.parseInt(m.group(1));
  }

  /**
   * Two new namespaces joined by a silent veth pair: no IPv6 (no RA, DAD, MLD), no forwarding and
   * static neighbours (no ARP), so only a test's own frames cross it. The capture side has {@code
   * net.2}, the generator {@code net.1}; {@code net.3} is nobody's, so frames to it reach the
   * capture side and are dropped there without a reply.
   *
   * @param net the first three octets of a /24, e.g. {@code "198.18.77"}
   */
  public static void silentPair(
      String cap,
      String gen,
      String capIf,
      String genIf,
      String capMac,
      String genMac,
      String net) {
    sh("ip", "netns", "add", cap);
    sh("ip", "netns", "add", gen);
    for (String ns : List.of(cap, gen)) {
      exec(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
      exec(ns, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
      exec(ns, "sysctl", "-qw", "net.ipv4.ip_forward=0");
      sh("ip", "-n", ns, "link", "set", "lo", "up");
    }
    sh(
        "ip", "link", "add", capIf, "netns", cap, "type", "veth", "peer", "name", genIf, "netns",
        gen);
    sh("ip", "-n", cap, "link", "set", capIf, "address", capMac, "up");
    sh("ip", "-n", gen, "link", "set", genIf, "address", genMac, "up");
    sh("ip", "-n", cap, "addr", "add", net + ".2/24", "dev", capIf);
    sh("ip", "-n", gen, "addr", "add", net + ".1/24", "dev", genIf);
    neighbour(cap, capIf, net + ".1", genMac);
    neighbour(gen, genIf, net + ".2", capMac);
    neighbour(gen, genIf, net + ".3", capMac);
  }

  private static void neighbour(String ns, String dev, String ip, String mac) {
    sh("ip", "-n", ns, "neigh", "add", ip, "lladdr", mac, "dev", dev, "nud", "permanent");
  }

  /** {@code ip netns exec ns} followed by the command (a {@link Require}d program). */
  public static String exec(String ns, String... command) {
    Require.tool(command[0]);
    String[] full = new String[command.length + 4];
    full[0] = "ip";
    full[1] = "netns";
    full[2] = "exec";
    full[3] = ns;
    System.arraycopy(command, 0, full, 4, command.length);
    return sh(full);
  }

  /** Python that sends {@code count} raw Ethernet frames out of {@code dev}. */
  static String rawFramesScript(String dev, String dstMac, String srcMac, int count) {
    return String.join(
        "\n",
        List.of(
            "import socket",
            "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)",
            "s.bind(('" + dev + "', 0))",
            "hdr = bytes.fromhex('" + dstMac.replace(":", "") + srcMac.replace(":", "") + "88b5')",
            "for i in range(" + count + "):",
            "    s.send(hdr + bytes([i % 256]) * 46)"));
  }

  /** The device's received and sent packets in the namespace, as the kernel counts them. */
  public static long[] kernelCounts(String ns, String dev) throws Exception {
    JsonNode stats =
        new ObjectMapper()
            .readTree(sh("ip", "-n", ns, "-s", "-j", "link", "show", "dev", dev))
            .get(0)
            .get("stats64");
    return new long[] {
      stats.get("rx").get("packets").asLong(), stats.get("tx").get("packets").asLong()
    };
  }
}
