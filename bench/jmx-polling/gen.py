import struct, sys
n = int(sys.argv[1]); conns = int(sys.argv[2])
out = open(sys.argv[3], 'wb')
out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
t0 = 1_700_000_000
buf = []
for i in range(n):
    c = i % conns
    src = bytes([10, 0, (c >> 8) & 255, c & 255]); dst = bytes([10, 1, 0, (c % 200) + 1])
    sport = 20000 + (c % 40000); dport = [80, 443, 22, 53, 8080][c % 5]
    payload = 60 + (i % 7) * 100
    tcp = struct.pack('>HHIIBBHHH', sport, dport, i, 0, 0x50, 0x18, 29200, 0, 0) + bytes(payload)
    ip = struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 0, 0, 64, 6, 0, src, dst) + tcp
    frame = bytes([2,0,0,0,0,0xb, 2,0,0,0,0,0xa, 8, 0]) + ip
    us = i * 100
    buf.append(struct.pack('<IIII', t0 + us // 1_000_000, us % 1_000_000, len(frame), len(frame)) + frame)
    if len(buf) >= 10000:
        out.write(b''.join(buf)); buf = []
out.write(b''.join(buf))
