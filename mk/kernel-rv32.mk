# The kernel for the rv32 board: build/kernel/rv32/kernel.elf (+ .lst, .sym, .map). The same
# kernel/core and kernel/capsules as on cm4, with the RISC-V port (kernel/arch/rv32), the QEMU
# virt chip drivers (kernel/chips/rv32) and the tocksim device drivers the cm4 board uses too.

KERNEL_RV32_OUT := $(B)/kernel/rv32
KERNEL_RV32_ELF := $(KERNEL_RV32_OUT)/kernel.elf
KERNEL_RV32_LD  := boards-virtual/rv32/kernel.ld
KERNEL_RV32_SRCS := $(wildcard kernel/core/*.c kernel/capsules/*.c kernel/chips/rv32/*.c \
                      kernel/arch/rv32/*.c kernel/arch/rv32/*.S) \
                    $(addprefix kernel/chips/cm4/,gpio.c fpgaio.c rng.c kdbg.c radio.c) \
                    boards-virtual/rv32/board.c \
                    boards-virtual/common/board_common.c
KERNEL_RV32_OBJS := $(patsubst %,$(KERNEL_RV32_OUT)/%.o,$(KERNEL_RV32_SRCS))
# The RISC-V GCC ships without C library headers: <string.h> (declarations only; klib.c
# implements memcpy & co) comes from picolibc. -fno-tree-loop-distribute-patterns keeps GCC
# from turning klib's loops back into calls to themselves.
RV_LIBC_INC := /usr/lib/picolibc/riscv64-unknown-elf/include
KERNEL_RV_CFLAGS := $(RV_CFLAGS) -Ikernel/arch/rv32 -isystem $(RV_LIBC_INC) \
                    -fno-tree-loop-distribute-patterns -fno-builtin -O2 -flto
# libgcc (e.g. __ctzsi2) of the rv32imac/ilp32 multilib: GCC 12 does not map the _zicsr
# suffix of -march to it, and -lgcc would find the 64-bit default one.
RV_LIBGCC := $(shell $(RV_CC) -march=rv32imac -mabi=ilp32 -print-libgcc-file-name 2>/dev/null)
KERNEL_RV32_LDFLAGS := -nostdlib -nostartfiles -Wl,--gc-sections -Wl,-T,$(KERNEL_RV32_LD) \
                       -Wl,--no-warn-rwx-segments -Wl,-Map,$(KERNEL_RV32_OUT)/kernel.map

# As on cm4 (mk/kernel.mk): the C library functions stay out of link-time optimisation.
$(KERNEL_RV32_OUT)/kernel/core/klib.c.o: KERNEL_RV_CFLAGS += -fno-lto

$(KERNEL_RV32_OUT)/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(KERNEL_RV_CFLAGS) -c $< -o $@

$(KERNEL_RV32_OUT)/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(KERNEL_RV_CFLAGS) -c $< -o $@

$(KERNEL_RV32_ELF): $(KERNEL_RV32_OBJS) $(KERNEL_RV32_LD)
	$(Q)$(RV_CC) $(KERNEL_RV_CFLAGS) $(KERNEL_RV32_LDFLAGS) -o $@ $(KERNEL_RV32_OBJS) $(RV_LIBGCC)
	$(call cross_listing,$(RV_OBJDUMP))

ALL_TARGETS += $(KERNEL_RV32_ELF)
TEST_TARGETS += $(KERNEL_RV32_ELF)
TEST_SCRIPTS += tests/kernel_qemu_rv32.sh tests/kernel_tocksim_rv32.sh

# The RISC-V port's process-state code (context.c: registers in the context, TRD104 in a0-a4)
# on the host for tests/check_arch_rv32.c, its arch_* names changed (tests/arch_rv32_names.h)
# so it links next to the Cortex-M port's that the kernel fixture uses.
KERNEL_RV32_HOST_OBJS := $(B)/host-rv32/kernel/arch/rv32/context.o
$(B)/host-rv32/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_CFLAGS) -Ikernel/arch/rv32 -include tests/arch_rv32_names.h -c $< -o $@
$(B)/host/tests/check_arch_rv32.o: HOST_CFLAGS += -Ikernel/arch/rv32 \
                                                 -include tests/arch_rv32_names.h
CHECK_EXTRA_OBJS += $(KERNEL_RV32_HOST_OBJS)
$(B)/check_runner: $(KERNEL_RV32_HOST_OBJS)
