import java.nio.file.*; import javax.management.*; import javax.management.remote.*;
/** Polls every iptraf MBean (all attributes, every table) 10 times a second until args[1] holds a finished report. */
public class Poller { public static void main(String[] a) throws Exception {
  JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + a[0] + "/jmxrmi");
  JMXConnector c = null;
  while (c == null) { try { c = JMXConnectorFactory.connect(url); } catch (Exception e) { Thread.sleep(20); } }
  MBeanServerConnection m = c.getMBeanServerConnection(); Path report = Path.of(a[1]);
  long polls = 0, rows = 0, t0 = System.nanoTime();
  while (!(Files.exists(report) && Files.readString(report).endsWith("}\n"))) {
    long next = System.nanoTime() + 100_000_000L;
    for (ObjectName on : m.queryNames(new ObjectName("iptraf:*"), null)) {
      for (MBeanAttributeInfo ai : m.getMBeanInfo(on).getAttributes()) {
        Object v = m.getAttribute(on, ai.getName());
        if (v instanceof javax.management.openmbean.TabularData t) rows += t.size();
      }
    }
    polls++;
    long sleep = next - System.nanoTime(); if (sleep > 0) Thread.sleep(sleep / 1_000_000);
  }
  System.out.printf("polls=%d rows=%d in %.2fs%n", polls, rows, (System.nanoTime() - t0) / 1e9);
  c.close(); } }
