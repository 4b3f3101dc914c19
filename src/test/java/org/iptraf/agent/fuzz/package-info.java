/**
 * Seeded mutation fuzzing of the decoder, the tables and both capture-file readers: bad bytes must
 * come out as counters and one-line problems, never as exceptions or inconsistent counts.
 */
package org.iptraf.agent.fuzz;
