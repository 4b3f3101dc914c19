#!/bin/bash
# CPU seconds (utime+stime from /proc) a server process spends per snmpbulkwalk -Cr50, and wall.
# args: PID host:port OID N
pid=$1; target=$2; oid=$3; n=$4; export MIBS=
t() { awk '{print $14+$15}' /proc/$pid/stat; }
a=$(t); s=$(date +%s.%N)
for i in $(seq 1 $n); do snmpbulkwalk -v2c -c public -On -Cr50 -t 5 $target $oid > /dev/null; done
e=$(date +%s.%N); b=$(t)
echo "cpu_per_walk_s=$(echo "($b - $a) / $(getconf CLK_TCK) / $n" | bc -l | cut -c1-6)" \
  "wall_per_walk_s=$(echo "($e - $s) / $n" | bc -l | cut -c1-6)"
