# Guest programs for the CPU unit tests (tests/guest/*.S), assembled for cm4.
GUEST_SRCS := $(wildcard tests/guest/*.S)
GUEST_ELFS := $(patsubst tests/guest/%.S,$(B)/tests/guest/%.elf,$(GUEST_SRCS))

$(B)/tests/guest/%.elf: tests/guest/%.S tests/guest/guest.ld tests/guest/cm4_usage.inc tests/guest/cm4_svc_semihost.inc
	@mkdir -p $(dir $@)
	$(Q)$(ARM_CC) -mcpu=cortex-m4 -mthumb -nostdlib -nostartfiles -Ttests/guest/guest.ld \
	    -Wa,-Itests/guest $< -o $@
	$(call cross_listing,$(ARM_OBJDUMP))

TEST_TARGETS += $(GUEST_ELFS)
TEST_SCRIPTS += tests/cli_cm4.sh tests/engine_in_place.sh tests/gdb.sh tests/itrace.sh tests/fault_source.sh tests/kernel_fault_source.sh
BENCH_SCRIPTS += tools/bench-gdb.sh
