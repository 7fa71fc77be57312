/* The harness's set-up: the machine, the boot until both apps are ready, what the host learns
 * of the kernel and the driver then, and the snapshot every input starts from. */
#include <stdlib.h>
#include <string.h>

#include "boards-virtual/sim_boards.h"
#include "lib/tbf/tbfimg.h"
#include "sim/core/loader.h"
#include "sim/fuzz/internal.h"

#define BOOT_STEP_NS 1000000u       /* the boot is checked once per virtual millisecond */
#define BOOT_LIMIT_NS 3000000000u

void fz_speed_up_console(struct machine *m)
{
    if (m->desc->console_speedup)
        m->desc->console_speedup(m, FZ_CONSOLE_SPEEDUP);
}

void *fz_guest(struct fuzz_harness *h, uint32_t addr)
{
    return h->ram + (addr - h->ram_base);
}

uint32_t fz_guest32(struct fuzz_harness *h, uint32_t addr)
{
    uint32_t v;
    memcpy(&v, fz_guest(h, addr), 4);
    return v;
}

void fz_put32(struct fuzz_harness *h, uint32_t addr, uint32_t v)
{
    memcpy(fz_guest(h, addr), &v, 4);
}

/* The guest address of a 4-aligned block starting with magic in [lo, hi), or 0. */
static uint32_t find_magic(struct fuzz_harness *h, const char *magic, uint32_t size,
                           const uint32_t range[2])
{
    uint32_t lo = range[0] - h->ram_base, hi = range[1] - h->ram_base;
    if (!range[1] || lo >= h->ram_size || hi > h->ram_size || hi < lo)
        return 0;                       /* not seen yet (the loader's line comes first) */
    for (uint32_t off = lo; off + size <= hi; off += 4)
        if (h->ram[off] == (uint8_t)magic[0] && memcmp(h->ram + off, magic, FZ_MAGIC_LEN) == 0)
            return h->ram_base + off;
    return 0;
}

/* Both apps started: the driver waits for `go`, the victim has counted once. */
static bool apps_ready(struct fuzz_harness *h)
{
    if (!h->drv)
        h->drv = find_magic(h, FZ_DRIVER_MAGIC, sizeof(struct fz_driver_block), h->drv_ram);
    if (!h->vic)
        h->vic = find_magic(h, FZ_VICTIM_MAGIC, sizeof(struct fz_victim_block), h->vic_ram);
    return h->drv && h->vic && fz_guest32(h, FZ_DRV(h, ready)) &&
           fz_guest32(h, h->vic + offsetof(struct fz_victim_block, counter)) > 0;
}

/* Runs the machine from reset in 1 ms steps (the same steps every time: a replay stops where
 * the fuzzer's boot did) until both apps are ready. */
static bool boot_to_ready(struct fuzz_harness *h, char *err, size_t errlen)
{
    struct machine *m = h->m;
    uint64_t step = clock_cycles_from_ns(&m->clock, BOOT_STEP_NS);
    uint64_t limit = clock_cycles_from_ns(&m->clock, BOOT_LIMIT_NS);
    while (!apps_ready(h)) {
        enum machine_status st = machine_run(m, (m->clock.now / step + 1) * step);
        if (st == MACHINE_ERROR || st == MACHINE_EXITED || m->clock.now >= limit) {
            snprintf(err, errlen, "the kernel did not start fuzz-driver and fuzz-victim: %s",
                     st == MACHINE_ERROR ? m->error : st == MACHINE_EXITED
                     ? "the machine exited" : "no ready block in RAM after 3 s (did the kernel's "
                       "loader print \"Loader: process fuzz-driver: ..., RAM 0x...-0x...\"?)");
            return false;
        }
    }
    return true;
}

/* The kernel's system call drivers, from its table (board_drivers, board_num_drivers) and
 * each struct driver's counts (kernel/core/driver.h pins their offsets). */
