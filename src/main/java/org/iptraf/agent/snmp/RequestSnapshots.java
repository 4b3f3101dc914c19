package org.iptraf.agent.snmp;

import java.lang.ref.WeakReference;
import org.iptraf.agent.stats.SnapshotSource;
import org.iptraf.agent.stats.TablesSnapshot;
import org.snmp4j.agent.request.Request;
import org.snmp4j.agent.request.SubRequest;

/**
 * One snapshot per SNMP request: the first object a request reads takes a snapshot and keeps it in
 * the request (SNMP4J's processing user object); every other object of the same request, scalar or
 * table, reads that one. A GETBULK therefore never mixes two instants.
 *
 * <p>The snapshot is also left in a thread-local for the duration of the sub-request, because
 * SNMP4J's table model methods are called without the request.
 */
final class RequestSnapshots {

  private final SnapshotSource source;
  private final Object key = new Object();
  /* weak: the request holds its snapshot while it runs; an idle worker must not keep one alive */
  private final ThreadLocal<WeakReference<TablesSnapshot>> current = new ThreadLocal<>();

  RequestSnapshots(SnapshotSource source) {
    this.source = source;
  }

  /** The request's snapshot, taken now if it has none yet; also made {@link #current()}. */
  TablesSnapshot pin(SubRequest<?> subRequest) {
    TablesSnapshot s = null;
    Request<?, ?, ?> request = subRequest == null ? null : subRequest.getRequest();
    if (request != null) {
      s = (TablesSnapshot) request.getProcessingUserObject(key);
    }
    if (s == null) {
      s = source.snapshot();
      if (request == null) {
        return s; // outside a request: nothing to pin
      }
      request.setProcessingUserObject(key, s);
    }
    current.set(new WeakReference<>(s));
    return s;
  }

  /** The snapshot of the sub-request this thread serves, or a fresh one outside a request. */
  TablesSnapshot current() {
    WeakReference<TablesSnapshot> pinned = current.get();
    TablesSnapshot s = pinned == null ? null : pinned.get();
    return s != null ? s : source.snapshot();
  }
}
