/**
 * Our MBeans in domain {@code iptraf} (open types only, read from snapshots) and the optional RMI
 * connector bound to 127.0.0.1 that JConsole and VisualVM use.
 */
package org.iptraf.agent.jmx;
