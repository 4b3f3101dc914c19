package org.iptraf.agent.names;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.stats.OtherFlow;
import org.iptraf.agent.stats.TablesSnapshot;
import org.iptraf.agent.stats.TcpConnection;

/**
 * Every source of names together, as {@code names.*} configures them. Service and MAC names are
 * read once here; reverse DNS is asynchronous and off unless {@code names.reverseDns}. Readers of
 * snapshots (the report) ask; nothing here is on the capture thread.
 */
public final class Names implements AutoCloseable {
  /** No names at all: the report as docs/REPORT.md shows it. */
  public static final Names NONE = new Names(Services.EMPTY, Ethers.EMPTY, null);

  private final Services services;
  private final Ethers ethers;
  private final ReverseDns dns;

  Names(Services services, Ethers ethers, ReverseDns dns) {
    this.services = services;
    this.ethers = ethers;
    this.dns = dns;
  }

  /**
   * Reads the files the configuration names. A missing or unreadable file leaves that kind of name
   * out and is said once through {@code note}; it never stops the agent.
   */
  public static Names load(AgentConfig.Names c, Consumer<String> note) {
    Services services = Services.EMPTY;
    if (c.services() && (Files.exists(c.servicesFile()) || !isDefault(c.servicesFile()))) {
      try {
        services = Services.read(c.servicesFile());
      } catch (IOException e) {
        note.accept(
            "no service names (names.servicesFile " + c.servicesFile() + ": " + reason(e) + ")");
      }
    }
    Ethers ethers = Ethers.EMPTY;
    if (c.ethers() && (Files.exists(c.ethersFile()) || !isDefault(c.ethersFile()))) {
      try {
        ethers = Ethers.read(c.ethersFile());
      } catch (IOException e) {
        note.accept("no MAC names (names.ethersFile " + c.ethersFile() + ": " + reason(e) + ")");
      }
    }
    ReverseDns dns =
        c.reverseDns()
            ? new ReverseDns(ReverseDns.SYSTEM, c.dnsCacheSize(), c.dnsTimeoutMillis())
            : null;
    return new Names(services, ethers, dns);
  }

  /** With a resolver of the caller's (tests). */
  public static Names of(Services services, Ethers ethers, ReverseDns dns) {
    return new Names(
        services == null ? Services.EMPTY : services, ethers == null ? Ethers.EMPTY : ethers, dns);
  }

  /** {@code http} for tcp/80, or null. */
  public String service(String protocol, int port) {
    return services.name(protocol, port);
  }

  /** The ethers name of a MAC, or null. */
  public String mac(long mac) {
    return ethers.name(mac);
  }

  /** The ethers name of a MAC written {@code 02:1b:00:00:00:01}, or null. */
  public String mac(String text) {
    long m = text == null ? -1 : Ethers.parseMac(text);
    return m < 0 ? null : ethers.name(m);
  }

  /** The reverse DNS name of an address if known now, else null (and looked up if DNS is on). */
  public String host(byte[] address) {
    return dns == null ? null : dns.name(address);
  }

  public boolean reverseDns() {
    return dns != null;
  }

  /**
   * Before a final report: asks for the names of every endpoint of the snapshot's connections and
   * flows and gives the lookups up to one timeout to come back.
   */
  public void prefetch(TablesSnapshot s) {
    if (dns != null) {
      for (TcpConnection c : s.tcpConnections()) {
        host(c.a().addressBytes());
        host(c.b().addressBytes());
      }
      for (OtherFlow f : s.otherFlows()) {
        if (f.a() != null) {
          host(f.a().addressBytes());
          host(f.b().addressBytes());
        }
      }
      try {
        dns.awaitIdle(dns.timeoutMillis() + 100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    if (dns != null) {
      dns.close();
    }
  }

  /**
   * /etc/ethers is often absent (and /etc/services in small containers): only a file the operator
   * named is worth a note when missing.
   */
  private static boolean isDefault(Path file) {
    return file.equals(Path.of("/etc/ethers")) || file.equals(Path.of("/etc/services"));
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
