/* Unit tests: the PMP/Smepmp model (sim/cpu/rv32/pmp.c) and the RV32 instruction decoder
 * (sim/cpu/rv32/insn.c), without a CPU. */
#include <check.h>

#include "sim/cpu/rv32/insn.h"
#include "sim/cpu/rv32/pmp.h"

#define NAPOT(base, size) (((uint32_t)(base) + (size) / 2 - 1) >> 2)

static void set_entry(struct rv32_pmp *p, int i, uint32_t addr, uint8_t cfg)
{
    rv32_pmp_csr_write(p, CSR_PMPADDR0 + (unsigned)i, addr);
    uint32_t word = rv32_pmp_csr_read(p, CSR_PMPCFG0 + (unsigned)i / 4);
    word = (word & ~(0xffu << (8 * (i % 4)))) | (uint32_t)cfg << (8 * (i % 4));
    rv32_pmp_csr_write(p, CSR_PMPCFG0 + (unsigned)i / 4, word);
}

START_TEST(test_address_matching)
{
    struct rv32_pmp p;
    rv32_pmp_reset(&p);
    set_entry(&p, 0, 0x1000 >> 2, PMP_A_NA4 | PMP_R);
    set_entry(&p, 1, 0x2000 >> 2, PMP_A_OFF);                   /* bottom of entry 2 */
    set_entry(&p, 2, 0x2100 >> 2, PMP_A_TOR | PMP_R | PMP_W);
    set_entry(&p, 3, NAPOT(0x4000, 0x1000), PMP_A_NAPOT | PMP_X);
    set_entry(&p, 4, NAPOT(0x8000, 8), PMP_A_NAPOT | PMP_W | PMP_R);
    set_entry(&p, 5, 0xffffffff, PMP_A_NAPOT | PMP_R);          /* everything (2^35 bytes) */
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x1000, false), PMP_R);
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x1003, false), PMP_R);
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x1004, false), PMP_R);        /* entry 5 */
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x2000, false), PMP_R | PMP_W);
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x20ff, false), PMP_R | PMP_W);
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x2100, false), PMP_R);        /* TOR top exclusive */
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x4fff, false), PMP_X);
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x5000, false), PMP_R);
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x8007, false), PMP_R | PMP_W);
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x8008, false), PMP_R);
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0xfffffffc, false), PMP_R);
    /* Machine mode: unlocked entries do not apply. */
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x1000, true), PMP_R | PMP_W | PMP_X);
}
END_TEST

START_TEST(test_no_match_and_partial_match)
{
    struct rv32_pmp p;
    rv32_pmp_reset(&p);
    /* No entry: U-mode is denied (16 entries are implemented), M-mode allowed. */
    ck_assert(!rv32_pmp_allows(&p, 0x80000000, 4, false, PMP_R));
    ck_assert(rv32_pmp_allows(&p, 0x80000000, 4, true, PMP_W));
    set_entry(&p, 0, 0x1000 >> 2, PMP_A_NA4 | PMP_R | PMP_W);
    ck_assert(rv32_pmp_allows(&p, 0x1000, 4, false, PMP_W));
    /* An access only partly inside the matching entry fails, even for machine mode with a
     * locked entry... and for U-mode always. */
    ck_assert(!rv32_pmp_allows(&p, 0x1002, 4, false, PMP_R));
    ck_assert(!rv32_pmp_allows(&p, 0x0ffe, 4, false, PMP_R));
    /* TOR with bottom >= top matches nothing. */
    set_entry(&p, 1, 0x3000 >> 2, PMP_A_OFF);
    set_entry(&p, 2, 0x2000 >> 2, PMP_A_TOR | PMP_R);
    ck_assert(!rv32_pmp_allows(&p, 0x2800, 4, false, PMP_R));
}
END_TEST

