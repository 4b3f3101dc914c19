#!/bin/bash
# medians of 5 snmpbulkwalk -Cr50 runs, wall seconds; args: label target oid
run() {
  label=$1; target=$2; oid=$3
  snmpbulkwalk -v2c -c public -On -Cr50 -t 5 $target $oid > /dev/null # warm-up
  ts=()
  for i in 1 2 3 4 5; do
    s=$(date +%s.%N); n=$(snmpbulkwalk -v2c -c public -On -Cr50 -t 5 $target $oid | wc -l); e=$(date +%s.%N)
    ts+=($(echo "$e - $s" | bc))
  done
  med=$(printf '%s\n' "${ts[@]}" | sort -n | sed -n 3p)
  echo "$label varbinds=$n runs=${ts[*]} median=$med"
}
run "$@"
