import struct, sys
# 10,000 TCP connections (SYN + SYN/ACK + ACK each) on Ethernet, classic pcap, microseconds
def csum(b):
    s = 0
    for i in range(0, len(b), 2):
        s += (b[i] << 8) + (b[i+1] if i+1 < len(b) else 0)
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
def frame(src, dst, sport, dport, flags, smac, dmac):
    tcp = struct.pack('!HHIIBBHHH', sport, dport, 1000, 2000, 0x50, flags, 500, 0, 0)
    ip = bytearray(struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 0, 0, 64, 6, 0, bytes(src), bytes(dst)))
    ip[10:12] = struct.pack('!H', csum(ip))
    return dmac + smac + b'\x08\x00' + bytes(ip) + tcp
n = int(sys.argv[1]); out = open(sys.argv[2], 'wb')
out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
A = bytes.fromhex('02000000000a'); B = bytes.fromhex('02000000000b')
t = 1700000000 * 1000000
for i in range(n):
    c = [10, 1, (i >> 8) & 255, i & 255]; s = [10, 2, 0, 1]; sport = 10000 + (i % 50000)
    for (f, back) in ((0x02, 0), (0x12, 1), (0x10, 0)):
        fr = frame(s, c, 80, sport, f, B, A) if back else frame(c, s, sport, 80, f, A, B)
        t += 10
        out.write(struct.pack('<IIII', t // 1000000, t % 1000000, len(fr), len(fr)) + fr)