START_TEST(test_lock_rules)
{
    struct rv32_pmp p;
    rv32_pmp_reset(&p);
    set_entry(&p, 0, 0x1000 >> 2, PMP_A_NA4 | PMP_R | PMP_L);
    /* Locked: binds machine mode; the cfg byte and the address are read-only. */
    ck_assert(!rv32_pmp_allows(&p, 0x1000, 4, true, PMP_W));
    ck_assert(rv32_pmp_allows(&p, 0x1000, 4, true, PMP_R));
    ck_assert(!rv32_pmp_csr_write(&p, CSR_PMPADDR0, 0x2000 >> 2));
    rv32_pmp_csr_write(&p, CSR_PMPCFG0, 0x1f1f1f00);            /* byte 0 stays */
    ck_assert_uint_eq(rv32_pmp_csr_read(&p, CSR_PMPCFG0), 0x1f1f1f91);
    /* A locked TOR entry also locks the address below it. */
    set_entry(&p, 5, 0x4000 >> 2, PMP_A_OFF);
    set_entry(&p, 6, 0x5000 >> 2, PMP_A_TOR | PMP_R | PMP_L);
    ck_assert(!rv32_pmp_csr_write(&p, CSR_PMPADDR0 + 5, 0));
    ck_assert_uint_eq(rv32_pmp_csr_read(&p, CSR_PMPADDR0 + 5), 0x4000 >> 2);
    /* Locked entries cannot be unlocked without RLB, which cannot be set once locked. */
    ck_assert(!rv32_pmp_csr_write(&p, CSR_MSECCFG, MSECCFG_RLB));
    ck_assert_uint_eq(rv32_pmp_csr_read(&p, CSR_MSECCFG), 0);
}
END_TEST

START_TEST(test_mseccfg_rules)
{
    struct rv32_pmp p;
    rv32_pmp_reset(&p);
    ck_assert(rv32_pmp_csr_write(&p, CSR_MSECCFG, MSECCFG_RLB));      /* nothing locked yet */
    set_entry(&p, 0, 0x1000 >> 2, PMP_A_NA4 | PMP_R | PMP_L);
    set_entry(&p, 0, 0x2000 >> 2, PMP_A_NA4 | PMP_W | PMP_L);       /* RLB: may change */
    ck_assert_uint_eq(rv32_pmp_csr_read(&p, CSR_PMPADDR0), 0x2000 >> 2);
    rv32_pmp_csr_write(&p, CSR_MSECCFG, MSECCFG_MML | MSECCFG_MMWP);   /* RLB cleared */
    ck_assert_uint_eq(rv32_pmp_csr_read(&p, CSR_MSECCFG), MSECCFG_MML | MSECCFG_MMWP);
    rv32_pmp_csr_write(&p, CSR_MSECCFG, MSECCFG_RLB);               /* sticky; RLB refused */
    ck_assert_uint_eq(rv32_pmp_csr_read(&p, CSR_MSECCFG), MSECCFG_MML | MSECCFG_MMWP);
    ck_assert_uint_eq(rv32_pmp_csr_read(&p, CSR_MSECCFGH), 0);
    /* MML without RLB: no new locked executable rule (M-only X or shared code). */
    set_entry(&p, 1, 0x3000 >> 2, PMP_A_NA4 | PMP_X | PMP_L);
    ck_assert_uint_eq(rv32_pmp_csr_read(&p, CSR_PMPCFG0) >> 8 & 0xff, 0);
    set_entry(&p, 1, 0x3000 >> 2, PMP_A_NA4 | PMP_W | PMP_L);
    ck_assert_uint_eq(rv32_pmp_csr_read(&p, CSR_PMPCFG0) >> 8 & 0xff, 0);
    set_entry(&p, 1, 0x3000 >> 2, PMP_A_NA4 | PMP_R | PMP_W | PMP_L);    /* no X: allowed */
    ck_assert_uint_eq(rv32_pmp_csr_read(&p, CSR_PMPCFG0) >> 8 & 0xff, 0x93);
}
END_TEST

/* Smepmp 1.0, table 1 (mseccfg.MML = 1): {cfg L R W X} -> {M perms, U perms}. */
START_TEST(test_mml_truth_table)
{
    static const struct { uint8_t lrwx; unsigned m, u; } table[] = {
        { 0x0, 0, 0 }, { 0x1, 0, PMP_X }, { 0x2, PMP_R | PMP_W, PMP_R },
        { 0x3, PMP_R | PMP_W, PMP_R | PMP_W }, { 0x4, 0, PMP_R }, { 0x5, 0, PMP_R | PMP_X },
        { 0x6, 0, PMP_R | PMP_W }, { 0x7, 0, PMP_R | PMP_W | PMP_X },
        { 0x8, 0, 0 }, { 0x9, PMP_X, 0 }, { 0xa, PMP_X, PMP_X }, { 0xb, PMP_R | PMP_X, PMP_X },
        { 0xc, PMP_R, 0 }, { 0xd, PMP_R | PMP_X, 0 }, { 0xe, PMP_R | PMP_W, 0 },
        { 0xf, PMP_R, PMP_R },
    };
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        struct rv32_pmp p;
        rv32_pmp_reset(&p);
        uint8_t lrwx = table[i].lrwx;
        uint8_t cfg = (uint8_t)(PMP_A_NA4 | ((lrwx & 8) ? PMP_L : 0) | ((lrwx & 4) ? PMP_R : 0) |
                                ((lrwx & 2) ? PMP_W : 0) | ((lrwx & 1) ? PMP_X : 0));
        rv32_pmp_csr_write(&p, CSR_MSECCFG, MSECCFG_RLB);
        set_entry(&p, 0, 0x1000 >> 2, cfg);
        rv32_pmp_csr_write(&p, CSR_MSECCFG, MSECCFG_MML | MSECCFG_RLB);
        ck_assert_msg(rv32_pmp_perms(&p, 0x1000, true) == table[i].m &&
                      rv32_pmp_perms(&p, 0x1000, false) == table[i].u,
                      "LRWX %x: M %x U %x, want %x %x", lrwx, rv32_pmp_perms(&p, 0x1000, true),
                      rv32_pmp_perms(&p, 0x1000, false), table[i].m, table[i].u);
    }
    /* No match with MML: M may read and write but not execute; U nothing. */
    struct rv32_pmp p;
    rv32_pmp_reset(&p);
    rv32_pmp_csr_write(&p, CSR_MSECCFG, MSECCFG_MML);
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x5000, true), PMP_R | PMP_W);
    ck_assert_uint_eq(rv32_pmp_perms(&p, 0x5000, false), 0);
}
END_TEST

