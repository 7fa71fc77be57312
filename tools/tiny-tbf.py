#!/usr/bin/env python3
"""Packs a few bytes of position-independent code as a 1 KiB TBF v2 image for the benchmarks:
base header, a Main TLV (init at offset 0, 2 KiB of RAM) and a Package Name TLV, checksum
(the XOR of the header's words, TBF documentation). Usage: tiny-tbf.py NAME CODE.bin OUT.tbf"""
import struct
import sys

name, code = sys.argv[1].encode(), open(sys.argv[2], 'rb').read()
total, min_ram = 1024, 2048
tlvs = struct.pack('<HHIII', 1, 12, 0, 0, min_ram)                 # Main: init at 0
tlvs += struct.pack('<HH', 3, len(name)) + name + b'\0' * (-len(name) % 4)
hs = 16 + len(tlvs)
hdr = bytearray(struct.pack('<HHIII', 2, hs, total, 1, 0) + tlvs)
ck = 0
for i in range(0, hs, 4):
    if i != 12:
        ck ^= struct.unpack_from('<I', hdr, i)[0]
struct.pack_into('<I', hdr, 12, ck)
img = bytes(hdr) + code
if len(img) > total:
    sys.exit(f"tiny-tbf: {sys.argv[2]}: {len(code)} bytes of code do not fit in a {total}-byte image")
open(sys.argv[3], 'wb').write(img + b'\0' * (total - len(img)))
