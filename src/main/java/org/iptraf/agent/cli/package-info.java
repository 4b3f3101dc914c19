/** The one place where everything is built and wired: the commands, threads, shutdown. */
package org.iptraf.agent.cli;