START_TEST(test_runs_of_a_page)
{
    struct rv32_pmp p;
    struct rv32_pmp_run runs[8];
    rv32_pmp_reset(&p);
    set_entry(&p, 0, NAPOT(0x80000000, 0x10000), PMP_A_NAPOT | PMP_R | PMP_W);
    ck_assert_int_eq(rv32_pmp_runs(&p, 0x80001000, 0x1000, runs, 8), 1);    /* uniform */
    set_entry(&p, 1, NAPOT(0x80002000, 0x1000), PMP_A_NAPOT | PMP_R);      /* shadowed */
    ck_assert_int_eq(rv32_pmp_runs(&p, 0x80002000, 0x1000, runs, 8), 1);
    set_entry(&p, 0, 0, PMP_A_OFF);
    set_entry(&p, 2, 0x80000040 >> 2, PMP_A_OFF);                           /* TOR bottom */
    set_entry(&p, 3, 0x80000080 >> 2, PMP_A_TOR | PMP_X);                   /* [0x40, 0x80) */
    ck_assert_int_eq(rv32_pmp_runs(&p, 0x80000000, 0x1000, runs, 8), 3);
    ck_assert_uint_eq(runs[0].end, 0x80000040);
    ck_assert_uint_eq(runs[1].begin, 0x80000040);
    ck_assert_uint_eq(runs[1].perms_u, PMP_X);
    ck_assert_uint_eq(runs[1].perms_m, PMP_R | PMP_W | PMP_X);
    ck_assert_uint_eq(runs[2].end, 0x80001000);
}
END_TEST

/* ---- decoder -------------------------------------------------------------------------- */

START_TEST(test_decode_loads_stores)
{
    uint32_t x[32] = { 0 };
    struct rv32_access a;
    x[5] = 0x80001000;                              /* t0 */
    x[2] = 0x80200100;                              /* sp */
    x[10] = 0x80003000;                             /* a0 */
    ck_assert(rv32_insn_access(0xffc2a303, x, &a)); /* lw t1, -4(t0) */
    ck_assert_uint_eq(a.addr, 0x80000ffc);
    ck_assert_uint_eq(a.size, 4);
    ck_assert(!a.store);
    ck_assert(rv32_insn_access(0x0062a823, x, &a)); /* sw t1, 16(t0) */
    ck_assert_uint_eq(a.addr, 0x80001010);
    ck_assert(a.store);
    ck_assert(rv32_insn_access(0xfe628fa3, x, &a)); /* sb t1, -1(t0) */
    ck_assert_uint_eq(a.addr, 0x80000fff);
    ck_assert_uint_eq(a.size, 1);
    ck_assert(rv32_insn_access(0x0022d303, x, &a)); /* lhu t1, 2(t0) */
    ck_assert_uint_eq(a.size, 2);
    ck_assert(rv32_insn_access(0x0062a3af, x, &a)); /* amoadd.w t2, t1, (t0) */
    ck_assert(a.store && a.amo);
    ck_assert(rv32_insn_access(0x1002a3af, x, &a)); /* lr.w t2, (t0) */
    ck_assert(!a.store && a.amo);
    ck_assert(rv32_insn_access(0x4544, x, &a));     /* c.lw s1, 12(a0) */
    ck_assert_uint_eq(a.addr, 0x8000300c);
    ck_assert(rv32_insn_access(0xc548, x, &a));     /* c.sw a0, 12(a0) */
    ck_assert_uint_eq(a.addr, 0x8000300c);
    ck_assert(a.store);
    ck_assert(rv32_insn_access(0x4532, x, &a));     /* c.lwsp a0, 12(sp) */
    ck_assert_uint_eq(a.addr, 0x8020010c);
    ck_assert(rv32_insn_access(0xc62a, x, &a));     /* c.swsp a0, 12(sp) */
    ck_assert_uint_eq(a.addr, 0x8020010c);
    ck_assert(a.store);
    ck_assert(!rv32_insn_access(0x00000013, x, &a));    /* nop */
    ck_assert(!rv32_insn_access(0x0001, x, &a));        /* c.nop */
}
END_TEST

