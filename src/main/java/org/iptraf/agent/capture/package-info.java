/**
 * Frames in: live PF_PACKET rings and capture files, handed to a {@link
 * org.iptraf.agent.capture.FrameSink} as bytes with a length, a time, an interface and a direction.
 */
package org.iptraf.agent.capture;
