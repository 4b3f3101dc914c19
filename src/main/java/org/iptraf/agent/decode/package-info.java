/**
 * Reads link, network and transport headers in place into a reusable {@link
 * org.iptraf.agent.decode.Packet}.
 */
package org.iptraf.agent.decode;
