package org.iptraf.agent.stats;

/** Frames and bytes (frame lengths) per VLAN id, per interface. */
public record VlanCounts(
    int interfaceId, String interfaceName, int vlanId, long packets, long bytes) {}
