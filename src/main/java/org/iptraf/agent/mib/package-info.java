/** IPTRAF-AGENT-MIB read from its own files: the names, OIDs and syntax of every object. */
package org.iptraf.agent.mib;
