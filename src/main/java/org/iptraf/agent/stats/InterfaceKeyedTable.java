package org.iptraf.agent.stats;

/**
 * What the tables stored in a {@link RecordTable} whose key holds the interface id in one whole
 * word have in common: removing an interface's rows, clearing, and their size and evictions.
 */
abstract class InterfaceKeyedTable {
  final RecordTable records;
  private final int interfaceWord;

  /**
   * @param interfaceWord the key word that is the interface id
   */
  InterfaceKeyedTable(RecordTable records, int interfaceWord) {
    this.records = records;
    this.interfaceWord = interfaceWord;
  }

  /** Drops every row of an interface that is gone. */
  final void removeInterface(int interfaceId) {
    RecordScans.removeWhereKey(records, interfaceWord, -1L, interfaceId);
  }

  final void clear() {
    records.clear();
  }

  final int size() {
    return records.size();
  }

  final long evictions() {
    return records.evictions();
  }
}
