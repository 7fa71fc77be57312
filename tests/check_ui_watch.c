/* Unit tests: the window's view of a real run, both boards: the kernel's layout reports, the
 * CPU's protection and fault registers, the symbol of the faulting instruction, the timeline.
 * Needs the kernels and apps from the build tree. */
#include <check.h>
#include <string.h>

#include "sim/core/machine.h"
#include "sim/ui/view.h"

/* Runs board with the kernel and apps for ms of virtual time, the view attached from boot. */
static struct machine *run(const char *board, const char *const *apps, int napps, unsigned ms)
{
    char err[300], kernel[64];
    struct machine_config cfg = { .board = board };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    ck_assert_msg(m, "%s", err);
    m->trace.guest_log = NULL;
    snprintf(kernel, sizeof(kernel), "build/kernel/%s/kernel.elf", board);
    ck_assert_msg(machine_load_images(m, kernel, (char *const *)apps, napps, err, sizeof(err)), "%s", err);
    ck_assert_ptr_nonnull(ui_view_create(m));
    machine_reset(m);
    machine_run(m, m->clock.hz / 1000 * ms);
    return m;
}

static struct ui_proc *row_named(struct ui_view *v, const char *name)
{
    for (unsigned i = 0; i < v->procs.n; i++)
        if (!strcmp(v->procs.rows[i].name, name))
            return &v->procs.rows[i];
    ck_abort_msg("no process %s", name);
    return NULL;
}

/* fault-jump calls into its own RAM: the fault is in its Data region, at the symbol `code`; the
 * CPU's protection covers its flash and RAM; blink ran and switched. */
static void check_fault_jump(const char *board, const char *const apps[2], uint32_t pc_reg)
{
    struct machine *m = run(board, apps, 2, 300);
    struct ui_view *v = ui_view_of(m);
    struct ui_proc *p = row_named(v, "fault-jump"), *b = row_named(v, "blink");
    ck_assert(p->has_layout);
    ck_assert_uint_ge(p->faults_total, 1);
    const struct ui_fault *f = ui_procs_fault(p, 0);
    ck_assert(f->have_cpu);
    ck_assert_msg(!strncmp(f->region, "Data (offset", 12), "%s: region %s", board, f->region);
    ck_assert_str_eq(f->symbol, "code");
    ck_assert_uint_eq(f->pc, f->addr);                       /* an instruction fetch */
    ck_assert_uint_eq(f->regs[pc_reg], f->pc);
    ck_assert(p->has_prot && b->has_prot);
    bool flash = false, ram = false;
    for (int i = 0; i < b->prot.n; i++) {
        flash |= b->prot.e[i].base <= b->layout.flash_start && b->prot.e[i].perms_user & CPU_PROT_X;
        ram |= b->prot.e[i].base == b->layout.ram_start && b->prot.e[i].perms_user & CPU_PROT_W;
    }
    ck_assert_msg(flash && ram, "%s: blink's protection lacks its flash or RAM", board);
    ck_assert_uint_ge(ui_tl_count(&v->tl, ui_watch_lane(b->slot), UI_TL_SWITCH, 0, UINT64_MAX), 2);
    ck_assert_uint_ge(ui_tl_count(&v->tl, ui_watch_lane(b->slot), UI_TL_SYSCALL, 0, UINT64_MAX), 5);
    ck_assert_uint_ge(ui_tl_count(&v->tl, ui_watch_lane(b->slot), UI_TL_ALARM_SET, 0, UINT64_MAX), 1);
    ck_assert_uint_ge(ui_tl_count(&v->tl, ui_watch_lane(p->slot), UI_TL_FAULT, 0, UINT64_MAX), 1);
    ui_view_destroy(v);
    machine_destroy(m);
}

START_TEST(test_fault_jump_cm4)
{
    static const char *const apps[2] = { "build/apps/blink.tbf", "build/apps/fault-jump.tbf" };
    check_fault_jump("cm4", apps, 15);
}
END_TEST

START_TEST(test_fault_jump_rv32)
{
    static const char *const apps[2] = { "build/apps/rv32/slot0/blink.tbf", "build/apps/rv32/slot1/fault-jump.tbf" };
    check_fault_jump("rv32", apps, 32);
}
END_TEST

/* An illegal instruction in its own code: the App flash region, inside main; the allowed
 * console buffer seen before it. */
START_TEST(test_fault_illegal_cm4)
{
    static const char *const apps[1] = { "build/apps/fault-illegal.tbf" };
    struct machine *m = run("cm4", apps, 1, 100);
    struct ui_view *v = ui_view_of(m);
    struct ui_proc *p = row_named(v, "fault-illegal");
    const struct ui_fault *f = ui_procs_fault(p, 0);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->kind, "usage");
    ck_assert_msg(!strncmp(f->region, "App flash (offset", 17), "region %s", f->region);
    ck_assert_msg(!strncmp(f->symbol, "main", 4), "symbol %s", f->symbol);
    ui_view_destroy(v);
    machine_destroy(m);
}
END_TEST

Suite *ui_watch_suite(void)
{
    Suite *s = suite_create("ui_watch");
    TCase *tc = tcase_create("runs");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_fault_jump_cm4);
    tcase_add_test(tc, test_fault_jump_rv32);
    tcase_add_test(tc, test_fault_illegal_cm4);
    suite_add_tcase(s, tc);
    return s;
}
