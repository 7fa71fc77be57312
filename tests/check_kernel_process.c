/* Unit tests: processes (creation, RAM blocks, layout, states, memory checks) on the host. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/arch/arch.h"
#include "kernel/core/grant.h"
#include "kernel/core/kernel.h"
#include "kernel/core/memop.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "kernel/core/tbf.h"
#include "kernel/core/upcall.h"
#include "kernel/hil/process_events.h"
#include "tests/kernel_fixture.h"

/* ---- tests -------------------------------------------------------------------------------- */

START_TEST(test_block_size_is_power_of_two_with_kernel_reserve)
{
    size_t reserve = process_kernel_reserve();
    ck_assert_uint_gt(reserve, sizeof(struct upcall_queue));
    ck_assert_uint_lt(reserve, 1024);
    /* The app's part is rounded up to 1 KiB, then the reserve added. */
    ck_assert_uint_eq(process_ram_block_size(0), 2048);
    ck_assert_uint_eq(process_ram_block_size(1024), 2048);
    ck_assert_uint_eq(process_ram_block_size(1025), 4096);
    ck_assert_uint_eq(process_ram_block_size(3072), 4096);
    ck_assert_uint_eq(process_ram_block_size(4096), 8192);
    ck_assert_uint_eq(process_ram_block_size(5000), 8192);
}
END_TEST

START_TEST(test_create_lays_out_memory_and_entry_arguments)
{
    struct process *p = kt_process("app", 0, 5000);
    uintptr_t ram = p->ram_start;
    ck_assert_uint_eq(p->ram_size, 8192);
    ck_assert_uint_eq(ram % 8192, 0);
    ck_assert_uint_ge(ram, kt_config.app_ram_start);
    ck_assert_int_eq(p->state, PROC_RUNNING);
    ck_assert_uint_eq(p->app_break, ram + 5000);
    ck_assert_uint_eq(p->mpu_break, ram + 5120);           /* 1 KiB boundary */
    ck_assert_uint_eq(p->kernel_break, p->grant_top);
    ck_assert_uint_le(p->grant_top, ram + 8192 - 2 * sizeof(void *));
    /* The first frame, just below the initial break: entry = flash + header +
     * init_fn_offset, in Thumb state; crt0's arguments (Tock's): binary start after the
     * header, RAM start, RAM length, initial break. */
    uint16_t hs = (uint16_t)(kt_flash[2] | kt_flash[3] << 8);
    const uint32_t *f = kt_frame(p);
    ck_assert_uint_eq((uintptr_t)f, ram + 5000 - ARCH_FRAME_SIZE);
    ck_assert_uint_eq(f[KT_PC], (uintptr_t)kt_flash + hs + 0x20);
    ck_assert_uint_eq(f[KT_XPSR], 1u << 24);
    ck_assert_uint_eq(f[KT_LR], 0);                         /* returning from _start faults */
    kt_assert_regs(f, (uint32_t)((uintptr_t)kt_flash + hs), (uint32_t)ram, 8192,
                   (uint32_t)(ram + 5000));
    ck_assert(process_frame_ok(p));
}
END_TEST

START_TEST(test_blocks_fill_gaps_and_do_not_overlap)
{
    struct process *a = kt_process("a", 0x0000, 5000);     /* 8 KiB */
    struct process *b = kt_process("b", 0x1000, 100);      /* 1 KiB */
    struct process *c = kt_process("c", 0x2000, 5000);
    /* app RAM starts 4 KiB into the 64 KiB: a takes 8K..16K, b the first 1 KiB gap. */
    ck_assert_uint_eq(a->ram_start, (uintptr_t)kt_ram + 0x2000);
    ck_assert_uint_eq(b->ram_start, (uintptr_t)kt_ram + 0x1000);
    ck_assert_uint_eq(c->ram_start, (uintptr_t)kt_ram + 0x4000);
    ck_assert_uint_ne(a->id, b->id);
}
END_TEST

