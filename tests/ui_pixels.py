#!/usr/bin/env python3
"""Pixel checks of the window's screenshots (tests/ui_views.sh): reads the PNGs tocksim writes
(8-bit RGB, any filter) with zlib alone, and the layout lines tests/ui_demo prints.

  ui_pixels.py marker PNG LAYOUT RGB          the fault marker in the memory view: prints the
                                              colours found beside it ("x X beside RRGGBB ...")
  ui_pixels.py switches PNG LAYOUT TRACE      per lane: switches drawn on the timeline and
                                              switches the trace has in the strip's window
"""
import json
import struct
import sys
import zlib


def read_png(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', path + ': not a PNG'
    pos, idat, w = 8, b'', 0
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
            assert depth == 8 and ctype == 2, path + ': not 8-bit RGB'
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    raw, rows, stride, prev = zlib.decompress(idat), [], 3 * w, bytearray(3 * w)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 3] if i >= 3 else 0
            b, c = prev[i], prev[i - 3] if i >= 3 else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, rows


def pixel(img, x, y):
    row = img[2][y]
    return '%02x%02x%02x' % (row[3 * x], row[3 * x + 1], row[3 * x + 2])


def layout(path):
    out = {}
    for line in open(path):
        parts = line.split()
        if parts:
            out.setdefault(parts[0], []).append(parts[1:])
    return out


def marker(png, lay, rgb):
    """Columns of the memory view where the marker colour runs 12 pixels or more down, and the
    colours just right of each run: the region the marked byte begins."""
    img, (x0, y0, w, h) = read_png(png), map(int, layout(lay)['memory'][0])
    found = []
    for x in range(x0, x0 + w):
        run = 0
        for y in range(y0, y0 + h):
            run = run + 1 if pixel(img, x, y) == rgb else 0
            if run == 12:
                beside = {pixel(img, x + 4, yy) for yy in range(y - 8, y + 1)}
                found.append((y, x, sorted(beside)))
    for y, x, beside in sorted(found):
        print('y %d x %d right %s' % (y, x, ' '.join(beside)))


def switches(png, lay, trace):
    """Per lane: the switch markers drawn (runs of the switch colour on the lane's top row) and
    the switches in the trace within the strip's window, merged where they share pixels."""
    img, l = read_png(png), layout(lay)
    t0, t1, x, y, w, h = map(int, l['timeline'][0])
    times = {}
    for line in open(trace):
        e = json.loads(line)
        if e.get('kind') == 'proc' and e.get('event') == 'switch' and t0 <= e['t_ns'] < t1:
            times.setdefault(e['slot'], []).append(e['t_ns'])
    for lane in l['lane']:
        slot, name, ly = int(lane[1]), lane[2], int(lane[3])
        drawn, prev = 0, False
        for px in range(x, x + w):
            on = pixel(img, px, ly + 1) == 'f4f8ff'
            drawn += on and not prev
            prev = on
        xs = sorted({x + int((t - t0) * w / (t1 - t0)) for t in times.get(slot, [])})
        want = sum(1 for i, v in enumerate(xs) if i == 0 or v - xs[i - 1] > 2)
        print('lane %s slot %d drawn %d trace %d (%d events)' % (name, slot, drawn, want, len(times.get(slot, []))))


if __name__ == '__main__':
    {'marker': marker, 'switches': switches}[sys.argv[1]](*sys.argv[2:])
