#!/usr/bin/env python3
"""The GDB stub's benchmarks (doc/debugging.md, doc/benchmarks.md), as GDB drives it: RSP
packets over the stub's socket. gdb-step-us: wall time of one `s` round trip (packet out,
stop reply back), the median of batches. reverse-step-ms-10s: continue between hits of a
breakpoint (the blink app, the scheduler's step) until 10 s of virtual time have run, then
one `bs` (reverse-stepi)."""
import socket, subprocess, sys, time, re, statistics

def checksum(s):
    return '%02x' % (sum(s.encode()) & 0xff)

class Stub:
    def __init__(self, port):
        self.sock = socket.create_connection(('127.0.0.1', port))
        self.buf = b''
        self.ack = True
        self.cmd('QStartNoAckMode')
        self.ack = False

    def send(self, body):
        self.sock.sendall(('$%s#%s' % (body, checksum(body))).encode())

    def packet(self):
        while True:
            start = self.buf.find(b'$')
            if start >= 0:
                end = self.buf.find(b'#', start)
                if end >= 0 and len(self.buf) >= end + 3:
                    body = self.buf[start + 1:end].decode()
                    self.buf = self.buf[end + 3:]
                    if self.ack:
                        self.sock.sendall(b'+')
                    return body
            data = self.sock.recv(65536)
            if not data:
                raise SystemExit('bench-gdb: the stub closed the connection')
            self.buf += data

    def cmd(self, body):
        self.send(body)
        return self.packet()

    def monitor(self, text):
        self.send('qRcmd,' + text.encode().hex())
        out = ''
        while True:
            p = self.packet()
            if p.startswith('O') and p != 'OK':
                out += bytes.fromhex(p[1:]).decode()
            else:
                return out

def start(tocksim, board, kernel, app, until):
    p = subprocess.Popen([tocksim, '--board', board, '--kernel', kernel, '--app', app, '--gdb=0',
                          '--until', until], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in p.stderr:
        m = re.match(r'tocksim: waiting for GDB on 127\.0\.0\.1:(\d+)', line)
        if m:
            return p, int(m.group(1))
    raise SystemExit('bench-gdb: tocksim did not wait for GDB')

def virtual_ms(stub):
    m = re.search(r'virtual time ([0-9.]+) ms', stub.monitor('time'))
    return float(m.group(1))

def symbol(nm, elf, name):
    out = subprocess.run([nm, elf], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[2] == name:
            return int(f[0], 16)
    raise SystemExit('bench-gdb: no symbol %s in %s' % (name, elf))

def step_us(tocksim, board, kernel, app):
    p, port = start(tocksim, board, kernel, app, '60s')
    stub = Stub(port)
    batches = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(300):
            reply = stub.cmd('s')
            if not reply.startswith('T'):
                raise SystemExit('bench-gdb: step answered %r' % reply)
        batches.append((time.perf_counter() - t0) / 300 * 1e6)
    stub.send('k')
    p.wait(timeout=30)
    return statistics.median(batches)

def reverse_ms(tocksim, board, kernel, app, nm):
    p, port = start(tocksim, board, kernel, app, '60s')
    stub = Stub(port)
    # The scheduler's step: a place where stepping back is exact (doc/debugging.md: in the
    # middle of a system call, replaying may take an interrupt elsewhere than the run did).
    bp = symbol(nm, kernel, 'sched_step')
    stub.cmd('Z0,%x,2' % bp)
    while virtual_ms(stub) < 10000:
        reply = stub.cmd('c')
        if not reply.startswith('T'):
            raise SystemExit('bench-gdb: continue answered %r' % reply)
    history_ms = virtual_ms(stub)
    stub.cmd('z0,%x,2' % bp)
    t0 = time.perf_counter()
    stub.send('bs')
    said, reply = '', stub.packet()
    while reply.startswith('O') and reply != 'OK':
        said += bytes.fromhex(reply[1:]).decode()
        reply = stub.packet()
    took = (time.perf_counter() - t0) * 1e3
    if not reply.startswith('T') or said:
        raise SystemExit('bench-gdb: reverse step answered %r %r' % (said, reply))
    stub.send('k')
    p.wait(timeout=30)
    return took, history_ms

def main():
    b = sys.argv[1]
    tocksim = b + '/tocksim'
    boards = [('cm4', b + '/apps/hello.tbf', b + '/apps/blink.tbf', 'arm-none-eabi-nm'),
              ('rv32', b + '/apps/rv32/hello.tbf', b + '/apps/rv32/blink.tbf', 'riscv64-unknown-elf-nm')]
    for board, hello, blink, nm in boards:
        kernel = '%s/kernel/%s/kernel.elf' % (b, board)
        sfx = '' if board == 'cm4' else '-' + board
        us = step_us(tocksim, board, kernel, hello)
        print('BENCH name=gdb-step-us%s value=%.1f unit=us' % (sfx, us), flush=True)
        ms, hist = reverse_ms(tocksim, board, kernel, blink, nm)
        print('BENCH name=reverse-step-ms-10s%s value=%.2f unit=ms goal=<1000 history_ms=%.0f'
              % (sfx, ms, hist), flush=True)

main()
