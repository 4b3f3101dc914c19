package org.iptraf.agent.stats;

/**
 * Frames from one MAC address to another on one interface (RMON's traffic matrix, RFC 2819
 * matrixSDTable): one direction per entry; group destinations (broadcast, multicast) included.
 *
 * @param source the sending MAC in the low 48 bits
 * @param destination the receiving MAC (or group address)
 * @param bytes frame lengths on the wire, FCS excluded
 */
public record MacPair(
    int interfaceId,
    String interfaceName,
    long source,
    long destination,
    long packets,
    long bytes,
    long firstSeenNanos,
    long lastSeenNanos) {}
