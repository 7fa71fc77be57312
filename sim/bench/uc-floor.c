/* uc-floor: runs a bare-metal benchmark ELF on Unicorn alone -- no exception model, MPU, devices
 * or instruction counting -- so tools/bench-cpu.sh can print what the engine itself costs beside
 * tocksim and QEMU. With --hook, an empty block hook is added: the price of the per-block call
 * tocksim needs to count instructions. Only what the CPU benchmarks use is modelled: flash and RAM,
 * the console UART (bytes to stdout), the exit (cm4: semihosting SYS_EXIT; rv32: sifive_test),
 * and every other device reading as 0.
 *
 *   uc-floor [--hook] cm4|rv32 FILE.elf
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicorn/unicorn.h>

#include "boards-virtual/cm4/memmap.h"
#include "boards-virtual/rv32/memmap.h"
#include "sim/core/host_heap.h"

#define EXCP_BKPT 7                 /* QEMU's ARM exception number for bkpt (UC_HOOK_INTR) */
#define SEMI_SYS_EXIT 0x18u
#define SEMI_SYS_EXIT_EXTENDED 0x20u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

struct floor { uc_engine *uc; int exit_code; uint32_t uart; uint8_t lcr; };

static uint64_t read_zero(uc_engine *uc, uint64_t off, unsigned size, void *ud)
{
    (void)uc, (void)off, (void)size, (void)ud;
    return 0;
}

/* The console: THR / DATA at offset 0 of the UART; the rest of the window ignores writes. */
static void write_uart(uc_engine *uc, uint64_t off, unsigned size, uint64_t value, void *ud)
{
    struct floor *f = ud;
    (void)uc, (void)size;
    if (off == f->uart)
        putchar((int)(value & 0xff));
}

/* NS16550A: offset 0 is THR unless LCR.DLAB (bit 7) selects the divisor latch. */
static void write_ns16550(uc_engine *uc, uint64_t off, unsigned size, uint64_t value, void *ud)
{
    struct floor *f = ud;
    (void)uc, (void)size;
    if (off == 3)
        f->lcr = (uint8_t)value;
    else if (off == 0 && !(f->lcr & 0x80))
        putchar((int)(value & 0xff));
}

static uint64_t read_ns16550(uc_engine *uc, uint64_t off, unsigned size, void *ud)
{
    (void)uc, (void)size, (void)ud;
    return off == 5 ? 0x60 : 0;     /* LSR: THRE | TEMT */
}

/* sifive_test: 0x5555 passes, (code << 16) | 0x3333 fails with code. */
static void write_test(uc_engine *uc, uint64_t off, unsigned size, uint64_t value, void *ud)
{
    struct floor *f = ud;
    (void)off, (void)size;
    f->exit_code = (value & 0xffff) == 0x5555 ? 0 : (int)((value >> 16) & 0xff);
    uc_emu_stop(uc);
}

static void on_intr(uc_engine *uc, uint32_t intno, void *ud)
{
    struct floor *f = ud;
    uint32_t r0 = 0, r1 = 0, pc = 0, w[2] = { 0, 0 };
    uc_reg_read(uc, UC_ARM_REG_R0, &r0);
    uc_reg_read(uc, UC_ARM_REG_R1, &r1);
    if (intno == EXCP_BKPT && r0 == SEMI_SYS_EXIT) {
        f->exit_code = r1 == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1;
    } else if (intno == EXCP_BKPT && r0 == SEMI_SYS_EXIT_EXTENDED) {
        uc_mem_read(uc, r1, w, sizeof(w));
        f->exit_code = w[0] == ADP_STOPPED_APPLICATION_EXIT ? (int)w[1] : 1;
    } else {
        uc_reg_read(uc, UC_ARM_REG_PC, &pc);
        fprintf(stderr, "uc-floor: unexpected CPU exception %u at 0x%08x\n", intno, pc);
        f->exit_code = 125;
    }
    uc_emu_stop(uc);
}

static void empty_block_hook(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    (void)uc, (void)addr, (void)size, (void)ud;
}

/* Copies the ELF's loadable segments into the mapped memory; the entry point, or 0 on error. */
static uint32_t load_elf(uc_engine *uc, const char *path)
{
    FILE *file = fopen(path, "rb");
    static unsigned char buf[4 << 20];
    size_t len = file ? fread(buf, 1, sizeof(buf), file) : 0;
    if (file)
        fclose(file);
    const Elf32_Ehdr *eh = (const void *)buf;
    if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0) {
        fprintf(stderr, "uc-floor: %s: not an ELF file\n", path);
        return 0;
    }
    for (int i = 0; i < eh->e_phnum; i++) {
        const Elf32_Phdr *ph = (const void *)(buf + eh->e_phoff + (size_t)i * eh->e_phentsize);
        if (ph->p_type == PT_LOAD && ph->p_filesz &&
            uc_mem_write(uc, ph->p_paddr, buf + ph->p_offset, ph->p_filesz) != UC_ERR_OK) {
            fprintf(stderr, "uc-floor: %s: segment at 0x%08x is outside memory\n", path, ph->p_paddr);
            return 0;
        }
    }
    return eh->e_entry | 1u;
}

