package org.iptraf.agent.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.iptraf.agent.config.AgentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesTest {
  @TempDir Path dir;

  private static byte[] v4(int last) {
    return new byte[] {10, 0, 0, (byte) last};
  }

  @Test
  void servicesFileIsReadOnceFirstNameWins() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("services"),
            String.join(
                "\n",
                "# Network services",
                "http\t\t80/tcp\t\twww # WorldWideWeb HTTP",
                "domain 53/udp",
                "domain 53/tcp",
                "web 80/tcp",
                "broken 99999/tcp",
                "nonsense",
                "odd x/tcp",
                ""));
    Services s = Services.read(f);
    assertThat(s.name("tcp", 80)).isEqualTo("http");
    assertThat(s.name("udp", 53)).isEqualTo("domain");
    assertThat(s.name("udp", 80)).isNull();
    assertThat(s.size()).isEqualTo(3);
  }

  @Test
  void ethersFileAcceptsBothSeparatorsAndShortOctets() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("ethers"),
            String.join(
                "\n",
                "08:00:20:00:61:CA  printer  # the old one",
                "2:0:0:0:0:a router",
                "02-00-00-00-00-0B 10.0.0.11",
                "zz:00:00:00:00:00 bad",
                "08:00:20:00:61:ca dup",
                ""));
    Ethers e = Ethers.read(f);
    assertThat(e.name(0x0800_2000_61caL)).isEqualTo("printer");
    assertThat(e.name(0x0200_0000_000aL)).isEqualTo("router");
    assertThat(e.name(0x0200_0000_000bL)).isEqualTo("10.0.0.11");
    assertThat(e.size()).isEqualTo(3);
  }

  @Test
  void missingFilesLeaveNamesOutWithOneNoteUnlessTheyAreTheDefaults() {
    List<String> notes = new ArrayList<>();
    Names n =
        Names.load(
            new AgentConfig.Names(
                true, dir.resolve("none-s"), true, dir.resolve("none-e"), false, 16, 100),
            notes::add);
    assertThat(n.service("tcp", 80)).isNull();
    assertThat(n.mac(1L)).isNull();
    assertThat(notes).hasSize(2).allSatisfy(s -> assertThat(s).contains("no such file"));
    notes.clear();
    Names.load(
        new AgentConfig.Names(
            true, dir.resolve("none-s"), true, Path.of("/etc/ethers"), false, 16, 100),
        notes::add);
    assertThat(notes).hasSize(1); // an absent /etc/ethers is normal
  }

  @Test
  void reverseDnsNeverBlocksAndCachesTheAnswer() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    ReverseDns dns =
        new ReverseDns(
            a -> {
              calls.incrementAndGet();
              release.await();
              return "host-" + (a.getAddress()[3] & 0xff) + ".example";
            },
            16,
            5_000);
    long start = System.nanoTime();
    assertThat(dns.name(v4(1))).isNull(); // not known yet: answers at once
    assertThat(dns.name(v4(1))).isNull(); // one lookup per address, however often asked
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
    release.countDown();
    dns.awaitIdle(5_000);
    assertThat(dns.name(v4(1))).isEqualTo("host-1.example");
    assertThat(calls).hasValue(1);
    dns.close();
  }

  @Test
  void aSlowLookupTimesOutAsNoName() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    ReverseDns dns =
        new ReverseDns(
            a -> {
              never.await(10, TimeUnit.SECONDS);
              return "too-late.example";
            },
            16,
            100);
    assertThat(dns.name(v4(2))).isNull();
    dns.awaitIdle(2_000);
    assertThat(dns.timeouts()).isEqualTo(1);
    assertThat(dns.name(v4(2))).isNull(); // remembered as nameless: no second lookup
    assertThat(dns.lookups()).isEqualTo(1);
    never.countDown();
    dns.close();
  }

  @Test
  void theCacheIsBounded() throws Exception {
    ConcurrentHashMap<InetAddress, Integer> asked = new ConcurrentHashMap<>();
    ReverseDns dns =
        new ReverseDns(
            a -> {
              asked.merge(a, 1, Integer::sum);
              return "n";
            },
            16,
            1_000);
    for (int i = 0; i < 200; i++) {
      dns.name(v4(i));
      dns.awaitIdle(1_000);
    }
    assertThat(dns.cached()).isEqualTo(16);
    assertThat(dns.name(v4(199))).isEqualTo("n"); // the most recent are kept
    dns.name(v4(0)); // long evicted: asked again
    dns.awaitIdle(1_000);
    assertThat(asked.get(InetAddress.getByAddress(v4(0)))).isEqualTo(2);
    dns.close();
  }

  @Test
  void offByDefault() {
    AgentConfig.Names d = org.iptraf.agent.config.ConfigParser.defaultConfig().names();
    assertThat(d.reverseDns()).isFalse();
    assertThat(Names.load(d, s -> {}).reverseDns()).isFalse();
  }
}
