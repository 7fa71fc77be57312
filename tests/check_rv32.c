/* Unit tests: the RISC-V backend's traps, interrupts, PMP enforcement and time, with small
 * guest programs (tests/guest/rv32_*.S) run on the rv32 machine; and the Unicorn 2.1.1 facts
 * it relies on (doc/unicorn.md, doc/cpu-rv32.md). */
#include <check.h>
#include <elf.h>
#include <string.h>

#include "boards-virtual/rv32/memmap.h"
#include "sim/cpu/rv32/internal.h"
#include "sim/cpu/rv32/rv32.h"
#include "sim/core/loader.h"
#include "sim/core/machine.h"

#define GUESTTEST_BOARD "rv32"
#define GUESTTEST_ELF_MACHINE EM_RISCV
#define GUESTTEST_RUN_CYCLES RV32_CPU_HZ     /* one second */
#include "guesttest.h"

#define GUEST_DIR "build/tests/guest/"
#define LOG 0x80210000u
#define RES 0x80211000u
#define CMD 0x80212000u

struct trap { uint32_t mcause, mepc, mtval, mstatus; };

static struct trap logged(struct machine *m, unsigned i)
{
    ck_assert_uint_lt(i, peek(m, LOG));
    uint32_t a = LOG + 4 + 16 * i;
    return (struct trap){ peek(m, a), peek(m, a + 4), peek(m, a + 8), peek(m, a + 12) };
}

static void expect_trap(struct machine *m, unsigned i, uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
    struct trap t = logged(m, i);
    ck_assert_msg(t.mcause == mcause && t.mepc == mepc && t.mtval == mtval,
                  "trap %u: mcause 0x%x mepc 0x%08x mtval 0x%08x, want 0x%x 0x%08x 0x%08x", i,
                  t.mcause, t.mepc, t.mtval, mcause, mepc, mtval);
}

/* ---- Unicorn facts and the context access --------------------------------------------- */

START_TEST(test_reset_state_through_context)
{
    struct machine *m = boot(GUEST_DIR "rv32_trap.elf");
    struct rv32 *c = m->cpu.impl;
    ck_assert_msg(c->ctx.live, "the CPU state is reached through copies: Unicorn's insides moved "
                  "(sim/cpu/uc/qemu.c)");                           /* 2.1.1: no copies */
    ck_assert_msg(c->tlb_watch.count[1] != NULL && c->tlb_watch.count[0] != NULL,
                  "QEMU's machine- or user-mode TLB count not found: drift is settled by whole "
                  "flushes again (sim/cpu/rv32/tlb_count.c)");
    ck_assert_ptr_ne(c->tlb_watch.count[0], c->tlb_watch.count[1]);
    ck_assert_uint_le(*c->tlb_watch.count[1], 64);                  /* a fresh table's count */
    ck_assert_uint_eq(rv32_reg(c, RV32_REG_PRIV), 3);               /* machine mode */
    ck_assert_uint_eq(rv32_reg(c, RV32_REG_PC), RV32_RESET_PC);
    ck_assert_uint_eq(rv32_reg(c, RV32_REG_MSTATUS) & 0x8, 0);      /* MIE = 0 */
    /* QEMU virt resets MTIMECMP to 0: the timer interrupt is pending from reset. */
    ck_assert_uint_eq(rv32_reg(c, RV32_REG_MIP) & 0x80, 0x80);
    rv32_set_reg(c, RV32_REG_PRIV, 0);
    ck_assert_uint_eq(rv32_reg(c, RV32_REG_PRIV), 0);
    rv32_set_reg(c, RV32_REG_MEPC, 0x80000abc);
    ck_assert_uint_eq(rv32_reg(c, RV32_REG_MEPC), 0x80000abc);      /* readable in U-mode too */
    machine_destroy(m);
}
END_TEST

/* ---- synchronous traps ---------------------------------------------------------------- */

