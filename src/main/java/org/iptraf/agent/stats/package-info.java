/**
 * The IPTraf facilities as tables written by one capture thread and read through immutable
 * snapshots: interfaces, VLANs, TCP connections, other flows, ports, packet sizes, stations.
 */
package org.iptraf.agent.stats;
