/* Unit tests: machine snapshots (sim/core/snapshot/snapshot.h) on the real kernel and apps of both
 * boards: a restored machine reruns bit for bit (JSON-lines trace and console), in memory and
 * through a file; malformed files are refused with named errors; RAM comes back page by page.
 * Needs the kernels and apps from the build tree. */
#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "sim/core/snapshot/snapshot.h"
#include "sim/core/snapshot/snapshot_ram.h"
#include "sim/cpu/cortexm/internal.h"
#include "sim/cpu/rv32/internal.h"
#include "sim/scenario/node.h"

struct images {
    const char *board, *kernel;
    char *apps[3];
};

static const struct images cm4 = { "cm4", "build/kernel/cm4/kernel.elf",
    { "build/apps/blink.tbf", "build/apps/buttons.tbf", "build/apps/timers.tbf" } };
static const struct images rv32 = { "rv32", "build/kernel/rv32/kernel.elf",
    { "build/apps/rv32/slot0/blink.tbf", "build/apps/rv32/slot1/buttons.tbf",
      "build/apps/rv32/slot2/timers.tbf" } };

/* A booted machine whose console bytes go to `con` (when set). */
struct rig {
    struct machine *m;
    FILE *con;
};

/* What a stretch of run produced. */
struct capture {
    char *trace, *con;
    size_t trace_len, con_len;
    FILE *tf, *cf;
};

static void rig_console(void *ctx, const char *s, unsigned len)
{
    struct rig *r = ctx;
    if (r->con)
        fwrite(s, 1, len, r->con);
}

static struct rig *rig_open(const struct images *im, int napps, uint32_t ram)
{
    char err[300];
    struct rig *r = calloc(1, sizeof(*r));
    struct machine_config cfg = { .board = im->board, .ram_size = ram, .seed = 7 };
    r->m = machine_create(&cfg, err, sizeof(err));
    ck_assert_msg(r->m, "%s", err);
    r->m->trace.guest_log = NULL;
    ck_assert_msg(node_load_images(r->m, im->kernel, im->apps, napps, err, sizeof(err)), "%s", err);
    struct machine_observer o = { .ctx = r, .console = rig_console };
    machine_add_observer(r->m, &o);
    machine_reset(r->m);
    return r;
}

static void rig_close(struct rig *r)
{
    machine_destroy(r->m);
    free(r);
}

static void run_ms(struct rig *r, uint64_t ms)
{
    uint64_t until = r->m->clock.now + clock_cycles_from_ns(&r->m->clock, ms * 1000000u);
    ck_assert_int_eq(machine_run(r->m, until), MACHINE_TIMEOUT);
}

static void capture_begin(struct rig *r, struct capture *c)
{
    memset(c, 0, sizeof(*c));
    c->tf = open_memstream(&c->trace, &c->trace_len);
    c->cf = open_memstream(&c->con, &c->con_len);
    r->m->trace.jsonl = c->tf;
    r->con = c->cf;
}

static void capture_end(struct rig *r, struct capture *c)
{
    r->m->trace.jsonl = NULL;
    r->con = NULL;
    fclose(c->tf);
    fclose(c->cf);
}

static void capture_free(struct capture *c)
{
    free(c->trace);
    free(c->con);
}

/* The inputs of a rerun: 500 ms of virtual time, optionally with BTN0 pressed for 50 ms. */
static void rerun(struct rig *r, struct capture *c, bool press)
{
    capture_begin(r, c);
    run_ms(r, 100);
    if (press)
        machine_press_button(r->m, 0, true);
    run_ms(r, 50);
    if (press)
        machine_press_button(r->m, 0, false);
    run_ms(r, 350);
    capture_end(r, c);
}

static void assert_same(const struct capture *a, const struct capture *b)
{
    ck_assert_uint_eq(a->trace_len, b->trace_len);
    ck_assert_msg(memcmp(a->trace, b->trace, a->trace_len) == 0, "traces differ");
    ck_assert_uint_eq(a->con_len, b->con_len);
    ck_assert_msg(memcmp(a->con, b->con, a->con_len) == 0, "consoles differ");
}

static struct snapshot *save(struct rig *r)
{
    char err[300];
    struct snapshot *s = snapshot_new(r->m, err, sizeof(err));
    ck_assert_msg(s, "%s", err);
    ck_assert_msg(snapshot_save(r->m, s, err, sizeof(err)), "%s", err);
    return s;
}

static void restore(struct rig *r, struct snapshot *s)
{
    char err[300];
    ck_assert_msg(snapshot_restore(r->m, s, err, sizeof(err)), "%s", err);
}

