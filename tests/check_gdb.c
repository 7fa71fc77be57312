/* Unit tests of the GDB stub (sim/gdb/): the wire format (framing, checksums, escaping, hex),
 * the target description, the apps' add-symbol-file commands and monitor commands on a cm4
 * machine with the kernel and hello from the build tree. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sim/gdb/apps.h"
#include "sim/gdb/packet.h"
#include "sim/gdb/stub.h"
#include "sim/gdb/tdesc.h"
#include "sim/scenario/node.h"

#define KERNEL "build/kernel/cm4/kernel.elf"
#define HELLO "build/apps/hello.tbf"

/* Feeds a whole string; returns the last event that was not GDB_RX_NONE. */
static enum gdb_rx_event feed_all(struct gdb_rx *rx, const char *s, size_t n)
{
    enum gdb_rx_event last = GDB_RX_NONE;
    for (size_t i = 0; i < n; i++) {
        enum gdb_rx_event ev = gdb_rx_feed(rx, s[i]);
        if (ev != GDB_RX_NONE)
            last = ev;
    }
    return last;
}

START_TEST(test_checksum_and_frame)
{
    char out[32];
    ck_assert_uint_eq(gdb_checksum("OK", 2), 0x9a);
    ck_assert_uint_eq(gdb_frame("OK", 2, out, sizeof(out)), 6);
    ck_assert(memcmp(out, "$OK#9a", 6) == 0);
    ck_assert_uint_eq(gdb_frame("", 0, out, sizeof(out)), 4);
    ck_assert(memcmp(out, "$#00", 4) == 0);
    ck_assert_uint_eq(gdb_frame("OK", 2, out, 5), 0);           /* does not fit */
}
END_TEST

START_TEST(test_receiver_events)
{
    struct gdb_rx rx;
    gdb_rx_init(&rx);
    ck_assert_int_eq(feed_all(&rx, "$qC#b4", 6), GDB_RX_PACKET);
    ck_assert_str_eq(rx.buf, "qC");
    ck_assert_uint_eq(rx.len, 2);
    ck_assert_int_eq(feed_all(&rx, "$qC#B4", 6), GDB_RX_PACKET);    /* hex of any case */
    ck_assert_int_eq(feed_all(&rx, "$qC#b5", 6), GDB_RX_BAD);       /* wrong checksum */
    ck_assert_int_eq(feed_all(&rx, "$qC#zz", 6), GDB_RX_BAD);       /* not hex */
    ck_assert_int_eq(gdb_rx_feed(&rx, '+'), GDB_RX_ACK);
    ck_assert_int_eq(gdb_rx_feed(&rx, '-'), GDB_RX_NAK);
    ck_assert_int_eq(gdb_rx_feed(&rx, 0x03), GDB_RX_INTERRUPT);
    ck_assert_int_eq(gdb_rx_feed(&rx, 'x'), GDB_RX_NONE);           /* noise between packets */
    /* 0x03 inside a packet is data (binary X packets may hold it) */
    char pkt[] = "$X0,1:\x03#00";
    pkt[sizeof(pkt) - 3] = "0123456789abcdef"[gdb_checksum("X0,1:\x03", 6) >> 4];
    pkt[sizeof(pkt) - 2] = "0123456789abcdef"[gdb_checksum("X0,1:\x03", 6) & 15];
    ck_assert_int_eq(feed_all(&rx, pkt, sizeof(pkt) - 1), GDB_RX_PACKET);
    ck_assert_uint_eq(rx.len, 6);
}
END_TEST

START_TEST(test_receiver_overflow_is_a_bad_packet)
{
    struct gdb_rx rx;
    gdb_rx_init(&rx);
    ck_assert_int_eq(gdb_rx_feed(&rx, '$'), GDB_RX_NONE);
    uint8_t sum = 0;
    for (int i = 0; i < GDB_PACKET_MAX + 10; i++) {
        gdb_rx_feed(&rx, 'a');
        sum += 'a';
    }
    char tail[4] = { '#', "0123456789abcdef"[sum >> 4], "0123456789abcdef"[sum & 15], 0 };
    ck_assert_int_eq(feed_all(&rx, tail, 3), GDB_RX_BAD);
    ck_assert_int_eq(feed_all(&rx, "$g#67", 5), GDB_RX_PACKET);     /* and it recovers */
}
END_TEST