static uint32_t setup_cm4(struct floor *f, const char *elf)
{
    uint32_t sp = 0, pc = 0;
    uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &f->uc);          /* an M4, as tocksim (sim/cpu/cortexm/cortexm.c) */
    uc_ctl_set_tcg_buffer_size(f->uc, 8u << 20);           /* as tocksim */
    if (uc_ctl_set_cpu_model(f->uc, UC_CPU_ARM_CORTEX_M4) != UC_ERR_OK) {
        fprintf(stderr, "uc-floor: Unicorn has no Cortex-M4 model\n");
        exit(1);
    }
    uc_mem_map(f->uc, CM4_FLASH_BASE, CM4_FLASH_SIZE, UC_PROT_ALL);
    uc_mem_map(f->uc, CM4_RAM_BASE, CM4_RAM_SIZE, UC_PROT_ALL);
    f->uart = CM4_UART0_BASE - CM4_TIMER0_BASE;
    uc_mmio_map(f->uc, CM4_TIMER0_BASE, 0x40000, read_zero, f, write_uart, f);
    uc_hook hook;
    uc_hook_add(f->uc, &hook, UC_HOOK_INTR, on_intr, f, 1, 0);
    if (!load_elf(f->uc, elf))
        return 0;
    uc_mem_read(f->uc, CM4_FLASH_BASE, &sp, 4);             /* the vector table: SP, reset */
    uc_mem_read(f->uc, CM4_FLASH_BASE + 4, &pc, 4);
    uc_reg_write(f->uc, UC_ARM_REG_SP, &sp);
    return pc | 1u;
}

static uint32_t setup_rv32(struct floor *f, const char *elf)
{
    uc_open(UC_ARCH_RISCV, UC_MODE_RISCV32, &f->uc);
    uc_ctl_set_tcg_buffer_size(f->uc, 32u << 20);          /* as tocksim */
    uc_ctl_set_cpu_model(f->uc, UC_CPU_RISCV32_SIFIVE_E31);
    uc_mem_map(f->uc, RV32_FLASH_BASE, RV32_FLASH_SIZE, UC_PROT_ALL);
    uc_mem_map(f->uc, RV32_RAM_BASE, RV32_RAM_SIZE, UC_PROT_ALL);
    f->uart = UINT32_MAX;                                   /* no console in the window below */
    uc_mmio_map(f->uc, RV32_UART0_BASE, 0x1000, read_ns16550, f, write_ns16550, f);
    uc_mmio_map(f->uc, RV32_TEST_BASE, 0x1000, read_zero, f, write_test, f);
    uc_mmio_map(f->uc, RV32_FINISHER_BASE & ~0xfffu, 0x1000, read_zero, f, write_uart, f);
    uint32_t entry = load_elf(f->uc, elf);
    return entry & ~1u;
}

int main(int argc, char **argv)
{
    host_heap_prefer_huge_pages();      /* the same host heap as tocksim: a like-for-like floor */
    struct floor f = { 0 };
    int a = 1;
    bool hook = a < argc && strcmp(argv[a], "--hook") == 0 && ++a;
    if (argc - a != 2 || (strcmp(argv[a], "cm4") && strcmp(argv[a], "rv32"))) {
        fprintf(stderr, "usage: uc-floor [--hook] cm4|rv32 FILE.elf\n");
        return 2;
    }
    bool cm4 = strcmp(argv[a], "cm4") == 0;
    uint32_t start = cm4 ? setup_cm4(&f, argv[a + 1]) : setup_rv32(&f, argv[a + 1]);
    if (!start)
        return 2;
    uc_hook block;
    if (hook)
        uc_hook_add(f.uc, &block, UC_HOOK_BLOCK, empty_block_hook, NULL, 1, 0);
    uc_err e = uc_emu_start(f.uc, start, 0, 0, 0);
    fflush(stdout);
    if (e != UC_ERR_OK) {
        fprintf(stderr, "uc-floor: Unicorn stopped: %s\n", uc_strerror(e));
        return 125;
    }
    uc_close(f.uc);
    return f.exit_code;
}
