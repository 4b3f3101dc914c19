/** The Nagios plugin: reads metrics from a running agent over SNMP and judges them. */
package org.iptraf.agent.check;
