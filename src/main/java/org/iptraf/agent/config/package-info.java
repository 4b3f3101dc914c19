/** Immutable settings, parsed and validated once; errors name the file, line, key and value. */
package org.iptraf.agent.config;
