package org.iptraf.agent.ipfix;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A UDP port on 127.0.0.1 that keeps a copy of every datagram and passes it on to a collector: the
 * test sees the very messages nfcapd got. {@link #drain} sends a marker through the same socket
 * buffer, so that once the marker is back every datagram sent before it has been handled.
 */
final class Tap implements AutoCloseable {
  private static final byte[] MARKER =
      "iptraf-test-marker".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final DatagramSocket socket;
  private final InetSocketAddress forwardTo;
  private final List<byte[]> datagrams = new ArrayList<>();
  private final Thread thread;
  private volatile CountDownLatch marker = new CountDownLatch(1);

  private Tap(int forwardPort) throws SocketException {
    this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    this.forwardTo = new InetSocketAddress(InetAddress.getLoopbackAddress(), forwardPort);
    this.thread = new Thread(this::run, "ipfix-tap");
    thread.setDaemon(true);
    thread.start();
  }

  static Tap forwardingTo(int port) throws SocketException {
    return new Tap(port);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void run() {
    byte[] buffer = new byte[65536];
    try {
      while (true) {
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        socket.receive(p);
        byte[] d = Arrays.copyOf(p.getData(), p.getLength());
        if (Arrays.equals(d, MARKER)) {
          marker.countDown();
          continue;
        }
        synchronized (datagrams) {
          datagrams.add(d);
        }
        socket.send(new DatagramPacket(d, d.length, forwardTo));
      }
    } catch (IOException e) {
      // closed
    }
  }

  /** Waits until every datagram that reached the socket before now has been passed on. */
  void drain() throws Exception {
    CountDownLatch m = new CountDownLatch(1);
    marker = m;
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      s.send(new DatagramPacket(MARKER, MARKER.length, socket.getLocalSocketAddress()));
    }
    if (!m.await(20, TimeUnit.SECONDS)) {
      throw new AssertionError("the tap did not see its marker");
    }
  }

  List<byte[]> datagrams() {
    synchronized (datagrams) {
      return List.copyOf(datagrams);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