/* (a) boot 100 ms, snapshot, run 500 ms, restore, run again: the same trace and console. */
static void rerun_identically(const struct images *im, bool press)
{
    struct rig *r = rig_open(im, 3, 0);
    struct capture a, b;
    run_ms(r, 100);
    struct snapshot *s = save(r);
    ck_assert_uint_eq(snapshot_time_ns(s) / 1000000, 100);
    rerun(r, &a, press);
    restore(r, s);
    ck_assert_uint_eq(clock_ns_from_cycles(&r->m->clock, r->m->clock.now), snapshot_time_ns(s));
    rerun(r, &b, press);
    ck_assert_msg(strstr(a.trace, "\"led\"") != NULL, "the run toggles LEDs: %.200s", a.trace);
    ck_assert_msg(!press || strstr(a.con, "button 0 pressed") != NULL, "console: %s", a.con);
    assert_same(&a, &b);
    capture_free(&a);
    capture_free(&b);
    snapshot_free(s);
    rig_close(r);
}

START_TEST(test_rerun_cm4) { rerun_identically(&cm4, false); }
END_TEST
START_TEST(test_rerun_rv32) { rerun_identically(&rv32, false); }
END_TEST
START_TEST(test_rerun_with_button_cm4) { rerun_identically(&cm4, true); }
END_TEST
START_TEST(test_rerun_with_button_rv32) { rerun_identically(&rv32, true); }
END_TEST

/* Restoring twice, after runs of different lengths and inputs, gives the same continuation;
 * and the input makes a difference (the comparison is not vacuous). */
static void restore_repeatedly(const struct images *im)
{
    struct rig *r = rig_open(im, 3, 0);
    struct capture a, b, c;
    run_ms(r, 100);
    struct snapshot *s = save(r);
    rerun(r, &a, true);
    run_ms(r, 2000);                    /* far away, blinking on */
    restore(r, s);
    rerun(r, &b, false);
    restore(r, s);
    rerun(r, &c, true);
    assert_same(&a, &c);
    ck_assert_msg(a.con_len != b.con_len || memcmp(a.con, b.con, a.con_len) != 0,
                  "a button press changes the console");
    capture_free(&a);
    capture_free(&b);
    capture_free(&c);
    snapshot_free(s);
    rig_close(r);
}

START_TEST(test_restore_repeatedly_cm4) { restore_repeatedly(&cm4); }
END_TEST
START_TEST(test_restore_repeatedly_rv32) { restore_repeatedly(&rv32); }
END_TEST

/* Host input still queued in the UART when the snapshot is taken, and typed after it. */
static void console_input(const char *board, const char *kernel, const char *echo)
{
    const struct images im = { board, kernel, { (char *)echo } };
    struct rig *r = rig_open(&im, 1, 0);
    struct capture a, b;
    run_ms(r, 100);
    machine_console_input(r->m, (const uint8_t *)"queued\r", 7);
    struct snapshot *s = save(r);
    for (int k = 0; k < 2; k++) {
        capture_begin(r, k ? &b : &a);
        run_ms(r, 20);
        machine_console_input(r->m, (const uint8_t *)"typed\r", 6);
        run_ms(r, 100);
        capture_end(r, k ? &b : &a);
        if (!k)
            restore(r, s);
    }
    ck_assert_msg(strstr(a.con, "echo: \"queued\"") && strstr(a.con, "echo: \"typed\""), "%s", a.con);
    assert_same(&a, &b);
    capture_free(&a);
    capture_free(&b);
    snapshot_free(s);
    rig_close(r);
}

START_TEST(test_console_input_cm4)
{
    console_input("cm4", cm4.kernel, "build/apps/echo.tbf");
}
END_TEST

START_TEST(test_console_input_rv32)
{
    console_input("rv32", rv32.kernel, "build/apps/rv32/slot0/echo.tbf");
}
END_TEST

/* (b) snapshot -> file -> a fresh machine: it continues as the original does. */
static void file_roundtrip(const struct images *im)
{
    char err[400], path[] = "/tmp/tocksim-snapXXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    struct rig *r1 = rig_open(im, 3, 0), *r2 = rig_open(im, 3, 0);
    struct capture a, b, c;
    run_ms(r1, 100);
    struct snapshot *s1 = save(r1);
    ck_assert_msg(snapshot_write_file(r1->m, s1, path, err, sizeof(err)), "%s", err);
    rerun(r1, &a, true);
    run_ms(r2, 30);                     /* the fresh machine is elsewhere */
    struct snapshot *s2 = snapshot_read_file(r2->m, path, err, sizeof(err));
    ck_assert_msg(s2, "%s", err);
    restore(r2, s2);
    rerun(r2, &b, true);
    restore(r2, s2);                    /* now a snapshot of this process */
    rerun(r2, &c, true);
    assert_same(&a, &b);
    assert_same(&a, &c);
    capture_free(&a);
    capture_free(&b);
    capture_free(&c);
    snapshot_free(s1);
    snapshot_free(s2);
    rig_close(r1);
    rig_close(r2);
    unlink(path);
}

