import java.nio.file.*; import javax.management.*; import javax.management.remote.*;
public class Peek { public static void main(String[] a) throws Exception {
  JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + a[0] + "/jmxrmi");
  JMXConnector c = null; long t0 = System.nanoTime();
  while (c == null) { try { c = JMXConnectorFactory.connect(url); } catch (Exception e) { Thread.sleep(20); } }
  MBeanServerConnection m = c.getMBeanServerConnection(); Path report = Path.of(a[1]);
  while (!(Files.exists(report) && Files.readString(report).endsWith("}\n"))) {
    System.out.printf("%.2f frames=%s tcp=%s seq=%s%n", (System.nanoTime()-t0)/1e9, m.getAttribute(new ObjectName("iptraf:type=Capture"), "Frames"),
      m.getAttribute(new ObjectName("iptraf:type=TcpConnections"), "Count"), m.getAttribute(new ObjectName("iptraf:type=Capture"), "SnapshotSequence"));
    Thread.sleep(100);
  }
  c.close(); } }
