# Bare-metal cm4 firmware: the QEMU/tocksim cross-check (tests/firmware/cm4) and the CPU
# benchmark images (tests/firmware/cm4/bench). See tests/firmware/cm4/README.md.

FW_CM4_DIR := tests/firmware/cm4
FW_CM4_OUT := $(B)/firmware/cm4
FW_CM4_LD  := $(FW_CM4_DIR)/link.ld
FW_CM4_LDFLAGS := -nostdlib -nostartfiles -Wl,--gc-sections -Wl,-T,$(FW_CM4_LD) \
                  -Wl,--no-warn-rwx-segments
# Runtime shared by every image: vectors/reset, UART, formatter, exit.
FW_CM4_RT := start.c start_asm.S uart.c fmt.c board.c check.c mem.c unpriv.S

FW_CM4_TEST_SRCS := $(FW_CM4_RT) main.c test_uart.c test_timer.c test_systick.c test_nvic.c \
                    test_svc.c test_mpu.c test_fault.c fault.c probes.S
FW_CM4_TEST_OBJS := $(patsubst %,$(FW_CM4_OUT)/%.o,$(FW_CM4_TEST_SRCS))
FW_CM4_RT_OBJS   := $(patsubst %,$(FW_CM4_OUT)/%.o,$(FW_CM4_RT))
FW_CM4_BENCH_OBJS := $(FW_CM4_OUT)/bench/workload.c.o $(FW_CM4_OUT)/bench/bench_main.c.o

FW_CM4_ELFS := $(FW_CM4_OUT)/fwtest.elf $(FW_CM4_OUT)/bench.elf $(FW_CM4_OUT)/bench-mpu.elf \
               $(FW_CM4_OUT)/hello.elf

$(FW_CM4_OUT)/%.c.o: $(FW_CM4_DIR)/%.c
	@mkdir -p $(dir $@)
	$(Q)$(ARM_CC) $(ARM_CFLAGS) $(FW_CM4_CFLAGS) -c $< -o $@

$(FW_CM4_OUT)/%.S.o: $(FW_CM4_DIR)/%.S
	@mkdir -p $(dir $@)
	$(Q)$(ARM_CC) $(ARM_CFLAGS) -c $< -o $@

# The benchmark is compiled for speed; the MPU variant of its main turns the MPU on.
$(FW_CM4_OUT)/bench/%.c.o: FW_CM4_CFLAGS := -O2
$(FW_CM4_OUT)/bench/bench_main-mpu.c.o: $(FW_CM4_DIR)/bench/bench_main.c
	@mkdir -p $(dir $@)
	$(Q)$(ARM_CC) $(ARM_CFLAGS) -O2 -DBENCH_MPU -c $< -o $@

$(FW_CM4_OUT)/fwtest.elf: $(FW_CM4_TEST_OBJS) $(FW_CM4_LD)
	$(Q)$(ARM_CC) $(ARM_CFLAGS) $(FW_CM4_LDFLAGS) -o $@ $(FW_CM4_TEST_OBJS) -lgcc
	$(call cross_listing,$(ARM_OBJDUMP))

$(FW_CM4_OUT)/bench.elf: $(FW_CM4_RT_OBJS) $(FW_CM4_BENCH_OBJS) $(FW_CM4_LD)
	$(Q)$(ARM_CC) $(ARM_CFLAGS) $(FW_CM4_LDFLAGS) -o $@ $(FW_CM4_RT_OBJS) $(FW_CM4_BENCH_OBJS) -lgcc
	$(call cross_listing,$(ARM_OBJDUMP))

$(FW_CM4_OUT)/bench-mpu.elf: $(FW_CM4_RT_OBJS) $(FW_CM4_OUT)/bench/workload.c.o \
                             $(FW_CM4_OUT)/bench/bench_main-mpu.c.o $(FW_CM4_LD)
	$(Q)$(ARM_CC) $(ARM_CFLAGS) $(FW_CM4_LDFLAGS) -o $@ $(FW_CM4_RT_OBJS) \
	    $(FW_CM4_OUT)/bench/workload.c.o $(FW_CM4_OUT)/bench/bench_main-mpu.c.o -lgcc
	$(call cross_listing,$(ARM_OBJDUMP))

$(FW_CM4_OUT)/hello.elf: $(FW_CM4_RT_OBJS) $(FW_CM4_OUT)/bench/hello.c.o $(FW_CM4_LD)
	$(Q)$(ARM_CC) $(ARM_CFLAGS) $(FW_CM4_LDFLAGS) -o $@ $(FW_CM4_RT_OBJS) \
	    $(FW_CM4_OUT)/bench/hello.c.o -lgcc
	$(call cross_listing,$(ARM_OBJDUMP))

ALL_TARGETS   += $(FW_CM4_ELFS)
TEST_SCRIPTS  += tests/fw_compare_cm4.sh
BENCH_SCRIPTS += tools/bench-cpu.sh

# The engine alone, for the CPU benchmarks' baseline (tools/bench-cpu.sh): Unicorn without
# tocksim's machine, with and without an empty block hook.
$(B)/tools/uc-floor: $(B)/host/sim/bench/uc-floor.o $(B)/host/sim/core/host_heap.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) -no-pie -o $@ $^ $(UC_LIBS)

ALL_TARGETS += $(B)/tools/uc-floor
