package org.iptraf.agent.stats;

import java.util.List;

/**
 * The packet-size breakdown.
 *
 * @param rmon RMON etherStats buckets over all interfaces (RFC 2819: sizes include the 4-byte FCS
 *     that Linux captures lack): 64, 65-127, 128-255, 256-511, 512-1023, 1024-1518, over 1518
 *     (undersized frames count in the first)
 * @param buckets iptraf-ng's breakdown: 20 buckets of MTU/20 bytes of frame length, then one for
 *     anything longer
 * @param largest the longest frame seen
 */
public record PacketSizes(long[] rmon, List<SizeBucket> buckets, int largest) {

  public static final String[] RMON_NAMES = {
    "64", "65to127", "128to255", "256to511", "512to1023", "1024to1518", "over1518"
  };
}
