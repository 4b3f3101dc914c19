package org.iptraf.agent.snmp;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.RequestHandler;
import org.snmp4j.agent.request.Request;
import org.snmp4j.agent.request.SnmpRequest;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.agent.security.VACM;
import org.snmp4j.mp.MPv1;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * SNMP4J's command processor with a GETBULK handler that sizes the response from a running sum.
 *
 * <p>SNMP4J-Agent 3.8.3 decides whether one more repetition fits by calling {@code
 * response.getBERLength()} (which measures every variable binding of the response) in its
 * sub-request iterator's {@code hasNext()}: twice per binding in the handler loop, twice more per
 * binding in {@code SnmpSubRequest.updateNextRepetition()}, and once per binding when the request
 * is released, so a response of n bindings costs about 5n²/2 binding measurements. This handler
 * does what SNMP4J's does, in the same order and with the same stopping rules (maxRepetitions, a
 * last row all endOfMibView, the response no longer below the manager's maximum size), but adds
 * each binding's length once, when it is final; the response is still measured and trimmed for real
 * by {@code sendResponse}, as before.
 *
 * <p>Requests it does not cover (max-repetitions 0, a request being processed again) go to SNMP4J's
 * own handler.
 */
final class IptrafCommandProcessor extends CommandProcessor {

  private static final Logger log = LoggerFactory.getLogger(IptrafCommandProcessor.class);

  /**
   * Set when {@link BulkRequest#pduLength} ever disagrees with SNMP4J: measure for real from then.
   */
  private static final AtomicBoolean exactSizing = new AtomicBoolean();

  IptrafCommandProcessor(OctetString contextEngineId) {
    super(contextEngineId);
    requestFactory = BulkRequest::new;
    RequestHandler<SnmpRequest> snmp4jBulk = null;
    for (RequestHandler<SnmpRequest> h : pduHandler) {
      if (h.isSupported(PDU.GETBULK)) {
        snmp4jBulk = h;
      }
    }
    if (snmp4jBulk == null) {
      throw new IllegalStateException("SNMP4J's command processor has no GETBULK handler");
    }
    pduHandler.remove(snmp4jBulk);
    pduHandler.add(new GetBulk(snmp4jBulk));
  }

  /** Our read-only tables by entry OID, answered without a MOServer lookup per GETNEXT binding. */
  private volatile ReadOnlyTable<?>[] tables = new ReadOnlyTable<?>[0];

  /**
   * The tables registered in the default context of this processor's only MOServer. DefaultMOServer
   * refuses overlapping registrations, so an OID under a table's entry belongs to that table alone,
   * and none of ours has a lookup listener.
   */
  void readOnlyTables(List<ReadOnlyTable<?>> registered) {
    ReadOnlyTable<?>[] t = registered.toArray(new ReadOnlyTable<?>[0]);
    Arrays.sort(t, (a, b) -> a.getOID().compareTo(b.getOID()));
    tables = t;
  }

  /**
   * GETNEXT of one binding. When the binding's OID lies inside one of our tables (a walk's every
   * step but the first), the table answers it directly: this is what SNMP4J's lookup would find
   * (the first managed object after the OID that has a cell in the view: that table, while it has
   * one) and then ask the same table, with the same VACM filter, only without the lookup, the lock
   * and a second search for the same cell. Past the table's last cell, and for anything else
   * (another context, SNMPv1's Counter64 rule, a retried binding), SNMP4J's own path runs.
   */
  @Override
  protected void processNextSubRequest(
      SnmpRequest request, MOServer server, OctetString context, SubRequest<?> sreq) {
    if (context.length() == 0
        && request.getMessageProcessingModel() != MPv1.ID
        && sreq.getQuery() == null
        && !sreq.getStatus().isProcessed()) {
      MOScope scope = sreq.getScope();
      OID lower = scope.getLowerBound();
      if (lower != null && !scope.isLowerIncluded() && scope.getUpperBound() == null) {
        ReadOnlyTable<?> table = tableOf(lower);
        OctetString view = request.getViewName();
        if (table != null
            && table.next(sreq, oid -> vacm.isAccessAllowed(view, oid) == VACM.VACM_OK)) {
          return;
        }
      }
    }
    super.processNextSubRequest(request, server, context, sreq);
  }

