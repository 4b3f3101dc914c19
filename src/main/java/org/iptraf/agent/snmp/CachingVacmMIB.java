package org.iptraf.agent.snmp;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.DefaultMOMutableTableModel;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.smi.OctetString;

/**
 * SNMP4J's VACM with the rows of a view kept between calls. {@code VacmMIB.isAccessAllowed} (once
 * per variable binding of every read) starts with {@code getViews(viewName)}, which copies the
 * view's vacmViewTreeFamilyTable rows out of a synchronized sorted map into a new list each time: a
 * third of the agent's CPU during a walk. Here that list is kept per view name and dropped whenever
 * the table's model reports a row added, removed or changed, or the table cleared; the rows
 * themselves are the live ones, so a changed value (type, mask, row status) is read as before.
 * Until the table has been found in a {@link DefaultMOServer} (at registration) nothing is kept.
 */
final class CachingVacmMIB extends VacmMIB {

  private final Map<OctetString, List<MOTableRow>> views = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean watching;

  CachingVacmMIB(MOServer[] servers, SecurityModels securityModels) {
    super(servers, securityModels);
  }

  @Override
  public void registerMOs(MOServer server, OctetString context)
      throws DuplicateRegistrationException {
    super.registerMOs(server, context);
    if (!watching && server instanceof DefaultMOServer s) {
      for (Iterator<Map.Entry<MOScope, ManagedObject<?>>> it = s.iterator(); it.hasNext(); ) {
        if (it.next().getValue() instanceof DefaultMOTable<?, ?, ?> t
            && vacmViewTreeFamilyEntryOID.equals(t.getOID())
            && t.getModel() instanceof DefaultMOMutableTableModel<?> model) {
          model.addMOTableModelListener(
              event -> {
                generation.incrementAndGet();
                views.clear();
              });
          watching = true;
          return;
        }
      }
    }
  }

  @Override
  protected List<MOTableRow> getViews(OctetString viewName) {
    if (!watching) {
      return super.getViews(viewName);
    }
    List<MOTableRow> rows = views.get(viewName);
    if (rows == null) {
      long before = generation.get();
      rows = List.copyOf(super.getViews(viewName));
      OctetString key = new OctetString(viewName);
      views.put(key, rows);
      if (generation.get() != before) {
        views.remove(key, rows); // the table changed meanwhile: keep nothing read before it
      }
    }
    return rows;
  }
}
