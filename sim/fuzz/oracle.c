/* The oracles that look at values: each system call the driver completed, against what the
 * kernel may answer (TRD104 and the process's own memory), and after the input, the victim's
 * memory and the driver's grant table. The ones that watch the run (panic, hang, victim
 * events, a dead process switched to) are in observe.c and exec.c. doc/fuzzing.md lists
 * them all, with what they do not catch. */
#include <stdarg.h>
#include <string.h>

#include "sim/fuzz/internal.h"

enum { VARIANT_SUCCESS = 128, VARIANT_LAST = 133, ERR_NODEVICE = 11 };
enum { CLS_YIELD, CLS_SUBSCRIBE, CLS_COMMAND, CLS_ALLOW_RW, CLS_ALLOW_RO, CLS_MEMOP, CLS_EXIT,
       CLS_ALLOW_UR };

void fz_finding(struct fuzz_harness *h, enum fuzz_kind k, const char *fmt, ...)
{
    struct fz_exec *x = &h->x;
    if (x->finding || !x->v)
        return;
    x->finding = true;
    x->v->kind = k;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->v->message, sizeof(x->v->message), fmt, ap);
    va_end(ap);
    machine_request_stop(h->m);
}

int fz_kdriver_index(const struct fuzz_harness *h, uint32_t num)
{
    for (unsigned i = 0; i < h->nkdrivers; i++)
        if (h->kdrivers[i].num == num)
            return (int)i;
    return -1;
}

/* [addr, addr + len) inside [lo, hi), computed without wrapping. */
static bool within(uint32_t addr, uint32_t len, uint32_t lo, uint32_t hi)
{
    return addr >= lo && addr <= hi && len <= hi - addr;
}

/* Names the call for a finding: "#3 allow-rw(3) 0x1 0x1 0x20003ff0 0x20". */
static void describe(const struct fz_call *c, char *buf, size_t len)
{
    snprintf(buf, len, "record #%u: %s(%u) 0x%x 0x%x 0x%08x 0x%x returned 0x%x 0x%x 0x%x 0x%x",
             c->pos, fz_class_name(c->cls), c->cls, c->a[0], c->a[1], c->a[2], c->a[3],
             c->r[0], c->r[1], c->r[2], c->r[3]);
}

static void bad(struct fuzz_harness *h, const struct fz_call *c, const char *why)
{
    char d[200];
    describe(c, d, sizeof(d));
    fz_finding(h, FUZZ_BAD_RESULT, "%s: %s", d, why);
}

static void check_subscribe(struct fuzz_harness *h, const struct fz_call *c, int d)
{
    uint32_t fn = c->a[2] & ~1u;
    if (d < 0)
        bad(h, c, "subscribe to a driver the kernel does not have succeeded");
    else if (c->a[1] >= h->kdrivers[d].num_upcalls)
        bad(h, c, "subscribe number beyond the driver's upcalls succeeded");
    else if (c->a[2] != 0 && (fn < h->code_start || fn >= h->base[FZ_B_FLASH_END]))
        bad(h, c, "subscribe with a function outside the process's code succeeded");
}

static void check_allow(struct fuzz_harness *h, const struct fz_call *c, int d)
{
    const struct fz_kdriver *k = d >= 0 ? &h->kdrivers[d] : NULL;
    uint32_t count = !k ? 0 : c->cls == CLS_ALLOW_RO ? k->num_allow_ro
                   : c->cls == CLS_ALLOW_RW ? k->num_allow_rw : k->num_allow_ur;
    uint32_t ptr = c->a[2], len = c->a[3];
    bool mine = len == 0 || within(ptr, len, h->base[FZ_B_RAM_START], c->brk) ||
                (c->cls == CLS_ALLOW_RO &&
                 within(ptr, len, h->base[FZ_B_FLASH_START], h->base[FZ_B_FLASH_END]));
    if (!k)
        bad(h, c, "allow to a driver the kernel does not have succeeded");
    else if (c->a[1] >= count)
        bad(h, c, "allow number beyond the driver's buffers succeeded");
    else if (!mine)
        bad(h, c, "allow of memory the process does not own (outside its RAM below the "
                  "break, or its flash for read-only) succeeded");
}

