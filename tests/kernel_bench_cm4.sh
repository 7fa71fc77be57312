#!/usr/bin/env bash
# Kernel figures on tocksim's cm4 (1 instruction = 1 cycle at 64 MHz): instructions per null
# system call round trip and per preemptive context switch, measured from the simulator's
# exception trace; the kernel's flash and RAM footprint; the idle-heavy speed; and the wall time
# from start to the first console byte. Prints BENCH lines.
# The two test apps are a few Thumb instructions, assembled and packed into TBFs here:
#   syscall: loop { memop(2) }         (r0 = 2: "RAM start", the cheapest system call)
#   spin:    loop { r4++ }             (never traps: only SysTick takes the CPU back)
set -eu
B=${B:-build}
KERNEL=$B/kernel/cm4/kernel.elf
SIM=$B/tocksim
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
for f in "$KERNEL" "$SIM"; do [ -e "$f" ] || { echo "kernel_bench_cm4: $f missing (make)" >&2; exit 1; }; done

app() {     # app NAME ASM-BODY: assembles the body as _start and packs a 1 KiB TBF
  printf '.syntax unified\n.thumb\n.text\n.thumb_func\n.global _start\n_start:\n%s\n' "$2" >"$W/$1.S"
  arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -c "$W/$1.S" -o "$W/$1.o"
  arm-none-eabi-objcopy -O binary -j .text "$W/$1.o" "$W/$1.bin"
  python3 "$(dirname "$0")/../tools/tiny-tbf.py" "$1" "$W/$1.bin" "$W/$1.tbf"
}

app syscall $'1: movs r0, #2\n svc 5\n b 1b'
app spin $'1: adds r4, #1\n b 1b'

# median INSTRUCTIONS of: exception EXC taken from a process (return address in the apps
# region) -> the next exception return to a process (to ANY: any process; else the same pc).
measure() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys, statistics
path, exc, anyproc = sys.argv[1], int(sys.argv[2]), sys.argv[3] == 'any'
APPS = (0x40000, 0x80000)
inproc = lambda a: APPS[0] <= (a & ~1) < APPS[1]
costs, start = [], None
for line in open(path):
    e = json.loads(line)
    if e.get('kind') == 'exception' and e['exc'] == exc and inproc(e['return']):
        start = e
    elif e.get('kind') == 'exception_return' and start and inproc(e['to']):
        if anyproc or e['to'] == start['return']:
            costs.append(round((e['t_ns'] - start['t_ns']) / 15.625))
        start = None
print(int(statistics.median(costs[len(costs) // 4:])) if costs else -1)
PY
}

"$SIM" --board cm4 --kernel "$KERNEL" --app "$W/syscall.tbf" --until 20ms --trace "$W/s.json" \
  >/dev/null 2>&1 || [ $? -eq 124 ]
"$SIM" --board cm4 --kernel "$KERNEL" --app "$W/spin.tbf" --app "$W/spin.tbf" --until 300ms \
  --trace "$W/c.json" >/dev/null 2>&1 || [ $? -eq 124 ]
sys=$(measure "$W/s.json" 11 same)
ctx=$(measure "$W/c.json" 15 any)
echo "BENCH name=kernel-null-syscall-cm4 value=$sys unit=instructions"
echo "BENCH name=kernel-context-switch-cm4 value=$ctx unit=instructions"
read -r text data bss _ < <(arm-none-eabi-size "$KERNEL" | tail -1)
echo "BENCH name=kernel-flash-cm4 value=$((text + data)) unit=bytes"
echo "BENCH name=kernel-ram-cm4 value=$((data + bss)) unit=bytes"
# Idle-heavy speed beside QEMU -icount (doc/benchmarks.md).
"$(dirname "$0")/../tools/bench-idle.sh" cm4
# Start to first console byte (doc/benchmarks.md): wall time from fork to the first byte tocksim
# writes to a pipe, booting the kernel with the hello app; best of 20. The same harness times
# /bin/echo as the cost of starting any process on this machine.
first_byte() {
  perl -MTime::HiRes=clock_gettime,CLOCK_MONOTONIC -e '
    my $best = 1e9;
    for (1 .. 20) {
      pipe(my $r, my $w) or die "pipe: $!";
      my $t0 = clock_gettime(CLOCK_MONOTONIC);
      my $pid = fork() // die "fork: $!";
      if (!$pid) {
        close $r; open(STDOUT, ">&", $w); open(STDERR, ">", "/dev/null"); open(STDIN, "<", "/dev/null");
        exec { $ARGV[0] } @ARGV; exit 127;
      }
      close $w;
      sysread($r, my $byte, 1) == 1 or die "no output from @ARGV\n";
      my $ms = (clock_gettime(CLOCK_MONOTONIC) - $t0) * 1000;
      1 while sysread($r, my $rest, 65536);
      waitpid($pid, 0);
      $best = $ms if $ms < $best;
    }
    printf "%.2f\n", $best;' "$@"
}
fb=$(first_byte "$SIM" --board cm4 --kernel "$KERNEL" --app "$B/apps/hello.tbf" --until 2s)
spawn=$(first_byte /bin/echo x)
echo "BENCH name=first-console-byte-ms-cm4 value=$fb unit=ms peer=bin-echo peer_value=$spawn" \
     "ratio=$(awk -v a="$spawn" -v b="$fb" 'BEGIN { printf "%.3f", a / b }')"
