/** The one place where everything is built and wired: picocli commands, threads, shutdown. */
package org.iptraf.agent.cli;