START_TEST(test_decode_csr)
{
    struct rv32_csr_op op;
    bool writes;
    ck_assert(rv32_insn_csr(0x3a0023f3, &op));      /* csrr t2, pmpcfg0 = csrrs t2, x0 */
    ck_assert_uint_eq(op.csr, 0x3a0);
    ck_assert_uint_eq(op.rd, 7);
    rv32_csr_apply(&op, 5, 0, &writes);
    ck_assert(!writes);
    ck_assert(rv32_insn_csr(0x3b029073, &op));      /* csrw pmpaddr0, t0 */
    ck_assert_uint_eq(rv32_csr_apply(&op, 5, 9, &writes), 9);
    ck_assert(writes);
    ck_assert(rv32_insn_csr(0x7470f073, &op));      /* csrci 0x747, 1 */
    ck_assert(op.imm);
    ck_assert_uint_eq(rv32_csr_apply(&op, 7, op.rs1, &writes), 6);
    ck_assert(!rv32_insn_csr(0x00000073, &op));     /* ecall */
    ck_assert(!rv32_insn_csr(0x30200073, &op));     /* mret */
}
END_TEST

/* What the window draws: active entries with mode, range, lock and per-privilege permissions. */
START_TEST(test_describe)
{
    struct rv32_pmp p;
    rv32_pmp_reset(&p);
    set_entry(&p, 0, 0x80102000 >> 2, PMP_A_OFF);
    set_entry(&p, 1, 0x80104000 >> 2, PMP_A_TOR | PMP_R | PMP_X);
    set_entry(&p, 3, NAPOT(0x80212000, 0x1000), PMP_A_NAPOT | PMP_R | PMP_W);
    set_entry(&p, 4, 0x80000000u >> 2, PMP_A_NA4 | PMP_L | PMP_R);
    struct cpu_protection d;
    rv32_pmp_describe(&p, &d);
    ck_assert_int_eq(d.kind, CPU_PROT_PMP);
    ck_assert_int_eq(d.n, 3);                               /* entry 0 is OFF: only a TOR bottom */
    ck_assert_uint_eq(d.e[0].index, 1);
    ck_assert_uint_eq(d.e[0].mode, 1);
    ck_assert_uint_eq(d.e[0].base, 0x80102000);
    ck_assert_uint_eq(d.e[0].size, 0x2000);
    ck_assert_uint_eq(d.e[0].perms_user, CPU_PROT_R | CPU_PROT_X);
    ck_assert_uint_eq(d.e[0].perms_priv, CPU_PROT_R | CPU_PROT_W | CPU_PROT_X);   /* unlocked: M free */
    ck_assert_uint_eq(d.e[1].mode, 3);
    ck_assert_uint_eq(d.e[1].base, 0x80212000);
    ck_assert_uint_eq(d.e[1].size, 0x1000);
    ck_assert(d.e[2].locked);
    ck_assert_uint_eq(d.e[2].size, 4);
    ck_assert_uint_eq(d.e[2].perms_priv, CPU_PROT_R);
}
END_TEST

Suite *rv32_pmp_suite(void)
{
    Suite *s = suite_create("rv32_pmp");
    TCase *tc = tcase_create("pmp");
    tcase_add_test(tc, test_address_matching);
    tcase_add_test(tc, test_describe);
    tcase_add_test(tc, test_no_match_and_partial_match);
    tcase_add_test(tc, test_lock_rules);
    tcase_add_test(tc, test_mseccfg_rules);
    tcase_add_test(tc, test_mml_truth_table);
    tcase_add_test(tc, test_runs_of_a_page);
    suite_add_tcase(s, tc);
    tc = tcase_create("decode");
    tcase_add_test(tc, test_decode_loads_stores);
    tcase_add_test(tc, test_decode_csr);
    suite_add_tcase(s, tc);
    return s;
}
