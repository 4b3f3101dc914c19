#!/bin/sh
# A/B of decode + every table between benchmark jars, interleaved in one JVM so that the load of
# a shared machine falls on every variant alike. Each jar gets its own class loader; passes of
# 2^20 TrafficMix frames alternate A B B A ..., each timed by the thread's CPU time.
#   bench/interleave/run.sh PASSES WARMUP_PASSES a-benchmarks.jar b-benchmarks.jar ...
# Jars: `mvn -B -q -Pbenchmarks package -DskipTests` at each commit, copy target/benchmarks.jar.
# Prints per jar the median ns/frame and the median over passes of (its time / the first jar's).
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
javac -d "$out/runner" -cp "$3" "$here/AbRunner.java"
javac -d "$out" "$here/Interleave.java"
java -Xms4g -Xmx4g -Drunner.dir="$out/runner" -cp "$out" Interleave "$@"
rm -rf "$out"