static bool read_kdrivers(struct fuzz_harness *h, const char *kernel, char *err, size_t errlen)
{
    static const char *const names[] = { "board_drivers", "board_num_drivers" };
    uint32_t at[2] = { 0, 0 }, n = 0;
    if (loader_elf_symbols(kernel, names, at, 2) != 2 || !bus_peek(&h->m->bus, at[1], &n, 4)) {
        snprintf(err, errlen, "%s: no board_drivers/board_num_drivers: not this project's kernel?",
                 kernel);
        return false;
    }
    h->nkdrivers = n < FZ_MAX_DRIVERS ? n : FZ_MAX_DRIVERS;
    for (unsigned i = 0; i < h->nkdrivers; i++) {
        uint32_t d = 0;
        uint8_t s[16];
        if (!bus_peek(&h->m->bus, at[0] + 4 * i, &d, 4) || !bus_peek(&h->m->bus, d, s, 16)) {
            snprintf(err, errlen, "%s: driver table entry %u unreadable", kernel, i);
            return false;
        }
        h->kdrivers[i] = (struct fz_kdriver){ tbfimg_get32(s), s[8], s[9], s[10], s[11],
                                              tbfimg_get16(s + 12) };
    }
    return true;
}

/* The driver's layout as it reported it, the host's bases, and where its code starts. */
static bool read_layout(struct fuzz_harness *h, char *err, size_t errlen)
{
    memcpy(h->base, fz_guest(h, FZ_DRV(h, base)), sizeof(h->base));
    h->base[FZ_B_VICTIM] = h->vic;
    h->base[FZ_B_KERNEL_RAM] = h->m->layout.ram_base;
    h->base[FZ_B_KERNEL_FLASH] = h->m->layout.flash_base;
    const struct bus_region *uart = NULL;
    for (int i = 0; i < h->m->bus.count && !uart; i++)
        if (h->m->bus.regions[i].name && strcmp(h->m->bus.regions[i].name, "uart0") == 0)
            uart = &h->m->bus.regions[i];
    h->base[FZ_B_MMIO] = uart ? uart->base : 0x40000000u;
    h->base[FZ_B_TOP] = 0xffffff00u;
    uint8_t hdr[512];
    struct tbfimg_info info;
    char why[200];
    if (!bus_peek(&h->m->bus, h->base[FZ_B_FLASH_START], hdr, sizeof(hdr)) ||
        tbfimg_parse(hdr, sizeof(hdr), &info, why, sizeof(why)) != 0) {
        snprintf(err, errlen, "fuzz-driver's TBF header at 0x%08x unreadable",
                 h->base[FZ_B_FLASH_START]);
        return false;
    }
    h->code_start = h->base[FZ_B_FLASH_START] + info.header_size + info.protected_size;
    return true;
}

struct fuzz_harness *fuzz_harness_attach(struct machine *m, const char *kernel, FILE *log,
                                         char *err, size_t errlen)
{
    struct bus_region *ram = bus_find(&m->bus, m->layout.ram_base);
    struct fuzz_harness *h = calloc(1, sizeof(*h));
    if (!h || !ram) {
        snprintf(err, errlen, !h ? "out of memory" : "the board has no RAM at 0x%08x",
                 m->layout.ram_base);
        free(h);
        return NULL;
    }
    *h = (struct fuzz_harness){ .m = m, .log = log, .ram = ram->host, .ram_base = ram->base,
                                .ram_size = ram->size, .driver.slot = -1, .victim.slot = -1 };
    fz_observe_install(h);
    fz_speed_up_console(m);
    if (!boot_to_ready(h, err, errlen) || !read_kdrivers(h, kernel, err, errlen) ||
        !read_layout(h, err, errlen)) {
        fuzz_harness_free(h);
        return NULL;
    }
    if (h->driver.slot < 0 || h->victim.slot < 0) {
        snprintf(err, errlen, "the kernel reported no fuzz-driver/fuzz-victim process (kdbg)");
        fuzz_harness_free(h);
        return NULL;
    }
    h->driver_at_boot = h->driver;      /* what every input starts from */
    h->victim_at_boot = h->victim;
    h->pid_at_boot = h->x.cur_pid;
    return h;
}

static struct machine *build(const struct fuzz_config *cfg, char *err, size_t errlen)
{
    struct machine_config mc = { .board = cfg->board, .seed = 1, .console = cfg->console };
    struct machine *m = machine_create(&mc, err, errlen);
    if (!m)
        return NULL;
    m->trace.guest_log = NULL;      /* a fuzzed program's bad accesses are expected */
    struct loader_apps apps = { .cursor = m->layout.apps_base,
                                .region_end = m->layout.apps_base + m->layout.apps_size,
                                .tab_archs = m->desc->tab_archs };
    free(m->kernel_path);
    m->kernel_path = strdup(cfg->kernel);       /* symbols for reports and --profile */
    if (!loader_load_elf(&m->bus, cfg->kernel, m->cpu.ops->elf_machine, NULL, err, errlen) ||
        !loader_load_app(&m->bus, cfg->driver, &apps, err, errlen) ||
        !loader_load_app(&m->bus, cfg->victim, &apps, err, errlen)) {
        machine_destroy(m);
        return NULL;
    }
    machine_reset(m);
    return m;
}

