/**
 * Reads pcap and pcapng capture files as a stream of frames into a {@link
 * org.iptraf.agent.capture.FrameSink}, treating damaged files as data rather than as errors.
 */
package org.iptraf.agent.capture.file;
