#!/bin/bash
for f in small-tables.pcap big.pcap; do
  sed -i "s#replay [a-z-]*\.pcap#replay $f#" run.sh
  for i in 1 2 3 4; do echo "$f $(./run.sh none)"; echo "$f $(./run.sh poll)"; done
done
