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

# Bare-metal rv32 firmware: the QEMU/tocksim cross-check and the CPU benchmark images. fmt.c,
# check.c, mem.c and the benchmark workload are shared with tests/firmware/cm4 (portable C).
FW_RV32_DIR := tests/firmware/rv32
FW_RV32_OUT := $(B)/firmware/rv32
FW_RV32_LD  := $(FW_RV32_DIR)/link.ld
FW_RV32_LDFLAGS := -nostdlib -nostartfiles -Wl,--gc-sections -Wl,-T,$(FW_RV32_LD) \
                   -Wl,--no-warn-rwx-segments
FW_RV32_RT_OBJS := $(addprefix $(FW_RV32_OUT)/,start.S.o trap.c.o uart.c.o board.c.o \
                   cm4/fmt.c.o cm4/check.c.o cm4/mem.c.o)
FW_RV32_TEST_OBJS := $(FW_RV32_RT_OBJS) $(addprefix $(FW_RV32_OUT)/,main.c.o vectors.S.o \
                     probes.S.o test_map.c.o test_uart.c.o test_clint.c.o test_plic.c.o \
                     test_trap.c.o test_pmp.c.o)
FW_RV32_ELFS := $(FW_RV32_OUT)/fwtest.elf $(FW_RV32_OUT)/bench.elf $(FW_RV32_OUT)/bench-pmp.elf \
                $(FW_RV32_OUT)/hello.elf

$(FW_RV32_OUT)/%.c.o: $(FW_RV32_DIR)/%.c
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(RV_CFLAGS) $(FW_RV32_CFLAGS) -c $< -o $@

$(FW_RV32_OUT)/%.S.o: $(FW_RV32_DIR)/%.S
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(RV_CFLAGS) -c $< -o $@

$(FW_RV32_OUT)/cm4/%.c.o: tests/firmware/cm4/%.c
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(RV_CFLAGS) $(FW_RV32_CFLAGS) -c $< -o $@

# The benchmark is compiled for speed, as on cm4.
$(FW_RV32_OUT)/bench/%.c.o: FW_RV32_CFLAGS := -O2
$(FW_RV32_OUT)/cm4/bench/%.c.o: FW_RV32_CFLAGS := -O2
$(FW_RV32_OUT)/bench/bench_main-pmp.c.o: $(FW_RV32_DIR)/bench/bench_main.c
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(RV_CFLAGS) -O2 -DBENCH_PMP -c $< -o $@

$(FW_RV32_OUT)/fwtest.elf: $(FW_RV32_TEST_OBJS) $(FW_RV32_LD)
	$(Q)$(RV_CC) $(RV_CFLAGS) $(FW_RV32_LDFLAGS) -o $@ $(FW_RV32_TEST_OBJS) -lgcc
	$(call cross_listing,$(RV_OBJDUMP))

$(FW_RV32_OUT)/bench.elf: $(FW_RV32_RT_OBJS) $(FW_RV32_OUT)/cm4/bench/workload.c.o \
                          $(FW_RV32_OUT)/bench/bench_main.c.o $(FW_RV32_LD)
	$(Q)$(RV_CC) $(RV_CFLAGS) $(FW_RV32_LDFLAGS) -o $@ $(filter %.o,$^) -lgcc
	$(call cross_listing,$(RV_OBJDUMP))

$(FW_RV32_OUT)/bench-pmp.elf: $(FW_RV32_RT_OBJS) $(FW_RV32_OUT)/cm4/bench/workload.c.o \
                              $(FW_RV32_OUT)/bench/bench_main-pmp.c.o $(FW_RV32_LD)
	$(Q)$(RV_CC) $(RV_CFLAGS) $(FW_RV32_LDFLAGS) -o $@ $(filter %.o,$^) -lgcc
	$(call cross_listing,$(RV_OBJDUMP))

$(FW_RV32_OUT)/hello.elf: $(FW_RV32_RT_OBJS) $(FW_RV32_OUT)/bench/hello.c.o $(FW_RV32_LD)
	$(Q)$(RV_CC) $(RV_CFLAGS) $(FW_RV32_LDFLAGS) -o $@ $(filter %.o,$^) -lgcc
	$(call cross_listing,$(RV_OBJDUMP))

ALL_TARGETS += $(FW_RV32_ELFS)
TEST_SCRIPTS += tests/fw_compare_rv32.sh tests/fw_epmp_rv32.sh
BENCH_SCRIPTS += tools/bench-cpu-rv32.sh
