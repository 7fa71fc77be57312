#!/usr/bin/env python3
"""Writes the syscall fuzzer's seed corpus (tests/fuzz/syscall/*.bin): a few programs that use
every driver the way apps do, so that campaigns (and the benchmark) start from deep paths
rather than from nothing. The encoding is sim/fuzz/program.c's: 8 bytes per record."""
import os
import struct

# b0 values (b0 % 32) per kind, as program.c's table picks them
COMMAND, ALLOW_RW, ALLOW_RO, ALLOW_UR, SUBSCRIBE, MEMOP, YIELD, EXIT, RAW = 0, 7, 10, 12, 13, 17, 20, 23, 24
SLEEP, BUTTON, CONSOLE, PIN, SPIN = 25, 27, 29, 30, 31
ALARM, CONSOLE_D, LED, BUTTON_D, GPIO, RNG, MISSING = 0, 1, 2, 3, 4, 5, 6
# pointer bases (apps/fuzz-driver/abi.h)
ZERO, OWN_BUF, BREAK, RAM_START, RAM_END, GRANT, FLASH_START, FLASH_END, HANDLER = range(9)


def rec(kind, driver=0, num=0, base=0, off=0, val=0):
    return struct.pack("<BBBBhH", kind, driver, num, base, off, val)


def write(name, records):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "syscall", name + ".bin")
    with open(path, "wb") as f:
        f.write(b"".join(records))


def main():
    write("seed-drivers", [
        rec(COMMAND, ALARM, 1), rec(COMMAND, LED, 1, val=0), rec(COMMAND, LED, 2, val=0),
        rec(SUBSCRIBE, ALARM, 0, HANDLER), rec(COMMAND, ALARM, 5, off=0, val=200),
        rec(ALLOW_RW, CONSOLE_D, 1, OWN_BUF, 0, 16), rec(ALLOW_RO, CONSOLE_D, 1, OWN_BUF, 0, 8),
        rec(MEMOP, 0, 2), rec(MEMOP, 0, 1), rec(YIELD, 0, 0, OWN_BUF, 4),
        rec(COMMAND, GPIO, 1, off=3), rec(COMMAND, BUTTON_D, 0), rec(ALLOW_RW, RNG, 0, OWN_BUF, 32, 16),
        rec(SUBSCRIBE, RNG, 0, HANDLER), rec(COMMAND, RNG, 1, off=16), rec(YIELD, ALARM, 2, 0),
        rec(COMMAND, GPIO, 2, off=3), rec(COMMAND, LED, 3, val=1), rec(MEMOP, 0, 6),
        rec(COMMAND, ALARM, 2), rec(YIELD, 0, 0, OWN_BUF, 4),
    ])
    write("seed-memory", [
        rec(MEMOP, 0, 0, BREAK, 64), rec(MEMOP, 0, 1, off=-32), rec(ALLOW_RW, CONSOLE_D, 1, BREAK, -8, 8),
        rec(ALLOW_RW, CONSOLE_D, 1, BREAK, -8, 9), rec(ALLOW_RO, CONSOLE_D, 1, FLASH_START, 0, 16),
        rec(ALLOW_UR, CONSOLE_D, 0, OWN_BUF, 1, 3), rec(ALLOW_RW, RNG, 0, RAM_END, -16, 8),
        rec(SUBSCRIBE, CONSOLE_D, 1, FLASH_START, 4), rec(SUBSCRIBE, BUTTON_D, 0, HANDLER),
        rec(COMMAND, BUTTON_D, 1, off=0), rec(BUTTON, 0, 1, val=10), rec(BUTTON, 0, 0, val=10),
        rec(YIELD, 0, 1), rec(MEMOP, 0, 0, RAM_START, 0), rec(MEMOP, 0, 0, BREAK, 0),
        rec(ALLOW_RW, CONSOLE_D, 1, ZERO, 0, 0), rec(MEMOP, 0, 7), rec(MEMOP, 0, 10, val=5),
        rec(COMMAND, CONSOLE_D, 0),
    ])
    write("seed-console", [
        rec(ALLOW_RO, CONSOLE_D, 1, OWN_BUF, 0, 4), rec(SUBSCRIBE, CONSOLE_D, 1, HANDLER),
        rec(COMMAND, CONSOLE_D, 1, off=4), rec(ALLOW_RW, CONSOLE_D, 1, OWN_BUF, 64, 4),
        rec(SUBSCRIBE, CONSOLE_D, 2, HANDLER), rec(COMMAND, CONSOLE_D, 2, off=2),
        rec(CONSOLE, 0, 1, off=0x4241, val=0), rec(YIELD, 0, 1), rec(YIELD, 0, 1),
        rec(COMMAND, CONSOLE_D, 3), rec(EXIT, 0, 0, val=7), rec(COMMAND, LED, 1, val=0),
        rec(SUBSCRIBE, ALARM, 0, HANDLER), rec(COMMAND, ALARM, 5, val=100), rec(SPIN, val=300),
        rec(YIELD, 0, 0, OWN_BUF, 8), rec(COMMAND, ALARM, 3), rec(MEMOP, 0, 3),
    ])


main()
