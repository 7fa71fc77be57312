#!/usr/bin/env bash
# The radio medium end to end (doc/radio.md): results are the same for any number of threads
# (traces and captures byte-identical with --threads 1 and 3, both boards and mixed boards),
# the capture decodes in tshark with a good FCS for every frame and holds every frame the
# trace says went on the air, tocksim boot --pcap, and the radio's presence in the kernel's
# boot line. Builds nothing (make has).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
sim=$top/build/tocksim
out=$top/build/radio-test
rm -rf "$out" && mkdir -p "$out"
cd "$top" || exit 1
fails=0
ok() { echo "radio: ok   $1"; }
bad() { echo "radio: FAIL $1"; fails=$((fails + 1)); }

# 1. Determinism across thread counts.
for th in 1 3; do
  "$sim" run --threads "$th" --trace "$out/t$th.jsonl" --pcap "$out/p$th.pcap" scenarios/radio-flood-grid.json \
      scenarios/radio-mixed.json >"$out/run$th.out" 2>&1 </dev/null || bad "--threads $th: the scenarios failed"
done
same=1
for s in radio-flood-grid.cm4 radio-flood-grid.rv32 radio-mixed; do
  for k in t:jsonl p:pcap; do
    f1=$out/${k%%:*}1.$s.${k#*:} f2=$out/${k%%:*}3.$s.${k#*:}
    if [ ! -s "$f1" ] || ! cmp -s "$f1" "$f2"; then bad "$f1 and $f2 differ or are empty"; same=0; fi
  done
done
[ "$same" = 1 ] && ok "traces and captures byte-identical with --threads 1 and 3 (20 boards, mixed boards)"
grep -q '"kind":"radio_drop".*"reason":"collision"' "$out/t1.radio-flood-grid.cm4.jsonl" &&
  grep -q '"kind":"radio_drop".*"reason":"range"' "$out/t1.radio-flood-grid.cm4.jsonl" &&
  grep -q '"kind":"radio_rx".*"rssi":-78' "$out/t1.radio-flood-grid.cm4.jsonl" &&
  ok "trace: frames received with RSSI, drops with reasons" || bad "trace lacks radio_rx or radio_drop reasons"

# 2. The capture: every frame decodes with a good FCS on channel 26, one per radio_tx.
if command -v tshark >/dev/null; then
  for s in radio-flood-grid.cm4 radio-mixed; do
    f=$out/p1.$s.pcap
    tshark -r "$f" -T fields -e wpan.fcs_ok -e wpan-tap.ch_num >"$out/$s.fields" 2>"$out/$s.err"
    n=$(wc -l <"$out/$s.fields")
    good=$(grep -cx $'1\t26' "$out/$s.fields")
    sent=$(grep -c '"kind":"radio_tx"' "$out/t1.$s.jsonl")
    if [ "$n" -gt 0 ] && [ "$good" -eq "$n" ] && [ "$n" -eq "$sent" ]; then
      ok "tshark: $n frames of $s, every FCS good, channel 26, as many as the trace sent"
    else bad "tshark $f: $n frames, $good with a good FCS on channel 26, $sent sent"; head -3 "$out/$s.err"; fi
  done
  tshark -r "$out/p1.radio-mixed.pcap" -V 2>/dev/null | grep -q 'IEEE 802.15.4 TAP' &&
    ok "tshark sees the IEEE 802.15.4 TAP link type" || bad "tshark: no TAP header decoded"
else
  bad "tshark is missing (Debian package tshark; make deps)"
fi

# 3. tocksim boot --pcap: one board alone, what its radio sends.
"$sim" boot --no-window --fast --until 1100ms --pcap "$out/boot.pcap" radio-tx >"$out/boot.out" 2>&1 </dev/null
if grep -q 'radio-tx: beacon 3 sent' "$out/boot.out" && command -v tshark >/dev/null &&
   [ "$(tshark -r "$out/boot.pcap" -T fields -e wpan.fcs_ok 2>/dev/null | grep -c '^1$')" -eq 3 ]; then
  ok "tocksim boot --pcap: 3 beacons captured"
else bad "tocksim boot --pcap"; tail -3 "$out/boot.out"; fi

# 4. The kernel finds the radio on both boards.
for b in cm4 rv32; do
  "$sim" boot --board "$b" --no-window --fast --until 10ms hello >"$out/boot-$b.out" 2>&1 </dev/null
  grep -q 'kdbg yes, radio yes' "$out/boot-$b.out" && ok "$b kernel: radio yes" || bad "$b kernel: no radio in the boot line"
done
[ "$fails" -eq 0 ]
