# The kernel for the cm4 board: build/kernel/cm4/kernel.elf (+ .lst, .sym, .bin), host builds
# of the portable kernel code for the unit tests, and the QEMU whole-system test.

KERNEL_CM4_OUT := $(B)/kernel/cm4
KERNEL_CM4_ELF := $(KERNEL_CM4_OUT)/kernel.elf
KERNEL_CM4_LD  := boards-virtual/cm4/kernel.ld
KERNEL_CM4_SRCS := $(wildcard kernel/core/*.c kernel/capsules/*.c kernel/chips/cm4/*.c \
                     kernel/arch/cortex-m/*.c kernel/arch/cortex-m/*.S) \
                   boards-virtual/cm4/board.c \
                   boards-virtual/common/board_common.c
KERNEL_CM4_OBJS := $(patsubst %,$(KERNEL_CM4_OUT)/%.o,$(KERNEL_CM4_SRCS))
# klib.c implements memcpy & co: keep GCC from turning its loops back into calls to them.
KERNEL_ARM_CFLAGS := $(ARM_CFLAGS) -Ikernel/arch/cortex-m -fno-tree-loop-distribute-patterns \
                     -fno-builtin -O2 -flto
KERNEL_CM4_LDFLAGS := -nostdlib -nostartfiles -Wl,--gc-sections -Wl,-T,$(KERNEL_CM4_LD) \
                      -Wl,--no-warn-rwx-segments -Wl,-Map,$(KERNEL_CM4_OUT)/kernel.map

# The C library functions stay out of link-time optimisation: the code generator calls memcpy and
# memset after LTO has dropped them as unused.
$(KERNEL_CM4_OUT)/kernel/core/klib.c.o: KERNEL_ARM_CFLAGS += -fno-lto

$(KERNEL_CM4_OUT)/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(ARM_CC) $(KERNEL_ARM_CFLAGS) -c $< -o $@

$(KERNEL_CM4_OUT)/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(Q)$(ARM_CC) $(KERNEL_ARM_CFLAGS) -c $< -o $@

$(KERNEL_CM4_ELF): $(KERNEL_CM4_OBJS) $(KERNEL_CM4_LD)
	$(Q)$(ARM_CC) $(KERNEL_ARM_CFLAGS) $(KERNEL_CM4_LDFLAGS) -o $@ $(KERNEL_CM4_OBJS) -lgcc
	$(call cross_listing,$(ARM_OBJDUMP))

ALL_TARGETS += $(KERNEL_CM4_ELF)

# Portable kernel code compiled for the host (tests/check_kernel_*.c). Of the Cortex-M port,
# mpu_layout.c (pure region arithmetic) and context.c (trap frames in process memory, which
# the fixture places in host memory below 4 GiB) run on the host too.
KERNEL_HOST_SRCS := kernel/core/tbf.c kernel/core/syscall.c kernel/core/upcall.c \
                    kernel/core/grant.c kernel/core/memop.c kernel/core/process.c \
                    kernel/core/kprintf.c kernel/core/deferred.c kernel/core/kernel.c \
                    kernel/core/sched.c kernel/core/fault.c $(wildcard kernel/capsules/*.c) \
                    kernel/arch/cortex-m/mpu_layout.c kernel/arch/cortex-m/context.c
# tests/kernel_fixture.c is the fake board every check_kernel_*.c shares, kernel_fake_hil.c
# the fake devices behind the capsules.
KERNEL_HOST_OBJS := $(patsubst %.c,$(B)/host/%.o,$(KERNEL_HOST_SRCS) tests/kernel_fixture.c \
                      tests/kernel_fake_hil.c)
$(KERNEL_HOST_OBJS): HOST_CFLAGS += -Ikernel/arch/cortex-m
$(B)/host/tests/check_kernel_%.o: HOST_CFLAGS += -Ikernel/arch/cortex-m
# Linked into the unit-test runner only once kernel tests (which provide the arch stubs) exist.
ifneq ($(wildcard tests/check_kernel_*.c),)
CHECK_EXTRA_OBJS += $(KERNEL_HOST_OBJS)
$(B)/check_runner: $(KERNEL_HOST_OBJS)
endif

TEST_TARGETS += $(KERNEL_CM4_ELF)
TEST_SCRIPTS += tests/kernel_qemu_cm4.sh tests/kernel_tocksim_cm4.sh

# Instructions per null syscall and per context switch on tocksim, kernel footprint.
BENCH_SCRIPTS += tests/kernel_bench_cm4.sh