START_TEST(test_binary_escaping_round_trip)
{
    const uint8_t in[] = { 'a', '#', '$', '}', '*', 0, 0x03, 0xff };
    char esc[32];
    size_t n = gdb_escape(in, sizeof(in), esc, sizeof(esc));
    ck_assert_uint_eq(n, sizeof(in) + 4);
    ck_assert(memcmp(esc, "a}\x03}\x04}]}\x0a", 9) == 0);
    ck_assert_uint_eq(gdb_unescape(esc, n), sizeof(in));
    ck_assert(memcmp(esc, in, sizeof(in)) == 0);
    ck_assert_uint_eq(gdb_escape(in, sizeof(in), esc, 3), 0);       /* does not fit */
}
END_TEST

START_TEST(test_hex)
{
    char hex[16];
    uint8_t b[3];
    uint32_t v;
    uint64_t x;
    gdb_hex_encode("\x01\xab\xff", 3, hex);
    ck_assert_str_eq(hex, "01abff");
    ck_assert(gdb_hex_decode("01ABff", 3, b) && b[0] == 1 && b[1] == 0xab && b[2] == 0xff);
    ck_assert(!gdb_hex_decode("01g0", 2, b));
    gdb_hex_u32le(0x12345678, hex);
    ck_assert_str_eq(hex, "78563412");                      /* target order: little-endian */
    ck_assert(gdb_parse_u32le("78563412", &v) && v == 0x12345678);
    const char *p = "2000a,4";
    ck_assert(gdb_parse_hex(&p, &x) && x == 0x2000a && *p == ',');
    p = ",4";
    ck_assert(!gdb_parse_hex(&p, &x));
    p = "12345678123456789";                                 /* 17 digits: too big */
    ck_assert(!gdb_parse_hex(&p, &x));
}
END_TEST

static struct machine *hello_machine(const char *board, char *tbf)
{
    char err[300];
    char *apps[1] = { tbf };
    struct machine_config cfg = { .board = board };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    ck_assert_msg(m, "%s", err);
    m->trace.guest_log = NULL;
    ck_assert_msg(node_load_images(m, board[0] == 'c' ? KERNEL : "build/kernel/rv32/kernel.elf", apps, 1,
                                   err, sizeof(err)), "%s", err);
    machine_reset(m);
    return m;
}

START_TEST(test_target_description)
{
    struct machine *m = hello_machine("cm4", HELLO);
    const struct cpu_debug_ops *d = m->cpu.ops->debug;
    char xml[8192];
    size_t n = gdb_tdesc(d, xml, sizeof(xml));
    ck_assert_uint_gt(n, 0);
    ck_assert_uint_eq(strlen(xml), n);
    ck_assert(strstr(xml, "<architecture>arm</architecture>"));
    ck_assert(strstr(xml, "<feature name=\"org.gnu.gdb.arm.m-profile\">"));
    ck_assert(strstr(xml, "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"15\"/>"));
    ck_assert(strstr(xml, "<reg name=\"xpsr\" bitsize=\"32\" type=\"int\" regnum=\"16\"/>"));
    ck_assert(strstr(xml, "<reg name=\"control\" bitsize=\"32\" type=\"int\" regnum=\"22\" group=\"system\"/>"));
    ck_assert(strstr(xml, "org.gnu.gdb.arm.m-profile") < strstr(xml, "org.gnu.gdb.arm.m-system"));
    ck_assert_uint_eq(gdb_tdesc(d, xml, 100), 0);           /* does not fit */
    machine_destroy(m);
    m = hello_machine("rv32", "build/apps/rv32/slot0/hello.tbf");
    n = gdb_tdesc(m->cpu.ops->debug, xml, sizeof(xml));
    ck_assert(strstr(xml, "<architecture>riscv:rv32</architecture>"));
    ck_assert(strstr(xml, "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"32\"/>"));
    ck_assert(strstr(xml, "<feature name=\"org.gnu.gdb.riscv.csr\">"));
    ck_assert(strstr(xml, "name=\"mscratch\""));
    machine_destroy(m);
}
END_TEST

/* The apps' commands as text. */
static char *apps_text(const struct gdb_procs *p, char *tbf)
{
    static char buf[4096];
    FILE *f = fmemopen(buf, sizeof(buf), "w");
    gdb_apps_write(p, &tbf, 1, f);
    fclose(f);
    return buf;
}