START_TEST(test_synchronous_traps)
{
    struct machine *m = boot(GUEST_DIR "rv32_trap.elf");
    run_to_exit(m);
    ck_assert_uint_eq(peek(m, LOG), 11);
    uint32_t p[11];
    for (int i = 0; i < 11; i++)
        p[i] = peek(m, RES + 4u * (uint32_t)i);
    expect_trap(m, 0, 11, p[0], 0);                     /* ecall from M */
    expect_trap(m, 1, 2, p[1], 0xffffffff);             /* illegal: mtval = the instruction */
    expect_trap(m, 2, 2, p[2], 0);                      /* illegal compressed 0x0000 */
    expect_trap(m, 3, 3, p[3], 0);                      /* ebreak */
    expect_trap(m, 4, 3, p[4], 0);                      /* c.ebreak */
    expect_trap(m, 5, 4, p[5], 0x80200002);             /* misaligned AMO: cause 4 as QEMU */
    expect_trap(m, 6, 5, p[6], 0x10009004);             /* load from nothing: exact mtval */
    expect_trap(m, 7, 7, p[7], 0x80000008);             /* store to flash */
    expect_trap(m, 8, 4, p[10], 0x80200006);            /* misaligned lr.w */
    expect_trap(m, 9, 2, p[8], 0x300022f3);             /* csrr mstatus in U-mode */
    expect_trap(m, 10, 8, p[9], 0);                     /* ecall from U */
    /* Trap entry from U with MIE = 1: MPP = U, MPIE = 1, MIE = 0. */
    ck_assert_uint_eq(logged(m, 10).mstatus & 0x1888, 0x80);
    ck_assert_uint_eq(logged(m, 0).mstatus & 0x1800, 0x1800);      /* from M: MPP = M */
    struct cpu_stats st;
    machine_stats(m, &st);
    ck_assert_uint_eq(st.exceptions, 11);              /* host trap entries */
    machine_destroy(m);
}
END_TEST

START_TEST(test_unfetchable_trap_handler_is_an_error)
{
    struct machine *m = boot(GUEST_DIR "rv32_lockup.elf");
    ck_assert_int_eq(machine_run(m, RV32_CPU_HZ), MACHINE_ERROR);
    ck_assert_ptr_nonnull(strstr(m->error, "double fault"));
    machine_destroy(m);
}
END_TEST

/* Every load/store form against nothing, with every base register (x0 and sp included) and the
 * compressed forms: an access fault with the exact address, never an illegal instruction. */
START_TEST(test_access_faults_for_every_form_and_base)
{
    struct machine *m = boot(GUEST_DIR "rv32_access.elf");
    run_to_exit(m);
    const uint32_t bad = 0xffffff00u;
    static const struct { uint32_t cause, off; } x0_forms[8] = {
        { 7, 0 }, { 5, 4 }, { 7, 8 }, { 7, 10 }, { 5, 12 }, { 5, 13 }, { 5, 14 }, { 5, 16 } };
    ck_assert_uint_eq(peek(m, LOG), 8 + 62 + 6);
    for (unsigned i = 0; i < 8; i++)
        expect_trap(m, i, x0_forms[i].cause, peek(m, RES + 4 * i), bad + x0_forms[i].off);
    for (unsigned r = 1; r < 32; r++) {
        unsigned st = 8 + 2 * (r - 1), ld = st + 1;
        expect_trap(m, st, 7, peek(m, RES + 4 * st), bad + 4);
        expect_trap(m, ld, 5, peek(m, RES + 4 * ld), bad + 8);
    }
    static const struct { uint32_t cause, off; } tail[6] = {
        { 7, 4 }, { 5, 8 }, { 7, 12 }, { 5, 16 }, { 7, 0 }, { 5, 0 } };   /* RVC, AMO, LR */
    for (unsigned i = 0; i < 6; i++)
        expect_trap(m, 70 + i, tail[i].cause, peek(m, RES + 4 * (70 + i)), bad + tail[i].off);
    machine_destroy(m);
}
END_TEST

/* Unicorn's own page lookups while the simulator removes its PMP hooks (a pmpaddr write in an
 * M-mode handler, with MML and a mixed U page) must not become a guest fault. */
START_TEST(test_pmp_write_after_user_ecall_takes_no_spurious_fault)
{
    struct machine *m = boot(GUEST_DIR "rv32_pmp_hookdel.elf");
    run_to_exit(m);
    ck_assert_uint_eq(peek(m, LOG), 1);
    ck_assert_uint_eq(logged(m, 0).mcause, 8);                    /* the ecall from U only */
    machine_destroy(m);
}
END_TEST

START_TEST(test_double_fault_names_the_trap_that_started_it)
{
    struct machine *m = boot(GUEST_DIR "rv32_flash_write.elf");
    ck_assert_int_eq(machine_run(m, RV32_CPU_HZ), MACHINE_ERROR);
    char want[160];
    snprintf(want, sizeof(want), "while taking the trap store/AMO access fault (mcause 7) at mepc 0x%08x, "
             "mtval 0x%08x", RV32_FLASH_BASE + 12, RV32_FLASH_BASE + 16);  /* csrw, la (2), sw */
    ck_assert_msg(strstr(m->error, want), "error '%s' lacks '%s'", m->error, want);
    machine_destroy(m);
}
END_TEST