START_TEST(test_create_fails_without_ram_or_slots)
{
    struct tbf_header h;
    struct process *p;
    kt_tbf(kt_flash, 0x1000, "big", 0x20000, 0, NULL, 0);
    ck_assert_int_eq(tbf_parse(kt_flash, 0x1000, &h), TBF_OK);
    ck_assert_str_eq(process_create(&h, (uintptr_t)kt_flash, &p), "not enough RAM");
    for (int i = 0; i < PROCESS_MAX; i++)
        kt_process("small", 0x1000 * (uint32_t)i, 100);
    kt_tbf(kt_flash + 0x8000, 0x1000, "ninth", 100, 0, NULL, 0);
    ck_assert_int_eq(tbf_parse(kt_flash + 0x8000, 0x1000, &h), TBF_OK);
    ck_assert_str_eq(process_create(&h, (uintptr_t)kt_flash + 0x8000, &p),
                     "process table full");
}
END_TEST

/* A minimum RAM size beyond all process RAM is "not enough RAM" at once. Near 2^31 the
 * block size doubled to 0 on the 32-bit kernels and the boot never ended (boot fuzzer); the
 * host's 64-bit size_t cannot wrap, so this checks the bound that now comes first. */
START_TEST(test_huge_minimum_ram_is_refused)
{
    struct tbf_header h;
    struct process *p;
    ck_assert_uint_eq(process_ram_block_size(0x80000001u), 0);
    ck_assert_uint_eq(process_ram_block_size(0xffffffffu), 0);
    ck_assert_uint_eq(process_ram_block_size((uint32_t)kt_config.app_ram_size + 1), 0);
    kt_tbf(kt_flash, 0x1000, "huge", 0x80000001u, 0, NULL, 0);
    ck_assert_int_eq(tbf_parse(kt_flash, 0x1000, &h), TBF_OK);
    ck_assert_str_eq(process_create(&h, (uintptr_t)kt_flash, &p), "not enough RAM");
}
END_TEST

START_TEST(test_flash_image_must_be_mpu_coverable)
{
    struct tbf_header h;
    struct process *p;
    /* 4 KiB at 2 KiB: an 8 KiB region with 4 of its 1 KiB subregions. */
    kt_tbf(kt_flash + 0x800, 0x1000, "sub", 100, 0, NULL, 0);
    ck_assert_int_eq(tbf_parse(kt_flash + 0x800, 0x1000, &h), TBF_OK);
    ck_assert_ptr_null(process_create(&h, (uintptr_t)kt_flash + 0x800, &p));
    /* 4 KiB at 0x100 past a 64 KiB boundary: no region/subregion set fits exactly. */
    kt_tbf(kt_flash + 0x10100, 0x1000, "odd", 100, 0, NULL, 0);
    ck_assert_int_eq(tbf_parse(kt_flash + 0x10100, 0x1000, &h), TBF_OK);
    ck_assert_str_eq(process_create(&h, (uintptr_t)kt_flash + 0x10100, &p),
                     "flash image size/alignment not coverable by the MPU");
}
END_TEST

START_TEST(test_memory_checks)
{
    struct process *p = kt_process("app", 0, 4000);
    uintptr_t r = p->ram_start, f = p->flash_start;
    ck_assert(process_can_write(p, r, 4000));
    ck_assert(!process_can_write(p, r, 4001));
    ck_assert(!process_can_write(p, r - 1, 2));
    ck_assert(process_can_write(p, 0, 0));                 /* empty: any address */
    ck_assert(!process_can_write(p, r + 16, SIZE_MAX));     /* wraps */
    ck_assert(!process_can_write(p, f, 4));                 /* flash is not writable */
    ck_assert(process_can_read(p, f, 0x1000));
    ck_assert(!process_can_read(p, f, 0x1001));
    ck_assert(!process_can_read(p, p->kernel_break, 4));    /* grants */
    ck_assert(process_can_execute(p, f + 0x100));
    ck_assert(!process_can_execute(p, f + 4));              /* the header */
    ck_assert(!process_can_execute(p, r + 4));
}
END_TEST

