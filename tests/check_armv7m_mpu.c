/* Unit tests: ARMv7-M PMSAv7 MPU decisions and registers. */
#include <check.h>
#include <string.h>

#include "sim/cpu/cortexm/armv7m_scs.h"

enum { ENABLE = 1, PRIVDEFENA = 4 };
#define XN (1u << 28)

/* Region n at `base` of 2^(size_field+1) bytes, with AP, extra RASR bits (XN) and SRD. */
static void region(struct armv7m_mpu *m, int n, uint32_t base, unsigned size_field, unsigned ap,
                   uint32_t extra, unsigned srd)
{
    m->region[n].rbar = base;
    m->region[n].rasr = extra | ap << 24 | srd << 8 | size_field << 1 | 1;
}

/* "rwx" string of what is allowed at addr. */
static const char *perms(const struct armv7m_mpu *m, uint32_t addr, bool priv)
{
    static char buf[4];
    buf[0] = armv7m_mpu_allows(m, addr, priv, 'r') ? 'r' : '-';
    buf[1] = armv7m_mpu_allows(m, addr, priv, 'w') ? 'w' : '-';
    buf[2] = armv7m_mpu_allows(m, addr, priv, 'x') ? 'x' : '-';
    buf[3] = 0;
    return buf;
}

START_TEST(test_default_map_when_disabled)
{
    struct armv7m_mpu m = { 0 };
    region(&m, 0, 0, 31, 0, 0, 0);                      /* ignored while CTRL.ENABLE = 0 */
    ck_assert_str_eq(perms(&m, 0x00000000, false), "rwx");
    ck_assert_str_eq(perms(&m, 0x3ffffffc, false), "rwx");
    ck_assert_str_eq(perms(&m, 0x40000000, false), "rw-");
    ck_assert_str_eq(perms(&m, 0x5fffffff, true), "rw-");
    ck_assert_str_eq(perms(&m, 0x60000000, false), "rwx");
    ck_assert_str_eq(perms(&m, 0x9ffffffc, true), "rwx");
    ck_assert_str_eq(perms(&m, 0xa0000000, true), "rw-");
    ck_assert_str_eq(perms(&m, 0xe000ed00, true), "rw-");
    ck_assert_str_eq(perms(&m, 0xfffffffc, false), "rw-");
}
END_TEST

/* AP x privilege x access, for 32-byte, 1 KiB and 4 GiB regions, with and without XN. */
START_TEST(test_permission_matrix)
{
    static const char *want[8][2] = {           /* [ap][unpriv, priv] */
        { "---", "---" }, { "---", "rwx" }, { "r-x", "rwx" }, { "rwx", "rwx" },
        { "---", "---" }, { "---", "r-x" }, { "r-x", "r-x" }, { "r-x", "r-x" },
    };
    static const struct { uint32_t base; unsigned size_field; uint64_t size; } sizes[] = {
        { 0x20000040, 4, 32 }, { 0x20000400, 9, 1024 }, { 0x00000000, 31, 1ull << 32 },
    };
    for (unsigned z = 0; z < 3; z++) {
        for (unsigned ap = 0; ap < 8; ap++) {
            for (int xn = 0; xn < 2; xn++) {
                struct armv7m_mpu m = { .ctrl = ENABLE };
                region(&m, 3, sizes[z].base, sizes[z].size_field, ap, xn ? XN : 0, 0);
                uint32_t first = sizes[z].base;
                uint32_t last = (uint32_t)(sizes[z].base + sizes[z].size - 1);
                if (sizes[z].size == (1ull << 32))
                    last = 0x3fffffff;      /* 0xE0000000+ never executes */
                for (int priv = 0; priv < 2; priv++) {
                    const char *p = want[ap][priv];
                    char w[4] = { p[0], p[1], xn ? '-' : p[2], 0 };
                    ck_assert_msg(strcmp(perms(&m, first, priv), w) == 0,
                                  "size %u ap %u xn %d priv %d", z, ap, xn, priv);
                    ck_assert_str_eq(perms(&m, last & ~3u, priv), w);
                }
                if (sizes[z].size < (1ull << 32)) {     /* just outside: no region, no access */
                    ck_assert_str_eq(perms(&m, first - 1, true), "---");
                    ck_assert_str_eq(perms(&m, last + 1, false), "---");
                }
            }
        }
    }
}
END_TEST

