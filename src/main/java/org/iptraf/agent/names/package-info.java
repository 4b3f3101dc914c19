/**
 * Names for the numbers in the tables (services from /etc/services, MAC names from /etc/ethers,
 * reverse DNS), read once or looked up asynchronously, never on the capture thread.
 */
package org.iptraf.agent.names;