START_TEST(test_file_roundtrip_cm4) { file_roundtrip(&cm4); }
END_TEST
START_TEST(test_file_roundtrip_rv32) { file_roundtrip(&rv32); }
END_TEST

/* ---- (c) malformed files ----------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert(f != NULL);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *p = malloc(*len);
    ck_assert_uint_eq(fread(p, 1, *len, f), *len);
    fclose(f);
    return p;
}

static void spit(const char *path, const void *p, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert(f != NULL);
    ck_assert_uint_eq(fwrite(p, 1, len, f), len);
    fclose(f);
}

/* Reading `path` into m fails with a message containing `want`. */
static void refused(struct machine *m, const char *path, const char *want)
{
    char err[400] = "";
    struct snapshot *s = snapshot_read_file(m, path, err, sizeof(err));
    ck_assert_msg(s == NULL, "%s was accepted", path);
    ck_assert_msg(strstr(err, want) != NULL && strstr(err, path) != NULL, "'%s' lacks '%s'", err, want);
}

/* Rewrites the file with the CRC fixed, so a change gets past it to the check it targets. */
static void spit_with_crc(const char *path, char *p, size_t len)
{
    uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)p, (uInt)(len - 4));
    for (int i = 0; i < 4; i++)
        p[len - 4 + (size_t)i] = (char)(crc >> (8 * i));
    spit(path, p, len);
}

START_TEST(test_malformed_files)
{
    char err[400], good[] = "/tmp/tocksim-snapXXXXXX", bad[] = "/tmp/tocksim-badXXXXXX";
    close(mkstemp(good));
    close(mkstemp(bad));
    struct rig *r = rig_open(&cm4, 3, 0);
    run_ms(r, 50);
    struct snapshot *s = save(r);
    ck_assert_msg(snapshot_write_file(r->m, s, good, err, sizeof(err)), "%s", err);
    size_t len;
    char *p = slurp(good, &len);
    refused(r->m, "/nonexistent/snap", "cannot read");
    spit(bad, p, 0);
    refused(r->m, bad, "not a tocksim snapshot (no TOCKSNAP magic)");
    spit(bad, "TOCKSNAP", 8);
    refused(r->m, bad, "too short for its header");
    spit(bad, p, len - 100);
    refused(r->m, bad, "truncated");
    p[len / 2] ^= 0x40;
    spit(bad, p, len);
    refused(r->m, bad, "corrupt: the file's CRC-32");
    p[len / 2] ^= 0x40;
    p[0] = 'X';
    spit(bad, p, len);
    refused(r->m, bad, "no TOCKSNAP magic");
    p[0] = 'T';
    p[8] = 9;                                           /* format version */
    spit_with_crc(bad, p, len);
    refused(r->m, bad, "snapshot format version 9");
    p[8] = 1;
    p[16 + 1] = 'x';                                    /* board "cx4" */
    spit_with_crc(bad, p, len);
    refused(r->m, bad, "a snapshot of board cx4, not cm4");
    p[16 + 1] = 'm';
    p[80 + 1] ^= 0x01;                                  /* the first section's name */
    spit_with_crc(bad, p, len);
    refused(r->m, bad, "where this tocksim has 'machine'");
    free(p);
    snapshot_free(s);
    rig_close(r);
    unlink(good);
    unlink(bad);
}
END_TEST

/* A file for another board, RAM size or flash is refused by name. */
START_TEST(test_file_for_another_machine)
{
    char err[400], path[] = "/tmp/tocksim-snapXXXXXX";
    close(mkstemp(path));
    struct rig *r = rig_open(&cm4, 3, 0);
    run_ms(r, 20);
    struct snapshot *s = save(r);
    ck_assert_msg(snapshot_write_file(r->m, s, path, err, sizeof(err)), "%s", err);
    struct rig *other = rig_open(&rv32, 3, 0);
    refused(other->m, path, "a snapshot of board cm4, not rv32");
    rig_close(other);
    other = rig_open(&cm4, 3, 128 * 1024);
    refused(other->m, path, "a snapshot of 65536 bytes of RAM at 0x20000000; this machine has 131072");
    rig_close(other);
    other = rig_open(&cm4, 2, 0);                       /* without the third app */
    refused(other->m, path, "the flash differs from the snapshot's");
    rig_close(other);
    snapshot_free(s);
    rig_close(r);
    unlink(path);
}
END_TEST

