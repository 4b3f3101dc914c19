package org.iptraf.agent.jmx;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;

/** A dynamic MBean whose attributes cannot be written: the agent's tables are read-only. */
abstract class ReadOnlyMBean implements DynamicMBean {

  @Override
  public final void setAttribute(Attribute attribute) throws AttributeNotFoundException {
    throw new AttributeNotFoundException(attribute.getName() + " is read-only");
  }

  /** Sets nothing and says so: the JMX contract returns the attributes that were set. */
  @Override
  public final AttributeList setAttributes(AttributeList attributes) {
    return new AttributeList();
  }
}