START_TEST(test_subregions)
{
    struct armv7m_mpu m = { .ctrl = ENABLE };
    region(&m, 0, 0x20000000, 10, 3, 0, 0x84);          /* 2 KiB, subregions 2 and 7 off */
    ck_assert_str_eq(perms(&m, 0x20000000, false), "rwx");
    ck_assert_str_eq(perms(&m, 0x200001ff, false), "rwx");
    ck_assert_str_eq(perms(&m, 0x20000200, false), "---");
    ck_assert_str_eq(perms(&m, 0x200002ff, false), "---");
    ck_assert_str_eq(perms(&m, 0x20000300, false), "rwx");
    ck_assert_str_eq(perms(&m, 0x200006ff, false), "rwx");
    ck_assert_str_eq(perms(&m, 0x20000700, false), "---");
    /* A disabled subregion falls through to a lower-numbered region underneath. */
    region(&m, 1, m.region[0].rbar, 10, 3, 0, 0x84);
    region(&m, 0, 0x20000000, 11, 6, XN, 0);            /* 4 KiB read-only under it */
    ck_assert_str_eq(perms(&m, 0x20000200, false), "r--");
    ck_assert_str_eq(perms(&m, 0x20000100, false), "rwx");
    /* Privileged with PRIVDEFENA and nothing underneath: the default map. */
    region(&m, 0, 0, 0, 0, 0, 0);
    m.region[0].rasr = 0;
    m.ctrl = ENABLE | PRIVDEFENA;
    ck_assert_str_eq(perms(&m, 0x20000200, true), "rwx");
    ck_assert_str_eq(perms(&m, 0x20000200, false), "---");
    /* 256 B: subregions of 32 bytes. */
    struct armv7m_mpu s = { .ctrl = ENABLE };
    region(&s, 0, 0x20001000, 7, 3, 0, 0x01);
    ck_assert_str_eq(perms(&s, 0x2000101f, false), "---");
    ck_assert_str_eq(perms(&s, 0x20001020, false), "rwx");
    /* Regions below 256 bytes have no subregions: SRD is ignored. */
    region(&s, 0, 0x20001000, 6, 3, 0, 0xff);
    ck_assert_str_eq(perms(&s, 0x20001000, false), "rwx");
    ck_assert_str_eq(perms(&s, 0x2000107f, false), "rwx");
}
END_TEST

START_TEST(test_overlap_higher_number_wins)
{
    struct armv7m_mpu m = { .ctrl = ENABLE };
    region(&m, 2, 0x20000000, 15, 3, 0, 0);             /* 64 KiB RW */
    region(&m, 5, 0x20004000, 9, 6, XN, 0);             /* 1 KiB RO inside */
    ck_assert_str_eq(perms(&m, 0x20004000, false), "r--");
    ck_assert_str_eq(perms(&m, 0x200043fc, false), "r--");
    ck_assert_str_eq(perms(&m, 0x20004400, false), "rwx");
    ck_assert_str_eq(perms(&m, 0x20003ffc, false), "rwx");
    /* Swapped numbers: the big RW region (now higher) wins everywhere. */
    region(&m, 1, 0x20004000, 9, 6, XN, 0);
    region(&m, 6, 0x20000000, 15, 3, 0, 0);
    m.region[2].rasr = m.region[5].rasr = 0;
    ck_assert_str_eq(perms(&m, 0x20004000, false), "rwx");
    /* A disabled region never matches. */
    m.region[6].rasr &= ~1u;
    ck_assert_str_eq(perms(&m, 0x20004000, false), "r--");
    ck_assert_str_eq(perms(&m, 0x20000000, false), "---");
}
END_TEST

