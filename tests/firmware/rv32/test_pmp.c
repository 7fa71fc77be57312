/* PMP (privileged spec 3.7): CSR readback, NA4/TOR/NAPOT matching, R/W/X for user mode, the
 * lock bit binding machine mode, no match = denied for user mode, exact mtval, a sub-page
 * execute boundary, priority of the lowest-numbered entry. Smepmp's mseccfg exists on tocksim
 * only (QEMU 7.2's virt CPU has no Smepmp): those lines are QEMU-DIFF. */

#include "tests/firmware/rv32/fw.h"
#include "tests/firmware/rv32/rv32.h"

uint32_t probe_lw(uint32_t addr), probe_clw(uint32_t addr);
void probe_sw(uint32_t addr), probe_csw(uint32_t addr);

#define A(f) ((uint32_t)(uintptr_t)(f))
#define NAPOT(base, size) (((base) + (size) / 2 - 1) >> 2)
#define NA4 0x10u
#define TOR 0x08u
#define NAPOT_A 0x18u
#define R 1u
#define W 2u
#define X 4u
#define L 0x80u

static uint8_t region[8192] __attribute__((aligned(4096)));
extern char __user_stack_top[];

static uint32_t user_read(uint32_t addr) { probe_lw(addr); return 0; }
static uint32_t user_write(uint32_t addr) { probe_sw(addr); return 0; }
static uint32_t user_cread(uint32_t addr) { probe_clw(addr); return 0; }
static uint32_t user_cwrite(uint32_t addr) { probe_csw(addr); return 0; }

/* One user-mode access: "ok", or the fault with its exact mepc and mtval. */
static void user_probe(const char *what, uint32_t (*fn)(uint32_t), uint32_t addr, uint32_t cause,
                       uint32_t probe)
{
    last_trap.mcause = 0;
    uint32_t r = user_call(fn, addr);
    struct trap_record t = { last_trap.mcause, last_trap.mepc, last_trap.mtval, last_trap.mstatus };
    if (!cause) {
        check_eq(r == USER_FAULTED ? t.mcause : 0, 0, "%s 0x%08lx: allowed", what, addr);
        return;
    }
    check_eq(r == USER_FAULTED ? t.mcause : 0, cause, "%s 0x%08lx: mcause", what, addr);
    check_eq(t.mepc, probe ? probe : addr, "%s 0x%08lx: mepc", what, addr);
    check_eq(t.mtval, addr, "%s 0x%08lx: mtval", what, addr);
}

/* User mode runs the code at target (a c.jr ra there returns): "ok", or the instruction
 * access fault with mepc = mtval = where the fetch was refused. */
static void exec_probe(const char *what, uint32_t target, uint32_t fault_at)
{
    last_trap.mcause = 0;
    uint32_t r = user_call((uint32_t (*)(uint32_t))(uintptr_t)target, 7);
    struct trap_record t = { last_trap.mcause, last_trap.mepc, last_trap.mtval, last_trap.mstatus };
    if (!fault_at) {
        check_eq(r, 7, "%s 0x%08lx: runs", what, target);
        return;
    }
    check_eq(r == USER_FAULTED ? t.mcause : 0, 1, "%s 0x%08lx: mcause", what, target);
    check_eq(t.mepc, fault_at, "%s 0x%08lx: mepc", what, target);
    check_eq(t.mtval, fault_at, "%s 0x%08lx: mtval", what, target);
}

static void set_cfg(int i, uint32_t cfg)
{
    uint32_t shift = 8u * (uint32_t)(i % 4);
    switch (i / 4) {
    case 0: csr_clear(pmpcfg0, 0xffu << shift); csr_set(pmpcfg0, cfg << shift); break;
    case 1: csr_clear(pmpcfg1, 0xffu << shift); csr_set(pmpcfg1, cfg << shift); break;
    case 2: csr_clear(pmpcfg2, 0xffu << shift); csr_set(pmpcfg2, cfg << shift); break;
    default: csr_clear(pmpcfg3, 0xffu << shift); csr_set(pmpcfg3, cfg << shift); break;
    }
}

static void setup(uint32_t base)
{
    uint32_t ustack = A(__user_stack_top) - 4096;
    csr_write(pmpaddr0, NAPOT(0x80000000u, 0x100000u));     /* flash: RX */
    csr_write(pmpaddr1, NAPOT(ustack, 4096u));               /* user stack: RW */
    csr_write(pmpaddr2, (base + 0x10) >> 2);                 /* NA4: R */
    csr_write(pmpaddr3, (base + 0x100) >> 2);                /* TOR bottom */
    csr_write(pmpaddr4, (base + 0x140) >> 2);                /* TOR top: RW */
    csr_write(pmpaddr5, NAPOT(base + 0x400, 32u));           /* 32 B RW ... */
    csr_write(pmpaddr6, NAPOT(base + 0x400, 1024u));         /* ... inside 1 KiB R */
    csr_write(pmpaddr8, NAPOT(base + 0x800, 32u));           /* 32 B X */
    csr_write(pmpcfg0, (NAPOT_A | R | X) | (NAPOT_A | R | W) << 8 | (NA4 | R) << 16);
    csr_write(pmpcfg1, (TOR | R | W) | (NAPOT_A | R | W) << 8 | (NAPOT_A | R) << 16);
    csr_write(pmpcfg2, NAPOT_A | X);
}

