package org.iptraf.agent.stats;

/**
 * Whole-capture counters.
 *
 * @param frames every frame the source delivered
 * @param bytes their original lengths
 * @param malformed frames with a truncated or inconsistent header
 * @param unknownLinkType frames of a link type the decoder does not know
 * @param kernelDrops frames the kernel dropped before we read them (live only)
 * @param filtered frames a filter rule excluded from the tables
 * @param loopbackDuplicates loopback frames seen twice and counted once
 * @param tcpEvictions TCP connections evicted at the table's cap
 * @param flowEvictions other flows evicted at the table's cap
 * @param stationEvictions stations evicted at the table's cap
 * @param tcpConnectionsOpened TCP connections the table has started (its entries' births)
 * @param kernelDropRate kernel drops per second, averaged over the last 5 seconds
 * @param tcpConnectionRate new TCP connections per second, averaged over the last 5 seconds
 * @param vlanEvictions VLAN rows evicted at the table's cap
 * @param macPairEvictions MAC-pair (RMON matrix) rows evicted at the table's cap
 */
public record CaptureSnapshot(
    long frames,
    long bytes,
    long malformed,
    long unknownLinkType,
    long kernelDrops,
    long filtered,
    long loopbackDuplicates,
    long tcpEvictions,
    long flowEvictions,
    long stationEvictions,
    long tcpConnectionsOpened,
    double kernelDropRate,
    double tcpConnectionRate,
    long vlanEvictions,
    long macPairEvictions) {}