/* In memory too: a snapshot only goes back into a machine of its board and RAM size. */
START_TEST(test_restore_into_another_board)
{
    char err[300];
    struct rig *a = rig_open(&cm4, 3, 0), *b = rig_open(&rv32, 3, 0);
    struct snapshot *s = snapshot_new(a->m, err, sizeof(err));
    ck_assert(!snapshot_restore(a->m, s, err, sizeof(err)));
    ck_assert_str_eq(err, "the snapshot holds no state yet");
    ck_assert(snapshot_save(a->m, s, err, sizeof(err)));
    ck_assert(!snapshot_restore(b->m, s, err, sizeof(err)));
    ck_assert_msg(strstr(err, "a snapshot of a cm4 board with 65536 bytes of RAM") != NULL, "%s", err);
    ck_assert(!snapshot_save(b->m, s, err, sizeof(err)));
    snapshot_free(s);
    rig_close(a);
    rig_close(b);
}
END_TEST

/* Flash is not saved: nothing may write it. */
static uint32_t flash_crc(struct machine *m)
{
    for (int i = 0; i < m->bus.count; i++)
        if (m->bus.regions[i].kind == REGION_FLASH)
            return (uint32_t)crc32(0, m->bus.regions[i].host, m->bus.regions[i].size);
    return 0;
}

START_TEST(test_flash_is_never_written)
{
    const struct images *boards[] = { &cm4, &rv32 };
    for (int i = 0; i < 2; i++) {
        struct rig *r = rig_open(boards[i], 3, 0);
        uint32_t before = flash_crc(r->m);
        machine_press_button(r->m, 1, true);
        run_ms(r, 600);
        ck_assert_uint_eq(flash_crc(r->m), before);
        rig_close(r);
    }
}
END_TEST

/* ---- RAM pages --------------------------------------------------------------------------- */

static void count_change(void *ctx, uint32_t addr, uint32_t len)
{
    (void)addr, (void)len;
    ++*(int *)ctx;
}

/* Only pages that differ are rewritten, with or without /proc/self/pagemap. */
static void ram_pages(int fd)
{
    struct bus b;
    bus_init(&b);
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    struct bus_region *ram = bus_map_memory(&b, "ram", REGION_RAM, 0x20000000u, (uint32_t)(64 * pg + 100));
    struct snap_ram s;
    ck_assert(snap_ram_init(&s, ram));
    memset(ram->host + 3 * pg, 0x11, pg);
    ram->host[64 * pg + 99] = 0x22;                     /* in the last, partial page */
    snap_ram_save(&s, ram, fd);
    int changes = 0;
    ck_assert_uint_eq(snap_ram_restore(&s, ram, fd, count_change, &changes), 0);
    ram->host[3 * pg + 5] = 0;                          /* changed */
    ram->host[10 * pg] = 1;                             /* newly touched */
    ram->host[11 * pg] = 1;                             /* next to it: one range */
    ram->host[64 * pg + 99] = 0;
    ck_assert_uint_eq(snap_ram_restore(&s, ram, fd, count_change, &changes), 4);
    ck_assert_int_eq(changes, 3);
    ck_assert_uint_eq(ram->host[3 * pg + 5], 0x11);
    ck_assert_uint_eq(ram->host[10 * pg], 0);
    ck_assert_uint_eq(ram->host[11 * pg], 0);
    ck_assert_uint_eq(ram->host[64 * pg + 99], 0x22);
    memset(ram->host + 3 * pg, 0, pg);                  /* saved as all zero now */
    snap_ram_save(&s, ram, fd);
    ram->host[3 * pg] = 7;
    ck_assert_uint_eq(snap_ram_restore(&s, ram, fd, count_change, &changes), 1);
    ck_assert_uint_eq(ram->host[3 * pg], 0);
    snap_ram_free(&s);
    bus_free(&b);
}

START_TEST(test_ram_pages_with_pagemap)
{
    int fd = open("/proc/self/pagemap", O_RDONLY);
    ram_pages(fd);
    if (fd >= 0)
        close(fd);
}
END_TEST

START_TEST(test_ram_pages_without_pagemap) { ram_pages(-1); }
END_TEST

/* ---- Unicorn's saved context (doc/unicorn.md) ------------------------------------------ */

