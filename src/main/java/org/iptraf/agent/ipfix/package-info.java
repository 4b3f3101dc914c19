/**
 * IPFIX export (RFC 7011, 7012, biflows of RFC 5103) of the TCP connection and other-flow tables:
 * read from snapshots and from the rows that leave the tables, encoded off the capture thread, and
 * sent to one collector over UDP or TCP from a bounded queue.
 */
package org.iptraf.agent.ipfix;