START_TEST(test_privdefena_xn_and_system_space)
{
    struct armv7m_mpu m = { .ctrl = ENABLE };
    region(&m, 0, 0x00000000, 17, 6, 0, 0);             /* 256 KiB flash RO */
    ck_assert_str_eq(perms(&m, 0x20000000, true), "---");
    ck_assert_str_eq(perms(&m, 0x20000000, false), "---");
    m.ctrl = ENABLE | PRIVDEFENA;
    ck_assert_str_eq(perms(&m, 0x20000000, true), "rwx");
    ck_assert_str_eq(perms(&m, 0x40000000, true), "rw-");
    ck_assert_str_eq(perms(&m, 0x20000000, false), "---");
    ck_assert_str_eq(perms(&m, 0x00001000, true), "r-x");  /* a region hit ignores PRIVDEFENA */
    /* The PPB always uses the default map; nothing at 0xE0000000+ ever executes. */
    m.ctrl = ENABLE;
    ck_assert_str_eq(perms(&m, 0xe000ed00, false), "rw-");
    ck_assert_str_eq(perms(&m, 0xe0100000, true), "---");
    region(&m, 7, 0xe0000000, 28, 3, 0, 0);             /* 512 MiB full access, no XN */
    ck_assert_str_eq(perms(&m, 0xe0100000, false), "rw-");
    ck_assert_str_eq(perms(&m, 0xf0000000, true), "rw-");
    /* XN on an executable default-map area. */
    region(&m, 7, 0x20000000, 11, 3, XN, 0);
    ck_assert_str_eq(perms(&m, 0x20000000, true), "rw-");
    region(&m, 7, 0x20000000, 11, 3, 0, 0);
    ck_assert_str_eq(perms(&m, 0x20000000, true), "rwx");
}
END_TEST

START_TEST(test_misaligned_base_is_aligned_down)
{
    struct armv7m_mpu m = { .ctrl = ENABLE };
    region(&m, 0, 0x20000140, 7, 3, 0, 0);              /* 256 B at ...140: used as ...100 */
    ck_assert_str_eq(perms(&m, 0x20000100, false), "rwx");
    ck_assert_str_eq(perms(&m, 0x200001fc, false), "rwx");
    ck_assert_str_eq(perms(&m, 0x20000200, false), "---");
    ck_assert_str_eq(perms(&m, 0x200000fc, false), "---");
}
END_TEST

START_TEST(test_block_classification)
{
    struct armv7m_mpu m = { .ctrl = ENABLE };
    region(&m, 0, 0x20000000, 11, 3, 0, 0);             /* 4 KiB RW */
    region(&m, 1, 0x20000440, 4, 0, 0, 0);              /* 32 B hole */
    region(&m, 2, 0x20002000, 12, 3, 0, 0x10);          /* 8 KiB, 1 KiB subregion 4 off */
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20000000, 1024, false, 'w'), 1);
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20000400, 1024, false, 'w'), -1);
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20000400, 1024, false, 'x'), -1);
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20000440, 32, false, 'r'), 0);
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20000460, 32, false, 'r'), 1);
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20001000, 1024, false, 'r'), 0);
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x30000000, 1024, false, 'r'), 0);
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20000000, 8192, false, 'r'), -1);
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20003000, 1024, false, 'r'), 0);   /* subregion */
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20002c00, 1024, false, 'r'), 1);
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20002000, 4096, false, 'r'), 1);
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20002000, 8192, false, 'r'), -1);
    /* Region ends in the middle of a page, privileged with the default map behind it. */
    m.ctrl = ENABLE | PRIVDEFENA;
    region(&m, 3, 0x20007e00, 8, 5, 0, 0);              /* 512 B privileged read-only */
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20007c00, 1024, true, 'w'), -1);
    ck_assert_int_eq(armv7m_mpu_block(&m, 0x20007c00, 1024, true, 'r'), 1);
    /* Default-map edges: MPU off, fetches across 0x40000000-0x7FFFFFFF. */
    struct armv7m_mpu off = { 0 };
    ck_assert_int_eq(armv7m_mpu_block(&off, 0x40000000, 0x40000000, false, 'x'), -1);
    ck_assert_int_eq(armv7m_mpu_block(&off, 0x40000000, 0x20000000, false, 'x'), 0);
    ck_assert_int_eq(armv7m_mpu_block(&off, 0x60000000, 0x20000000, false, 'x'), 1);
    ck_assert_int_eq(armv7m_mpu_block(&off, 0xfffffc00, 1024, true, 'r'), 1);
    /* MPU on, no region: the PPB (default map) ends inside a 2 MiB block. */
    off.ctrl = ENABLE;
    ck_assert_int_eq(armv7m_mpu_block(&off, 0xe0000000, 0x200000, false, 'r'), -1);
    ck_assert_int_eq(armv7m_mpu_block(&off, 0xe0000000, 0x100000, false, 'r'), 1);
    ck_assert_int_eq(armv7m_mpu_block(&off, 0xe0000000, 0x100000, true, 'x'), 0);
}
END_TEST

/* Cross-check against a per-granule walk of armv7m_mpu_allows on random configurations. */
static uint32_t lcg(uint32_t *x)
{
    *x = *x * 1664525u + 1013904223u;
    return *x >> 8;
}

