package org.iptraf.agent.capture.live;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * The network devices of the calling thread's network namespace, read through if_nameindex(3) and
 * SIOCGIFFLAGS rather than /sys/class/net (whose view is the namespace sysfs was mounted in), so a
 * capture started inside a namespace sees that namespace's devices.
 */
final class NetDevices implements AutoCloseable {

  /** One device: its name, index and whether it is administratively up. */
  record Device(String name, int index, boolean up) {}

  private final int controlFd;
  private final Memory ifreq = new Memory(LibC.IFREQ_SIZE);

  NetDevices() {
    controlFd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
    if (controlFd < 0) {
      throw CaptureException.of("socket(AF_INET, SOCK_DGRAM)", null, LibC.errno());
    }
  }

  /** Every device, in index order; empty if the kernel cannot list them. */
  List<Device> list() {
    long head = LibC.if_nameindex();
    if (head == 0) {
      return List.of();
    }
    List<Device> devices = new ArrayList<>();
    try {
      Pointer p = new Pointer(head);
      for (long off = 0; ; off += LibC.IF_NAMEINDEX_SIZE) {
        int index = p.getInt(off + LibC.IF_NAMEINDEX_INDEX);
        Pointer name = p.getPointer(off + LibC.IF_NAMEINDEX_NAME);
        if (index == 0 || name == null) {
          break;
        }
        String n = name.getString(0);
        int flags = flags(n);
        devices.add(new Device(n, index, flags >= 0 && (flags & LibC.IFF_UP) != 0));
      }
    } finally {
      LibC.if_freenameindex(head);
    }
    return devices;
  }

  /** The device's flags (IFF_*), or -1 if there is no such device. */
  int flags(String name) {
    ifreq.clear();
    ifreq.setString(LibC.IFREQ_NAME, name, "US-ASCII");
    if (LibC.ioctl(controlFd, LibC.SIOCGIFFLAGS, Pointer.nativeValue(ifreq)) != 0) {
      return -1;
    }
    return Short.toUnsignedInt(ifreq.getShort(LibC.IFREQ_UNION));
  }

  @Override
  public void close() {
    LibC.close(controlFd);
    ifreq.close();
  }
}
