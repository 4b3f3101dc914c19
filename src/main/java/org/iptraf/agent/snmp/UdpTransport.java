package org.iptraf.agent.snmp;

import java.net.DatagramSocket;
import java.net.SocketException;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/** SNMP4J's UDP transport, telling which port it really bound (port 0 asks for any). */
final class UdpTransport extends DefaultUdpTransportMapping {

  UdpTransport(UdpAddress address) throws SocketException {
    super(address, false);
  }

  /** The bound local port once listening, else -1. */
  synchronized int localPort() {
    DatagramSocket s = socket;
    return s == null ? -1 : s.getLocalPort();
  }
}
