package org.iptraf.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iptraf.agent.testutil.Frames.ACK;
import static org.iptraf.agent.testutil.Frames.MAC_A;
import static org.iptraf.agent.testutil.Frames.MAC_B;
import static org.iptraf.agent.testutil.Frames.PSH;
import static org.iptraf.agent.testutil.Frames.SYN;
import static org.iptraf.agent.testutil.Frames.ethernet;
import static org.iptraf.agent.testutil.Frames.ipv4;
import static org.iptraf.agent.testutil.Frames.tcp;
import static org.iptraf.agent.testutil.Frames.udp;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iptraf.agent.testutil.PcapWriter;
import org.iptraf.agent.testutil.Require;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * {@code replay --serve} under hostile SNMP: malformed and random datagrams (bad BER, wrong
 * versions, lengths that lie, GETBULK with max-repetitions 2^31-1, SNMPv3 garbage, deep nesting)
 * from one socket as fast as it can send, while a second client keeps issuing valid GETs and four
 * snmpbulkwalks of the whole tree run in parallel. The agent must answer the valid requests during
 * and after, and the walks must complete with what they saw before.
 *
 * <p>CI sends 10,000 datagrams; the recorded run: {@code -Diptraf.snmp.abuse=100000}.
 */
class SnmpAbuseTest {

  private static final int DATAGRAMS = Integer.getInteger("iptraf.snmp.abuse", 10_000);
  private static final long SEED = Long.getLong("iptraf.fuzz.seed", 20_240_607L);
  private static final int CONNECTIONS = 1_000;

  /** Kinds of abuse {@link #abusive} makes; {@code -Diptraf.snmp.abuse.kind=K} sends only one. */
  private static final int KINDS = 12;

  private static final int KIND = Integer.getInteger("iptraf.snmp.abuse.kind", -1);
  private static final int WALKERS = 4;
  private static final int AFTER_GETS = 200;
  private static final int MAX_UDP_PAYLOAD = 65_507;

  private static final String SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0";
  private static final String SNMP_IN_PKTS = "1.3.6.1.2.1.11.1.0";
  private static final String SNMP_IN_BAD_VERSIONS = "1.3.6.1.2.1.11.3.0";
  private static final String SNMP_IN_BAD_COMMUNITY_NAMES = "1.3.6.1.2.1.11.4.0";
  private static final String SNMP_IN_ASN_PARSE_ERRS = "1.3.6.1.2.1.11.6.0";
  private static final String SNMP_SILENT_DROPS = "1.3.6.1.2.1.11.31.0";
  private static final long INT32_MAX = Integer.MAX_VALUE;