  /** The table whose entry is a proper prefix of {@code oid}, if any. */
  private ReadOnlyTable<?> tableOf(OID oid) {
    ReadOnlyTable<?>[] t = tables;
    int lo = 0;
    int hi = t.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      OID entry = t[mid].getOID();
      if (oid.size() > entry.size() && oid.startsWith(entry)) {
        return t[mid];
      }
      if (oid.compareTo(entry) < 0) {
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    return null;
  }

  /** Unlocks what the sub-requests locked, without SNMP4J's size-checking iterator. */
  @Override
  protected void release(MOServer server, SnmpRequest req) {
    if (!(req instanceof BulkRequest bulk) || !req.isBulkRequest()) {
      super.release(server, req);
      return;
    }
    int n = bulk.subRequestCount();
    for (int i = 0; i < n; i++) {
      SnmpRequest.SnmpSubRequest sreq = bulk.subRequest(i);
      if (sreq.getTargetMO() != null) {
        server.unlockNow(req, sreq.getTargetMO());
      }
    }
  }

  /** GETBULK asking for more than {@link BoundedBulk#MAX_BINDINGS} bindings is cut down first. */
  @Override
  public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
    PDU pdu = event.getPDU();
    if (pdu != null && pdu.getType() == PDU.GETBULK) {
      BoundedBulk.bound(pdu);
    }
    super.processPdu(event);
  }

  private final class GetBulk implements RequestHandler<SnmpRequest> {
    private final RequestHandler<SnmpRequest> snmp4j;

    GetBulk(RequestHandler<SnmpRequest> snmp4j) {
      this.snmp4j = snmp4j;
    }

    @Override
    public boolean isSupported(int pduType) {
      return pduType == PDU.GETBULK;
    }

    @Override
    public void processPdu(SnmpRequest request, MOServer server) {
      if (!(request instanceof BulkRequest bulk)
          || request.getMaxRepetitions() <= 0
          || request.getReprocessCounter() > 0) {
        snmp4j.processPdu(request, server);
        return;
      }
      if (request.getPhase() == Request.PHASE_INIT) {
        request.nextPhase();
      }
      OctetString context = request.getContext();
      int nonRepeaters = request.getNonRepeaters(); // at most the PDU's size (SNMP4J clamps it)
      int repeaters = request.getRepeaterCount();
      int limit = nonRepeaters + request.getMaxRepetitions() * repeaters;
      int maxSize = request.getSource().getMaxSizeResponsePDU();
      PDU response = bulk.responsePdu();
      boolean exact = exactSizing.get();
      ResponseSize sizing = new ResponseSize();
      try {
        for (int i = 0; i < nonRepeaters; i++) {
          SnmpRequest.SnmpSubRequest sreq = bulk.subRequest(i);
          if (!sreq.isComplete()) {
            processNextSubRequest(request, server, context, sreq);
          }
        }
        for (int cursor = nonRepeaters; cursor < limit; cursor++) {
          if (bulk.endOfViewBefore(cursor)) {
            break;
          }
          int size;
          synchronized (bulk) {
            size = exact ? response.getBERLength() : sizing.before(response, cursor);
          }
          if (size >= maxSize) {
            break;
          }
          SnmpRequest.SnmpSubRequest sreq = bulk.subRequestCreating(cursor);
          if (!sreq.isComplete()) {
            processNextSubRequest(request, server, context, sreq);
            if (cursor + repeaters < bulk.subRequestCount()) {
              sreq.updateNextRepetition(); // later repetitions exist already: SNMP4J updates them
            } else {
              sreq.setQuery(null); // all that updateNextRepetition() does without successors
            }
          }
        }
      } catch (NoSuchElementException e) {
        log.debug("GETBULK: sub-request not found", e);
      }
      if (!exact) {
        checkSizing(response);
      }
    }

    /**
     * The BER length of a response as its bindings are answered one after another: the bindings
     * before the cursor are final, so each is measured once and summed.
     */
    private static final class ResponseSize {
      private int measured; // bindings [0, measured) are final and summed in vbLength
      private int vbLength;

      int before(PDU response, int cursor) {
        for (; measured < cursor; measured++) {
          vbLength += response.get(measured).getBERLength();
        }
        int pending = vbLength; // bindings made but not yet answered count as they are
        for (int i = cursor; i < response.size(); i++) {
          pending += response.get(i).getBERLength();
        }
        return BulkRequest.pduLength(response, pending);
      }
    }

    /** Once per response: the running sum's size must be SNMP4J's, or sizing turns exact. */
    private void checkSizing(PDU response) {
      int ours = BulkRequest.pduLength(response, PDU.getBERLength(response.getVariableBindings()));
      int snmp4j = response.getBERLength();
      if (ours != snmp4j && exactSizing.compareAndSet(false, true)) {
        log.warn(
            "GETBULK response size {} computed here differs from SNMP4J's {}: measuring each"
                + " response in full from now on",
            ours,
            snmp4j);
      }
    }
  }
}
