/** Reports built only from a {@link org.iptraf.agent.stats.TablesSnapshot}: the contract's JSON and a text form. */
package org.iptraf.agent.report;
