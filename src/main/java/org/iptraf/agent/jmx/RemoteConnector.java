package org.iptraf.agent.jmx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.net.ssl.SSLServerSocketFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.iptraf.agent.config.AgentConfig;

/**
 * The remote JMX connector: an RMI registry on {@code jmx.port} and the RMI server on {@code
 * jmx.rmiServerPort} (default port + 1), both bound to 127.0.0.1, so that a firewall rule or an SSH
 * tunnel needs two known ports. Password and access files are those of the JDK's own agent ({@code
 * jmx.remote.x.password.file}, {@code jmx.remote.x.access.file}). With {@code jmx.ssl} the server
 * speaks TLS with the key store of the JDK's standard {@code javax.net.ssl.*} properties; the
 * registry stays plain, as with the JDK agent's default {@code registry.ssl=false}.
 *
 * <p>RMI stubs carry a host name: the caller sets {@code java.rmi.server.hostname} to 127.0.0.1
 * before the first export, or clients would be sent to an address nothing listens on.
 */
public final class RemoteConnector implements AutoCloseable {
  private final Registry registry;
  private final JMXConnectorServer server;
  private final JMXServiceURL address;

  private RemoteConnector(Registry registry, JMXConnectorServer server, JMXServiceURL address) {
    this.registry = registry;
    this.server = server;
    this.address = address;
  }

  /** Starts the connector; fails with a message naming the port if one is taken. */
  public static RemoteConnector start(MBeanServer mbeans, AgentConfig.Jmx config)
      throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    int port = config.port();
    int serverPort = config.rmiServerPort() != 0 ? config.rmiServerPort() : port + 1;
    RMIServerSocketFactory plain = new LoopbackSockets(false);
    Registry registry;
    try {
      registry = LocateRegistry.createRegistry(port, null, plain);
    } catch (IOException e) {
      throw new IOException("jmx.port " + port + " on 127.0.0.1: " + e.getMessage(), e);
    }
    Map<String, Object> env = new HashMap<>();
    if (config.ssl()) {
      env.put(
          RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, new SslRMIClientSocketFactory());
      env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, new LoopbackSockets(true));
    } else {
      env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, plain);
    }
    if (config.passwordFile() != null) {
      env.put("jmx.remote.x.password.file", config.passwordFile().toString());
    }
    if (config.accessFile() != null) {
      env.put("jmx.remote.x.access.file", config.accessFile().toString());
    }
    String host = loopback.getHostAddress();
    JMXServiceURL url =
        new JMXServiceURL(
            "service:jmx:rmi://"
                + host
                + ":"
                + serverPort
                + "/jndi/rmi://"
                + host
                + ":"
                + port
                + "/jmxrmi");
    JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(url, env, mbeans);
    try {
      server.start();
    } catch (IOException e) {
      unexport(registry);
      throw new IOException(
          "jmx.rmiServerPort " + serverPort + " on 127.0.0.1: " + e.getMessage(), e);
    }
    return new RemoteConnector(registry, server, url);
  }

  /** The URL JConsole takes ({@code host:port} works too). */
  public JMXServiceURL address() {
    return address;
  }

  @Override
  public void close() throws IOException {
    try {
      server.stop();
    } finally {
      unexport(registry);
    }
  }

  private static void unexport(Registry registry) {
    try {
      UnicastRemoteObject.unexportObject(registry, true);
    } catch (NoSuchObjectException e) {
      // already gone
    }
  }

  /** Server sockets on 127.0.0.1 only, plain or TLS. Equal when of the same kind (RMI reuses). */
  private record LoopbackSockets(boolean tls) implements RMIServerSocketFactory {
    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      if (tls) {
        return SSLServerSocketFactory.getDefault().createServerSocket(port, 0, loopback);
      }
      return new ServerSocket(port, 0, loopback);
    }
  }
}
