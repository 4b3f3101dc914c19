package org.iptraf.agent.stats;

import static org.iptraf.agent.capture.FrameSink.DIRECTION_OUT;

import org.iptraf.agent.decode.IpProtocol;
import org.iptraf.agent.decode.Packet;

/** Counts a decoded frame into every table: {@link Tables}' work for each frame after decoding. */
final class PacketCounter {
  private final Filter filter;
  private final CaptureCounters counts;
  private final TcpTable tcp;
  private final OtherFlowTable others;
  private final StationTable stations;
  private final VlanTable vlans;
  private final MacPairTable macPairs;
  private final PortTable ports;
  private final SizeTable sizes;

  PacketCounter(
      Filter filter,
      CaptureCounters counts,
      TcpTable tcp,
      OtherFlowTable others,
      StationTable stations,
      VlanTable vlans,
      MacPairTable macPairs,
      PortTable ports,
      SizeTable sizes) {
    this.filter = filter;
    this.counts = counts;
    this.tcp = tcp;
    this.others = others;
    this.stations = stations;
    this.vlans = vlans;
    this.macPairs = macPairs;
    this.ports = ports;
    this.sizes = sizes;
  }

  /** Counts one decoded frame, at capture time {@code now}. */
  void count(InterfaceCounters ic, Packet p, long now) {
    if (p.loopbackOutCopy || (ic.info.linuxLoopback() && p.direction == DIRECTION_OUT)) {
      counts.loopbackDuplicates++;
      return;
    }
    if (p.malformed) {
      counts.malformed++;
    }
    if (p.unknownLinkType) {
      counts.unknownLinkType++;
      ic.countUndecoded(p);
      // its length is known even if its layers are not: the size breakdown counts it, as the
      // interface's RMON buckets do
      sizes.count(p.originalLength, p.direction == DIRECTION_OUT);
      return;
    }
    if (!filter.isEmpty() && !filter.accepts(p, ic.info.name())) {
      counts.filtered++;
      return;
    }
    countAccepted(ic, p, now);
  }

  private void countAccepted(InterfaceCounters ic, Packet p, long now) {
    int id = ic.id;
    ic.count(p);
    boolean out = p.direction == DIRECTION_OUT;
    sizes.count(p.originalLength, out);
    if (p.vlanId >= 0) {
      vlans.count(id, p.vlanId, p.originalLength);
    }
    if (p.hasMacs) {
      macPairs.count(p, id, now); // and through it, once a second, both stations
    } else if (p.srcMac != 0) {
      stations.countSender(p, id, now);
    }
    if (!p.isIp()) {
      others.countNonIp(p, id, now);
    } else if (p.protocol == IpProtocol.TCP && p.hasTransport) {
      tcp.count(p, id, now); // and through it, when its record goes or for a snapshot, ports
    } else {
      others.countIp(p, id, now);
      if (p.protocol == IpProtocol.UDP && p.hasTransport) {
        ports.count(PortTable.UDP, p.srcPort, p.dstPort, p.ipLength);
      }
    }
  }
}
