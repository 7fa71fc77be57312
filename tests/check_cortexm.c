/* Unit tests: the Cortex-M backend's exception model and MPU enforcement, with small guest
 * programs (tests/guest/, one .S each) run on the cm4 machine. */
#include <check.h>
#include <elf.h>
#include <string.h>

#include "sim/cpu/cortexm/armv7m_scs.h"
#include "sim/cpu/cortexm/cortexm.h"
#include "sim/core/loader.h"
#include "sim/core/machine.h"

#define GUESTTEST_BOARD "cm4"
#define GUESTTEST_ELF_MACHINE EM_ARM
#define GUESTTEST_RUN_CYCLES 64000000     /* one second at 64 MHz */
#include "guesttest.h"

#define GUEST_DIR "build/tests/guest/"
#define CMD 0x2000f000u
#define RES 0x2000f100u
#define LOG 0x2000f200u
#define MPU_RBAR 0xe000ed9cu
#define MPU_RASR 0xe000eda0u
#define MPU_CTRL 0xe000ed94u

START_TEST(test_exception_order_preemption_masking_tail_chain)
{
    struct machine *m = boot(GUEST_DIR "cm4_exc.elf");
    run_to_exit(m);
    char log[64] = { 0 };
    uint32_t end = peek(m, LOG);
    ck_assert_uint_lt(end - (LOG + 4), sizeof(log));
    for (uint32_t a = LOG + 4; a < end; a++) {
        uint32_t v;
        bus_read(&m->bus, a, 1, &v);
        log[a - (LOG + 4)] = (char)v;
    }
    /* A/B: IRQ1 (0x40) preempts IRQ0 (0x80); D: IRQ2 (0xc0) tail-chains after both; G waits
     * for PRIMASK; D waits for BASEPRI 0x40 while G (0x20) does not; P: PendSV. */
    ck_assert_str_eq(log, "ABbCDEFGHIGDJPK");
    machine_destroy(m);
}
END_TEST

START_TEST(test_svc_from_unprivileged_psp_thread)
{
    struct machine *m = boot(GUEST_DIR "cm4_exc.elf");
    run_to_exit(m);
    ck_assert_uint_eq(peek(m, RES + 0), 0xfffffffd);        /* EXC_RETURN: thread, PSP */
    ck_assert_uint_eq(peek(m, RES + 4), 20);                /* stacked r0 */
    ck_assert_uint_eq(peek(m, RES + 8), 22);                /* stacked r1 */
    ck_assert_uint_eq(peek(m, RES + 12), peek(m, RES + 36) & ~1u);  /* stacked PC: after svc */
    ck_assert_uint_eq(peek(m, RES + 16), 42);               /* svc number */
    ck_assert_uint_eq(peek(m, RES + 20) & 0x010001ffu, 0x01000000); /* T bit, IPSR 0 */
    ck_assert_uint_eq(peek(m, RES + 24), 11);               /* IPSR in the handler: SVCall */
    ck_assert_uint_eq(peek(m, RES + 28), 42);               /* r0 returned through the frame */
    ck_assert_uint_eq(peek(m, RES + 32), 3);                /* still unprivileged on PSP */
    ck_assert_uint_eq(cortexm_reg(m->cpu.impl, 18) & 7, 0);      /* PSP back to 8-byte aligned */
    machine_destroy(m);
}
END_TEST

/* ---- MPU matrix ------------------------------------------------------------------------- */

struct probe { uint32_t exc, cfsr, mmfar, bfar, pc, hfsr, read_pc, write_pc; };

static void mpu_region(struct machine *m, int n, uint32_t base, int size_log2, uint32_t ap,
                       bool xn, uint32_t srd)
{
    poke(m, MPU_RBAR, base | 0x10u | (uint32_t)n);
    poke(m, MPU_RASR, (xn ? 1u << 28 : 0) | ap << 24 | srd << 8 | (uint32_t)(size_log2 - 1) << 1 | 1u);
}

/* The layout under test: see the probes below for what each region must allow. */
static void mpu_setup(struct machine *m)
{
    mpu_region(m, 0, 0x00000000, 19, 6, false, 0);      /* flash 512K read-only, executable */
    mpu_region(m, 1, 0x20000000, 16, 3, true, 0x80);    /* RAM 64K RW, XN, top 8K disabled */
    mpu_region(m, 2, 0x20001000, 5, 1, true, 0);        /* 32 B: privileged only */
    mpu_region(m, 3, 0x20002020, 5, 6, true, 0);        /* 32 B: read-only */
    mpu_region(m, 4, 0x20003000, 8, 0, true, 0x0f);     /* 256 B no access, low half disabled */
    mpu_region(m, 5, 0x20004000, 5, 3, false, 0);       /* 32 B: executable RAM */
    poke(m, MPU_CTRL, 5);                               /* ENABLE | PRIVDEFENA */
}

