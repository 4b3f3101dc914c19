#!/usr/bin/env python3
"""CPU time of the replay (writer) thread with and without a JMX client polling every table
10 times a second. Wall time on a shared 2-core box mostly measures the client's own CPU;
the writer thread's CPU time (utime+stime of its /proc task) is what polling costs capture.
usage: cpu.py JAR PCAP [reps]"""
import os, subprocess, sys, time, statistics, tempfile, random

jar, pcap = sys.argv[1], sys.argv[2]
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
here = os.path.dirname(os.path.abspath(__file__))
tick = os.sysconf("SC_CLK_TCK")
subprocess.run(["javac", "-d", tempfile.gettempdir(), os.path.join(here, "Poller.java")], check=True)

def writer_cpu(pid):
    """CPU seconds of the thread running main(): comm 'java', not the primordial thread."""
    best = 0.0
    for tid in os.listdir(f"/proc/{pid}/task"):
        if int(tid) == pid:
            continue
        with open(f"/proc/{pid}/task/{tid}/comm") as f:
            if f.read().strip() != "java":
                continue
        with open(f"/proc/{pid}/task/{tid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        best = max(best, (int(fields[11]) + int(fields[12])) / tick)
    return best

def run(mode):
    port = random.randint(20000, 30000)
    d = tempfile.mkdtemp()
    conf, out = os.path.join(d, "b.conf"), os.path.join(d, "out.json")
    with open(conf, "w") as f:
        f.write(f"jmx.port = {port}\njmx.rmiServerPort = {port + 1}\nsnmp.enabled = false\n")
    agent = subprocess.Popen(["java", "-jar", jar, "replay", pcap, "--serve", "-c", conf],
                             stdout=open(out, "w"), stderr=subprocess.DEVNULL)
    poller = None
    if mode == "poll":
        poller = subprocess.Popen(["java", "-cp", tempfile.gettempdir(), "Poller", str(port), out],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    while True:
        time.sleep(0.01)
        if os.path.getsize(out) > 0 and open(out).read().endswith("}\n"):
            break
    cpu = writer_cpu(agent.pid)
    polls = poller.communicate()[0].decode().strip() if poller else ""
    agent.terminate(); agent.wait()
    return cpu, polls

results = {"none": [], "poll": []}
for i in range(reps):
    for mode in ("none", "poll"):
        cpu, polls = run(mode)
        results[mode].append(cpu)
        print(f"{mode} writer_cpu={cpu:.2f}s {polls}", flush=True)
for mode, xs in results.items():
    print(f"{mode}: median writer CPU {statistics.median(xs):.2f} s of {len(xs)} runs")
print(f"ratio poll/none: {statistics.median(results['poll']) / statistics.median(results['none']):.3f}")
