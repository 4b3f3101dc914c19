package org.iptraf.agent.stats;

/**
 * A row that left its table, with its last values, and why.
 *
 * @param row a {@link TcpConnection} or an {@link OtherFlow}
 */
public record Ended<T>(T row, FlowEnd how) {}
