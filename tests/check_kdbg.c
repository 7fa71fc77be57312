/* Unit tests: tocksim kernel-debug device (registers driven directly, no CPU). */
#include <check.h>

#include "devtest.h"
#include "peripherals/kdbg.h"

enum { ID = 0x000, VERSION = 0x004, PID = 0x008, SLOT = 0x00c, ARG0 = 0x010, ARG1 = 0x014,
       ARG2 = 0x018, ARG3 = 0x01c, NAME = 0x020, EVENT = 0x024, RAM_SIZE = 0x028, ARG4 = 0x02c,
       ARG11 = 0x048, EVENT_AT = 0x04c };

struct events { int n; struct proc_event last; };

static void on_event(void *ctx, const struct proc_event *e)
{
    struct events *ev = ctx;
    ev->n++;
    ev->last = *e;
}

static void write_name(struct kdbg *k, const char *s)
{
    while (*s)
        kdbg_ops.write(k, NAME, (uint8_t)*s++, 4);
}

static void setup_dev(struct devtest *d, struct kdbg *k, struct events *ev)
{
    devtest_init(d, "kdbg");
    memset(ev, 0, sizeof(*ev));
    kdbg_init(k, &d->env, on_event, ev, 0x10000);
}

START_TEST(test_id_and_version)
{
    struct devtest d;
    struct kdbg k;
    struct events ev;
    setup_dev(&d, &k, &ev);
    ck_assert_uint_eq(kdbg_ops.read(&k, ID, 4), CM4_ID_KDBG);
    ck_assert_uint_eq(KDBG_ID, CM4_ID_KDBG);
    ck_assert_uint_eq(kdbg_ops.read(&k, VERSION, 4), 4);
    ck_assert_uint_eq(kdbg_ops.read(&k, EVENT, 4), 0);
    ck_assert_uint_eq(kdbg_ops.read(&k, RAM_SIZE, 4), 0x10000);
    ck_assert_uint_eq(d.trace.guest_errors, 0);
    kdbg_ops.write(&k, RAM_SIZE, 0x100000, 4);                 /* read-only: a guest error */
    ck_assert_uint_eq(kdbg_ops.read(&k, RAM_SIZE, 4), 0x10000);
    ck_assert_uint_eq(d.trace.guest_errors, 1);
    devtest_free(&d);
}
END_TEST

START_TEST(test_created_then_state_uses_remembered_name)
{
    struct devtest d;
    struct kdbg k;
    struct events ev;
    setup_dev(&d, &k, &ev);
    kdbg_ops.write(&k, PID, 7, 4);
    kdbg_ops.write(&k, SLOT, 2, 4);
    kdbg_ops.write(&k, ARG0, 0, 4);
    write_name(&k, "blink");
    ck_assert_uint_eq(kdbg_ops.read(&k, NAME, 4), 5);
    kdbg_ops.write(&k, EVENT, KDBG_EV_CREATED, 4);
    ck_assert_int_eq(ev.n, 1);
    ck_assert_int_eq(ev.last.kind, PROC_CREATED);
    ck_assert_uint_eq(ev.last.pid, 7);
    ck_assert_uint_eq(ev.last.slot, 2);
    ck_assert_str_eq(ev.last.name, "blink");
    ck_assert_uint_eq(kdbg_ops.read(&k, NAME, 4), 0);          /* cleared by the commit */
    /* A later event about the slot needs no name. */
    kdbg_ops.write(&k, PID, 9, 4);
    kdbg_ops.write(&k, ARG0, PROC_FAULTED, 4);
    kdbg_ops.write(&k, ARG1, 3, 4);
    kdbg_ops.write(&k, EVENT, KDBG_EV_STATE, 4);
    ck_assert_int_eq(ev.n, 2);
    ck_assert_int_eq(ev.last.kind, PROC_STATE);
    ck_assert_int_eq(ev.last.state, PROC_FAULTED);
    ck_assert_uint_eq(ev.last.restarts, 3);
    ck_assert_uint_eq(ev.last.pid, 9);
    ck_assert_str_eq(ev.last.name, "blink");
    ck_assert_uint_eq(kdbg_ops.read(&k, EVENT, 4), 2);
    ck_assert_ptr_nonnull(strstr(devtest_trace_text(&d),
        "\"kind\":\"proc\",\"event\":\"state\",\"pid\":9,\"slot\":2,\"name\":\"blink\",\"state\":\"faulted\",\"restarts\":3"));
    devtest_free(&d);
}
END_TEST

