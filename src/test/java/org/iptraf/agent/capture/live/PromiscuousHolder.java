package org.iptraf.agent.capture.live;

import java.nio.ByteBuffer;
import java.util.List;
import org.iptraf.agent.capture.FrameSink;
import org.iptraf.agent.capture.InterfaceInfo;

/**
 * A separate process for the kill -9 test: captures one interface promiscuously, says READY, and
 * runs until killed.
 */
public final class PromiscuousHolder {

  private PromiscuousHolder() {}

  public static void main(String[] args) {
    FrameSink nothing =
        new FrameSink() {
          @Override
          public void interfaceAdded(int interfaceId, InterfaceInfo info) {}

          @Override
          public void frame(
              ByteBuffer b, int off, int cap, int len, long ts, int id, int dir, int vlan) {}
        };
    LiveCaptureSettings settings =
        LiveCaptureSettings.defaults(List.of(args[0]))
            .withRing(1 << 16, 4, 20)
            .withPromiscuous(true);
    LiveCapture capture = new LiveCapture(settings, nothing);
    System.out.println("READY");
    System.out.flush();
    capture.run();
  }
}
