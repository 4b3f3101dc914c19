/**
 * Live capture on Linux: PF_PACKET sockets with a TPACKET_V3 ring read in place through JNA, one
 * socket per interface, handing frames to a {@link org.iptraf.agent.capture.FrameSink}.
 */
package org.iptraf.agent.capture.live;
