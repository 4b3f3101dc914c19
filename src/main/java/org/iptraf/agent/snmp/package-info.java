/**
 * The SNMP exporter: an embedded SNMP4J agent that serves read-only snapshots of the tables under
 * IPTRAF-AGENT-MIB to v2c communities and v3 users.
 */
package org.iptraf.agent.snmp;