START_TEST(test_states_stop_terminate_restart)
{
    struct process *p = kt_process("app", 0, 1000);
    uint32_t id = p->id;
    ck_assert(process_ready(p));
    process_stop(p);
    ck_assert(!process_ready(p));
    ck_assert_str_eq(process_state_name(p), "StoppedRunning");
    process_resume(p);
    ck_assert_str_eq(process_state_name(p), "Running");
    ck_assert_ptr_eq(process_lookup(p->index, id), p);
    process_terminate(p, 1, 7);
    ck_assert_ptr_null(process_lookup(p->index, id));
    ck_assert(!process_ready(p));
    ck_assert_str_eq(process_state_name(p), "Terminated");
    ck_assert_uint_eq(p->completion_code, 7);
    process_restart(p);
    ck_assert_uint_ne(p->id, id);
    ck_assert_uint_eq(p->restart_count, 1);
    ck_assert(process_ready(p));
    ck_assert_ptr_eq(process_find("app", 3), p);
    ck_assert_ptr_null(process_find("ap", 2));
}
END_TEST

/* True if every byte of [p, p + n) is zero. */
static int all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

/* A process never sees data it did not write in its current life: at load (memory another
 * process or the boot left behind), after a restart (its previous life's stack, heap and
 * grants), and in memory its break grows into. */
START_TEST(test_process_memory_is_zeroed_at_load_and_restart)
{
    memset(kt_ram + 0x1000, 0xa5, KT_RAM_SIZE - 0x1000);   /* old data in all app RAM */
    struct process *p = kt_process("app", 0, 1000);
    uint8_t *ram = (uint8_t *)p->ram_start;
    size_t below_frame = (size_t)((uintptr_t)kt_frame(p) - p->ram_start);
    ck_assert(all_zero(ram, below_frame));                 /* data, heap: zero at load */
    ck_assert(all_zero((uint8_t *)p->app_break, (size_t)(p->kernel_break - p->app_break)));
    uint8_t *g = grant_alloc(p, 64);
    ck_assert_ptr_nonnull(g);
    memset(g, 0x5a, 64);                                   /* a grant used in this life */
    memset(ram, 0x77, below_frame);                        /* the process's own writes */
    process_terminate(p, 0, 0);
    process_restart(p);
    ck_assert(all_zero(ram, below_frame));
    uintptr_t old_break = p->app_break;
    ck_assert_int_eq(process_brk(p, old_break + 512), 0);
    ck_assert(all_zero((uint8_t *)old_break, 512));        /* what brk added */
    uint8_t *g2 = grant_alloc(p, 64);                      /* the same grant memory again */
    ck_assert(all_zero(g2, 64));
}
END_TEST

START_TEST(test_yielded_is_ready_only_with_a_deliverable_upcall)
{
    struct process *p = kt_process("app", 0, 1000);
    p->state = PROC_YIELDED;
    ck_assert(!process_ready(p));
    ck_assert_int_eq(upcall_schedule(p, &kt_drv_b, 0, 1, 2, 3), 0);
    ck_assert(!process_ready(p));                           /* the null upcall */
    struct upcall_slot *s = grant_upcall_slot(&kt_drv_b, grant_enter_index(p, 1), 0);
    s->fn = (uint32_t)p->flash_start + 0x101;
    ck_assert(process_ready(p));
}
END_TEST

/* A process-event listener that records each call as text; pids relative to the first one
 * it hears about (the id counter runs on across tests without fork mode). */
static char ev_log[1024];
static uint32_t ev_pid0;

static void ev_add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void ev_add(const char *fmt, ...)
{
    size_t n = strlen(ev_log);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ev_log + n, sizeof ev_log - n, fmt, ap);
    va_end(ap);
}

static void ev_created(void *dev, uint32_t pid, unsigned slot, const char *name, unsigned len,
                       unsigned restarts)
{
    ck_assert_ptr_eq(dev, ev_log);
    if (ev_pid0 == UINT32_MAX)
        ev_pid0 = pid;
    ev_add("created %u/%u %.*s r%u; ", pid - ev_pid0, slot, (int)len, name, restarts);
}