static struct probe run_probe(struct machine *m, uint32_t addr, int op, bool unpriv)
{
    machine_reset(m);
    poke(m, CMD + 0, addr);
    poke(m, CMD + 4, (uint32_t)op);
    poke(m, CMD + 8, unpriv);
    for (uint32_t a = RES; a < RES + 32; a += 4)
        poke(m, a, 0);
    mpu_setup(m);
    run_to_exit(m);
    struct probe p;
    uint32_t *f = &p.exc;
    for (int i = 0; i < 8; i++)
        f[i] = peek(m, RES + 4u * (uint32_t)i);
    return p;
}

enum { R = 0, W = 1, X = 2 };
static const struct {
    uint32_t addr; int op; bool unpriv;
    uint32_t exc, cfsr;         /* 0, 0: no fault */
} matrix[] = {
    { 0x20000100, R, true, 0, 0 },            /* region 1: full access */
    { 0x20000100, W, true, 0, 0 },
    { 0x2000f004, R, true, 4, 0x82 },         /* disabled subregion, no background */
    { 0x2000f004, R, false, 0, 0 },           /* privileged: PRIVDEFENA */
    { 0x20001010, R, true, 4, 0x82 },         /* 32 B privileged-only region */
    { 0x20001010, W, false, 0, 0 },
    { 0x20001020, R, true, 0, 0 },            /* just past it, same 1 KiB page */
    { 0x2000101c, W, true, 4, 0x82 },         /* last word of it */
    { 0x20002024, W, true, 4, 0x82 },         /* 32 B read-only region */
    { 0x20002024, R, true, 0, 0 },
    { 0x2000201c, W, true, 0, 0 },            /* just before it */
    { 0x20003090, R, true, 4, 0x82 },         /* enabled subregion of a no-access region */
    { 0x20003090, R, false, 4, 0x82 },        /* AP 000 denies privileged too */
    { 0x20003010, R, true, 0, 0 },            /* disabled subregion: falls to region 1 */
    { 0x00000100, W, false, 4, 0x82 },        /* flash is read-only in region 0 */
    { 0x00000100, R, true, 0, 0 },
    { 0x20004000, X, true, 0, 0 },            /* 32 B executable RAM */
    { 0x20004400, X, true, 4, 0x01 },         /* XN: IACCVIOL, no MMFAR */
    { 0x20004020, X, true, 4, 0x01 },         /* XN next to it, same page */
    { 0x60000000, R, false, 5, 0x8200 },      /* nothing there: precise BusFault */
    { 0x60000000, R, true, 4, 0x82 },         /* unprivileged, no region: the MPU comes first */
    { 0xffffff00, W, true, 4, 0x82 },         /* vendor system space is not the PPB: MPU first */
    { 0xffffff00, W, false, 5, 0x8200 },      /* privileged (PRIVDEFENA): nothing there */
    { 0xe000ed00, R, true, 5, 0x8200 },       /* unprivileged SCS access: BusFault */
    { 0xe000ed00, R, false, 0, 0 },
};

/* DIV_0_TRP, UNALIGN_TRP and NOCP (CPACR = 0): precise UsageFaults at the instruction, which
 * does not run; with the traps off and CP10/CP11 granted, the same three run without faults. */
START_TEST(test_ccr_and_cpacr_traps)
{
    struct machine *m = boot(GUEST_DIR "cm4_traps.elf");
    run_to_exit(m);
    ck_assert_uint_eq(peek(m, RES), 3);
    ck_assert_uint_eq(peek(m, RES + 4), 1u << 25);              /* DIVBYZERO */
    ck_assert_uint_eq(peek(m, RES + 8), peek(m, RES + 0x48) & ~1u);
    ck_assert_uint_eq(peek(m, RES + 12), 1u << 24);             /* UNALIGNED */
    ck_assert_uint_eq(peek(m, RES + 16), peek(m, RES + 0x4c) & ~1u);
    ck_assert_uint_eq(peek(m, RES + 20), 1u << 19);             /* NOCP */
    ck_assert_uint_eq(peek(m, RES + 24), peek(m, RES + 0x50) & ~1u);
    ck_assert_uint_eq(peek(m, RES + 0x40), 77);                 /* the trapped sdiv wrote nothing */
    ck_assert_uint_eq(peek(m, RES + 0x44), 0);                  /* untrapped: x / 0 = 0 */
    /* In IT blocks the traps are not raised (Unicorn cannot stop there; a guest error says so):
     * the passing divide runs untrapped (5 / 0 = 0), nothing is half-taken. */
    ck_assert_uint_eq(peek(m, RES + 0x54), 0);
    machine_destroy(m);
}
END_TEST

