# RISC-V apps: the same apps/<name>/*.c sources as for cm4, with libtock's RISC-V crt0 and
# system calls (apps/libtock/rv32/).
#
# RISC-V apps are linked for fixed addresses (doc/kernel-rv32.md), as libtock-c builds them:
# each app is linked once per slot k = 0..7, as tockloader's TABs carry one TBF per address,
# to build/apps/rv32/slot<k>/<name>.tbf: binary at RV_APP_FLASH_BASE + k * RV_APP_SLOT + 0x80
# (the TBF header fills the 0x80 bytes before it), process RAM at RV_APP_RAM_BASE +
# k * RV_APP_RAM_SLOT. Every TBF is exactly RV_APP_SLOT bytes (app.ld pads small apps) and
# asks for at most half a RAM slot (the kernel's process block is twice the app's page-rounded
# RAM: grants and upcall queue above the break), so apps listed in slot order (slot0/a.tbf
# slot1/b.tbf ...) land where they were linked: tocksim's --app and mkappflash place an image
# with a fixed flash address there (tbfimg_place). Slot 0 also goes to build/apps/rv32/<name>.tbf (with .elf, .lst, .sym).
# (This fragment is read before mk/apps.mk: it names the app list and tools itself.)

RV_ALL_APPS       := $(sort $(patsubst apps/%/main.c,%,$(wildcard apps/*/main.c)))
RV_ELF2TBF        := $(B)/tools/elf2tbf
RV_APP_OUT        := $(B)/apps/rv32
RV_APP_SLOTS      := 0 1 2 3 4 5 6 7
RV_APP_FLASH_BASE := 0x80100000
RV_APP_SLOT       := 0x2000
RV_APP_RAM_BASE   := 0x80210000
RV_APP_RAM_SLOT   := 0x2000
RV_APP_HEADER     := 0x80
# APP_HEAPS in the link = --app-heap + --kernel-heap of APP_TBF_FLAGS (mk/apps.mk); an app
# with its own heap flags sets it again in RV_APP_LDFLAGS_<name> (the later --defsym wins).
RV_APPS           := $(RV_ALL_APPS)

RV_GCC_INC := $(shell $(RV_CC) -print-file-name=include 2>/dev/null)
RV_APP_CFLAGS := $(RV_CFLAGS) -fno-unwind-tables -fno-asynchronous-unwind-tables \
                 -fno-tree-loop-distribute-patterns -nostdinc -isystem $(RV_GCC_INC) \
                 -isystem $(RV_GCC_INC)-fixed -Iapps/libtock -Iapps/libtock/libc/include
RV_APP_LD := apps/libtock/rv32/app.ld
rv_hex = $(shell printf '0x%08x' $$(( $(1) )))
RV_APP_LDFLAGS := -nostdlib -nostartfiles -Wl,-T,$(RV_APP_LD) -Wl,--gc-sections \
                  -Wl,--no-warn-rwx-segments \
                  -Wl,--defsym=APP_FLASH_SIZE=$(call rv_hex,$(RV_APP_SLOT) - $(RV_APP_HEADER)) \
                  -Wl,--defsym=APP_MIN_BINARY=$(call rv_hex,$(RV_APP_SLOT) / 2 - $(RV_APP_HEADER)) \
                  -Wl,--defsym=APP_RAM_SIZE=$(RV_APP_RAM_SLOT) -Wl,--defsym=APP_HEAPS=2048

RV_LIBTOCK_SRCS := $(filter-out apps/libtock/syscalls.c,$(wildcard apps/libtock/*.c \
                   apps/libtock/libc/*.c)) apps/libtock/rv32/syscalls.c
RV_LIBTOCK_OBJS := $(patsubst apps/%.c,$(RV_APP_OUT)/%.o,$(RV_LIBTOCK_SRCS))
RV_LIBTOCK_A    := $(RV_APP_OUT)/libtock/libtock.a
RV_APP_CRT0     := $(RV_APP_OUT)/libtock/rv32/crt0.o

$(RV_APP_OUT)/%.o: apps/%.c
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(RV_APP_CFLAGS) -c $< -o $@

$(RV_APP_CRT0): apps/libtock/rv32/crt0.S
	@mkdir -p $(dir $@)
	$(Q)$(RV_CC) $(RV_APP_CFLAGS) -c $< -o $@

$(RV_LIBTOCK_A): $(RV_LIBTOCK_OBJS)
	$(Q)rm -f $@ && $(patsubst %gcc,%ar,$(RV_CC)) rcs $@ $^

# rv_app_slot NAME K: link the app for slot K, pack it, check the TBF fills the slot.
define rv_app_slot
$(RV_APP_OUT)/slot$(2)/$(1).elf: $(patsubst apps/%.c,$(RV_APP_OUT)/%.o,$(wildcard apps/$(1)/*.c)) \
                                 $(RV_APP_CRT0) $(RV_LIBTOCK_A) $(RV_APP_LD) mk/apps-rv32.mk
	@mkdir -p $$(dir $$@)
	$$(Q)$$(RV_CC) $$(RV_APP_CFLAGS) $$(RV_APP_LDFLAGS) \
	    -Wl,--defsym=APP_FLASH=$(call rv_hex,$(RV_APP_FLASH_BASE) + $(2) * $(RV_APP_SLOT) + $(RV_APP_HEADER)) \
	    -Wl,--defsym=APP_RAM=$(call rv_hex,$(RV_APP_RAM_BASE) + $(2) * $(RV_APP_RAM_SLOT)) \
	    -Wl,--defsym=STACK_SIZE=$$(or $$(APP_STACK_$(1)),$$(APP_STACK_DEFAULT)) \
	    $$(RV_APP_LDFLAGS_$(1)) -o $$@ $(RV_APP_CRT0) $(patsubst apps/%.c,$(RV_APP_OUT)/%.o,$(wildcard apps/$(1)/*.c)) \
	    $(RV_LIBTOCK_A) $$(RV_LIBGCC)

$(RV_APP_OUT)/slot$(2)/$(1).tbf: $(RV_APP_OUT)/slot$(2)/$(1).elf $(RV_ELF2TBF) mk/apps-rv32.mk
	$$(Q)$$(RV_ELF2TBF) -n $(1) $$(APP_TBF_FLAGS) $$(APP_TBF_FLAGS_$(1)) \
	    --protected-region-size $(RV_APP_HEADER) \
	    --fixed-flash $(call rv_hex,$(RV_APP_FLASH_BASE) + $(2) * $(RV_APP_SLOT) + $(RV_APP_HEADER)) \
	    --fixed-ram $(call rv_hex,$(RV_APP_RAM_BASE) + $(2) * $(RV_APP_RAM_SLOT)) -o $$@ $$<
	@[ $$$$(stat -c %s $$@) -eq $$$$(( $(RV_APP_SLOT) )) ] || \
	    { echo "$$@: TBF is not $(RV_APP_SLOT) bytes: raise RV_APP_SLOT in mk/apps-rv32.mk" >&2; \
	      rm -f $$@; exit 1; }
	@ram=$$$$($$(RV_ELF2TBF) --dump $$@ | sed -n 's/.*minimum_ram_size \([0-9]*\).*/\1/p'); \
	[ "$$$$ram" -le $$$$(( $(RV_APP_RAM_SLOT) / 2 )) ] || \
	    { echo "$$@: needs $$$$ram bytes of RAM: raise RV_APP_RAM_SLOT in mk/apps-rv32.mk" >&2; \
	      rm -f $$@; exit 1; }
endef

# Slot 0 is also the app's plain name, with listings.
define rv_app_rules
$(foreach k,$(RV_APP_SLOTS),$(eval $(call rv_app_slot,$(1),$(k))))
$(RV_APP_OUT)/$(1).elf: $(RV_APP_OUT)/slot0/$(1).elf
	$$(Q)cp $$< $$@
	$$(call cross_listing,$$(RV_OBJDUMP))
$(RV_APP_OUT)/$(1).tbf: $(RV_APP_OUT)/slot0/$(1).tbf $(RV_APP_OUT)/$(1).elf
	$$(Q)cp $$< $$@
endef
$(foreach a,$(RV_APPS),$(eval $(call rv_app_rules,$(a))))

.PHONY: apps-rv32
RV_APP_TBFS := $(foreach a,$(RV_APPS),$(RV_APP_OUT)/$(a).tbf \
                 $(foreach k,$(RV_APP_SLOTS),$(RV_APP_OUT)/slot$(k)/$(a).tbf))
apps-rv32: $(RV_APP_TBFS)

ALL_TARGETS  += $(RV_APP_TBFS)
TEST_TARGETS += $(RV_APP_TBFS)