struct fuzz_harness *fuzz_harness_new(const struct fuzz_config *cfg, char *err, size_t errlen)
{
    struct machine *m = build(cfg, err, errlen);
    struct fuzz_harness *h = m ? fuzz_harness_attach(m, cfg->kernel, cfg->log, err, errlen) : NULL;
    if (!h) {
        machine_destroy(m);         /* attach removed its observer */
        return NULL;
    }
    h->own_machine = true;
    h->snap = snapshot_new(m, err, errlen);
    if (!h->snap || !snapshot_save(m, h->snap, err, errlen)) {
        fuzz_harness_free(h);
        return NULL;
    }
    return h;
}

void fuzz_harness_free(struct fuzz_harness *h)
{
    if (!h)
        return;
    if (h->have_cov)
        h->m->cpu.ops->set_coverage(h->m->cpu.impl, NULL);
    snapshot_free(h->snap);
    if (h->own_machine)
        machine_destroy(h->m);
    else
        machine_remove_observer(h->m, h);   /* the machine goes on (a scenario) without us */
    free(h);
}

bool fuzz_set_coverage(struct fuzz_harness *h, uint8_t *map, size_t size, char *err,
                       size_t errlen)
{
    struct machine *m = h->m;
    h->cov = (struct cpu_coverage){ .map = map, .mask = (uint32_t)size - 1,
                                    .lo = m->layout.flash_base, .hi = m->layout.apps_base };
    if (!m->cpu.ops->set_coverage(m->cpu.impl, map ? &h->cov : NULL)) {
        snprintf(err, errlen, "%s", m->cpu.ops->error(m->cpu.impl));
        return false;
    }
    h->have_cov = map != NULL;
    return true;
}

bool fuzz_run(struct fuzz_harness *h, const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
    if (!snapshot_restore(h->m, h->snap, v->message, sizeof(v->message)))
        return false;
    return fuzz_exec(h, data, size, v);
}

bool fuzz_exec(struct fuzz_harness *h, const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
    _Static_assert(sizeof(struct fz_record) == 40, "fz_record: the guest's layout");
    struct fz_program p;
    fz_program_decode(data, size, &p);
    h->cov.prev = 0;
    return fz_exec_program(h, &p, v);
}

bool fuzz_exec_as_fuzzed(struct fuzz_harness *h, const uint8_t *data, size_t size,
                         struct fuzz_verdict *v)
{
    char err[300];
    struct snapshot *s = snapshot_new(h->m, err, sizeof(err));
    bool ok = s && snapshot_save(h->m, s, err, sizeof(err)) &&
              snapshot_restore(h->m, s, err, sizeof(err));
    snapshot_free(s);
    if (!ok) {
        snprintf(v->message, sizeof(v->message), "%s", err);
        return false;
    }
    return fuzz_exec(h, data, size, v);
}

struct machine *fuzz_machine(struct fuzz_harness *h)
{
    return h->m;
}

const char *fuzz_kind_name(enum fuzz_kind k)
{
    static const char *const names[FUZZ_NUM_KINDS] = {
        [FUZZ_OK] = "ok", [FUZZ_PANIC] = "kernel-panic", [FUZZ_HANG] = "kernel-hang",
        [FUZZ_SIM_ERROR] = "simulator-error", [FUZZ_BAD_RESULT] = "bad-result",
        [FUZZ_VICTIM_FAULT] = "victim-fault", [FUZZ_VICTIM_MEMORY] = "victim-memory",
        [FUZZ_VICTIM_STUCK] = "victim-stuck", [FUZZ_DEAD_RAN] = "dead-process-ran",
        [FUZZ_BOOKKEEPING] = "grant-bookkeeping", [FUZZ_PROTECTION] = "memory-protection",
    };
    return k < FUZZ_NUM_KINDS ? names[k] : "?";
}