static void ev_state(void *dev, uint32_t pid, unsigned slot, enum procev_state state,
                     unsigned restarts, uint32_t mem_used, uint32_t mem_size)
{
    (void)dev;
    ck_assert_uint_gt(mem_used, 0);             /* at least the stack below the break */
    ck_assert_uint_le(mem_used, mem_size);
    ev_add("state %u/%u %d r%u; ", pid - ev_pid0, slot, (int)state, restarts);
}

static void ev_fault(void *dev, uint32_t pid, unsigned slot, enum procev_fault kind,
                     uint32_t addr)
{
    (void)dev;
    ev_add("fault %u/%u %d 0x%x; ", pid - ev_pid0, slot, (int)kind, addr);
}

static void ev_switched(void *dev, uint32_t pid, unsigned slot)
{
    (void)dev;
    ev_add("switch %u/%u; ", pid - ev_pid0, slot);
}

static const struct hil_process_events ev_listener = { ev_log, ev_created, ev_state, ev_fault,
                                                       ev_switched, NULL, NULL };

/* Layouts: the break and grant edges relative to the block, checked for order. */
static void ev_layout(void *dev, uint32_t pid, unsigned slot, const struct procev_layout *l)
{
    (void)dev;
    uint32_t top = l->ram_start + l->ram_size;
    ck_assert(l->ram_start < l->app_break && l->app_break <= l->mpu_break);
    ck_assert(l->mpu_break <= l->kernel_break && l->kernel_break <= l->grant_top && l->grant_top < top);
    ck_assert(l->flash_start < l->app_start && l->app_start < l->flash_start + l->flash_size);
    ev_add("layout %u/%u brk+%u grants %u stack+%u heap+%u; ", pid - ev_pid0, slot, l->app_break - l->ram_start,
           l->grant_top - l->kernel_break, l->stack_start ? l->stack_start - l->ram_start : 0,
           l->heap_start ? l->heap_start - l->ram_start : 0);
}

static void ev_allowed(void *dev, uint32_t pid, unsigned slot, uint32_t driver, unsigned cls, unsigned num,
                       uint32_t addr, uint32_t len)
{
    (void)dev;
    ev_add("allow %u/%u 0x%x c%u #%u %s%u; ", pid - ev_pid0, slot, driver, cls, num, addr ? "@" : "", len);
}

static const struct hil_process_events ev_layouts = { ev_log, ev_created, ev_state, ev_fault, ev_switched,
                                                      ev_layout, ev_allowed };

/* Takes the log so far (for comparing) and empties it. */
static const char *ev_take(void)
{
    static char copy[sizeof ev_log];
    memcpy(copy, ev_log, sizeof copy);
    ev_log[0] = 0;
    return copy;
}

START_TEST(test_events_report_every_state_change_once)
{
    kt_config.events = &ev_listener;
    ev_log[0] = 0;
    ev_pid0 = UINT32_MAX;
    kt_process("first", 0, 1000);
    struct process *p = kt_process("app", 0x1000, 1000);
    ck_assert_str_eq(ev_take(), "created 0/0 first r0; created 1/1 app r0; ");
    const uint32_t wait[4] = { 1, 0, 0, 0 }, wait_for[4] = { 2, 0x40001, 0, 0 };
    sys_yield(p, wait);
    sys_yield(p, wait);                                     /* no change: no event */
    ck_assert_str_eq(ev_take(), "state 1/1 1 r0; ");
    process_stop(p);
    ck_assert_str_eq(ev_take(), "state 1/1 2 r0; ");        /* stopped hides yielded */
    process_resume(p);
    ck_assert_str_eq(ev_take(), "state 1/1 1 r0; ");
    process_set_state(p, PROC_RUNNING);
    sys_yield(p, wait_for);                                 /* yield-wait-for is yielded */
    ck_assert_int_eq(upcall_schedule(p, &kt_drv_b, 0, 1, 2, 3), 0);
    ck_assert_str_eq(ev_take(), "state 1/1 0 r0; state 1/1 1 r0; state 1/1 0 r0; ");
    process_terminate(p, 1, 0);
    process_restart(p);
    ck_assert_str_eq(ev_take(), "state 1/1 4 r0; created 2/1 app r1; ");
    /* A fault: the fault event, then no separate "faulted" state when the policy stops it. */
    process_report_fault(p, PROCEV_FAULT_MPU, 0x20000000u);
    process_set_state(p, PROC_FAULTED);
    process_end_faulted(p);
    ck_assert_str_eq(ev_take(), "fault 2/1 1 0x20000000; ");
    ck_assert_int_eq(p->state, PROC_FAULTED);
    kt_config.events = NULL;
}
END_TEST