START_TEST(test_block_matches_granule_walk)
{
    uint32_t seed = 12345;
    for (int round = 0; round < 200; round++) {
        struct armv7m_mpu m = { .ctrl = ENABLE | (lcg(&seed) & 1 ? PRIVDEFENA : 0) };
        for (int n = 0; n < 8; n++) {
            if (lcg(&seed) % 3 == 0)
                continue;
            unsigned size_field = 4 + lcg(&seed) % 9;   /* 32 B .. 8 KiB */
            uint32_t base = 0x20000000 + (lcg(&seed) % 0x4000 & ~31u);
            region(&m, n, base, size_field, lcg(&seed) % 8, lcg(&seed) & 1 ? XN : 0,
                   lcg(&seed) & 0xff);
        }
        for (uint32_t page = 0x20000000; page < 0x20004400; page += 1024) {
            for (int k = 0; k < 6; k++) {
                bool priv = k & 1;
                char access = "rwx"[k / 2];
                int all = 1, none = 1;
                for (uint32_t a = page; a < page + 1024; a += 32) {
                    bool ok = armv7m_mpu_allows(&m, a, priv, access);
                    all &= ok;
                    none &= !ok;
                }
                int want = all ? 1 : none ? 0 : -1;
                ck_assert_int_eq(armv7m_mpu_block(&m, page, 1024, priv, access), want);
            }
        }
    }
}
END_TEST

/* ---- registers through the SCS -------------------------------------------------------------- */

struct regs_fixture {
    struct vclock clock;
    struct trace trace;
    struct armv7m_scs scs;
    int mpu_calls;
};

static void on_mpu(void *ctx) { ((struct regs_fixture *)ctx)->mpu_calls++; }

static uint32_t rd(struct regs_fixture *f, uint32_t off)
{
    return armv7m_scs_ops.read(&f->scs, off, 4);
}

static void wr(struct regs_fixture *f, uint32_t off, uint32_t v)
{
    armv7m_scs_ops.write(&f->scs, off, v, 4);
}

static void regs_setup(struct regs_fixture *f)
{
    *f = (struct regs_fixture){ 0 };
    clock_init(&f->clock, 64000000);
    trace_init(&f->trace, &f->clock, "test");
    f->trace.guest_log = NULL;
    struct device_env env = { &f->clock, &f->trace, "scs", NULL };
    struct armv7m_scs_hooks hooks = { .ctx = f, .mpu_changed = on_mpu };
    armv7m_scs_init(&f->scs, &env, 32, 3, 1000000, &hooks);
}

START_TEST(test_mpu_registers)
{
    struct regs_fixture f;
    regs_setup(&f);
    ck_assert_uint_eq(rd(&f, 0xd90), 0x0800);
    ck_assert_uint_eq(rd(&f, 0xd94), 0);
    wr(&f, 0xd94, 0xffffffff);
    ck_assert_uint_eq(rd(&f, 0xd94), 7);
    ck_assert_int_eq(f.mpu_calls, 1);
    wr(&f, 0xd98, 2);
    wr(&f, 0xd9c, 0x20001224);                          /* VALID = 0: region 2 (RNR) */
    ck_assert_uint_eq(rd(&f, 0xd9c), 0x20001222);       /* address | region */
    ck_assert_uint_eq(f.scs.mpu.region[2].rbar, 0x20001220);
    wr(&f, 0xd9c, 0x20004015);                          /* VALID, REGION 5: selects it */
    ck_assert_uint_eq(rd(&f, 0xd98), 5);
    ck_assert_uint_eq(rd(&f, 0xd9c), 0x20004005);
    wr(&f, 0xda0, 0xffffffff);
    ck_assert_uint_eq(rd(&f, 0xda0), 0x173fff3f);
    ck_assert_uint_eq(f.scs.mpu.region[5].rasr, 0x173fff3f);
    /* Aliases reach the region RNR selects (ARMv7-M: no RNR + n). */
    wr(&f, 0xdac, 0x08000017);                          /* RBAR_A2, VALID, REGION 7 */
    wr(&f, 0xdb8, 0x0602000b);                          /* RASR_A3 */
    ck_assert_uint_eq(rd(&f, 0xd98), 7);
    ck_assert_uint_eq(f.scs.mpu.region[7].rbar, 0x08000000);
    ck_assert_uint_eq(f.scs.mpu.region[7].rasr, 0x0602000b);
    ck_assert_uint_eq(rd(&f, 0xda4), 0x08000007);
    ck_assert_uint_eq(rd(&f, 0xda8), 0x0602000b);
    ck_assert_int_eq(f.mpu_calls, 7);
    ck_assert_uint_eq(f.trace.guest_errors, 0);
    /* Out-of-range region numbers are guest errors and change nothing. */
    wr(&f, 0xd98, 8);
    wr(&f, 0xd9c, 0x1000001f);
    ck_assert_uint_eq(rd(&f, 0xd98), 7);
    ck_assert_uint_eq(f.scs.mpu.region[7].rbar, 0x08000000);
    ck_assert_uint_eq(f.trace.guest_errors, 2);
    ck_assert_int_eq(f.mpu_calls, 9);
    /* The decision uses what the registers hold. */
    wr(&f, 0xd94, 1);
    ck_assert(armv7m_mpu_allows(&f.scs.mpu, 0x08000000, false, 'r'));
    ck_assert(!armv7m_mpu_allows(&f.scs.mpu, 0x08000000, false, 'w'));
    ck_assert(!armv7m_mpu_allows(&f.scs.mpu, 0x08000040, false, 'r'));   /* 64 B region */
    armv7m_scs_reset(&f.scs);
    ck_assert_uint_eq(rd(&f, 0xd94), 0);
    ck_assert_uint_eq(rd(&f, 0xda0), 0);
}
END_TEST