START_TEST(test_mprv_uses_mpp_for_data)
{
    struct machine *m = boot(GUEST_DIR "rv32_mprv.elf");
    run_to_exit(m);
    ck_assert_uint_eq(peek(m, LOG), 2);                 /* flash read and MPP = M: allowed */
    expect_trap(m, 0, 5, peek(m, RES), 0x80200100);
    expect_trap(m, 1, 7, peek(m, RES + 4), 0x80200104);
    machine_destroy(m);
}
END_TEST

struct crossing { int svc; uint32_t pc; bool psp; uint32_t r[4]; };
struct crossings { struct crossing c[8]; int n; };

static void on_thread(void *ctx, int svc, uint32_t pc, bool psp, const uint32_t r[4])
{
    struct crossings *x = ctx;
    if (x->n < 8)
        x->c[x->n++] = (struct crossing){ svc, pc, psp, { r[0], r[1], r[2], r[3] } };
}

START_TEST(test_thread_crossings_for_strace)
{
    struct machine *m = boot(GUEST_DIR "rv32_syscall.elf");
    struct crossings x = { .n = 0 };
    struct machine_observer o = { .ctx = &x, .thread = on_thread };
    ck_assert(machine_add_observer(m, &o));
    run_to_exit(m);
    uint32_t after_first = peek(m, RES), after_second = peek(m, RES + 4);
    ck_assert_int_eq(x.n, 3);
    ck_assert_int_eq(x.c[0].svc, 2);                    /* class from a4 */
    ck_assert_uint_eq(x.c[0].pc, after_first);          /* after the ecall */
    ck_assert(x.c[0].psp);
    ck_assert_uint_eq(x.c[0].r[0], 10);
    ck_assert_uint_eq(x.c[0].r[3], 13);
    ck_assert_int_eq(x.c[1].svc, -1);                   /* back in user mode */
    ck_assert_uint_eq(x.c[1].pc, after_first);
    ck_assert_uint_eq(x.c[1].r[0], 0x80);               /* with the answer */
    ck_assert_int_eq(x.c[2].svc, 6);
    ck_assert_uint_eq(x.c[2].pc, after_second);
    machine_destroy(m);
}
END_TEST

/* ---- interrupts ----------------------------------------------------------------------- */

START_TEST(test_interrupts_clint_plic_vectored)
{
    struct machine *m = boot(GUEST_DIR "rv32_irq.elf");
    run_to_exit(m);
    ck_assert_uint_eq(peek(m, LOG), 5);                 /* each interrupt taken exactly once */
    expect_trap(m, 0, 0x80000007, peek(m, RES + 0), 0);     /* timer wakes wfi, MIE = 1 */
    expect_trap(m, 1, 0x80000007, peek(m, RES + 4), 0);     /* taken right after csrsi MIE */
    ck_assert_uint_eq(peek(m, RES + 40), 1);                /* ... wfi woke without it */
    expect_trap(m, 2, 0x80000003, peek(m, RES + 8), 0);     /* msip, at the next block */
    expect_trap(m, 3, 0x8000000b, peek(m, RES + 12), 0);    /* GPIO -> PLIC -> MEIP */
    ck_assert_uint_eq(peek(m, RES + 80), RV32_IRQ_GPIO);    /* the claim */
    expect_trap(m, 4, 0x80000007, peek(m, RES + 16), 0);    /* in U-mode with MIE = 0 */
    ck_assert_uint_eq(logged(m, 4).mstatus & 0x1888, 0);    /* MPP = U, MPIE = 0 */
    ck_assert_uint_eq(logged(m, 0).mstatus & 0x1888, 0x1880);
    /* Time jumped over the wfi: fewer instructions than cycles. */
    struct cpu_stats st;
    machine_stats(m, &st);
    ck_assert_uint_lt(st.instructions + 1000, m->clock.now);
    machine_destroy(m);
}
END_TEST

/* ---- time ----------------------------------------------------------------------------- */

static uint64_t count_run(uint32_t iterations)
{
    struct machine *m = boot(GUEST_DIR "rv32_count.elf");
    poke(m, CMD, iterations);
    run_to_exit(m);
    struct cpu_stats st;
    machine_stats(m, &st);
    ck_assert_uint_eq(st.instructions, m->clock.now);   /* 1 instruction = 1 cycle */
    machine_destroy(m);
    return st.instructions;
}