/* Layout events at every change a memory view shows: start, hints, grants, brk, the end; allow
 * events with the allow's class. */
START_TEST(test_layout_and_allow_events)
{
    kt_config.events = &ev_layouts;
    ev_log[0] = 0;
    ev_pid0 = UINT32_MAX;
    struct process *p = kt_process("app", 0, 1000);
    ck_assert_str_eq(ev_take(), "created 0/0 app r0; layout 0/0 brk+1000 grants 0 stack+0 heap+0; ");
    kt_syscall(p, SYSCALL_MEMOP, MEMOP_STACK_START, (uint32_t)p->ram_start + 512, 0, 0);
    kt_syscall(p, SYSCALL_MEMOP, MEMOP_HEAP_START, (uint32_t)p->ram_start + 768, 0, 0);
    ck_assert_str_eq(ev_take(), "layout 0/0 brk+1000 grants 0 stack+512 heap+0; "
                                "layout 0/0 brk+1000 grants 0 stack+512 heap+768; ");
    kt_syscall(p, SYSCALL_ALLOW_RO, 0x1, 1, (uint32_t)p->ram_start + 16, 8);     /* first use: a grant */
    uint32_t g = (uint32_t)(p->grant_top - p->kernel_break);
    char want[200];
    snprintf(want, sizeof(want), "layout 0/0 brk+1000 grants %u stack+512 heap+768; allow 0/0 0x1 c4 #1 @8; ", g);
    ck_assert_str_eq(ev_take(), want);
    kt_syscall(p, SYSCALL_ALLOW_RW, 0x1, 0, 0, 0);                                /* withdrawn */
    kt_syscall(p, SYSCALL_ALLOW_RW, 0x1, 5, 0, 0);                                /* refused: none */
    ck_assert_str_eq(ev_take(), "allow 0/0 0x1 c3 #0 0; ");
    kt_syscall(p, SYSCALL_MEMOP, MEMOP_SBRK, 16, 0, 0);
    kt_syscall(p, SYSCALL_MEMOP, MEMOP_SBRK, 0x100000, 0, 0);                       /* refused: none */
    snprintf(want, sizeof(want), "layout 0/0 brk+1016 grants %u stack+512 heap+768; ", g);
    ck_assert_str_eq(ev_take(), want);
    process_terminate(p, 1, 0);
    ck_assert_str_eq(ev_take(), "state 0/0 4 r0; layout 0/0 brk+1016 grants 0 stack+512 heap+768; ");
    kt_config.events = NULL;
}
END_TEST

Suite *kernel_process_suite(void)
{
    Suite *s = suite_create("kernel_process");
    TCase *tc = tcase_create("process");
    kt_add_fixture(tc);
    tcase_add_test(tc, test_block_size_is_power_of_two_with_kernel_reserve);
    tcase_add_test(tc, test_layout_and_allow_events);
    tcase_add_test(tc, test_create_lays_out_memory_and_entry_arguments);
    tcase_add_test(tc, test_blocks_fill_gaps_and_do_not_overlap);
    tcase_add_test(tc, test_create_fails_without_ram_or_slots);
    tcase_add_test(tc, test_huge_minimum_ram_is_refused);
    tcase_add_test(tc, test_flash_image_must_be_mpu_coverable);
    tcase_add_test(tc, test_memory_checks);
    tcase_add_test(tc, test_states_stop_terminate_restart);
    tcase_add_test(tc, test_process_memory_is_zeroed_at_load_and_restart);
    tcase_add_test(tc, test_yielded_is_ready_only_with_a_deliverable_upcall);
    tcase_add_test(tc, test_events_report_every_state_change_once);
    suite_add_tcase(s, tc);
    return s;
}
