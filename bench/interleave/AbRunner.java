package org.iptraf.agent.bench;

import java.nio.ByteBuffer;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;
import org.iptraf.agent.config.AgentConfig;
import org.iptraf.agent.config.ConfigParser;
import org.iptraf.agent.capture.LinkType;
import org.iptraf.agent.stats.Tables;

/**
 * Loaded once per jar under test by {@code Interleave}, each in its own class loader, so that the
 * same calls reach each jar's own {@code Tables}. Compiled against a benchmarks jar (it needs
 * {@code TrafficMix}).
 */
public final class AbRunner {
  public static Object[] mix(int frames) {
    TrafficMix m = new TrafficMix(frames, 1000, 42, false);
    return new Object[] {m.buffer, m.offset, m.capturedLength, m.originalLength, m.timestampNanos};
  }

  public static Object tables() {
    AgentConfig config = ConfigParser.defaultConfig();
    Tables t = new Tables(config.tables(), config.filters(), System::nanoTime);
    t.interfaceAdded(0, new InterfaceInfo("eth0", LinkType.ETHERNET, false, 262144, 2));
    return t;
  }

  public static void pass(Object tables, Object[] mix, long base) {
    Tables t = (Tables) tables;
    ByteBuffer b = (ByteBuffer) mix[0];
    int[] off = (int[]) mix[1];
    int[] cap = (int[]) mix[2];
    int[] orig = (int[]) mix[3];
    long[] ts = (long[]) mix[4];
    for (int i = 0; i < off.length; i++) {
      t.frame(b, off[i], cap[i], orig[i], base + ts[i], 0, FrameSink.DIRECTION_IN,
          FrameSink.NO_VLAN);
    }
  }
}