START_TEST(test_apps_commands_before_and_after_the_start)
{
    struct machine *m = hello_machine("cm4", HELLO);
    struct gdb_procs p;
    ck_assert(gdb_procs_attach(&p, m, NULL, NULL));
    ck_assert_int_eq(p.napps, 1);
    ck_assert_uint_eq(p.apps[0].img.flash_start, 0x40000);
    ck_assert(!p.apps[0].fixed);
    const char *t = apps_text(&p, HELLO);
    ck_assert_msg(strstr(t, "hello has not started yet"), "%s", t);
    ck_assert_msg(strstr(t, "/build/apps/hello.elf 0x"), "%s", t);     /* absolute, .text first */
    ck_assert_msg(!strstr(t, "-s .data"), "%s", t);
    machine_run(m, m->clock.hz / 100);                     /* 10 ms: hello runs */
    ck_assert(p.apps[0].started);
    t = apps_text(&p, HELLO);
    char want[64];
    snprintf(want, sizeof(want), "-s .stack 0x%08x", p.apps[0].ram_start);    /* .stack at RAM + 0 */
    ck_assert_msg(strstr(t, want), "%s", t);
    ck_assert_msg(strstr(t, "-s .data 0x"), "%s", t);
    snprintf(want, sizeof(want), "-s .crt0_header 0x%08x", p.apps[0].bin_start);
    ck_assert_msg(strstr(t, want), "%s", t);
    machine_destroy(m);
}
END_TEST

START_TEST(test_apps_linked_for_fixed_addresses_load_as_linked)
{
    struct machine *m = hello_machine("rv32", "build/apps/rv32/slot0/hello.tbf");
    struct gdb_procs p;
    gdb_procs_scan(&p, m);
    ck_assert(p.apps[0].fixed);
    const char *t = apps_text(&p, "build/apps/rv32/slot0/hello.tbf");
    ck_assert_msg(strstr(t, "linked for these addresses\nadd-symbol-file "), "%s", t);
    ck_assert_msg(strstr(t, "/build/apps/rv32/slot0/hello.elf\n"), "%s", t);
    machine_destroy(m);
}
END_TEST

START_TEST(test_monitor_commands)
{
    struct machine *m = hello_machine("cm4", HELLO);
    char err[200], out[4096];
    char *tbfs[1] = { HELLO };
    struct gdb_config cfg = { .port = 0, .tbfs = tbfs, .ntbfs = 1, .until_ns = UINT64_MAX };
    struct gdb_stub *s = gdb_open(m, &cfg, err, sizeof(err));
    ck_assert_msg(s, "%s", err);
    ck_assert_int_gt(gdb_port(s), 0);
    gdb_monitor(s, "time", out, sizeof(out));
    ck_assert_str_eq(out, "virtual time 0.000000 ms (0 cycles at 64000000 Hz), 0 instructions run\n");
    machine_run(m, m->clock.hz / 100);
    gdb_monitor(s, "processes", out, sizeof(out));
    ck_assert_msg(strstr(out, "0    0    hello            "), "%s", out);
    gdb_monitor(s, "faults", out, sizeof(out));
    ck_assert_str_eq(out, "no process faults reported\n");
    gdb_monitor(s, "apps", out, sizeof(out));
    ck_assert_msg(strstr(out, "RAM at 0x2000"), "%s", out);
    gdb_monitor(s, "frobnicate", out, sizeof(out));
    ck_assert_str_eq(out, "unknown monitor command 'frobnicate'; `monitor help` lists them\n");
    gdb_monitor(s, "reset", out, sizeof(out));
    ck_assert_msg(strstr(out, "CPU reset: pc 0x"), "%s", out);
    uint32_t pc, reset_vector = 0;
    m->cpu.ops->debug->reg_get(m->cpu.impl, 15, &pc);
    ck_assert(bus_peek(&m->bus, m->layout.flash_base + 4, &reset_vector, 4));
    ck_assert_uint_eq(pc, reset_vector & ~1u);              /* at the kernel's reset entry */
    gdb_close(s);
    machine_destroy(m);
}
END_TEST

Suite *gdb_suite(void)
{
    Suite *s = suite_create("gdb");
    TCase *tc = tcase_create("packets");
    tcase_add_test(tc, test_checksum_and_frame);
    tcase_add_test(tc, test_receiver_events);
    tcase_add_test(tc, test_receiver_overflow_is_a_bad_packet);
    tcase_add_test(tc, test_binary_escaping_round_trip);
    tcase_add_test(tc, test_hex);
    suite_add_tcase(s, tc);
    tc = tcase_create("stub");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_target_description);
    tcase_add_test(tc, test_apps_commands_before_and_after_the_start);
    tcase_add_test(tc, test_apps_linked_for_fixed_addresses_load_as_linked);
    tcase_add_test(tc, test_monitor_commands);
    suite_add_tcase(s, tc);
    return s;
}
