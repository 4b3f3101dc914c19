package org.iptraf.agent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report a test expects, accumulated from what the test put into its capture files by the
 * contract's counting rules (never from the program's output). {@link #toJson} gives it the
 * report's shape; {@link #diff} lists every field where a real report differs.
 */
final class ExpectedReport {
  static final String[] CLASSES = {
    "total",
    "ipv4",
    "ipv6",
    "tcp",
    "udp",
    "icmp",
    "icmpv6",
    "otherIp",
    "nonIp",
    "arp",
    "broadcast",
    "multicast"
  };
  private static final int[] RMON_UPPER = {64, 127, 255, 511, 1023, 1518};
  private static final String[] RMON_NAMES = {
    "64", "65to127", "128to255", "256to511", "512to1023", "1024to1518", "over1518"
  };
  private static final int FCS = 4;

  /** iptraf-ng's size breakdown with the default MTU 1500: 20 buckets up to 1514 bytes. */
  private static final int SIZE_MAX = 1514;

  private static final int SIZE_BUCKETS = 20;
  private static final int SIZE_WIDTH = (SIZE_MAX + SIZE_BUCKETS - 1) / SIZE_BUCKETS;

  /** One interface's counters: per class in packets, in bytes, out packets, out bytes. */
  static final class Iface {
    final String name;
    final String linkType;
    final Map<String, long[]> counts = new LinkedHashMap<>();
    long badIpChecksum;
    long ipFragments;
    double bps;
    double pps;
    double peakBps;
    double peakPps;

    Iface(String name, String linkType) {
      this.name = name;
      this.linkType = linkType;
      for (String c : CLASSES) {
        counts.put(c, new long[4]);
      }
    }

    void add(String cls, boolean out, long bytes) {
      long[] c = counts.get(cls);
      c[out ? 2 : 0]++;
      c[out ? 3 : 1] += bytes;
    }

    long packets(String cls) {
      return counts.get(cls)[0] + counts.get(cls)[2];
    }

    long bytes(String cls) {
      return counts.get(cls)[1] + counts.get(cls)[3];
    }

    /** Rates when this interface's frames all fell in one second followed by {@code empty}. */
    void oneBusySecondThen(int emptySeconds) {
      int samples = Math.min(5, 1 + emptySeconds);
      peakBps = 8.0 * bytes("total");
      peakPps = packets("total");
      bps = peakBps / samples;
      pps = peakPps / samples;
    }
  }

  /** One direction of a TCP connection. */
  static final class Half {
    long packets;
    long bytes;
    int flags;
    int lastFlags;
    int window;
    int lastSize;
  }

  static final class Conn {
    final String iface;
    final String a;
    final String b;
    String state;
    long firstSeen;
    long lastSeen;
    final Half aToB = new Half();
    final Half bToA = new Half();

    Conn(String iface, String a, String b) {
      this.iface = iface;
      this.a = a;
      this.b = b;
    }
  }

  static final class Flow {
    String iface;
    String protocol;
    String a;
    String b;
    String detail;
    long packets;
    long bytes;
  }

  final List<String> names = new ArrayList<>();

  /** Service names by "tcp/443" (the test's services file): ports[].service. */
  final Map<String, String> services = new TreeMap<>();

  /** MAC names by "02:00:00:00:00:0a" (the test's ethers file): stations[].name, non-IP flows. */
  final Map<String, String> ethers = new TreeMap<>();

  final Map<String, Iface> interfaces = new LinkedHashMap<>();
  long frames;
  long bytes;
  long malformed;
  long unknownLinkType;
  long loopbackDuplicates;
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;
  private final Map<String, long[]> vlans = new TreeMap<>();
  final Map<String, Conn> tcp = new LinkedHashMap<>();
  private final Map<String, Flow> flows = new LinkedHashMap<>();
  private final Map<String, long[]> ports = new TreeMap<>();
  private final long[] rmon = new long[RMON_NAMES.length];
  private final long[][] buckets = new long[SIZE_BUCKETS + 1][2];
  private int largest;
  private final Map<String, long[]> stations = new LinkedHashMap<>();

  Iface iface(String name, String linkType) {
    return interfaces.computeIfAbsent(name, n -> new Iface(n, linkType));
  }

  Iface iface(String name) {
    return interfaces.get(name);
  }

  /** A frame that counts on its interface: total, sizes, capture totals. */
  void frame(String iface, long t, boolean out, int length) {
    captured(t, length);
    interfaces.get(iface).add("total", out, length);
    int withFcs = length + FCS;
    int r = 0;
    while (r < RMON_UPPER.length && withFcs > RMON_UPPER[r]) {
      r++;
    }
    rmon[r]++;
    int b =
        length > SIZE_MAX ? SIZE_BUCKETS : Math.min(SIZE_BUCKETS - 1, (length - 1) / SIZE_WIDTH);
    buckets[b][out ? 1 : 0]++;
    largest = Math.max(largest, length);
  }

  /** A frame the capture saw but that counts nowhere else (a loopback twin). */
  void loopbackDuplicate(long t, int length) {
    captured(t, length);
    loopbackDuplicates++;
  }

  private void captured(long t, int length) {
    frames++;
    bytes += length;
    first = Math.min(first, t);
    last = Math.max(last, t);
  }

  void vlan(String iface, int id, int length) {
    long[] v = vlans.computeIfAbsent(iface + "|" + String.format("%04d", id), k -> new long[2]);
    v[0]++;
    v[1] += length;
  }

  /** A station's side of a frame: sent ({@code sender}) or received. */
  void station(String iface, String mac, boolean sender, int length, boolean ip) {
    long[] s = stations.computeIfAbsent(iface + "|" + mac, k -> new long[5]);
    s[sender ? 2 : 0]++;
    s[sender ? 3 : 1] += length;
    s[4] += ip ? 1 : 0;
  }

  /** Ports: in under the destination port, out under the source port. */
  void ports(String protocol, int srcPort, int dstPort, int ipLength) {
    long[] in =
        ports.computeIfAbsent(protocol + "|" + String.format("%05d", dstPort), k -> new long[4]);
    in[0]++;
    in[1] += ipLength;
    long[] out =
        ports.computeIfAbsent(protocol + "|" + String.format("%05d", srcPort), k -> new long[4]);
    out[2]++;
    out[3] += ipLength;
  }

  /** A TCP segment from {@code src} to {@code dst}; the connection's a is whoever came first. */
  Conn tcp(String iface, String src, String dst, int flags, int window, int ipLength, long t) {
    Conn c = tcp.get(iface + "|" + src + "|" + dst);
    boolean fromA = true;
    if (c == null) {
      c = tcp.get(iface + "|" + dst + "|" + src);
      fromA = false;
    }
    if (c == null) {
      c = new Conn(iface, src, dst);
      c.firstSeen = t;
      tcp.put(iface + "|" + src + "|" + dst, c);
      fromA = true;
    }
    Half h = fromA ? c.aToB : c.bToA;
    h.packets++;
    h.bytes += ipLength;
    h.flags |= flags;
    h.lastFlags = flags;
    h.window = window;
    h.lastSize = ipLength;
    c.lastSeen = t;
    return c;
  }

  /** A non-TCP flow; {@code bothWays} flows are found under either order of a and b. */
  void flow(
      String iface,
      String protocol,
      String src,
      String dst,
      String detail,
      int length,
      boolean bothWays) {
    String key = iface + "|" + protocol + "|" + src + "|" + dst;
    Flow f = flows.get(key);
    if (f == null && bothWays) {
      f = flows.get(iface + "|" + protocol + "|" + dst + "|" + src);
    }
    if (f == null) {
      f = new Flow();
      f.iface = iface;
      f.protocol = protocol;
      f.a = src;
      f.b = dst;
      flows.put(key, f);
    }
    f.detail = detail;
    f.packets++;
    f.bytes += length;
  }

  // ------------------------------------------------------------------ the report's shape

  ObjectNode toJson() {
    ObjectNode r = Cli.JSON.createObjectNode();
    ObjectNode source = r.putObject("source");
    source.put("kind", "pcap");
    ArrayNode n = source.putArray("names");
    names.forEach(n::add);
    source.put("seconds", frames == 0 ? 0 : Math.round((last - first) / 1e6) / 1000.0);
    ObjectNode c = r.putObject("capture");
    c.put("frames", frames);
    c.put("bytes", bytes);
    c.put("malformed", malformed);
    c.put("unknownLinkType", unknownLinkType);
    c.put("kernelDrops", 0);
    c.put("filtered", 0);
    c.put("loopbackDuplicates", loopbackDuplicates);
    c.put("tcpEvictions", 0);
    c.put("flowEvictions", 0);
    c.put("stationEvictions", 0);
    ArrayNode ifs = r.putArray("interfaces");
    for (Iface i : interfaces.values()) {
      ObjectNode o = ifs.addObject();
      o.put("name", i.name);
      o.put("linkType", i.linkType);
      i.counts.forEach(
          (cls, v) -> {
            ObjectNode k = o.putObject(cls);
            k.put("packets", v[0] + v[2]);
            k.put("bytes", v[1] + v[3]);
            k.put("inPackets", v[0]);
            k.put("inBytes", v[1]);
            k.put("outPackets", v[2]);
            k.put("outBytes", v[3]);
          });
      o.put("badIpChecksum", i.badIpChecksum);
      o.put("ipFragments", i.ipFragments);
      ObjectNode rates = o.putObject("rates");
      rates.put("bps", i.bps);
      rates.put("pps", i.pps);
      rates.put("peakBps", i.peakBps);
      rates.put("peakPps", i.peakPps);
    }
    ArrayNode vl = r.putArray("vlans");
    vlans.forEach(
        (k, v) -> {
          ObjectNode o = vl.addObject();
          o.put("interface", k.substring(0, k.indexOf('|')));
          o.put("vlanId", Integer.parseInt(k.substring(k.indexOf('|') + 1)));
          o.put("packets", v[0]);
          o.put("bytes", v[1]);
        });
    ArrayNode tc = r.putArray("tcpConnections");
    for (Conn k : tcp.values()) {
      ObjectNode o = tc.addObject();
      o.put("interface", k.iface);
      o.put("a", k.a);
      o.put("b", k.b);
      o.put("state", k.state);
      o.put("firstSeen", time(k.firstSeen));
      o.put("lastSeen", time(k.lastSeen));
      half(o.putObject("aToB"), k.aToB);
      half(o.putObject("bToA"), k.bToA);
    }
    ArrayNode fl = r.putArray("otherFlows");
    for (Flow f : flows.values()) {
      ObjectNode o = fl.addObject();
      o.put("interface", f.iface);
      o.put("protocol", f.protocol);
      o.put("a", f.a);
      o.put("b", f.b);
      o.put("detail", f.detail);
      o.put("packets", f.packets);
      o.put("bytes", f.bytes);
      if (ethers.containsKey(f.a)) {
        o.put("aName", ethers.get(f.a));
      }
      if (ethers.containsKey(f.b)) {
        o.put("bName", ethers.get(f.b));
      }
    }
    ArrayNode po = r.putArray("ports");
    ports.forEach(
        (k, v) -> {
          ObjectNode o = po.addObject();
          o.put("protocol", k.substring(0, k.indexOf('|')));
          o.put("port", Integer.parseInt(k.substring(k.indexOf('|') + 1)));
          o.put("packets", v[0] + v[2]);
          o.put("bytes", v[1] + v[3]);
          o.put("inPackets", v[0]);
          o.put("outPackets", v[2]);
          o.put("inBytes", v[1]);
          o.put("outBytes", v[3]);
          String service =
              services.get(
                  k.substring(0, k.indexOf('|'))
                      + "/"
                      + Integer.parseInt(k.substring(k.indexOf('|') + 1)));
          if (service != null) {
            o.put("service", service);
          }
        });
    ObjectNode sizes = r.putObject("packetSizes");
    ObjectNode rm = sizes.putObject("rmon");
    for (int i = 0; i < RMON_NAMES.length; i++) {
      rm.put(RMON_NAMES[i], rmon[i]);
    }
    ArrayNode bu = sizes.putArray("buckets");
    for (int i = 0; i <= SIZE_BUCKETS; i++) {
      ObjectNode o = bu.addObject();
      o.put("from", i == SIZE_BUCKETS ? SIZE_MAX + 1 : i * SIZE_WIDTH + 1);
      o.put(
          "to",
          i == SIZE_BUCKETS
              ? Math.max(SIZE_MAX + 1, largest)
              : i == SIZE_BUCKETS - 1 ? SIZE_MAX : (i + 1) * SIZE_WIDTH);
      o.put("packets", buckets[i][0] + buckets[i][1]);
      o.put("inPackets", buckets[i][0]);
      o.put("outPackets", buckets[i][1]);
    }
    sizes.put("largest", largest);
    ArrayNode st = r.putArray("stations");
    stations.forEach(
        (k, v) -> {
          ObjectNode o = st.addObject();
          o.put("interface", k.substring(0, k.indexOf('|')));
          o.put("mac", k.substring(k.indexOf('|') + 1));
          o.put("inPackets", v[0]);
          o.put("inBytes", v[1]);
          o.put("outPackets", v[2]);
          o.put("outBytes", v[3]);
          o.put("ipPackets", v[4]);
          String name = ethers.get(k.substring(k.indexOf('|') + 1));
          if (name != null) {
            o.put("name", name);
          }
        });
    return r;
  }

  private static void half(ObjectNode o, Half h) {
    o.put("packets", h.packets);
    o.put("bytes", h.bytes);
    o.put("flags", flags(h.flags));
    o.put("lastFlags", flags(h.lastFlags));
    o.put("window", h.window);
    o.put("lastSize", h.lastSize);
  }

  /** TCP flags as the report spells them: letters in header bit order from FIN up. */
  static String flags(int f) {
    String letters = "FSRPAUEC";
    StringBuilder s = new StringBuilder();
    for (int bit = 0; bit < 8; bit++) {
      if ((f & (1 << bit)) != 0) {
        s.append(letters.charAt(bit));
      }
    }
    return s.toString();
  }

  static String time(long nanos) {
    return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L).toString();
  }

  // ------------------------------------------------------------------ comparing

  /** Rows are matched by these fields, not by position (the report orders by traffic). */
  private static final Map<String, String[]> ROW_KEYS =
      Map.of(
          "interfaces", new String[] {"name"},
          "vlans", new String[] {"interface", "vlanId"},
          "tcpConnections", new String[] {"interface", "a", "b"},
          "otherFlows", new String[] {"interface", "protocol", "a", "b"},
          "ports", new String[] {"protocol", "port"},
          "buckets", new String[] {"from"},
          "stations", new String[] {"interface", "mac"});

  /** Every difference between an expected and an actual report, one line each. */
  static List<String> diff(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    diff("", "", expected, actual, out);
    return out;
  }

  private static void diff(String path, String field, JsonNode e, JsonNode a, List<String> out) {
    if (a == null || a.isMissingNode()) {
      out.add(path + ": missing, expected " + e);
    } else if (e.isObject() && a.isObject()) {
      for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        diff(path + "." + f, f, e.get(f), a.get(f), out);
      }
      for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!e.has(f)) {
          out.add(path + "." + f + ": unexpected field, value " + a.get(f));
        }
      }
    } else if (e.isArray() && a.isArray()) {
      String[] keys = ROW_KEYS.get(field);
      if (keys == null) {
        if (!e.equals(a)) {
          out.add(path + ": expected " + e + " but was " + a);
        }
        return;
      }
      Map<String, JsonNode> em = byKey(e, keys);
      Map<String, JsonNode> am = byKey(a, keys);
      em.forEach(
          (k, v) -> {
            if (am.containsKey(k)) {
              diff(path + "[" + k + "]", "", v, am.get(k), out);
            } else {
              out.add(path + "[" + k + "]: missing row, expected " + v);
            }
          });
      am.forEach(
          (k, v) -> {
            if (!em.containsKey(k)) {
              out.add(path + "[" + k + "]: unexpected row " + v);
            }
          });
    } else if (e.isNumber() && a.isNumber()) {
      if (e.decimalValue().compareTo(a.decimalValue()) != 0) {
        out.add(path + ": expected " + e + " but was " + a);
      }
    } else if (!e.equals(a)) {
      out.add(path + ": expected " + e + " but was " + a);
    }
  }

  private static Map<String, JsonNode> byKey(JsonNode rows, String[] keys) {
    Map<String, JsonNode> m = new TreeMap<>(Comparator.naturalOrder());
    for (JsonNode row : rows) {
      StringBuilder k = new StringBuilder();
      for (String key : keys) {
        k.append(k.length() == 0 ? "" : " ").append(row.path(key).asText());
      }
      String id = k.toString();
      while (m.containsKey(id)) {
        id += "'"; // a duplicated row shows up as an extra one
      }
      m.put(id, row);
    }
    return m;
  }
}
