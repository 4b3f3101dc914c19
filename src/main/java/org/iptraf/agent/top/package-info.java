/**
 * {@code iptraf-agent top}: IPTraf's screens on a terminal, read from a running agent over SNMP
 * (the MIB's top-N tables and rate columns), redrawn with JLine.
 */
package org.iptraf.agent.top;