START_TEST(test_instruction_count_exact)
{
    /* The loop is addi + bnez: exactly two instructions per iteration. */
    ck_assert_uint_eq(count_run(3000) - count_run(1000), 4000);
}
END_TEST

START_TEST(test_slice_stops_before_a_block)
{
    struct machine *m = boot(GUEST_DIR "rv32_count.elf");
    poke(m, CMD, 1000000);
    ck_assert_int_eq(machine_run(m, 5001), MACHINE_TIMEOUT);
    ck_assert_uint_ge(m->clock.now, 5001);
    ck_assert_uint_le(m->clock.now, 5002);              /* overshoot: at most one 2-insn block */
    ck_assert_int_eq(machine_run(m, 10000), MACHINE_TIMEOUT);
    ck_assert_uint_le(m->clock.now, 10001);
    machine_destroy(m);
}
END_TEST

/* ---- PMP ------------------------------------------------------------------------------ */

enum { R = 0, W = 1, X = 2, CR = 3, CW = 4 };
#define NAPOT(base, size) (((uint32_t)(base) + (size) / 2 - 1) >> 2)
#define ADDR4(a) ((uint32_t)(a) >> 2)
/* pmpcfg bytes */
#define C_R 0x01u
#define C_W 0x02u
#define C_X 0x04u
#define C_TOR 0x08u
#define C_NA4 0x10u
#define C_NAPOT 0x18u
#define C_L 0x80u

struct pmp_config { uint32_t mseccfg; uint8_t cfg[16]; uint32_t addr[16]; };

/* Without Smepmp: flash RX for U; NA4, TOR, NAPOT regions; a locked entry; a sub-page region. */
static const struct pmp_config pmp_plain = {
    .mseccfg = 0,
    .cfg = { C_NAPOT | C_R | C_X, C_NA4 | C_R, 0, C_TOR | C_R | C_W, C_NAPOT | C_X,
             C_NAPOT | C_R | C_W, C_NA4, C_L | C_NA4 | C_R, C_NAPOT | C_R | C_W, C_NAPOT | C_R,
             C_NAPOT | C_X },
    .addr = { NAPOT(0x80000000, 0x200000), ADDR4(0x80220010), ADDR4(0x80220100), ADDR4(0x80220140),
              NAPOT(0x80221000, 0x1000), NAPOT(0x80230000, 0x10000), ADDR4(0x80230020),
              ADDR4(0x80240000), NAPOT(0x80250000, 32), NAPOT(0x80250000, 0x1000),
              NAPOT(0x80260000, 32) },
};

/* Smepmp, mseccfg.MML: locked shared code (flash), U-only, M-only, shared data regions. */
static const struct pmp_config pmp_mml = {
    .mseccfg = 1,
    .cfg = { C_L | C_NAPOT | C_W, C_NAPOT | C_R | C_W, C_L | C_NAPOT | C_R | C_W, C_NAPOT | C_W,
             C_L | C_NAPOT | C_R | C_W | C_X },
    .addr = { NAPOT(0x80000000, 0x200000), NAPOT(0x80220000, 0x1000), NAPOT(0x80221000, 0x1000),
              NAPOT(0x80222000, 0x1000), NAPOT(0x80223000, 0x1000) },
};

/* Smepmp, mseccfg.MMWP only: machine mode needs a matching entry too. */
static const struct pmp_config pmp_mmwp = {
    .mseccfg = 2,
    .cfg = { C_NAPOT | C_R | C_X, C_NAPOT | C_R | C_W, C_NAPOT | C_R | C_W },
    .addr = { NAPOT(0x80000000, 0x200000), NAPOT(0x80200000, 0x20000), NAPOT(RV32_TEST_BASE, 0x1000) },
};

struct probe_case {
    const struct pmp_config *cfg;
    uint32_t addr;
    int op;
    bool machine;
    uint32_t cause;             /* 0: no fault */
};

