/** Threshold ranges (Monitoring Plugins syntax) and the catalog of metrics they apply to. */
package org.iptraf.agent.threshold;
