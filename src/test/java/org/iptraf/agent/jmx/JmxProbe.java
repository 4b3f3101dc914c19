package org.iptraf.agent.jmx;

import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX client in a JVM of its own (its own trust store, unlike the test JVM's): {@code JmxProbe
 * PORT USER|- PASSWORD|- get|invoke OBJECTNAME ATTRIBUTE|OPERATION} prints the value, {@code ok},
 * or {@code ERR} and the class of what went wrong, and always exits 0.
 */
public final class JmxProbe {
  private JmxProbe() {}

  public static void main(String[] args) {
    try {
      Map<String, Object> env = new HashMap<>();
      if (!args[1].equals("-")) {
        env.put(JMXConnector.CREDENTIALS, new String[] {args[1], args[2]});
      }
      JMXServiceURL url =
          new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + args[0] + "/jmxrmi");
      try (JMXConnector c = JMXConnectorFactory.connect(url, env)) {
        MBeanServerConnection mbs = c.getMBeanServerConnection();
        ObjectName name = new ObjectName(args[4]);
        if (args[3].equals("get")) {
          System.out.println(mbs.getAttribute(name, args[5]));
        } else {
          mbs.invoke(name, args[5], new Object[0], new String[0]);
          System.out.println("ok");
        }
      }
    } catch (Exception e) {
      Throwable t = e;
      while (t.getCause() != null && !(t instanceof SecurityException)) {
        t = t.getCause();
      }
      System.out.println("ERR " + t.getClass().getName());
    }
  }
}
