# Userland: the host tools elf2tbf and mkappflash, apps/libtock, the example apps (each to
# build/apps/<name>.elf/.lst/.sym/.tbf) and build/apps/blob.bin, a flash image of the demo set
# for the apps region (0x40000). See doc/userland.md and doc/elf2tbf.md.

# ---- host tools ---------------------------------------------------------------------------------
ELF2TBF    := $(B)/tools/elf2tbf
MKAPPFLASH := $(B)/tools/mkappflash
# lib/ (TBF and TAB formats) is shared with the simulator; every tool links all of it.
HOST_LIB_OBJS    := $(patsubst %.c,$(B)/host/%.o,$(wildcard lib/*/*.c))
ELF2TBF_LIB_OBJS := $(patsubst %.c,$(B)/host/%.o,$(filter-out tools/elf2tbf/main.c,\
                    $(wildcard tools/elf2tbf/*.c))) $(HOST_LIB_OBJS)

$(ELF2TBF): $(B)/host/tools/elf2tbf/main.o $(ELF2TBF_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -o $@ $^

$(MKAPPFLASH): $(B)/host/tools/mkappflash.o $(HOST_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -o $@ $^

# tests/check_elf2tbf.c links the converter (lib/ is in libtocksim.a already). (The runner's
# prerequisites were expanded before this fragment was read, so name them here too.)
ELF2TBF_TOOL_OBJS := $(filter-out $(HOST_LIB_OBJS),$(ELF2TBF_LIB_OBJS))
CHECK_EXTRA_OBJS += $(ELF2TBF_TOOL_OBJS)
$(B)/check_runner: $(ELF2TBF_TOOL_OBJS)

# ---- apps ---------------------------------------------------------------------------------------
# Every folder apps/<name>/ with a main.c is an app (libtock is the library).
APPS        := $(sort $(patsubst apps/%/main.c,%,$(wildcard apps/*/main.c)))
APP_OUT     := $(B)/apps
APP_LD      := apps/libtock/app.ld
APP_AR      := $(patsubst %gcc,%ar,$(ARM_CC))
APP_GCC_INC := $(shell $(ARM_CC) -print-file-name=include 2>/dev/null)

# Position-independent like libtock-c's ARM builds: data through the GOT at r9, which crt0
# sets; no newlib/picolibc (not PIC), our own headers only (apps/libtock/libc/include).
# DWARF 4: GDB 13 loses the line tables of DWARF 5 units with address ranges when an app's
# symbols are loaded at its real address (add-symbol-file with offsets, doc/debugging.md):
# "Internal error: pc ... in read in CU, but not in symtab" and no source lines.
APP_CFLAGS := $(ARM_CFLAGS) -gdwarf-4 -fPIC -msingle-pic-base -mpic-register=r9 \
              -mno-pic-data-is-text-relative -fno-unwind-tables -fno-asynchronous-unwind-tables \
              -fno-tree-loop-distribute-patterns -nostdinc -isystem $(APP_GCC_INC) \
              -isystem $(APP_GCC_INC)-fixed -Iapps/libtock -Iapps/libtock/libc/include
APP_LDFLAGS := -nostdlib -nostartfiles -Wl,-T,$(APP_LD) -Wl,--gc-sections -Wl,--emit-relocs \
               -Wl,--no-warn-rwx-segments
APP_STACK_DEFAULT := 1024
# elf2tbf: Tock 2.x ABI; heap and grant reserve per app (override APP_TBF_FLAGS_<name>).
APP_TBF_FLAGS := --kernel-version 2.0 --app-heap 1024 --kernel-heap 1024

LIBTOCK_SRCS := $(wildcard apps/libtock/*.c apps/libtock/libc/*.c)
LIBTOCK_OBJS := $(patsubst apps/%.c,$(APP_OUT)/%.o,$(LIBTOCK_SRCS))
LIBTOCK_A    := $(APP_OUT)/libtock/libtock.a
APP_CRT0     := $(APP_OUT)/libtock/crt0.o

$(APP_OUT)/%.o: apps/%.c
	@mkdir -p $(dir $@)
	$(Q)$(ARM_CC) $(APP_CFLAGS) -c $< -o $@

$(APP_CRT0): apps/libtock/crt0.S
	@mkdir -p $(dir $@)
	$(Q)$(ARM_CC) $(APP_CFLAGS) -c $< -o $@

$(LIBTOCK_A): $(LIBTOCK_OBJS)
	$(Q)rm -f $@ && $(APP_AR) rcs $@ $^

# One link rule per app: its objects, crt0 and libtock; stack size APP_STACK_<name>.
define app_rules
$(APP_OUT)/$(1).elf: $(patsubst apps/%.c,$(APP_OUT)/%.o,$(wildcard apps/$(1)/*.c)) \
                     $(APP_CRT0) $(LIBTOCK_A) $(APP_LD)
	$$(Q)$$(ARM_CC) $$(APP_CFLAGS) $$(APP_LDFLAGS) \
	    -Wl,--defsym=STACK_SIZE=$$(or $$(APP_STACK_$(1)),$$(APP_STACK_DEFAULT)) \
	    -o $$@ $(APP_CRT0) $(patsubst apps/%.c,$(APP_OUT)/%.o,$(wildcard apps/$(1)/*.c)) \
	    $(LIBTOCK_A) -lgcc
	$$(call cross_listing,$$(ARM_OBJDUMP))
endef
$(foreach a,$(APPS),$(eval $(call app_rules,$(a))))

$(APP_OUT)/%.tbf: $(APP_OUT)/%.elf $(ELF2TBF)
	$(Q)$(ELF2TBF) -n $* $(APP_TBF_FLAGS) $(APP_TBF_FLAGS_$*) -o $@ $<

# The demo flash image: apps laid out from 0x40000 (mkappflash; same rule as tocksim --app).
APPS_BLOB ?= hello blink buttons timers console-a console-b
$(APP_OUT)/blob.bin: $(patsubst %,$(APP_OUT)/%.tbf,$(APPS_BLOB)) $(MKAPPFLASH)
	$(Q)$(MKAPPFLASH) -o $@ $(filter %.tbf,$^)

APP_TBFS := $(patsubst %,$(APP_OUT)/%.tbf,$(APPS))
.PHONY: apps
apps: $(APP_TBFS) $(APP_OUT)/blob.bin

ALL_TARGETS  += $(ELF2TBF) $(MKAPPFLASH) $(APP_TBFS) $(APP_OUT)/blob.bin
TEST_TARGETS += $(APP_TBFS) $(MKAPPFLASH)
TEST_SCRIPTS += tools/elf2tbf/check-apps.sh apps/test-qemu.sh tests/tab.sh
