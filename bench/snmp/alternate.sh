#!/bin/bash
# Alternating single snmpbulkwalk -Cr50 walks (timed as bulkwalk-median.sh times them), so that
# load from other builds hits every side alike; prints each side's runs and median.
# args: ROUNDS BEFORE AFTER SNMPD  (host:port of the agent before, the agent after, snmpd)
# Needs: replay --serve of tcp-connections-pcap.py 10000 on BEFORE and AFTER, snmpd as in
# BENCHMARKS.md on SNMPD; run one warm-up walk of each first.
rounds=$1; before=$2; after=$3; snmpd=$4; export MIBS=
T=1.3.6.1.4.1.32473.7.1.1.1.4.1                              # iptrafTcpConnEntry
X=1.3.6.1.4.1.8072.1.3.2.4.1.2.7.114.111.119.115.49.48.107   # nsExtendOutLine."rows10k"
declare -A ts
one() {
  s=$(date +%s.%N); n=$(snmpbulkwalk -v2c -c public -On -Cr50 -t 5 $2 $3 | wc -l); e=$(date +%s.%N)
  ts[$1]+="$(echo "$e - $s" | bc) "
  [ "$n" = "$4" ] || echo "$1: $n varbinds, expected $4"
}
for i in $(seq 1 $rounds); do
  one before-col $before $T.1.7 10000; one after-col $after $T.1.7 10000; one snmpd-col $snmpd $X 10000
  one before-table $before $T 90000; one after-table $after $T 90000
done
for k in before-col after-col snmpd-col before-table after-table; do
  med=$(printf '%s\n' ${ts[$k]} | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$k runs=${ts[$k]}median=$med"
done