  @TempDir Path dir;

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void keepsAnsweringValidRequestsThroughMalformedFloodsAndParallelWalks() throws Exception {
    Require.tools("snmpget", "snmpbulkwalk");
    Path pcap = writeCapture(dir.resolve("many.pcap"));
    int port = ServedAgent.freePort();
    try (ServedAgent agent =
            ServedAgent.start(
                dir, pcap, ServedAgent.config(dir, port, dir.resolve("state")), port);
        Snmp snmp = new Snmp(new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0")))) {
      snmp.listen();
      CommunityTarget<UdpAddress> target =
          new CommunityTarget<>(
              new UdpAddress(InetAddress.getLoopbackAddress(), port), new OctetString("public"));
      target.setVersion(SnmpConstants.version2c);
      target.setTimeout(1000);
      target.setRetries(2);
      String sysObjectId = get(snmp, target, SYS_OBJECT_ID);
      assertThat(sysObjectId).isNotNull();
      long rssBefore = rssKib(agent.process.pid());
      long walkStart = System.nanoTime();
      List<String> reference = walk(agent);
      double quietWalkSeconds = (System.nanoTime() - walkStart) / 1e9;

      Poller poller = new Poller(snmp, target, sysObjectId);
      Thread pollerThread = new Thread(poller, "valid-gets");
      ExecutorService walkers = Executors.newFixedThreadPool(WALKERS);
      pollerThread.start();
      List<Future<Walk>> walks = new ArrayList<>();
      for (int i = 0; i < WALKERS; i++) {
        walks.add(
            walkers.submit(
                () -> {
                  long t0 = System.nanoTime();
                  ExternalTool.Result r = walkTool(agent);
                  return new Walk(r, (System.nanoTime() - t0) / 1e9);
                }));
      }
      long sendNanos = flood(port);
      List<Walk> done = new ArrayList<>();
      for (Future<Walk> w : walks) {
        done.add(w.get(10, TimeUnit.MINUTES));
      }
      List<String> walkSeconds =
          done.stream()
              .map(
                  w ->
                      String.format(
                          "%.1f%s",
                          w.seconds(),
                          w.result().exitCode() == 0
                              ? ""
                              : " (failed: " + w.result().stderr().strip() + ")"))
              .toList();
      walkers.shutdown();
      poller.stop.set(true);
      pollerThread.join();

      int answeredAfter = 0;
      for (int i = 0; i < AFTER_GETS; i++) {
        if (sysObjectId.equals(get(snmp, target, SYS_OBJECT_ID))) {
          answeredAfter++;
        }
      }
      long rssAfter = rssKib(agent.process.pid());
      String counters =
          String.format(
              "snmpInPkts %s, snmpInBadVersions %s,"
                  + " snmpInBadCommunityNames %s, snmpInASNParseErrs %s, snmpSilentDrops %s",
              get(snmp, target, SNMP_IN_PKTS),
              get(snmp, target, SNMP_IN_BAD_VERSIONS),
              get(snmp, target, SNMP_IN_BAD_COMMUNITY_NAMES),
              get(snmp, target, SNMP_IN_ASN_PARSE_ERRS),
              get(snmp, target, SNMP_SILENT_DROPS));
      long[] latency = poller.latencies();
      String stderr = agent.errors();
      System.out.printf(
          "SNMP abuse: %,d datagrams in %.1f s (%,.0f/s); valid GETs during:"
              + " %,d answered, %,d failed, latency p50 %.2f ms p99 %.2f ms max %.1f ms;"
              + " %d parallel walks of %,d varbinds in %s s (%.2f s alone); after: %d/%d"
              + " answered; agent RSS %,d -> %,d KiB; %s; agent stderr %d lines%n",
          DATAGRAMS,
          sendNanos / 1e9,
          DATAGRAMS * 1e9 / sendNanos,
          poller.answered,
          poller.failed,
          percentile(latency, 0.50),
          percentile(latency, 0.99),
          percentile(latency, 1.0),
          WALKERS,
          reference.size(),
          walkSeconds,
          quietWalkSeconds,
          answeredAfter,
          AFTER_GETS,
          rssBefore,
          rssAfter,
          counters,
          stderr.lines().count());

      assertThat(agent.process.isAlive()).isTrue();
      for (Walk w : done) {
        assertThat(w.result().exitCode())
            .as("walk during the flood: " + w.result().stderr())
            .isZero();
        assertThat(oids(w.result())).as("a walk during the flood").hasSameSizeAs(reference);
      }
      assertThat(poller.answered).as("valid GETs answered during the flood").isPositive();
      assertThat(poller.wrong).as("valid GETs answered with a wrong value").isZero();
      assertThat(poller.failed)
          .as("valid GETs unanswered after 3 tries during the flood")
          .isLessThanOrEqualTo(poller.answered / 100);
      assertThat(answeredAfter).as("valid GETs after the flood").isEqualTo(AFTER_GETS);
      assertThat(stderr).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    }
  }

  /** Sends every abusive datagram as fast as one socket can; returns the nanoseconds it took. */
  private static long flood(int port) throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    InetAddress to = InetAddress.getLoopbackAddress();
    try (DatagramSocket socket = new DatagramSocket(0, to)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < DATAGRAMS; i++) {
        byte[] d = abusive(random);
        socket.send(new DatagramPacket(d, Math.min(d.length, MAX_UDP_PAYLOAD), to, port));
      }
      return System.nanoTime() - t0;
    }
  }

  /** One datagram of one of a dozen kinds of abuse. */
  static byte[] abusive(SplittableRandom r) {
    byte[] get =
        Ber.message(
            Ber.V2C,
            "public",
            Ber.pdu(Ber.GET, r.nextInt(), 0, 0, SYS_OBJECT_ID, "1.3.6.1.2.1.1.3.0"));
    return switch (KIND >= 0 ? KIND : r.nextInt(KINDS)) {
      case 0 -> randomBytes(r, r.nextInt(100) == 0 ? MAX_UDP_PAYLOAD : r.nextInt(1500));
      case 1 -> mutated(r, get);
      case 2 ->
          Ber.message(
              pick(r, 2, 3, 4, 255, -1, INT32_MAX, Long.MAX_VALUE, Long.MIN_VALUE),
              "public",
              Ber.pdu(Ber.GET, r.nextInt(), 0, 0, SYS_OBJECT_ID));
      case 3 -> lyingLength(r, get);
      case 4 ->
          Ber.message(
              Ber.V2C,
              "public",
              Ber.pdu(
                  Ber.GETBULK,
                  r.nextInt(),
                  pick(r, 0, 1, INT32_MAX, -1, Integer.MIN_VALUE),
                  INT32_MAX,
                  repeated(r)));
      case 5 -> v3Garbage(r);
      case 6 -> deep(r);
      case 7 ->
          Ber.message(
              Ber.V2C,
              new String(randomBytes(r, r.nextInt(40)), StandardCharsets.ISO_8859_1),
              Ber.pdu(Ber.GETBULK, r.nextInt(), 0, INT32_MAX, "1.3.6"));
      case 8 ->
          Ber.message(
              Ber.V2C,
              "public",
              Ber.tlv(
                  Ber.SET,
                  Ber.integer(r.nextInt()),
                  Ber.integer(0),
                  Ber.integer(0),
                  Ber.seq(
                      Ber.seq(
                          Ber.oid(SYS_OBJECT_ID.replace(".2.0", ".5.0")),
                          Ber.octets(randomBytes(r, r.nextInt(60_000)))))));
      case 9 ->
          Ber.message(
              r.nextBoolean() ? Ber.V1 : Ber.V2C,
              "public",
              Ber.pdu(
                  (int)
                      pick(
                          r,
                          Ber.RESPONSE,
                          Ber.TRAP_V1,
                          Ber.INFORM,
                          Ber.TRAP,
                          Ber.REPORT,
                          0xAF,
                          0xBF,
                          0x30),
                  r.nextInt(),
                  0,
                  0,
                  SYS_OBJECT_ID));
      case 10 ->
          Ber.message(Ber.V1, "public", Ber.pdu(Ber.GETBULK, r.nextInt(), 0, INT32_MAX, "1.3.6"));
      default -> {
        String[] many = new String[300 + r.nextInt(300)];
        Arrays.fill(many, "1.3.6");
        yield Ber.message(Ber.V2C, "public", Ber.pdu(Ber.GETNEXT, r.nextInt(), 0, 0, many));
      }
    };
  }

  /** One OID to repeat, or hundreds (a response that fills up fast). */
  private static String[] repeated(SplittableRandom r) {
    String[] oids = new String[r.nextBoolean() ? 1 : 100 + r.nextInt(400)];
    Arrays.fill(oids, r.nextBoolean() ? "1.3.6" : "1.3");
    return oids;
  }

  private static long pick(SplittableRandom r, long... values) {
    return values[r.nextInt(values.length)];
  }

  private static byte[] randomBytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] mutated(SplittableRandom r, byte[] valid) {
    byte[] b = valid.clone();
    for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(3)) {
        case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[at] = (byte) r.nextInt(256);
        default -> b = Arrays.copyOf(b, at);
      }
      if (b.length == 0) {
        break;
      }
    }
    return b;
  }

  /** Length fields that claim gigabytes, nine length octets, the indefinite form, or one more. */
  private static byte[] lyingLength(SplittableRandom r, byte[] valid) {
    byte[] body = Arrays.copyOfRange(valid, 2, valid.length); // valid: 30 len(<128) ...
    return switch (r.nextInt(5)) {
      case 0 -> Ber.concat(new byte[] {0x30, (byte) 0x84, -1, -1, -1, -1}, body);
      case 1 -> Ber.concat(new byte[] {0x30, (byte) 0x89, 1, 0, 0, 0, 0, 0, 0, 0, 0}, body);
      case 2 -> Ber.concat(new byte[] {0x30, (byte) 0x80}, body, new byte[] {0, 0});
      case 3 -> Ber.concat(new byte[] {0x30, (byte) (body.length + 1)}, body);
      default ->
          Ber.seq(
              Ber.integer(Ber.V2C),
              new byte[] {Ber.OCTET_STRING, (byte) 0x84, 0x7F, -1, -1, -1},
              "public".getBytes(StandardCharsets.US_ASCII));
    };
  }

  /** SNMPv3 with random header values, USM parameters and (encrypted-looking) scoped PDUs. */
  private static byte[] v3Garbage(SplittableRandom r) {
    byte[] header =
        Ber.seq(
            Ber.integer(r.nextInt()),
            Ber.integer(pick(r, 0, 484, 65_507, INT32_MAX, -1)),
            Ber.octets(randomBytes(r, r.nextInt(3))),
            Ber.integer(pick(r, 3, 0, 1, 2, 99, -1)));
    byte[] usm =
        r.nextInt(4) == 0
            ? Ber.octets(randomBytes(r, r.nextInt(64)))
            : Ber.octets(
                Ber.seq(
                    Ber.octets(randomBytes(r, r.nextInt(40))),
                    Ber.integer(r.nextLong()),
                    Ber.integer(r.nextInt()),
                    Ber.octets(r.nextBoolean() ? "ops" : "x".repeat(r.nextInt(300))),
                    Ber.octets(randomBytes(r, pick(r, 0, 12, 24, 32) == 0 ? 0 : 12)),
                    Ber.octets(randomBytes(r, r.nextInt(16)))));
    byte[] scoped =
        r.nextBoolean()
            ? Ber.octets(randomBytes(r, r.nextInt(200)))
            : Ber.seq(
                Ber.octets(randomBytes(r, r.nextInt(32))),
                Ber.octets(""),
                Ber.pdu(
                    r.nextBoolean() ? Ber.GET : Ber.GETBULK, r.nextInt(), 0, INT32_MAX, "1.3.6"));
    return Ber.seq(Ber.integer(Ber.V3), header, usm, scoped);
  }

  /** Deep nesting, enormous sub-identifiers, an OID whose last octet never ends. */
  private static byte[] deep(SplittableRandom r) {
    switch (r.nextInt(3)) {
      case 0 -> {
        byte[] inner = Ber.nul();
        for (int i = 0, depth = 50 + r.nextInt(2000); i < depth; i++) {
          inner = Ber.seq(inner);
        }
        return Ber.message(
            Ber.V2C,
            "public",
            Ber.tlv(Ber.GET, Ber.integer(1), Ber.integer(0), Ber.integer(0), inner));
      }
      case 1 -> {
        long[] subs = new long[2 + r.nextInt(500)];
        Arrays.fill(subs, 0xFFFF_FFFFL << r.nextInt(30));
        subs[0] = 1;
        subs[1] = 3;
        return Ber.message(
            Ber.V2C,
            "public",
            Ber.tlv(
                Ber.GETNEXT,
                Ber.integer(1),
                Ber.integer(0),
                Ber.integer(0),
                Ber.seq(Ber.seq(Ber.oid(subs), Ber.nul()))));
      }
      default -> {
        byte[] endless = new byte[2 + r.nextInt(200)];
        Arrays.fill(endless, (byte) 0xFF);
        endless[0] = 0x2B;
        return Ber.message(
            Ber.V2C,
            "public",
            Ber.tlv(
                Ber.GET,
                Ber.integer(1),
                Ber.integer(0),
                Ber.integer(0),
                Ber.seq(Ber.seq(Ber.tlv(Ber.OID, endless), Ber.nul()))));
      }
    }
  }

  /** Valid GETs one after another until told to stop; answered, failed, wrong, latencies. */
  private static final class Poller implements Runnable {
    final AtomicBoolean stop = new AtomicBoolean();
    private final Snmp snmp;
    private final CommunityTarget<UdpAddress> target;
    private final String expected;
    private long[] latencies = new long[1024];
    volatile int answered;
    volatile int failed;
    volatile int wrong;

    Poller(Snmp snmp, CommunityTarget<UdpAddress> target, String expected) {
      this.snmp = snmp;
      this.target = target;
      this.expected = expected;
    }

    @Override
    public void run() {
      while (!stop.get()) {
        long t0 = System.nanoTime();
        String value;
        try {
          value = get(snmp, target, SYS_OBJECT_ID);
        } catch (Exception e) {
          value = null;
        }
        long took = System.nanoTime() - t0;
        if (value == null) {
          failed++;
        } else {
          if (!expected.equals(value)) {
            wrong++;
          }
          if (answered == latencies.length) {
            latencies = Arrays.copyOf(latencies, answered * 2);
          }
          latencies[answered++] = took;
        }
      }
    }

    long[] latencies() {
      long[] l = Arrays.copyOf(latencies, answered);
      Arrays.sort(l);
      return l;
    }
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  /** The value as text, or null when there was no answer or an error. */
  private static String get(Snmp snmp, CommunityTarget<UdpAddress> target, String oid)
      throws Exception {
    PDU pdu = new PDU();
    pdu.setType(PDU.GET);
    pdu.add(new VariableBinding(new OID(oid)));
    ResponseEvent<UdpAddress> e = snmp.send(pdu, target);
    PDU response = e.getResponse();
    if (response == null || response.getErrorStatus() != 0 || response.size() != 1) {
      return null;
    }
    return response.get(0).getVariable().toString();
  }

  private record Walk(ExternalTool.Result result, double seconds) {}

  /** snmpbulkwalk of the whole tree, patient with a busy agent; the OIDs it returned. */
  private static List<String> walk(ServedAgent agent) throws Exception {
    ExternalTool.Result r = walkTool(agent);
    assertThat(r.exitCode()).as("snmpbulkwalk: " + r.stderr()).isZero();
    return oids(r);
  }

  private static ExternalTool.Result walkTool(ServedAgent agent) throws Exception {
    return ExternalTool.run(
        List.of(
            "snmpbulkwalk",
            "-v2c",
            "-c",
            "public",
            "-t",
            "2",
            "-r",
            "5",
            "-Cr50",
            "-On",
            "-Oq",
            agent.target(),
            "1.3.6"),
        ServedAgent.netSnmpEnv());
  }

  private static List<String> oids(ExternalTool.Result r) {
    return r.stdout().lines().map(l -> l.substring(0, Math.max(0, l.indexOf(' ')))).toList();
  }

  private static long rssKib(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** A thousand TCP connections and a few hundred UDP flows: a tree worth walking. */
  private static Path writeCapture(Path file) {
    PcapWriter w = PcapWriter.ethernet();
    long t = 1_700_000_000_000_000_000L;
    for (int i = 0; i < CONNECTIONS; i++) {
      String client = "10.1." + (i / 250) + "." + (1 + i % 250);
      int port = 30_000 + i;
      w.frame(
          t += 1_000_000,
          ethernet(MAC_B, MAC_A, 0x0800, ipv4(client, "10.0.0.2", 6, tcp(port, 80, SYN, 500, 0))));
      w.frame(
          t += 1_000_000,
          ethernet(
              MAC_A, MAC_B, 0x0800, ipv4("10.0.0.2", client, 6, tcp(80, port, SYN | ACK, 500, 0))));
      w.frame(
          t += 1_000_000,
          ethernet(
              MAC_B,
              MAC_A,
              0x0800,
              ipv4(client, "10.0.0.2", 6, tcp(port, 80, PSH | ACK, 500, 100 + i % 1000))));
      if (i % 4 == 0) {
        w.frame(
            t += 1_000_000,
            ethernet(MAC_B, MAC_A, 0x0800, ipv4(client, "10.0.0.53", 17, udp(port, 53, 40))));
      }
    }
    return w.writeTo(file);
  }
}
