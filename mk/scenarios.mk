# Scenarios: the regression suite (scenarios/*.json) run headless by tests/scenarios.sh.

TEST_SCRIPTS += tests/scenarios.sh
# Step times are the deciding events' times in the trace (tests/step_times.py).
TEST_SCRIPTS += tests/scenario_times.sh
# Scenarios that must fail (scenarios/negative/: every verb), deadline boundaries, JUnit counts.
TEST_SCRIPTS += tests/scenario_negative.sh
# The radio medium: determinism across threads, the pcap against tshark, boot --pcap.
TEST_SCRIPTS += tests/radio.sh
# Loading a scenario of 40,000 steps (tools/bench-scenario.sh, doc/benchmarks.md).
BENCH_SCRIPTS += tools/bench-scenario.sh tools/bench-nodes.sh tools/bench-exceptions.sh
# Radio grids of 100 and 1000 flood boards: virtual time per wall time, memory per board.
BENCH_SCRIPTS += tools/bench-radio.sh

# A stand-in kernel that reports scripted process events through kdbg (scenarios/kdbg-device.json),
# for each board.
$(B)/scenarios/cm4/kdbg-events.elf: scenarios/guest/kdbg-events.c tests/guest/guest.ld
	@mkdir -p $(dir $@)
	$(Q)$(ARM_CC) $(ARM_CFLAGS) -nostdlib -nostartfiles -Ttests/guest/guest.ld $< -o $@

$(B)/scenarios/rv32/kdbg-events.elf: scenarios/guest/kdbg-events.c tests/guest/rv32_guest.ld
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(RV_CFLAGS) -nostdlib -nostartfiles -Wl,--no-warn-rwx-segments \
	    -Ttests/guest/rv32_guest.ld $< -o $@

ALL_TARGETS += $(B)/scenarios/cm4/kdbg-events.elf $(B)/scenarios/rv32/kdbg-events.elf
