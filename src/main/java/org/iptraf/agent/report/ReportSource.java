package org.iptraf.agent.report;

import java.util.List;

/**
 * What the tables were filled from: the report's {@code source} object.
 *
 * @param kind {@code live} or {@code pcap}
 * @param names interfaces (live) or files (pcap)
 */
public record ReportSource(String kind, List<String> names) {}
