/**
 * The agent's Dropwizard metrics, filled from table snapshots once a second (never per packet) and
 * published over JMX in domain {@code iptraf.metrics}.
 */
package org.iptraf.agent.metrics;
