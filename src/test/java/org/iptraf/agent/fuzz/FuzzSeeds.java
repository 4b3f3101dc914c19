package org.iptraf.agent.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.capture.file.CaptureFileException;
import org.iptraf.agent.capture.file.CaptureFileReader;
import org.iptraf.agent.capture.file.CaptureFiles;
import org.iptraf.agent.decode.Packet;
import org.iptraf.agent.decode.PacketDecoder;
import org.iptraf.agent.testutil.Frames;
import org.iptraf.agent.testutil.Require;

/**
 * Seeds: every frame of the shared tcpdump corpus (read through our own file reader) and frames
 * built from the RFCs for each link type the decoder reads.
 */
final class FuzzSeeds {

  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86DD;
  private static final int ETHERTYPE_ARP = 0x0806;
  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final int ICMP = 1;
  private static final int GRE = 47;
  private static final int IPV6_HOP_BY_HOP = 0;
  private static final int IPV6_ROUTING = 43;
  private static final int IPV6_FRAGMENT = 44;
  private static final int IPV6_AH = 51;
  private static final int ICMPV6 = 58;
  private static final int ARPHRD_ETHER = 1;
  private static final int AF_INET = 2;
  private static final int PPP_IPV4 = 0x0021;

  /** Frames kept per corpus file: enough variety without one big file drowning the others. */
  private static final int FRAMES_PER_FILE = 400;

  /** Link-layer offsets that hold a length, type or address length in one link type or another. */
  private static final int[] LINK_FIELDS = {0, 2, 4, 6, 10, 11, 12, 14, 16, 18, 20};

  private FuzzSeeds() {}

  /** The shared corpus's files; none without it (and a failure with the switch of Require). */
  static List<Path> corpusFiles() {
    Optional<Path> corpus = Require.sharedIfPresent("corpus", "tcpdump-tests");
    if (corpus.isEmpty()) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(corpus.get())) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every corpus frame the reader delivers (up to a cap per file), then the built ones. */
  static List<Seed> frames() {
    List<Seed> seeds = new ArrayList<>();
    PacketDecoder decoder = new PacketDecoder();
    for (Path file : corpusFiles()) {
      try (CaptureFileReader reader = CaptureFiles.open(file, 0)) {
        reader.read(new Collector(seeds, decoder));
      } catch (CaptureFileException e) {
        // not a capture file: the file fuzzer still uses it
      }
    }
    for (Object[] built : built()) {
      byte[] bytes = (byte[]) built[1];
      seeds.add(seed((Integer) built[0], bytes, bytes.length, decoder));
    }
    return seeds;
  }

  private static Object[][] built() {
    byte[] a = Frames.MAC_A;
    byte[] b = Frames.MAC_B;
    byte[] tcp4 =
        Frames.ipv4("10.0.0.1", "10.0.0.2", TCP, Frames.tcp(40000, 80, Frames.SYN, 65535, 0));
    byte[] udp4 = Frames.ipv4("10.0.0.1", "10.0.0.255", UDP, Frames.udp(5353, 5353, 40));
    byte[] icmp4 = Frames.ipv4("10.0.0.1", "10.0.0.2", ICMP, Frames.icmp(8, 0, 56));
    byte[] options4 =
        Frames.ipv4(
            "10.0.0.1",
            "10.0.0.2",
            UDP,
            7,
            0x2000,
            new byte[] {1, 1, 1, 0, 7, 7, 4, 0, 0, 0, 0, 0},
            Frames.udp(1, 2, 100));
    byte[] tcp6 =
        Frames.ipv6(
            "2001:db8::1",
            "2001:db8::2",
            IPV6_HOP_BY_HOP,
            Frames.extension(
                IPV6_ROUTING,
                Frames.extension(
                    IPV6_FRAGMENT,
                    Frames.fragment(
                        IPV6_AH,
                        0,
                        true,
                        9,
                        Frames.ah(
                            TCP, Frames.tcp(443, 50000, Frames.ACK | Frames.PSH, 512, 100))))));
    byte[] icmp6 = Frames.ipv6("fe80::1", "ff02::1", ICMPV6, Frames.icmp(135, 0, 24));
    byte[] gre = Frames.ipv4("192.0.2.1", "192.0.2.2", GRE, Frames.gre(ETHERTYPE_IPV4, udp4));
    byte[] arp = Frames.arp(1, a, Frames.ip("10.0.0.1"), Frames.ip("10.0.0.2"));
    return new Object[][] {
      {LinkType.ETHERNET, Frames.ethernet(b, a, ETHERTYPE_IPV4, tcp4)},
      {LinkType.ETHERNET, Frames.ethernet(Frames.BROADCAST, a, ETHERTYPE_IPV4, udp4)},
      {LinkType.ETHERNET, Frames.ethernet(b, a, ETHERTYPE_IPV4, options4)},
      {LinkType.ETHERNET, Frames.ethernet(b, a, ETHERTYPE_IPV4, gre)},
      {LinkType.ETHERNET, Frames.ethernet(b, a, ETHERTYPE_IPV6, tcp6)},
      {
        LinkType.ETHERNET,
        Frames.ethernet(Frames.mac("33:33:00:00:00:01"), a, ETHERTYPE_IPV6, icmp6)
      },
      {LinkType.ETHERNET, Frames.ethernet(Frames.BROADCAST, a, ETHERTYPE_ARP, arp)},
      {
        LinkType.ETHERNET,
        Frames.tagged(b, a, new int[] {0x88A8, 0x8100}, new int[] {100, 200}, ETHERTYPE_IPV4, icmp4)
      },
      {LinkType.ETHERNET, Frames.snap(b, a, ETHERTYPE_IPV4, udp4)},
      {LinkType.ETHERNET, Frames.llc(Frames.mac("01:80:c2:00:00:00"), a, 0x42, new byte[35])},
      {LinkType.LINUX_SLL, Frames.sll(4, ARPHRD_ETHER, a, ETHERTYPE_IPV4, tcp4)},
      {LinkType.LINUX_SLL2, Frames.sll2(0, ARPHRD_ETHER, a, ETHERTYPE_IPV6, icmp6)},
      {LinkType.NULL, Frames.bsdNull(AF_INET, udp4)},
      {LinkType.LOOP, Frames.concat(new byte[] {0, 0, 0, AF_INET}, icmp4)},
      {LinkType.PPP, Frames.ppp(PPP_IPV4, tcp4)},
      {LinkType.PPP_HDLC, Frames.ppp(PPP_IPV4, udp4)},
      {LinkType.SLIP, Frames.slip(true, tcp4)},
      {LinkType.RAW, tcp6},
      {LinkType.RAW_BSD, udp4},
      {LinkType.RAW_OPENBSD, icmp4},
      {LinkType.IPV4, gre},
      {LinkType.IPV6, icmp6},
    };
  }

