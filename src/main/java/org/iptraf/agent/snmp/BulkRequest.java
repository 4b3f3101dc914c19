package org.iptraf.agent.snmp;

import java.util.List;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.agent.mo.snmp.CoexistenceInfo;
import org.snmp4j.agent.request.SnmpRequest;
import org.snmp4j.asn1.BER;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.VariableBinding;

/**
 * SNMP4J's request with what {@link IptrafCommandProcessor}'s GETBULK handler needs and SNMP4J
 * keeps protected: the sub-request list, appending one repetition, and the response's encoded size
 * from a running sum instead of {@link PDU#getBERLength()}, which re-measures every variable
 * binding (SNMP4J's own iterator calls it once per added binding, and again per binding when the
 * request is released: quadratic in the bindings of a response).
 */
final class BulkRequest extends SnmpRequest {

  BulkRequest(CommandResponderEvent<?> event, CoexistenceInfo cinfo) {
    super(event, cinfo);
  }

  /** The sub-requests created so far (non-repeaters, then repetitions row by row). */
  synchronized int subRequestCount() {
    initSubRequests();
    return subrequests.size();
  }

  synchronized SnmpSubRequest subRequest(int i) {
    initSubRequests();
    return subrequests.get(i);
  }

  /** Appends sub-requests (a repetition's copy of its predecessor) until {@code i} exists. */
  synchronized SnmpSubRequest subRequestCreating(int i) {
    initSubRequests();
    while (i >= subrequests.size()) {
      addRepeaterSubRequest();
    }
    return subrequests.get(i);
  }

  /**
   * SNMP4J's end-of-view rule: when the last complete row of repetitions before {@code cursor} is
   * all endOfMibView, everything after that row is dropped and no more repetitions are made.
   *
   * @return true when the walk ends here
   */
  synchronized boolean endOfViewBefore(int cursor) {
    int rowSize = repeaterRowSize;
    if (rowSize == 0 || cursor <= repeaterStartIndex) {
      return false;
    }
    int rows = (cursor - repeaterStartIndex) / rowSize;
    int start = repeaterStartIndex + rowSize * (rows - 1);
    int end = repeaterStartIndex + rowSize * rows;
    if (start < repeaterStartIndex || end > subrequests.size()) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (subrequests.get(i).getVariableBinding().getSyntax()
          != SMIConstants.EXCEPTION_END_OF_MIB_VIEW) {
        return false;
      }
    }
    int last = end - 1;
    if (last < subrequests.size()) {
      subrequests.subList(last + 1, subrequests.size()).clear();
      List<? extends VariableBinding> vbs = response.getVariableBindings();
      vbs.subList(last + 1, vbs.size()).clear();
    }
    return true;
  }

  /** The response PDU as it is being filled (no error status assigned yet). */
  PDU responsePdu() {
    return response;
  }

  /**
   * The encoded size of the response PDU whose variable bindings measure {@code vbLength} bytes in
   * all: {@link PDU#getBERLength()} (and {@link ScopedPDU#getBERLength()}) of SNMP4J 3.9 with the
   * sum given instead of measured. {@code IptrafCommandProcessor} checks it against {@code
   * getBERLength()} once per response and measures for real if they ever differ.
   */
  static int pduLength(PDU pdu, int vbLength) {
    int length = vbLength + BER.getBERLengthOfLength(vbLength) + 1;
    length += new Integer32(pdu.getRequestID().getValue()).getBERLength();
    length += new Integer32(pdu.getErrorStatus()).getBERLength();
    length += new Integer32(pdu.getErrorIndex()).getBERLength();
    length += BER.getBERLengthOfLength(length) + 1;
    if (pdu instanceof ScopedPDU scoped) {
      OctetString engine = scoped.getContextEngineID();
      OctetString name = scoped.getContextName();
      int cid = engine == null ? 0 : engine.length();
      int cn = name == null ? 0 : name.length();
      length += BER.getBERLengthOfLength(cid) + 1 + cid + BER.getBERLengthOfLength(cn) + 1 + cn;
      length += 1 + BER.getBERLengthOfLength(length);
    }
    return length;
  }
}
