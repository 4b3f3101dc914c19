#!/bin/bash
# usage: run.sh none|poll  -> prints seconds from start to finished report
mode=$1; port=$((19500 + RANDOM % 400))
printf 'jmx.port = %d\njmx.rmiServerPort = %d\nsnmp.enabled = false\n' $port $((port+1)) > b.conf
rm -f out.json
start=$(date +%s.%N)
java -jar /work/wt-jmx/target/iptraf-agent.jar replay big.pcap --serve -c b.conf > out.json 2>err.txt &
pid=$!
if [ "$mode" = poll ]; then java -cp . Poller $port out.json > poll.txt & ppid=$!; fi
until [ -s out.json ] && tail -c 2 out.json | grep -q '}'; do sleep 0.01; done
end=$(date +%s.%N)
[ "$mode" = poll ] && wait $ppid
kill $pid; wait $pid 2>/dev/null
echo "$mode $(echo "$end - $start" | bc) $( [ "$mode" = poll ] && cat poll.txt)"
