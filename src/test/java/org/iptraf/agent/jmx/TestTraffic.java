package org.iptraf.agent.jmx;

import static org.iptraf.agent.testutil.Frames.*;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.iptraf.agent.testutil.PcapWriter;

/**
 * A small LAN over four seconds: TCP connections of different sizes (one closed, one reset, one
 * open, one over IPv6), UDP, ICMP, ARP and two VLANs, so that every table has rows whose order by
 * bytes is known.
 */
final class TestTraffic {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final int IPV4 = 0x0800;
  private static final int IPV6 = 0x86DD;
  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final byte[] MAC_C = mac("02:00:00:00:00:0c");

  private TestTraffic() {}

  /**
   * What the frames hold, added up while they are written from the arrays written (not from the
   * agent), by docs/REPORT.md's counting rules: frame lengths for the total, IP total lengths for
   * the IP classes.
   */
  static final class Tally {
    long frames;
    long bytes;
    final Map<String, long[]> classes = new TreeMap<>(); // class -> {packets, bytes}

    private void frame(byte[] frame, String... classesOfIt) {
      frames++;
      bytes += frame.length;
      count("total", frame.length);
      for (String c : classesOfIt) {
        count(c, frame.length);
      }
    }

    private void ip(byte[] frame, String version, String protocol, byte[] ip) {
      frame(frame);
      count(version, ip.length);
      count(protocol, ip.length);
    }

    private void count(String cls, long length) {
      long[] v = classes.computeIfAbsent(cls, k -> new long[2]);
      v[0]++;
      v[1] += length;
    }
  }

  static Path write(Path file) {
    return write(file, new Tally());
  }

  static Path write(Path file, Tally tally) {
    PcapWriter w = PcapWriter.ethernet();
    long t = T0;
    // 10.0.0.1:40000 -> 10.0.0.2:80, handshake, 3 x 1000 bytes, closed both ways
    t = tcp4(w, tally, t, "10.0.0.1", "10.0.0.2", 40000, 80, SYN, 0);
    t = tcp4(w, tally, t, "10.0.0.2", "10.0.0.1", 80, 40000, SYN | ACK, 0);
    t = tcp4(w, tally, t, "10.0.0.1", "10.0.0.2", 40000, 80, ACK, 0);
    for (int i = 0; i < 3; i++) {
      t = tcp4(w, tally, t + 400 * MS, "10.0.0.2", "10.0.0.1", 80, 40000, PSH | ACK, 1000);
      t = tcp4(w, tally, t, "10.0.0.1", "10.0.0.2", 40000, 80, ACK, 0);
    }
    t = tcp4(w, tally, t, "10.0.0.1", "10.0.0.2", 40000, 80, FIN | ACK, 0);
    t = tcp4(w, tally, t, "10.0.0.2", "10.0.0.1", 80, 40000, FIN | ACK, 0);
    t = tcp4(w, tally, t, "10.0.0.1", "10.0.0.2", 40000, 80, ACK, 0);
    // 10.0.0.1:40001 -> 10.0.0.3:443, still open, 2 x 200 bytes
    t = tcp4(w, tally, t, "10.0.0.1", "10.0.0.3", 40001, 443, SYN, 0);
    t = tcp4(w, tally, t, "10.0.0.3", "10.0.0.1", 443, 40001, SYN | ACK, 0);
    t = tcp4(w, tally, t + 300 * MS, "10.0.0.1", "10.0.0.3", 40001, 443, PSH | ACK, 200);
    t = tcp4(w, tally, t, "10.0.0.3", "10.0.0.1", 443, 40001, PSH | ACK, 200);
    // 10.0.0.4:5000 -> 10.0.0.2:22 refused
    t = tcp4(w, tally, t, "10.0.0.4", "10.0.0.2", 5000, 22, SYN, 0);
    t = tcp4(w, tally, t, "10.0.0.2", "10.0.0.4", 22, 5000, RST | ACK, 0);
    // IPv6 TCP, 500 bytes
    byte[] v6 = ipv6("2001:db8::1", "2001:db8::2", TCP, tcp(41000, 8080, PSH | ACK, 65535, 500));
    byte[] v6Frame = ethernet(MAC_A, MAC_C, IPV6, v6);
    w.frame(t += 10 * MS, v6Frame);
    tally.ip(v6Frame, "ipv6", "tcp", v6);
    // UDP DNS twice, ICMP echo, ARP broadcast
    for (int i = 0; i < 2; i++) {
      byte[] dns = ipv4("10.0.0.1", "10.0.0.5", UDP, udp(5353, 53, 40));
      byte[] frame = ethernet(MAC_B, MAC_A, IPV4, dns);
      w.frame(t += 200 * MS, frame);
      tally.ip(frame, "ipv4", "udp", dns);
    }
    byte[] echo = ipv4("10.0.0.1", "10.0.0.2", 1, icmp(8, 0, 56));
    byte[] echoFrame = ethernet(MAC_B, MAC_A, IPV4, echo);
    w.frame(t += 10 * MS, echoFrame);
    tally.ip(echoFrame, "ipv4", "icmp", echo);
    byte[] arpFrame =
        ethernet(BROADCAST, MAC_A, 0x0806, arp(1, MAC_A, ip("10.0.0.1"), ip("10.0.0.9")));
    w.frame(t += 10 * MS, arpFrame);
    tally.frame(arpFrame, "nonIp", "arp", "broadcast");
    // VLANs 10 (two frames) and 20 (one)
    int[] q = {0x8100};
    for (int vlan : new int[] {10, 10, 20}) {
      byte[] ip = ipv4("10.1.0.1", "10.1.0.2", UDP, udp(7000, 7001, 100 + vlan));
      byte[] frame = tagged(MAC_B, MAC_A, q, new int[] {vlan}, IPV4, ip);
      w.frame(t += 100 * MS, frame);
      tally.ip(frame, "ipv4", "udp", ip);
    }
    return w.writeTo(file);
  }

  private static long tcp4(
      PcapWriter w,
      Tally tally,
      long t,
      String src,
      String dst,
      int sport,
      int dport,
      int flags,
      int payload) {
    long at = t + 10 * MS;
    byte[] srcMac = src.equals("10.0.0.1") || src.equals("10.0.0.4") ? MAC_A : MAC_B;
    byte[] dstMac = srcMac == MAC_A ? MAC_B : MAC_A;
    byte[] ip = ipv4(src, dst, TCP, tcp(sport, dport, flags, 29200, payload));
    byte[] frame = ethernet(dstMac, srcMac, IPV4, ip);
    w.frame(at, frame);
    tally.ip(frame, "ipv4", "tcp", ip);
    return at;
  }
}
