/* Unit tests: the window's CPU panel (sim/ui/cpuview.h) on a real run of both boards: one
 * instruction per "Step insn", the disassembly window around the PC (contiguous, the current
 * line at the PC, the lines before and after), the function named from the kernel's ELF, and
 * the registers the step changed, against the debug table read here before and after. Needs the
 * kernels and apps from the build tree. */
#include <check.h>
#include <string.h>

#include "sim/core/loader.h"
#include "sim/core/machine.h"
#include "sim/ui/view.h"

static struct machine *booted(const char *board, const char *app, unsigned ms)
{
    char err[300], kernel[64];
    struct machine_config cfg = { .board = board };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    ck_assert_msg(m, "%s", err);
    m->trace.guest_log = NULL;
    snprintf(kernel, sizeof(kernel), "build/kernel/%s/kernel.elf", board);
    char *apps[1] = { (char *)app };
    ck_assert_msg(machine_load_images(m, kernel, apps, 1, err, sizeof(err)), "%s", err);
    ck_assert_ptr_nonnull(ui_view_create(m));
    machine_reset(m);
    machine_run(m, m->clock.hz / 1000 * ms);
    return m;
}

/* The core registers as the debug table gives them (what the panel must show). */
static int core_regs(struct machine *m, uint32_t *out)
{
    const struct cpu_debug_ops *d = m->cpu.ops->debug;
    int n = 0;
    for (int i = 0; i < d->nregs; i++)
        if (!d->regs[i].system)
            d->reg_get(m->cpu.impl, i, &out[n++]);
    return n;
}

/* The panel after one step from wherever the run is: everything it shows, checked. */
static void check_one_step(struct machine *m, const char *kernel, const char *app_elf)
{
    struct ui_view *v = ui_view_of(m);
    uint32_t before[UI_CPU_MAX_REGS], after[UI_CPU_MAX_REGS];
    int n = core_regs(m, before);
    uint64_t t0 = m->clock.now;
    ck_assert_int_eq(ui_cpu_step(v, UI_CPU_WAIT_NS, UI_CPU_BEFORE, UI_CPU_AFTER), MACHINE_DEBUG);
    const struct ui_cpu *c = &v->cpu;
    ck_assert(c->shown);
    ck_assert_uint_eq(m->clock.now, t0 + 1);                    /* one instruction, one cycle */
    ck_assert_int_eq(core_regs(m, after), n);
    ck_assert_int_eq(c->nregs, n);
    int changed = 0;
    for (int i = 0; i < n; i++) {
        ck_assert_uint_eq(c->regs[i].value, after[i]);
        ck_assert_msg(c->regs[i].changed == (after[i] != before[i]), "%s changed=%d: 0x%08x -> 0x%08x",
                      c->regs[i].name, c->regs[i].changed, before[i], after[i]);
        changed += c->regs[i].changed;
        if (!strcmp(c->regs[i].name, "pc"))
            ck_assert_uint_eq(c->pc, after[i]);
    }
    ck_assert_int_ge(changed, 1);                               /* the pc at least */
    /* The lines: contiguous instructions, exactly one current, at the PC, with the wanted
     * number after it and at most the wanted number before it. */
    int cur = -1;
    for (int i = 0; i < c->nlines; i++) {
        if (c->lines[i].current) {
            ck_assert_int_eq(cur, -1);
            cur = i;
        }
        if (i > 0) {
            uint32_t step = c->lines[i].addr - c->lines[i - 1].addr;
            ck_assert_msg(step == 2 || step == 4, "line %d at 0x%08x after 0x%08x", i, c->lines[i].addr,
                          c->lines[i - 1].addr);
        }
        ck_assert(c->lines[i].text[0] && c->lines[i].hex[0]);
    }
    ck_assert_int_ge(cur, 0);
    ck_assert_uint_eq(c->lines[cur].addr, c->pc);
    ck_assert_int_le(cur, UI_CPU_BEFORE);
    ck_assert_int_eq(c->nlines - 1 - cur, UI_CPU_AFTER);
    /* The function: the kernel ELF's symbol before the PC. */
    struct loader_symtab t;
    ck_assert(loader_symtab_read(kernel, &t));
    const struct loader_sym *s = loader_symtab_nearest(&t, c->pc, 0x10000);
    if (!s) {                   /* the app's code (rv32 apps are linked where they run) */
        loader_symtab_free(&t);
        ck_assert(app_elf && loader_symtab_read(app_elf, &t));
        s = loader_symtab_nearest(&t, c->pc, 0x10000);
    }
    ck_assert_msg(s != NULL, "pc 0x%08x: no symbol", c->pc);
    char want[160];
    if (c->pc == s->addr)
        snprintf(want, sizeof(want), "%s", s->name);
    else
        snprintf(want, sizeof(want), "%s+0x%x", s->name, (unsigned)(c->pc - s->addr));
    ck_assert_str_eq(c->where, want);
    /* A function near its start is decoded from there: the first line is the start or later. */
    if (c->pc - s->addr <= 2u * UI_CPU_BEFORE)
        ck_assert_uint_ge(c->lines[0].addr, s->addr);
    loader_symtab_free(&t);
}

static void steps_on(const char *board, const char *app, const char *app_elf)
{
    char kernel[64];
    snprintf(kernel, sizeof(kernel), "build/kernel/%s/kernel.elf", board);
    /* 0.1 ms in, the kernel is still booting on both boards: the CPU is awake, so each step
     * runs one instruction at once (a sleeping CPU would wait for its next interrupt). */
    struct machine *m = booted(board, app, 0);
    machine_run(m, m->clock.hz / 10000);
    ck_assert(!m->sleeping);
    for (int i = 0; i < 12; i++)
        check_one_step(m, kernel, app_elf);
    ck_assert_uint_eq(ui_view_of(m)->cpu.steps, 12);
    ui_view_destroy(ui_view_of(m));
    machine_destroy(m);
}

START_TEST(test_steps_cm4)
{
    steps_on("cm4", "build/apps/hello.tbf", NULL);
}
END_TEST

START_TEST(test_steps_rv32)
{
    steps_on("rv32", "build/apps/rv32/hello.tbf", "build/apps/rv32/hello.elf");
}
END_TEST

/* Nothing stepped yet (the first "Step insn" while running only pauses): no register is
 * marked changed, and fewer lines fit fewer instructions. */
START_TEST(test_refresh_without_step)
{
    struct machine *m = booted("cm4", "build/apps/hello.tbf", 2);
    struct ui_view *v = ui_view_of(m);
    ui_cpu_refresh(v, 1, 2);
    ck_assert_int_gt(v->cpu.nregs, 16);
    for (int i = 0; i < v->cpu.nregs; i++)
        ck_assert(!v->cpu.regs[i].changed);
    ck_assert_int_le(v->cpu.nlines, 4);
    ck_assert(v->cpu.lines[v->cpu.nlines - 3].current);
    ck_assert_uint_eq(v->cpu.steps, 0);
    ui_view_destroy(v);
    machine_destroy(m);
}
END_TEST

Suite *ui_cpu_suite(void)
{
    Suite *s = suite_create("ui_cpu");
    TCase *tc = tcase_create("cpu");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_steps_cm4);
    tcase_add_test(tc, test_steps_rv32);
    tcase_add_test(tc, test_refresh_without_step);
    suite_add_tcase(s, tc);
    return s;
}
