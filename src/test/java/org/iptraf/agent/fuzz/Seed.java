package org.iptraf.agent.fuzz;

/**
 * One frame to mutate from.
 *
 * @param linkType the LINKTYPE_ it was captured or built as
 * @param bytes the frame
 * @param fields offsets of header fields worth smashing (lengths, header-length nibbles, types),
 *     found by decoding the frame once
 */
record Seed(int linkType, byte[] bytes, int[] fields) {}
