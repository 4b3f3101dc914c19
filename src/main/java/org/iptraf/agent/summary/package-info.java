/**
 * Periodic summaries of the tables (iptraf-ng's logs, as JSON lines) written from snapshots by a
 * thread of their own to a size-rotated file; a broken file costs lines, counted, never the
 * capture.
 */
package org.iptraf.agent.summary;
