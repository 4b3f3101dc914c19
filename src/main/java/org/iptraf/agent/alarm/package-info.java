/** Threshold alarms checked once a second over snapshots, with listeners for state changes. */
package org.iptraf.agent.alarm;