/* An exception taken inside an IT block: the handler runs outside it and the return resumes the
 * block (its else slot skipped). */
START_TEST(test_it_state_across_exception)
{
    struct machine *m = boot(GUEST_DIR "cm4_it_svc.elf");
    run_to_exit(m);
    ck_assert_uint_eq(peek(m, RES + 4), 0x55);                  /* handler's first instruction ran */
    ck_assert_uint_eq(peek(m, RES), 0);                         /* the else slot was skipped */
    /* DIV_0_TRP: the sdiv just after the resumed block traps; the one inside does not. */
    ck_assert_uint_eq(peek(m, RES + 8), 1);
    ck_assert_uint_eq(peek(m, RES + 12), peek(m, RES + 16) & ~1u);
    ck_assert_uint_eq(peek(m, RES + 20), 0);
    machine_destroy(m);
}
END_TEST

/* The core Unicorn runs is an ARMv7-M Cortex-M4: TT, an ARMv8-M instruction, is undefined. */
START_TEST(test_core_is_armv7m)
{
    struct machine *m = boot(GUEST_DIR "cm4_v7m.elf");
    run_to_exit(m);
    ck_assert_uint_eq(peek(m, RES), 1);
    ck_assert_uint_eq(peek(m, RES + 4), 1u << 16);              /* UNDEFINSTR */
    ck_assert_uint_eq(peek(m, RES + 8), peek(m, RES + 0x44) & ~1u);
    ck_assert_uint_eq(peek(m, RES + 0x40), 0x1234);             /* TT wrote nothing */
    machine_destroy(m);
}
END_TEST

START_TEST(test_mpu_permission_matrix)
{
    struct machine *m = boot(GUEST_DIR "cm4_probe.elf");
    const uint16_t bx_lr = 0x4770;
    bus_load(&m->bus, 0x20004000, &bx_lr, 2);
    bus_load(&m->bus, 0x20004400, &bx_lr, 2);
    bus_load(&m->bus, 0x20004020, &bx_lr, 2);
    for (size_t i = 0; i < sizeof(matrix) / sizeof(matrix[0]); i++) {
        struct probe p = run_probe(m, matrix[i].addr, matrix[i].op, matrix[i].unpriv);
        ck_assert_msg(p.exc == matrix[i].exc && p.cfsr == matrix[i].cfsr,
                      "probe %zu (0x%08x op %d unpriv %d): exception %u CFSR 0x%x MMFAR 0x%x PC 0x%x, want %u 0x%x", i,
                      matrix[i].addr, matrix[i].op, matrix[i].unpriv, p.exc, p.cfsr, p.mmfar, p.pc, matrix[i].exc,
                      matrix[i].cfsr);
        if (p.cfsr & CFSR_MMARVALID)
            ck_assert_uint_eq(p.mmfar, matrix[i].addr);
        if (p.cfsr & CFSR_BFARVALID)
            ck_assert_uint_eq(p.bfar, matrix[i].addr);
        if (matrix[i].exc && matrix[i].op == X)
            ck_assert_uint_eq(p.pc, matrix[i].addr);     /* stacked PC: the refused fetch */
        else if (matrix[i].exc)
            ck_assert_uint_eq(p.pc, matrix[i].op == R ? p.read_pc : p.write_pc);
    }
    machine_destroy(m);
}
END_TEST

START_TEST(test_mpu_value_read_through_mixed_page)
{
    struct machine *m = boot(GUEST_DIR "cm4_probe.elf");
    const uint32_t magic = 0xc0ffee42;
    bus_load(&m->bus, 0x20001024, &magic, 4);
    struct probe p = run_probe(m, 0x20001024, R, true);  /* allowed, page is mixed */
    ck_assert_uint_eq(p.exc, 0);
    ck_assert_uint_eq(cortexm_reg(m->cpu.impl, 8), magic);
    struct cpu_stats st;
    machine_stats(m, &st);
    ck_assert_uint_gt(st.slow_accesses, 0);
    machine_destroy(m);
}
END_TEST

Suite *cortexm_suite(void)
{
    Suite *s = suite_create("cortexm");
    TCase *tc = tcase_create("exceptions");
    tcase_add_test(tc, test_exception_order_preemption_masking_tail_chain);
    tcase_add_test(tc, test_svc_from_unprivileged_psp_thread);
    suite_add_tcase(s, tc);
    tc = tcase_create("mpu");
    tcase_add_test(tc, test_ccr_and_cpacr_traps);
    tcase_add_test(tc, test_it_state_across_exception);
    tcase_add_test(tc, test_core_is_armv7m);
    tcase_add_test(tc, test_mpu_permission_matrix);
    tcase_add_test(tc, test_mpu_value_read_through_mixed_page);
    suite_add_tcase(s, tc);
    return s;
}