  /** A seed with the offsets of the fields the decoder found in it. */
  static Seed seed(int linkType, byte[] bytes, int originalLength, PacketDecoder decoder) {
    Packet p =
        decoder.decode(
            ByteBuffer.wrap(bytes),
            0,
            bytes.length,
            originalLength,
            linkType,
            FrameSink.DIRECTION_IN,
            FrameSink.NO_VLAN,
            new Packet());
    List<Integer> fields = new ArrayList<>();
    for (int f : LINK_FIELDS) {
      fields.add(f);
    }
    int at = p.networkOffset;
    if (p.network == Packet.NET_IPV4 && at >= 0 && at < bytes.length) {
      int transport = at + (bytes[at] & 0x0F) * 4;
      addAll(fields, at, at + 2, at + 6, at + 9, transport, transport + 4, transport + 12);
    } else if (p.network == Packet.NET_IPV6 && at >= 0) {
      int next = at + 40;
      addAll(fields, at, at + 4, at + 6, next, next + 1, next + 2, next + 4, next + 12);
    } else if (p.network == Packet.NET_ARP && at >= 0) {
      addAll(fields, at + 4, at + 5, at + 6);
    }
    int[] inFrame =
        fields.stream()
            .mapToInt(Integer::intValue)
            .filter(f -> f >= 0 && f < bytes.length)
            .distinct()
            .toArray();
    return new Seed(linkType, bytes, inFrame);
  }

  private static void addAll(List<Integer> to, int... offsets) {
    for (int o : offsets) {
      to.add(o);
    }
  }

  /** Copies what a reader delivers into seeds. */
  private static final class Collector implements FrameSink {
    private final List<Seed> seeds;
    private final PacketDecoder decoder;
    private final Map<Integer, Integer> linkTypes = new HashMap<>();
    private int kept;

    Collector(List<Seed> seeds, PacketDecoder decoder) {
      this.seeds = seeds;
      this.decoder = decoder;
    }

    @Override
    public void interfaceAdded(int interfaceId, InterfaceInfo info) {
      linkTypes.put(interfaceId, info.linkType());
    }

    @Override
    public void frame(
        ByteBuffer buffer,
        int offset,
        int capturedLength,
        int originalLength,
        long timestampNanos,
        int interfaceId,
        int direction,
        int vlanTci) {
      if (kept++ >= FRAMES_PER_FILE) {
        return;
      }
      byte[] bytes = new byte[capturedLength];
      buffer.get(offset, bytes);
      seeds.add(
          seed(
              linkTypes.getOrDefault(interfaceId, LinkType.ETHERNET),
              bytes,
              originalLength,
              decoder));
    }
  }
}
