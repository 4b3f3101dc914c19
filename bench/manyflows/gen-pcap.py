#!/usr/bin/env python3
"""Writes a classic pcap of many concurrent flows, for the many-flow benchmarks.

By default 1,000,000 frames of 70,000 TCP connections, 30,000 UDP flows and 10,000 ICMP echo
flows (a tenth of each over IPv6), spread over 1,000 s of capture time. With --lifetime long
(the default) every flow starts in the first tenth of the span and lasts 80-90% of it, so some
110,000 flows are live at once in the middle; with --lifetime short flows last 5-60 s and start
throughout (churn: many open, close and expire every second).

TCP connections open with SYN, SYN-ACK, ACK, carry data both ways, and most end (60% FIN, FIN,
ACK; 20% RST); the rest stay open. Frames are at most 128 bytes on the wire (small payloads),
IPv4 header checksums are valid. Addresses are from 198.18.0.0/15 (RFC 2544) and 2001:db8::/32
(RFC 3849); MACs are locally administered: 64 client MACs and one gateway MAC, none of them the
bench's veth addresses, so a capture host's IP stack drops the frames at once (PACKET_OTHERHOST).

Prints one line of ground truth and writes it as JSON to FILE.truth.json: frames, bytes, and
frames per protocol, counted as the frames were written.
"""
import argparse
import json
import random
import struct
import sys

LINKTYPE_ETHERNET = 1
GATEWAY_MAC = bytes.fromhex("020000aa0001")
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
EPOCH = 1_700_000_000


def client_mac(i):
    return bytes.fromhex("020000bb00") + bytes([i % 64])