static const struct probe_case matrix[] = {
    { &pmp_plain, 0x80220010, R, false, 0 },        /* NA4 read-only */
    { &pmp_plain, 0x80220010, W, false, 7 },
    { &pmp_plain, 0x80220014, R, false, 5 },        /* just past it: no entry */
    { &pmp_plain, 0x8022000c, R, false, 5 },        /* just before it */
    { &pmp_plain, 0x80220100, W, false, 0 },        /* TOR: bottom inclusive */
    { &pmp_plain, 0x8022013c, W, false, 0 },
    { &pmp_plain, 0x80220140, W, false, 7 },        /* TOR: top exclusive */
    { &pmp_plain, 0x802200fc, R, false, 5 },
    { &pmp_plain, 0x80221000, X, false, 0 },        /* execute-only page */
    { &pmp_plain, 0x80221000, R, false, 5 },
    { &pmp_plain, 0x80222000, X, false, 1 },        /* no entry: instruction access fault */
    { &pmp_plain, 0x80230020, W, false, 0 },        /* entry 5 matches before entry 6 */
    { &pmp_plain, 0x80240000, W, true, 7 },         /* locked: binds machine mode too */
    { &pmp_plain, 0x80240000, R, true, 0 },
    { &pmp_plain, 0x80240000, R, false, 0 },
    { &pmp_plain, 0x80240004, W, true, 0 },         /* no entry: machine mode may */
    { &pmp_plain, 0x80250010, W, false, 0 },        /* 32-byte region inside a 4 KiB one */
    { &pmp_plain, 0x80250020, W, false, 7 },        /* same page, the read-only part */
    { &pmp_plain, 0x80250020, R, false, 0 },
    { &pmp_plain, 0x80000100, W, false, 7 },        /* flash: entry 0 is RX */
    { &pmp_plain, 0x80000100, R, false, 0 },
    { &pmp_plain, 0x10009000, R, true, 5 },         /* PMP allows, nothing on the bus */
    { &pmp_plain, 0x10000005, R, false, 5 },        /* the UART: no entry for U */
    { &pmp_plain, 0x80220014, CR, false, 5 },       /* c.lw: exact mtval */
    { &pmp_plain, 0x80220010, CW, false, 7 },       /* c.sw */
    { &pmp_plain, 0x80260000, X, false, 0 },        /* 32 B executable in a mixed page */
    { &pmp_plain, 0x80260020, X, false, 1 },        /* next to it */
    { &pmp_plain, 0x8026001c, X, false, 1 },        /* runs from the allowed part into the
                                                       refused one: faults at 0x80260020 */
    { &pmp_mml, 0x80220000, W, false, 0 },          /* U-only RW */
    { &pmp_mml, 0x80220000, R, true, 5 },           /* ... denied to machine mode */
    { &pmp_mml, 0x80221000, W, true, 0 },           /* locked RW: M-only */
    { &pmp_mml, 0x80221000, R, false, 5 },
    { &pmp_mml, 0x80222000, W, true, 0 },           /* shared data: M RW, U R */
    { &pmp_mml, 0x80222000, W, false, 7 },
    { &pmp_mml, 0x80222000, R, false, 0 },
    { &pmp_mml, 0x80223000, R, true, 0 },           /* locked RWX: shared read-only */
    { &pmp_mml, 0x80223000, W, true, 7 },
    { &pmp_mml, 0x80223000, R, false, 0 },
    { &pmp_mml, 0x80000100, R, false, 5 },          /* shared code: execute only */
    { &pmp_mml, 0x80000100, R, true, 5 },
    { &pmp_mml, 0x80230000, W, true, 0 },           /* no entry: M may read and write ... */
    { &pmp_mml, 0x80230000, X, true, 1 },           /* ... but not execute */
    { &pmp_mmwp, 0x80230000, R, true, 5 },          /* MMWP: no entry denies M too */
    { &pmp_mmwp, 0x80210000, R, true, 0 },
};

static void load_config(struct machine *m, const struct pmp_config *p)
{
    poke(m, CMD + 12, p->mseccfg);
    for (int i = 0; i < 4; i++)
        poke(m, CMD + 16 + 4u * (uint32_t)i, (uint32_t)p->cfg[4 * i] | (uint32_t)p->cfg[4 * i + 1] << 8 |
             (uint32_t)p->cfg[4 * i + 2] << 16 | (uint32_t)p->cfg[4 * i + 3] << 24);
    for (int i = 0; i < 16; i++)
        poke(m, CMD + 32 + 4u * (uint32_t)i, p->addr[i]);
}