START_TEST(test_fault_event)
{
    struct devtest d;
    struct kdbg k;
    struct events ev;
    setup_dev(&d, &k, &ev);
    kdbg_ops.write(&k, SLOT, 1, 4);
    write_name(&k, "fault-null");
    kdbg_ops.write(&k, EVENT, KDBG_EV_CREATED, 4);
    kdbg_ops.write(&k, ARG0, KDBG_FAULT_MPU, 4);
    kdbg_ops.write(&k, ARG1, 0x20004000, 4);
    kdbg_ops.write(&k, EVENT, KDBG_EV_FAULT, 4);
    ck_assert_int_eq(ev.n, 2);
    ck_assert_int_eq(ev.last.kind, PROC_FAULT);
    ck_assert_str_eq(ev.last.fault_kind, "mpu");
    ck_assert_uint_eq(ev.last.fault_addr, 0x20004000);
    ck_assert_str_eq(ev.last.name, "fault-null");
    kdbg_ops.write(&k, ARG0, KDBG_FAULT_HARD, 4);
    kdbg_ops.write(&k, EVENT, KDBG_EV_FAULT, 4);
    ck_assert_str_eq(ev.last.fault_kind, "hard");
    devtest_free(&d);
}
END_TEST

START_TEST(test_switch_and_syscall)
{
    struct devtest d;
    struct kdbg k;
    struct events ev;
    setup_dev(&d, &k, &ev);
    kdbg_ops.write(&k, PID, 4, 4);
    kdbg_ops.write(&k, SLOT, 0, 4);
    kdbg_ops.write(&k, EVENT, KDBG_EV_SWITCH, 4);
    ck_assert_int_eq(ev.last.kind, PROC_SWITCH);
    ck_assert_uint_eq(ev.last.pid, 4);
    ck_assert_str_eq(ev.last.name, "");                        /* never created: no name */
    kdbg_ops.write(&k, ARG0, 2, 4);
    kdbg_ops.write(&k, ARG1, 0x2, 4);
    kdbg_ops.write(&k, ARG2, 1, 4);
    kdbg_ops.write(&k, ARG3, 0, 4);
    ck_assert_uint_eq(kdbg_ops.read(&k, ARG1, 4), 0x2);
    kdbg_ops.write(&k, EVENT, KDBG_EV_SYSCALL, 4);
    ck_assert_int_eq(ev.last.kind, PROC_SYSCALL);
    ck_assert_uint_eq(ev.last.args[0], 2);
    ck_assert_uint_eq(ev.last.args[1], 2);
    ck_assert_uint_eq(ev.last.args[2], 1);
    ck_assert_uint_eq(ev.last.args[3], 0);
    devtest_free(&d);
}
END_TEST

START_TEST(test_long_name_is_truncated)
{
    struct devtest d;
    struct kdbg k;
    struct events ev;
    setup_dev(&d, &k, &ev);
    write_name(&k, "a-process-name-much-longer-than-thirty-one-characters");
    ck_assert_uint_eq(kdbg_ops.read(&k, NAME, 4), KDBG_NAME_MAX);
    kdbg_ops.write(&k, EVENT, KDBG_EV_CREATED, 4);
    ck_assert_uint_eq(strlen(ev.last.name), KDBG_NAME_MAX);
    ck_assert_int_eq(strncmp(ev.last.name, "a-process-name-much-longer-than", KDBG_NAME_MAX), 0);
    devtest_free(&d);
}
END_TEST