static void test_readback(void)
{
    check_eq(csr_read(pmpcfg0), 0x00111b1d, "pmpcfg0");
    check_eq(csr_read(pmpcfg1), 0x00191b0b, "pmpcfg1");
    check_eq(csr_read(pmpcfg2), 0x0000001c, "pmpcfg2");
    check_eq(csr_read(pmpaddr0), NAPOT(0x80000000u, 0x100000u), "pmpaddr0");
    csr_write(pmpaddr15, 0xffffffffu);
    check_eq(csr_read(pmpaddr15), 0xffffffffu, "pmpaddr15 all ones");
    csr_write(pmpaddr15, 0);
}

static void test_user_accesses(uint32_t b)
{
    user_probe("NA4 R read", user_read, b + 0x10, 0, 0);
    user_probe("NA4 R write", user_write, b + 0x10, 7, A(probe_sw));
    user_probe("past NA4", user_read, b + 0x14, 5, A(probe_lw));
    user_probe("before NA4", user_read, b + 0x0c, 5, A(probe_lw));
    user_probe("TOR bottom", user_write, b + 0x100, 0, 0);
    user_probe("TOR last word", user_write, b + 0x13c, 0, 0);
    user_probe("TOR top", user_write, b + 0x140, 7, A(probe_sw));
    user_probe("below TOR", user_read, b + 0xfc, 5, A(probe_lw));
    user_probe("32 B RW first", user_write, b + 0x400, 0, 0);
    user_probe("32 B RW last", user_write, b + 0x41c, 0, 0);
    user_probe("1 KiB R past 32 B", user_write, b + 0x420, 7, A(probe_sw));
    user_probe("1 KiB R read", user_read, b + 0x7fc, 0, 0);
    user_probe("past 1 KiB (X only)", user_read, b + 0x800, 5, A(probe_lw));
    user_probe("c.lw past NA4", user_cread, b + 0x14, 5, A(probe_clw));
    user_probe("c.sw NA4 R", user_cwrite, b + 0x10, 7, A(probe_csw));
    user_probe("flash write", user_write, 0x80000100u, 7, A(probe_sw));
    user_probe("flash read", user_read, 0x80000100u, 0, 0);
    user_probe("UART (no entry)", user_read, RV32_UART0_BASE + 5, 5, A(probe_lw));
}

static void test_user_execute(uint32_t b)
{
    static const uint16_t ret = 0x8082, nop = 0x0001;      /* c.jr ra, c.nop */
    *(volatile uint16_t *)(uintptr_t)(b + 0x800) = ret;
    *(volatile uint16_t *)(uintptr_t)(b + 0x81c) = nop;
    *(volatile uint16_t *)(uintptr_t)(b + 0x81e) = nop;
    *(volatile uint16_t *)(uintptr_t)(b + 0x820) = ret;
    __asm volatile(".word 0x0000100f" ::: "memory");   /* fence.i (Zifencei) */
    exec_probe("execute 32 B X", b + 0x800, 0);
    exec_probe("execute past it", b + 0x820, b + 0x820);
    exec_probe("execute RW data", b + 0x100, b + 0x100);
    /* Running from the allowed part into the refused one must fault at the boundary; QEMU
     * 7.2 maps the whole page for execution after the first allowed fetch and runs on. */
    last_trap.mcause = 0;
    uint32_t r = user_call((uint32_t (*)(uint32_t))(uintptr_t)(b + 0x81c), 7);
    diff_eq(r == USER_FAULTED ? last_trap.mcause : 0, 1, "run into the refused part: mcause");
    diff_eq(last_trap.mtval, b + 0x820, "run into the refused part: mtval");
}

static void test_lock(uint32_t b)
{
    uint32_t w = b + 0x1000;
    csr_write(pmpaddr7, w >> 2);
    set_cfg(7, L | NA4 | R);
    probe_sw(w);                                /* machine mode, bound by the lock */
    check_eq(last_trap.mcause, 7, "locked R: machine write mcause");
    check_eq(last_trap.mtval, w, "locked R: machine write mtval");
    last_trap.mcause = 0;
    probe_lw(w);
    check_eq(last_trap.mcause, 0, "locked R: machine read allowed");
    csr_write(pmpaddr7, 0);
    check_eq(csr_read(pmpaddr7), w >> 2, "locked pmpaddr7 ignores writes");
    set_cfg(7, 0);
    check_eq(csr_read(pmpcfg1) >> 24, L | NA4 | R, "locked pmpcfg byte ignores writes");
    probe_sw(b + 0x1004);
    check_eq(last_trap.mtval, w, "machine write next to it: no new fault");
}

static volatile int csr_faults;
static void on_illegal(struct trap_frame *f)
{
    csr_faults++;
    trap_skip(f);
}

static void test_smepmp(void)
{
    csr_faults = 0;
    trap_set_handler(2, on_illegal);
    uint32_t v = 0;
    __asm volatile("csrr %0, 0x747" : "=r"(v));
    int present = !csr_faults;
    fw_printf(QEMU_DIFF "smepmp mseccfg: %s\n", present ? "present" : "absent");
    if (present) {
        __asm volatile("csrw 0x747, %0" : : "r"(4u));     /* RLB: refused, an entry is locked */
        __asm volatile("csrr %0, 0x747" : "=r"(v));
        fw_printf(QEMU_DIFF "mseccfg.RLB with a locked entry: %lu (want 0)\n", v);
    }
    trap_set_handler(2, 0);
}

void test_pmp(void)
{
    fw_printf("pmp\n");
    trap_reset();
    uint32_t b = A(region);
    setup(b);
    test_readback();
    test_user_accesses(b);
    test_user_execute(b);
    test_lock(b);
    test_smepmp();
    trap_reset();
}