/* The saved CPU state holds a few engine-private bytes (host addresses), which a file's
 * context must not restore: on ARM the PMSAv7 array addresses (3 words, each widened to the
 * 15 bytes around it), on RISC-V a word the engine never writes. */
START_TEST(test_contexts_hold_engine_private_bytes)
{
    struct rig *a = rig_open(&cm4, 0, 0), *r = rig_open(&rv32, 0, 0);
    int arm = uc_snap_private_count(&((struct cortexm *)a->m->cpu.impl)->snap);
    int rv = uc_snap_private_count(&((struct rv32 *)r->m->cpu.impl)->snap);
    ck_assert_msg(arm >= 24 && arm <= 64, "ARM: %d private bytes", arm);
    ck_assert_msg(rv >= 0 && rv <= 32, "RISC-V: %d private bytes", rv);
    rig_close(a);
    rig_close(r);
}
END_TEST

/* ---- the clock's queue ------------------------------------------------------------------- */

/* Each event appends its name to a shared log when it fires. */
struct fired { char log[8]; int n; };
struct named_event { struct clock_event e; char name; struct fired *to; };

static void fire(void *ctx)
{
    struct named_event *ne = ctx;
    ne->to->log[ne->to->n++] = ne->name;
}

/* Events with equal deadlines fire in the order they were scheduled, after a restore too. */
START_TEST(test_clock_queue_order)
{
    struct vclock c;
    struct fired f = { .n = 0 };
    struct named_event e[3];
    clock_init(&c, 1000);
    for (int i = 0; i < 3; i++) {
        e[i] = (struct named_event){ .name = (char)('a' + i), .to = &f };
        clock_event_init(&e[i].e, "e", fire, &e[i]);
    }
    clock_schedule_at(&c, &e[2].e, 10);
    clock_schedule_at(&c, &e[0].e, 10);
    clock_schedule_at(&c, &e[1].e, 5);
    struct snap_writer w = { 0 };
    clock_snapshot(&c, &w);
    for (int i = 0; i < 3; i++)
        clock_event_snapshot(&e[i].e, &w);
    clock_schedule_at(&c, &e[2].e, 20);                 /* move things around */
    clock_cancel(&c, &e[1].e);
    struct snap_reader r = { .buf = w.buf, .len = w.len };
    clock_restore_begin(&c, &r);
    for (int i = 0; i < 3; i++)                         /* owners restore in their own order */
        clock_event_restore(&c, &e[i].e, &r);
    clock_restore_end(&c, &r);
    ck_assert_msg(snap_ok(&r), "%s", r.error);
    clock_advance_to(&c, 100);
    ck_assert_int_eq(f.n, 3);
    ck_assert(memcmp(f.log, "bca", 3) == 0);
    /* An owner that does not put its event back is noticed. */
    r = (struct snap_reader){ .buf = w.buf, .len = w.len };
    clock_restore_begin(&c, &r);
    clock_event_restore(&c, &e[0].e, &r);
    clock_restore_end(&c, &r);
    ck_assert_msg(strstr(r.error, "3 clock events were queued in the snapshot, 1 came back"), "%s", r.error);
    snap_writer_free(&w);
}
END_TEST

Suite *snapshot_suite(void)
{
    Suite *s = suite_create("snapshot");
    TCase *tc = tcase_create("machine");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_rerun_cm4);
    tcase_add_test(tc, test_rerun_rv32);
    tcase_add_test(tc, test_rerun_with_button_cm4);
    tcase_add_test(tc, test_rerun_with_button_rv32);
    tcase_add_test(tc, test_restore_repeatedly_cm4);
    tcase_add_test(tc, test_restore_repeatedly_rv32);
    tcase_add_test(tc, test_console_input_cm4);
    tcase_add_test(tc, test_console_input_rv32);
    tcase_add_test(tc, test_file_roundtrip_cm4);
    tcase_add_test(tc, test_file_roundtrip_rv32);
    tcase_add_test(tc, test_malformed_files);
    tcase_add_test(tc, test_file_for_another_machine);
    tcase_add_test(tc, test_restore_into_another_board);
    tcase_add_test(tc, test_flash_is_never_written);
    suite_add_tcase(s, tc);
    tc = tcase_create("parts");
    tcase_add_test(tc, test_ram_pages_with_pagemap);
    tcase_add_test(tc, test_ram_pages_without_pagemap);
    tcase_add_test(tc, test_clock_queue_order);
    tcase_add_test(tc, test_contexts_hold_engine_private_bytes);
    suite_add_tcase(s, tc);
    return s;
}