START_TEST(test_invalid_events_are_guest_errors)
{
    struct devtest d;
    struct kdbg k;
    struct events ev;
    setup_dev(&d, &k, &ev);
    kdbg_ops.write(&k, EVENT, 99, 4);                           /* unknown kind */
    kdbg_ops.write(&k, ARG0, 5, 4);
    kdbg_ops.write(&k, EVENT, KDBG_EV_STATE, 4);                /* state out of range */
    kdbg_ops.write(&k, ARG0, 0, 4);
    kdbg_ops.write(&k, EVENT, KDBG_EV_FAULT, 4);                /* fault kind 0 */
    kdbg_ops.write(&k, SLOT, KDBG_SLOTS, 4);
    kdbg_ops.write(&k, EVENT, KDBG_EV_SWITCH, 4);               /* slot out of range */
    ck_assert_int_eq(ev.n, 0);
    ck_assert_uint_eq(d.trace.guest_errors, 4);
    ck_assert_uint_eq(kdbg_ops.read(&k, ARG11 + 4, 4), 0);             /* past ARG11 */
    kdbg_ops.write(&k, ID, 1, 4);
    kdbg_ops.write(&k, 0x100, 1, 4);
    ck_assert_uint_eq(d.trace.guest_errors, 7);
    kdbg_init(&k, &d.env, NULL, NULL, 0);                        /* no host callback: traced */
    kdbg_ops.write(&k, EVENT, KDBG_EV_SWITCH, 4);
    ck_assert_int_eq(devtest_trace_count(&d, "\"kind\":\"proc\""), 1);
    devtest_free(&d);
}
END_TEST

/* Writes ARG0.. (ARG4 and on after RAM_SIZE) from a. */
static void write_args(struct kdbg *k, const uint32_t *a, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        kdbg_ops.write(k, i < 4 ? ARG0 + 4 * i : ARG4 + 4 * (i - 4), a[i], 4);
}

START_TEST(test_layout_and_allow_events)
{
    struct devtest d;
    struct kdbg k;
    struct events ev;
    setup_dev(&d, &k, &ev);
    kdbg_ops.write(&k, SLOT, 1, 4);
    kdbg_ops.write(&k, PID, 4, 4);
    write_name(&k, "blink");
    kdbg_ops.write(&k, EVENT, KDBG_EV_CREATED, 4);
    const uint32_t l[11] = { 0x42000, 0x1000, 0x42050, 0x20006000, 0x2000, 0x20006400, 0x20006400,
                             0x20007f00, 0x20007f40, 0x20006400, 0x20006458 };
    write_args(&k, l, 11);
    ck_assert_uint_eq(kdbg_ops.read(&k, ARG4 + 4 * 6, 4), 0x20006458);
    kdbg_ops.write(&k, EVENT, KDBG_EV_LAYOUT, 4);
    ck_assert_int_eq(ev.last.kind, PROC_LAYOUT);
    ck_assert_str_eq(ev.last.name, "blink");
    ck_assert_uint_eq(ev.last.layout.flash_start, 0x42000);
    ck_assert_uint_eq(ev.last.layout.app_start, 0x42050);
    ck_assert_uint_eq(ev.last.layout.ram_size, 0x2000);
    ck_assert_uint_eq(ev.last.layout.kernel_break, 0x20007f00);
    ck_assert_uint_eq(ev.last.layout.grant_top, 0x20007f40);
    ck_assert_uint_eq(ev.last.layout.heap_start, 0x20006458);
    const uint32_t a[5] = { 0x1, 4, 1, 0x20006340, 41 };
    write_args(&k, a, 5);
    kdbg_ops.write(&k, EVENT, KDBG_EV_ALLOW, 4);
    ck_assert_int_eq(ev.last.kind, PROC_ALLOW);
    ck_assert_uint_eq(ev.last.allow.driver, 1);
    ck_assert_uint_eq(ev.last.allow.cls, 4);
    ck_assert_uint_eq(ev.last.allow.num, 1);
    ck_assert_uint_eq(ev.last.allow.addr, 0x20006340);
    ck_assert_uint_eq(ev.last.allow.len, 41);
    ck_assert_int_eq(devtest_trace_count(&d, "\"event\":\"layout\",\"pid\":4,\"slot\":1,\"name\":\"blink\","
                                             "\"flash\":[270336,4096,270416]"), 1);
    ck_assert_int_eq(devtest_trace_count(&d, "\"event\":\"allow\",\"pid\":4,\"slot\":1,\"name\":\"blink\","
                                             "\"driver\":1,\"class\":4,\"num\":1,\"addr\":536896320,\"len\":41"), 1);
    kdbg_ops.write(&k, ARG1, 5, 4);                                 /* not an allow class */
    kdbg_ops.write(&k, EVENT, KDBG_EV_ALLOW, 4);
    ck_assert_uint_eq(d.trace.guest_errors, 1);
    ck_assert_int_eq(ev.n, 3);
    devtest_free(&d);
}
END_TEST

