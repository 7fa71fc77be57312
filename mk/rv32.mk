# The rv32 board's guest programs and firmware (tests/guest/rv32_*.S for tests/check_rv32.c,
# tests/firmware/rv32 for the QEMU cross-check and the CPU benchmark).

# Unit-test guests: this rule's shorter stem wins over tests.mk's cm4 rule for rv32_*.
RV32_GUEST_SRCS := $(wildcard tests/guest/rv32_*.S)
RV32_GUEST_ELFS := $(patsubst tests/guest/%.S,$(B)/tests/guest/%.elf,$(RV32_GUEST_SRCS))

$(B)/tests/guest/rv32_%.elf: tests/guest/rv32_%.S tests/guest/rv32_guest.ld tests/guest/rv32_common.inc
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) -march=rv32imac_zicsr -mabi=ilp32 -nostdlib -nostartfiles -Wl,--no-warn-rwx-segments \
	    -Ttests/guest/rv32_guest.ld -Itests/guest $< -o $@
	$(call cross_listing,$(RV_OBJDUMP))

TEST_TARGETS += $(RV32_GUEST_ELFS)