/* Runs one probe on a fresh machine; returns the first logged trap. */
static struct trap run_probe(const struct probe_case *pc, uint32_t *read_value, uint32_t res[4],
                             struct cpu_stats *st)
{
    struct machine *m = boot(GUEST_DIR "rv32_pmp.elf");
    static const uint32_t ecall = 0x00000073, nop = 0x0001;
    static const uint32_t code[] = { 0x80221000, 0x80222000, 0x80230000, 0x80260000, 0x80260020 };
    for (size_t i = 0; i < sizeof(code) / sizeof(code[0]); i++)
        bus_load(&m->bus, code[i], &ecall, 4);
    bus_load(&m->bus, 0x8026001c, &nop, 2);
    bus_load(&m->bus, 0x8026001e, &nop, 2);
    poke(m, 0x80250020, 0xc0ffee42);
    poke(m, CMD, pc->addr);
    poke(m, CMD + 4, (uint32_t)pc->op);
    poke(m, CMD + 8, pc->machine);
    load_config(m, pc->cfg);
    run_to_exit(m);
    for (int i = 0; i < 4; i++)
        res[i] = peek(m, RES + 4u * (uint32_t)i);
    struct trap t = peek(m, LOG) ? logged(m, 0) : (struct trap){ 0, 0, 0, 0 };
    *read_value = rv32_reg(m->cpu.impl, 11);            /* a1 */
    machine_stats(m, st);
    machine_destroy(m);
    return t;
}

START_TEST(test_pmp_matrix)
{
    for (size_t i = 0; i < sizeof(matrix) / sizeof(matrix[0]); i++) {
        const struct probe_case *pc = &matrix[i];
        uint32_t value, res[4];
        struct cpu_stats st;
        struct trap t = run_probe(pc, &value, res, &st);
        /* No fault: user mode ends with its ecall (cause 8); an execute probe with the ecall
         * at the target (8 or 11). */
        uint32_t ok_cause = pc->op == X ? (pc->machine ? 11 : 8) : (pc->machine ? 0 : 8);
        uint32_t want = pc->cause ? pc->cause : ok_cause;
        ck_assert_msg(t.mcause == want, "probe %zu (0x%08x op %d %s): mcause %u mepc 0x%08x mtval 0x%08x, want %u",
                      i, pc->addr, pc->op, pc->machine ? "M" : "U", t.mcause, t.mepc, t.mtval, want);
        if (pc->cause == 1) {
            uint32_t at = pc->addr == 0x8026001c ? 0x80260020 : pc->addr;
            ck_assert_uint_eq(t.mepc, at);              /* the refused fetch itself */
            ck_assert_uint_eq(t.mtval, at);
        } else if (pc->cause) {
            static const int res_of_op[] = { 0, 1, 0, 2, 3 };
            ck_assert_uint_eq(t.mtval, pc->addr);       /* exact fault address */
            ck_assert_uint_eq(t.mepc, res[res_of_op[pc->op]]);
        } else if (pc->op == X) {
            ck_assert_uint_eq(t.mepc, pc->addr);
        }
    }
}
END_TEST

START_TEST(test_pmp_value_read_through_mixed_page)
{
    static const struct probe_case pc = { &pmp_plain, 0x80250020, R, false, 0 };
    uint32_t value, res[4];
    struct cpu_stats st;
    run_probe(&pc, &value, res, &st);
    ck_assert_uint_eq(value, 0xc0ffee42);
    ck_assert_uint_gt(st.slow_accesses, 0);
}
END_TEST

Suite *rv32_suite(void)
{
    Suite *s = suite_create("rv32");
    TCase *tc = tcase_create("cpu");
    tcase_add_test(tc, test_reset_state_through_context);
    tcase_add_test(tc, test_synchronous_traps);
    tcase_add_test(tc, test_unfetchable_trap_handler_is_an_error);
    tcase_add_test(tc, test_double_fault_names_the_trap_that_started_it);
    tcase_add_test(tc, test_access_faults_for_every_form_and_base);
    tcase_add_test(tc, test_pmp_write_after_user_ecall_takes_no_spurious_fault);
    tcase_add_test(tc, test_thread_crossings_for_strace);
    tcase_add_test(tc, test_mprv_uses_mpp_for_data);
    tcase_add_test(tc, test_interrupts_clint_plic_vectored);
    tcase_add_test(tc, test_instruction_count_exact);
    tcase_add_test(tc, test_slice_stops_before_a_block);
    suite_add_tcase(s, tc);
    tc = tcase_create("pmp");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_pmp_matrix);
    tcase_add_test(tc, test_pmp_value_read_through_mixed_page);
    suite_add_tcase(s, tc);
    return s;
}
