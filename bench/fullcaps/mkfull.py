#!/usr/bin/env python3
# Writes a classic pcap that fills the agent's default table caps (docs/RELIABILITY.md,
# "Memory at the default caps"): 300,000 TCP SYNs with distinct four-tuples and 300,000 UDP
# 5-tuples from 70,000 source MACs, in 198.18.0.0/15 and 10.0.0.0/8.
#   python3 bench/fullcaps/mkfull.py /tmp/full.pcap
# pcap filling the default caps: 300k TCP SYN 4-tuples, 300k UDP 5-tuples, 70k source MACs
import struct, sys
out = open(sys.argv[1], 'wb')
out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
def csum(h):
    s = sum(struct.unpack('!10H', h))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff
t = 1_700_000_000
n = 0
def frame(i, proto):
    global n
    mac = 0x020000000000 | (i % 70000)
    src = struct.pack('!Q', mac)[2:]
    dst = bytes.fromhex('02aabbccddee')
    sip = 0x0a000000 | (i & 0xffffff)
    dip = 0xc6120000 | ((i * 7) & 0xffff)
    if proto == 6:
        l4 = struct.pack('!HHIIBBHHH', 1024 + (i % 60000), 80, 0, 0, 0x50, 0x02, 1000, 0, 0)
    else:
        l4 = struct.pack('!HHHH', 1024 + (i % 60000), 53, 8, 0)
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(l4), 0, 0, 64, proto, 0,
                     struct.pack('!I', sip), struct.pack('!I', dip))
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    f = dst + src + b'\x08\x00' + ip + l4
    sec = t + n // 1_000_000
    out.write(struct.pack('<IIII', sec, n % 1_000_000, len(f), len(f)) + f)
    n += 1
for i in range(300_000):
    frame(i, 6)
    frame(i, 17)
out.close()
print(n, "frames")
