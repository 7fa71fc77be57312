#!/usr/bin/env perl
# wall-to-lines.pl TEXT... -- CMD ARGS...: runs CMD (stdin /dev/null, stderr dropped) and prints
# the wall seconds at which each TEXT first appears in its output, in order, one per line; then
# kills CMD's process group (an emulator such as QEMU runs on otherwise). Exit 1 if the output
# ends before the last TEXT. For the benchmarks that time machines from outside (QEMU has no
# --stats): tools/bench-exceptions.sh, tests/kernel_bench_cm4.sh.
use strict;
use warnings;
use Time::HiRes qw(time);

my @texts;
push @texts, shift @ARGV while @ARGV && $ARGV[0] ne '--';
shift @ARGV;
die "usage: wall-to-lines.pl TEXT... -- CMD ARGS...\n" unless @texts && @ARGV;
my $t0 = time;
my $pid = open(my $out, '-|') // die "fork: $!\n";
if (!$pid) {
    setpgrp(0, 0);
    open(STDERR, '>', '/dev/null');
    open(STDIN, '<', '/dev/null');
    exec @ARGV or exit 127;
}
# A `timeout` (or ^C) that ends this script ends CMD's process group too: a benchmark's machine
# left running skews every later measurement.
$SIG{$_} = sub { exit 1 } for qw(TERM INT HUP);
END { kill 'KILL', -$pid if $pid; }
while (my $line = <$out>) {
    next if index($line, $texts[0]) < 0;
    printf "%.6f\n", time - $t0;
    shift @texts;
    next if @texts;
    kill 'KILL', -$pid;     # now: leaving would first wait for CMD (the pipe's close)
    exit 0;
}
exit 1;