/* A successful brk/sbrk must leave the break inside the process's RAM, below its grants. */
static void check_memop(struct fuzz_harness *h, const struct fz_call *c)
{
    int64_t lo = h->base[FZ_B_RAM_START], hi = h->base[FZ_B_GRANT];
    if (c->a[0] == 0 && ((int64_t)c->a[1] < lo || (int64_t)c->a[1] > hi))
        bad(h, c, "brk outside the process's RAM (or into its grant region) succeeded");
    if (c->a[0] != 1)
        return;
    int64_t want = (int64_t)c->brk + (int32_t)c->a[1];
    if (c->r[1] != c->brk)
        bad(h, c, "sbrk succeeded but did not return the previous break");
    else if (want < lo || want > hi)
        bad(h, c, "sbrk moving the break outside the process's RAM (or into its grants, or "
                  "wrapping around 2^32) succeeded");
}

void fz_check_call(struct fuzz_harness *h, const struct fz_call *c)
{
    bool ok = c->r[0] >= VARIANT_SUCCESS && c->r[0] <= VARIANT_LAST;
    int d = fz_kdriver_index(h, c->a[0]);
    if (!ok && c->r[0] > 3) {
        bad(h, c, "the return variant is not one TRD104 defines");
    } else if (c->cls == CLS_EXIT) {
        if (c->a[0] <= 1 || ok)
            bad(h, c, c->a[0] <= 1 ? "exit returned" : "exit with an unknown kind succeeded");
    } else if (!ok) {
        bool routed = c->cls == CLS_SUBSCRIBE || c->cls == CLS_COMMAND || c->cls == CLS_ALLOW_RW ||
                      c->cls == CLS_ALLOW_RO || c->cls == CLS_ALLOW_UR;
        if (routed && d < 0 && c->r[1] != ERR_NODEVICE)
            bad(h, c, "a call to a driver the kernel does not have failed without NODEVICE");
    } else if (c->cls == CLS_SUBSCRIBE) {
        check_subscribe(h, c, d);
    } else if (c->cls == CLS_COMMAND && d < 0) {
        bad(h, c, "command to a driver the kernel does not have succeeded");
    } else if (c->cls == CLS_ALLOW_RW || c->cls == CLS_ALLOW_RO || c->cls == CLS_ALLOW_UR) {
        check_allow(h, c, d);
    } else if (c->cls == CLS_MEMOP) {
        check_memop(h, c);
    } else if (c->cls > CLS_ALLOW_UR) {
        bad(h, c, "a system call class TRD104 does not define succeeded");
    }
}

void fz_follow_break(struct fuzz_harness *h, const struct fz_call *c)
{
    if (c->cls != CLS_MEMOP || c->r[0] < VARIANT_SUCCESS)
        return;
    if (c->a[0] == 0)
        h->x.brk = c->a[1];
    else if (c->a[0] == 1)
        h->x.brk = c->brk + c->a[1];
}

static void check_victim(struct fuzz_harness *h)
{
    const struct fz_victim_block *v = fz_guest(h, h->vic);
    if (memcmp(v->magic, FZ_VICTIM_MAGIC, FZ_MAGIC_LEN) != 0) {
        fz_finding(h, FUZZ_VICTIM_MEMORY, "the victim's magic at 0x%08x was overwritten", h->vic);
        return;
    }
    for (uint32_t i = 0; i < FZ_VICTIM_GUARD; i++) {
        uint32_t w;
        memcpy(&w, &v->guard[i], 4);
        if (w != fz_guard_word(i)) {
            fz_finding(h, FUZZ_VICTIM_MEMORY, "the victim's guard word %u at 0x%08x is 0x%08x, "
                       "not 0x%08x", i, h->vic + (uint32_t)offsetof(struct fz_victim_block,
                       guard) + 4 * i, w, fz_guard_word(i));
            return;
        }
    }
}

/* Bytes of driver k's grant record (kernel/core/grant.c: upcall slots and buffer slots of 8
 * bytes, 8-aligned, then the capsule's data, 8-aligned). */
static uint32_t grant_bytes(const struct fz_kdriver *k)
{
    uint32_t slots = 8u * (k->num_upcalls + k->num_allow_ro + k->num_allow_rw + k->num_allow_ur);
    return (((slots + 7u) & ~7u) + k->grant_size + 7u) & ~7u;
}

/* The driver's grant table (the top of its RAM block): each grant above its break, below
 * the table, and no two overlapping. */
