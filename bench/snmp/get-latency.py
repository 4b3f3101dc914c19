import socket, time, sys, statistics
def tlv(t, v):
    n = len(v)
    if n < 128: l = bytes([n])
    elif n < 256: l = bytes([0x81, n])
    else: l = bytes([0x82, n >> 8, n & 255])
    return bytes([t]) + l + v
def oid(s):
    p = [int(x) for x in s.split('.')]
    out = bytearray([40 * p[0] + p[1]])
    for x in p[2:]:
        enc = [x & 0x7f]; x >>= 7
        while x: enc.insert(0, 0x80 | (x & 0x7f)); x >>= 7
        out += bytes(enc)
    return tlv(6, bytes(out))
def get(reqid, o):
    vb = tlv(0x30, tlv(0x30, oid(o) + b'\x05\x00'))
    pdu = tlv(0xa0, tlv(2, reqid.to_bytes(4, 'big')) + tlv(2, b'\x00') + tlv(2, b'\x00') + vb)
    return tlv(0x30, tlv(2, b'\x01') + tlv(4, b'public') + pdu)
port = int(sys.argv[1]); n = int(sys.argv[2]); o = sys.argv[3]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2)
lat = []
for i in range(n):
    t = time.perf_counter(); s.sendto(get(0x10000 + i, o), ('127.0.0.1', port)); s.recv(65535); lat.append((time.perf_counter() - t) * 1e6)
lat.sort()
print("n=%d median=%.0fus p99=%.0fus max=%.0fus" % (n, lat[n // 2], lat[int(n * 0.99)], lat[-1]))