def ipv4(i, net):
    # 198.18.0.0/16 for clients, 198.19.0.0/16 for servers; .0 and .255 avoided
    return bytes([198, net, (i // 254) % 256, 1 + i % 254])


def ipv6(i, net):
    return bytes.fromhex("20010db8000%d0000" % net) + struct.pack("!Q", i + 1)


def checksum(header):
    s = sum(struct.unpack("!%dH" % (len(header) // 2), header))
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def plan(args, rng):
    """Every flow as (kind, id, v6, [(time, from_client, flags_or_type, payload)])."""
    flows = []
    kinds = ["tcp"] * args.tcp + ["udp"] * args.udp + ["icmp"] * args.icmp
    per_flow = max(3, args.frames // max(1, len(kinds)))
    for n, kind in enumerate(kinds):
        v6 = rng.random() < args.ipv6
        if args.lifetime == "long":
            start = rng.uniform(0, 0.1 * args.span_seconds)
            length = rng.uniform(0.8, 0.9) * args.span_seconds
        else:
            length = rng.uniform(5, 60)
            start = rng.uniform(0, args.span_seconds - length)
        frames = []
        if kind == "tcp":
            end = rng.random()
            data = max(0, per_flow - 3 - (3 if end < 0.6 else 1 if end < 0.8 else 0))
            steps = [(True, SYN, 0), (False, SYN | ACK, 0), (True, ACK, 0)]
            steps += [(k % 2 == 0, PSH | ACK, rng.randrange(1, 55)) for k in range(data)]
            if end < 0.6:
                steps += [(True, FIN | ACK, 0), (False, FIN | ACK, 0), (True, ACK, 0)]
            elif end < 0.8:
                steps += [(rng.random() < 0.5, RST, 0)]
        elif kind == "udp":
            steps = [(k % 2 == 0, 0, rng.randrange(8, 67)) for k in range(per_flow)]
        else:
            steps = [(k % 2 == 0, 8 if k % 2 == 0 else 0, 32) for k in range(per_flow)]
        for k, step in enumerate(steps):
            frames.append((start + length * k / len(steps),) + step)
        flows.append((kind, n, v6, frames))
    return flows


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="the pcap to write")
    p.add_argument("--frames", type=int, default=1_000_000, help="about this many frames")
    p.add_argument("--tcp", type=int, default=70_000, help="TCP connections")
    p.add_argument("--udp", type=int, default=30_000, help="UDP flows")
    p.add_argument("--icmp", type=int, default=10_000, help="ICMP echo flows")
    p.add_argument("--ipv6", type=float, default=0.1, help="share of flows over IPv6")
    p.add_argument("--span-seconds", type=float, default=1000, help="capture time covered")
    p.add_argument("--lifetime", choices=["long", "short"], default="long",
                   help="long: all flows live at once; short: 5-60 s flows throughout")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--distinct-tuples", action="store_true",
                   help="give every flow its own 4-tuple (by default IPv4 flows n and n+60000 "
                        "share one, so 100k TCP connections are some 68k distinct ones); the "
                        "default output is unchanged")
    args = p.parse_args()
    rng = random.Random(args.seed)

    events = []
    for kind, n, v6, frames in plan(args, rng):
        for f in frames:
            events.append((f[0], kind, n, v6) + f[1:])
    events.sort(key=lambda e: (e[0], e[2]))

    truth = {"frames": 0, "bytes": 0, "tcp": 0, "udp": 0, "icmp": 0, "icmpv6": 0, "ipv4": 0,
             "ipv6": 0, "tcp_connections": args.tcp, "udp_flows": args.udp,
             "icmp_flows": args.icmp, "span_seconds": args.span_seconds,
             "lifetime": args.lifetime, "seed": args.seed}
    out = open(args.out, "wb")
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, LINKTYPE_ETHERNET))
    buf = bytearray()
    for t, kind, n, v6, from_client, flags, payload in events:
        host = n % 60_000
        if v6:
            a, b = ipv6(n, 1), ipv6(n % 5000, 2)
        else:
            a, b = ipv4(host, 18), ipv4(n % 5000, 19)
        src, dst = (a, b) if from_client else (b, a)
        cport, sport = 1024 + n % 60_000, {"tcp": 443, "udp": 53, "icmp": 0}[kind]
        if args.distinct_tuples:
            # the client host repeats every 60,000 flows: its port then moves on by one
            cport = 1024 + (n % 60_000 + n // 60_000) % 64_000
        sp, dp = (cport, sport) if from_client else (sport, cport)
        if kind == "tcp":
            l4 = struct.pack("!HHIIBBHHH", sp, dp, 1000 + n, 0, 0x50, flags, 64240, 0, 0)
            proto = 6
        elif kind == "udp":
            l4 = struct.pack("!HHHH", sp, dp, 8 + payload, 0)
            proto = 17
        else:
            icmp_type = flags if not v6 else (128 if flags == 8 else 129)
            l4 = struct.pack("!BBHHH", icmp_type, 0, 0, n & 0xFFFF, 1)
            proto = 58 if v6 else 1
        l4 += bytes(payload)
        if v6:
            ip = struct.pack("!IHBB", 6 << 28, len(l4), proto, 64) + src + dst
            ethertype = 0x86DD
        else:
            ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), n & 0xFFFF, 0,
                                       64, proto, 0, src, dst))
            struct.pack_into("!H", ip, 10, checksum(bytes(ip)))
            ethertype = 0x0800
        mac = client_mac(n)
        frame = ((GATEWAY_MAC + mac) if from_client else (mac + GATEWAY_MAC)) \
            + struct.pack("!H", ethertype) + bytes(ip) + l4
        assert len(frame) <= 128, len(frame)
        seconds = EPOCH + int(t)
        micros = int((t - int(t)) * 1e6)
        buf += struct.pack("<IIII", seconds, micros, len(frame), len(frame)) + frame
        truth["frames"] += 1
        truth["bytes"] += len(frame)
        truth["ipv6" if v6 else "ipv4"] += 1
        truth["icmpv6" if kind == "icmp" and v6 else kind] += 1
        if len(buf) >= 1 << 22:
            out.write(buf)
            buf = bytearray()
    out.write(buf)
    out.close()
    with open(args.out + ".truth.json", "w") as f:
        json.dump(truth, f, indent=1)
    print("TRUTH " + " ".join("%s=%s" % kv for kv in truth.items()))


if __name__ == "__main__":
    sys.exit(main())