/* A one-page guest RAM at RAM_AT for EVENT_AT's records. */
#define RAM_AT 0x20000000u
static uint8_t guest_ram[256];

static bool ram_read(void *ctx, uint32_t addr, void *buf, size_t len)
{
    (void)ctx;
    if (addr < RAM_AT || addr - RAM_AT > sizeof(guest_ram) || len > sizeof(guest_ram) - (addr - RAM_AT))
        return false;
    memcpy(buf, guest_ram + (addr - RAM_AT), len);
    return true;
}

START_TEST(test_event_record_at_address)
{
    struct devtest d;
    struct kdbg k;
    struct events ev;
    devtest_init(&d, "kdbg");
    const struct device_dma dma = { ram_read, NULL, NULL };
    d.env.dma = &dma;
    memset(&ev, 0, sizeof(ev));
    kdbg_init(&k, &d.env, on_event, &ev, 0x10000);
    struct kdbg_record rec = { .kind = KDBG_EV_CREATED, .pid = 9, .slot = 3, .arg = { 2 },
                               .name_len = 5, .name = "radioX" };
    memcpy(guest_ram + 16, &rec, sizeof(rec));
    write_name(&k, "xylophone");                                    /* not committed: replaced */
    kdbg_ops.write(&k, EVENT_AT, RAM_AT + 16, 4);
    ck_assert_int_eq(ev.n, 1);
    ck_assert_int_eq(ev.last.kind, PROC_CREATED);
    ck_assert_uint_eq(ev.last.pid, 9);
    ck_assert_uint_eq(ev.last.slot, 3);
    ck_assert_uint_eq(ev.last.restarts, 2);
    ck_assert_str_eq(ev.last.name, "radio");                       /* name_len characters */
    ck_assert_uint_eq(kdbg_ops.read(&k, PID, 4), 9);                /* the registers are loaded */
    ck_assert_uint_eq(kdbg_ops.read(&k, NAME, 4), 0);               /* and the name consumed */
    rec = (struct kdbg_record){ .kind = KDBG_EV_LAYOUT, .pid = 9, .slot = 3,
                                .arg = { 0x42000, 0x1000, 0x42050, 0x20006000, 0x2000, 0x20006400,
                                         0x20006400, 0x20007f00, 0x20007f40, 0, 0x20006458 } };
    memcpy(guest_ram + 16, &rec, sizeof(rec));
    kdbg_ops.write(&k, EVENT_AT, RAM_AT + 16, 4);
    ck_assert_int_eq(ev.last.kind, PROC_LAYOUT);
    ck_assert_str_eq(ev.last.name, "radio");                       /* remembered for the slot */
    ck_assert_uint_eq(ev.last.layout.grant_top, 0x20007f40);
    ck_assert_uint_eq(ev.last.layout.heap_start, 0x20006458);
    ck_assert_uint_eq(kdbg_ops.read(&k, EVENT, 4), 2);
    ck_assert_uint_eq(d.trace.guest_errors, 0);
    kdbg_ops.write(&k, EVENT_AT, RAM_AT + 200, 4);                  /* runs past the RAM */
    kdbg_ops.write(&k, EVENT_AT, 0x40000000, 4);                    /* no RAM there */
    ck_assert_uint_eq(d.trace.guest_errors, 2);
    rec.kind = 99;                                                  /* an invalid kind */
    memcpy(guest_ram + 16, &rec, sizeof(rec));
    kdbg_ops.write(&k, EVENT_AT, RAM_AT + 16, 4);
    ck_assert_uint_eq(d.trace.guest_errors, 3);
    ck_assert_int_eq(ev.n, 2);
    devtest_free(&d);
}
END_TEST

Suite *kdbg_suite(void)
{
    Suite *s = suite_create("kdbg");
    TCase *tc = tcase_create("kdbg");
    tcase_add_test(tc, test_id_and_version);
    tcase_add_test(tc, test_layout_and_allow_events);
    tcase_add_test(tc, test_created_then_state_uses_remembered_name);
    tcase_add_test(tc, test_fault_event);
    tcase_add_test(tc, test_switch_and_syscall);
    tcase_add_test(tc, test_long_name_is_truncated);
    tcase_add_test(tc, test_invalid_events_are_guest_errors);
    tcase_add_test(tc, test_event_record_at_address);
    suite_add_tcase(s, tc);
    return s;
}