/* What the window draws: enabled regions only, bounds as decoded, AP/XN as R/W/X per privilege,
 * SRD only where subregions exist. */
START_TEST(test_describe)
{
    struct armv7m_mpu m = { .ctrl = ENABLE | PRIVDEFENA };
    region(&m, 0, 0x42000, 11, 6, 0, 0);                  /* 4 KiB read-only, executable */
    region(&m, 3, 0x20006000, 12, 3, XN, 0xf0);           /* 8 KiB RW, XN, top half off */
    region(&m, 5, 0x20001000, 6, 3, 0, 0xff);             /* 128 B: SRD ignored */
    struct cpu_protection p;
    armv7m_mpu_describe(&m, &p);
    ck_assert_int_eq(p.kind, CPU_PROT_MPU);
    ck_assert_uint_eq(p.control, ENABLE | PRIVDEFENA);
    ck_assert_int_eq(p.n, 3);
    ck_assert_uint_eq(p.e[0].index, 0);
    ck_assert_uint_eq(p.e[0].base, 0x42000);
    ck_assert_uint_eq(p.e[0].size, 0x1000);
    ck_assert_uint_eq(p.e[0].perms_user, CPU_PROT_R | CPU_PROT_X);
    ck_assert_uint_eq(p.e[1].index, 3);
    ck_assert_uint_eq(p.e[1].perms_user, CPU_PROT_R | CPU_PROT_W);
    ck_assert_uint_eq(p.e[1].perms_priv, CPU_PROT_R | CPU_PROT_W);
    ck_assert_uint_eq(p.e[1].subregions_off, 0xf0);
    ck_assert_uint_eq(p.e[2].subregions_off, 0);
    region(&m, 3, 0x20006000, 12, 1, 0, 0);               /* privileged only */
    armv7m_mpu_describe(&m, &p);
    ck_assert_uint_eq(p.e[1].perms_user, 0);
    ck_assert_uint_eq(p.e[1].perms_priv, CPU_PROT_R | CPU_PROT_W | CPU_PROT_X);
}
END_TEST

Suite *armv7m_mpu_suite(void)
{
    Suite *s = suite_create("armv7m_mpu");
    TCase *d = tcase_create("decisions");
    tcase_add_test(d, test_default_map_when_disabled);
    tcase_add_test(d, test_permission_matrix);
    tcase_add_test(d, test_subregions);
    tcase_add_test(d, test_describe);
    tcase_add_test(d, test_overlap_higher_number_wins);
    tcase_add_test(d, test_privdefena_xn_and_system_space);
    tcase_add_test(d, test_misaligned_base_is_aligned_down);
    suite_add_tcase(s, d);
    TCase *b = tcase_create("blocks");
    tcase_add_test(b, test_block_classification);
    tcase_add_test(b, test_block_matches_granule_walk);
    suite_add_tcase(s, b);
    TCase *r = tcase_create("registers");
    tcase_add_test(r, test_mpu_registers);
    suite_add_tcase(s, r);
    return s;
}