static void check_grants(struct fuzz_harness *h)
{
    uint32_t table = h->base[FZ_B_RAM_END] - ((4u * h->nkdrivers + 7u) & ~7u);
    uint32_t lo[FZ_MAX_DRIVERS], hi[FZ_MAX_DRIVERS];
    for (unsigned i = 0; i < h->nkdrivers; i++) {
        lo[i] = fz_guest32(h, table + 4 * i);
        hi[i] = lo[i] + grant_bytes(&h->kdrivers[i]);
        if (lo[i] && (lo[i] < h->x.brk || hi[i] > table || hi[i] < lo[i]))
            fz_finding(h, FUZZ_BOOKKEEPING, "the grant of driver 0x%x is at 0x%08x-0x%08x, "
                       "outside the grant region (break 0x%08x, table 0x%08x)",
                       h->kdrivers[i].num, lo[i], hi[i], h->x.brk, table);
        for (unsigned j = 0; lo[i] && j < i; j++)
            if (lo[j] && lo[i] < hi[j] && lo[j] < hi[i])
                fz_finding(h, FUZZ_BOOKKEEPING, "the grants of drivers 0x%x (0x%08x) and 0x%x "
                           "(0x%08x) overlap", h->kdrivers[j].num, lo[j], h->kdrivers[i].num,
                           lo[i]);
    }
}

void fz_check_after(struct fuzz_harness *h)
{
    check_victim(h);
    if (!h->x.dead && !h->x.finding)
        check_grants(h);
}

/* Whether the driver's access to the byte at addr must fault: memory it does not own (the
 * victim's block, the kernel's stack at the bottom of RAM on both boards, the kernel-owned
 * top of its own RAM block from where its grants began at start-up (they only grow down),
 * the console UART) or, for stores, any flash. */
static bool foreign(struct fuzz_harness *h, uint32_t addr, bool store)
{
    const struct machine_layout *l = &h->m->layout;
    uint32_t top = h->base[FZ_B_RAM_END], grants = h->base[FZ_B_GRANT];
    return (addr - h->vic < sizeof(struct fz_victim_block)) ||
           (addr - l->ram_base < 0x800) || (addr - grants < top - grants) ||
           (addr - h->base[FZ_B_MMIO] < 0x1000) ||
           (store && addr - l->flash_base < l->apps_base + l->apps_size - l->flash_base);
}

/* Whether the driver said it was about to touch addr in record i (apps/fuzz-driver/abi.h). */
static bool witnessed(struct fuzz_harness *h, uint32_t i, uint32_t addr)
{
    uint32_t r = FZ_DRV(h, rec[0]) + i * (uint32_t)sizeof(struct fz_record) +
                 (uint32_t)offsetof(struct fz_record, r);
    return fz_guest32(h, r + 8) == addr && fz_guest32(h, r + 12) == ~addr;
}

void fz_check_touches(struct fuzz_harness *h, uint32_t upto)
{
    static const char *const kinds[] = { "load8", "store8", "load32", "store32" };
    struct fz_exec *x = &h->x;
    for (uint32_t i = x->touch_from; i < upto && i < x->prog->count && !x->finding; i++) {
        const struct fz_record *r = &x->prog->rec[i];
        if (r->op != FZ_OP_TOUCH)
            continue;
        uint32_t base = r->ptr_base == FZ_B_BREAK ? x->brk : h->base[r->ptr_base % FZ_NUM_BASES];
        uint32_t addr = base + r->a[1], last = addr;
        bool store = r->a[0] % 2 == 1;
        if (r->a[0] % 4 >= FZ_TOUCH_LOAD32 && !r->a[2])
            addr = last = addr & ~3u;
        if (r->a[0] % 4 >= FZ_TOUCH_LOAD32)
            last = addr + 3;        /* the foreign ranges are longer than 4: both ends tell */
        if (!witnessed(h, i, addr)) {   /* the program had changed the driver: it ran another */
            if (h->log)
                fprintf(h->log, "  (record #%u, a %s at 0x%08x, did not run as written: the "
                        "program had written the driver's own memory; not judged)\n", i,
                        kinds[r->a[0] % 4], addr);
            continue;
        }
        if (foreign(h, addr, store) || foreign(h, last, store))
            fz_finding(h, FUZZ_PROTECTION, "record #%u: the driver's %s at 0x%08x (%s%+d) ran "
                       "without a fault: memory protection let a process reach memory that is "
                       "not its own", i, kinds[r->a[0] % 4], addr, fz_base_name(r->ptr_base),
                       (int32_t)r->a[1]);
    }
    if (upto > x->touch_from)
        x->touch_from = upto;
}
