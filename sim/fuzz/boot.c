/* The boot fuzzer: per input, a TBF image built from it (tbfgen.c) becomes the apps region,
 * and the kernel boots from reset (a snapshot taken before its first instruction). The
 * kernel must come through: reach its scheduler (a process switch, or sleeping) without a
 * panic, a simulator error or a hang. The loader's walk over images, the TBF parser and
 * process creation are what this exercises. */
#include <stdlib.h>
#include <string.h>

#include "boards-virtual/sim_boards.h"
#include "sim/core/loader.h"
#include "sim/core/snapshot/snapshot.h"
#include "sim/fuzz/internal.h"
#include "sim/fuzz/tbfgen.h"

#define BOOT_BUDGET_MS 300      /* loader messages go out polled: ~10 ms per screenful */
#define BOOT_STEP_MS 10
#define IMAGE_BYTES 8192u       /* the region the input's image is written into */

struct fuzz_boot {
    struct machine *m;
    bool own_machine;
    struct snapshot *reset;         /* before the kernel's first instruction */
    struct cpu_coverage cov;
    bool have_cov;
    uint32_t apps_base;
    bool up;                    /* the kernel switched to a process or slept */
    char line[160], last[160], panic_line[200];
    unsigned line_len;
};

static void on_process(void *ctx, const struct proc_event *e)
{
    struct fuzz_boot *b = ctx;
    if (e->kind == PROC_SWITCH)
        b->up = true;
}

static void on_console(void *ctx, const char *s, unsigned len)
{
    struct fuzz_boot *b = ctx;
    for (unsigned i = 0; i < len; i++) {
        if (s[i] == '\n' || b->line_len == sizeof(b->line) - 1) {
            b->line[b->line_len] = 0;
            if (!b->panic_line[0] && strstr(b->line, "Kernel "))
                snprintf(b->panic_line, sizeof(b->panic_line), "%s", b->line);
            if (b->line_len)
                memcpy(b->last, b->line, b->line_len + 1);
            b->line_len = 0;
        } else if (s[i] != '\r') {
            b->line[b->line_len++] = s[i];
        }
    }
}

struct fuzz_boot *fuzz_boot_attach(struct machine *m, char *err, size_t errlen)
{
    struct fuzz_boot *b = calloc(1, sizeof(*b));
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    b->m = m;
    b->apps_base = m->layout.apps_base;
    fz_speed_up_console(m);
    struct machine_observer o = { .ctx = b, .process = on_process, .console = on_console };
    if (!machine_add_observer(m, &o)) {
        snprintf(err, errlen, "the board has no room for another observer");
        free(b);
        return NULL;
    }
    return b;
}

struct fuzz_boot *fuzz_boot_new(const char *board, const char *kernel, char *err, size_t errlen)
{
    struct machine_config mc = { .board = board, .seed = 1 };
    struct machine *m = machine_create(&mc, err, errlen);
    if (!m || !loader_load_elf(&m->bus, kernel, m->cpu.ops->elf_machine, NULL, err, errlen)) {
        machine_destroy(m);
        return NULL;
    }
    m->trace.guest_log = NULL;
    machine_reset(m);
    struct fuzz_boot *b = fuzz_boot_attach(m, err, errlen);
    if (!b) {
        machine_destroy(m);
        return NULL;
    }
    b->own_machine = true;
    b->reset = snapshot_new(m, err, errlen);
    if (!b->reset || !snapshot_save(m, b->reset, err, errlen)) {
        fuzz_boot_free(b);
        return NULL;
    }
    return b;
}

struct machine *fuzz_boot_machine(struct fuzz_boot *b)
{
    return b->m;
}

void fuzz_boot_free(struct fuzz_boot *b)
{
    if (!b)
        return;
    if (b->have_cov)
        b->m->cpu.ops->set_coverage(b->m->cpu.impl, NULL);
    snapshot_free(b->reset);
    if (b->own_machine)
        machine_destroy(b->m);
    else
        machine_remove_observer(b->m, b);
    free(b);
}

bool fuzz_boot_set_coverage(struct fuzz_boot *b, uint8_t *map, size_t size, char *err,
                            size_t errlen)
{
    struct machine *m = b->m;
    b->cov = (struct cpu_coverage){ .map = map, .mask = (uint32_t)size - 1,
                                    .lo = m->layout.flash_base, .hi = m->layout.apps_base };
    if (!m->cpu.ops->set_coverage(m->cpu.impl, map ? &b->cov : NULL)) {
        snprintf(err, errlen, "%s", m->cpu.ops->error(m->cpu.impl));
        return false;
    }
    b->have_cov = map != NULL;
    return true;
}

/* The input's image at the start of the apps region, zeros after it (the end of the images);
 * code translated from the last input's image goes. */
static void write_image(struct fuzz_boot *b, const uint8_t *data, size_t size)
{
    uint8_t img[IMAGE_BYTES];
    fz_tbf_generate(data, size, img, sizeof(img));
    bus_load(&b->m->bus, b->apps_base, img, sizeof(img));
    b->m->cpu.ops->code_changed(b->m->cpu.impl, b->apps_base, IMAGE_BYTES);
}

/* Boots until the kernel is up, or a finding: panic, simulator error, no progress. */
static void boot(struct fuzz_boot *b, struct fuzz_verdict *v)
{
    struct machine *m = b->m;
    uint64_t step = clock_cycles_from_ns(&m->clock, BOOT_STEP_MS * 1000000u);
    uint64_t end = m->clock.now + clock_cycles_from_ns(&m->clock, BOOT_BUDGET_MS * 1000000u);
    while (!b->up && m->clock.now < end) {
        enum machine_status st = machine_run(m, m->clock.now + step);
        b->up |= m->sleeping;
        if (st == MACHINE_EXITED || st == MACHINE_ERROR) {
            v->kind = st == MACHINE_EXITED ? FUZZ_PANIC : FUZZ_SIM_ERROR;
            snprintf(v->message, sizeof(v->message), "booting: %s",
                     st == MACHINE_ERROR ? m->error : b->panic_line[0] ? b->panic_line
                                                    : "the kernel stopped the machine");
            return;
        }
    }
    if (!b->up) {
        v->kind = FUZZ_HANG;
        snprintf(v->message, sizeof(v->message), "booting: the kernel neither ran a process nor "
                 "slept within %d ms of virtual time; its last line: \"%s\"", BOOT_BUDGET_MS,
                 b->last);
    }
}

bool fuzz_boot_exec(struct fuzz_boot *b, const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
    memset(v, 0, sizeof(*v));
    b->up = false;
    b->line_len = 0;
    b->panic_line[0] = b->last[0] = 0;
    b->cov.prev = 0;
    write_image(b, data, size);
    uint64_t t0 = b->m->clock.now;
    boot(b, v);
    v->virtual_ns = clock_ns_from_cycles(&b->m->clock, b->m->clock.now - t0);
    return true;
}

bool fuzz_boot_run(struct fuzz_boot *b, const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
    if (!snapshot_restore(b->m, b->reset, v->message, sizeof(v->message)))
        return false;
    return fuzz_boot_exec(b, data, size, v);
}
