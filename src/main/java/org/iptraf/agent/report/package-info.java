/**
 * Reports built only from a {@link org.iptraf.agent.stats.TablesSnapshot}: the JSON of
 * docs/REPORT.md and a text form.
 */
package org.iptraf.agent.report;
