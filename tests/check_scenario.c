/* Unit tests: scenario files (parsing, defaults, error positions), source positions, strace
 * decoding, VCD and JUnit writers. Scenario files name a kernel and apps: a temporary build
 * tree with empty files stands in for them (parsing only checks that they exist). */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/scenario/junit.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/json.h"
#include "sim/scenario/suite.h"
#include "sim/trace/strace.h"
#include "sim/trace/vcd.h"

static char tree[64];
static struct scenario_paths paths;
static char err[700];

static void touch(const char *rel)
{
    char p[200];
    snprintf(p, sizeof(p), "%s/%s", tree, rel);
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
}

static void make_tree(void)
{
    char p[200];
    snprintf(tree, sizeof(tree), "/tmp/tocksim-check-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tree));
    snprintf(p, sizeof(p), "%s/kernel", tree), mkdir(p, 0700);
    snprintf(p, sizeof(p), "%s/kernel/cm4", tree), mkdir(p, 0700);
    snprintf(p, sizeof(p), "%s/kernel/rv32", tree), mkdir(p, 0700);
    snprintf(p, sizeof(p), "%s/apps", tree), mkdir(p, 0700);
    snprintf(p, sizeof(p), "%s/apps/rv32", tree), mkdir(p, 0700);
    snprintf(p, sizeof(p), "%s/apps/rv32/slot0", tree), mkdir(p, 0700);
    snprintf(p, sizeof(p), "%s/apps/rv32/slot1", tree), mkdir(p, 0700);
    touch("kernel/cm4/kernel.elf");
    touch("kernel/rv32/kernel.elf");
    touch("apps/rv32/slot0/blink.tbf");
    touch("apps/rv32/slot1/buttons.tbf");
    touch("apps/blink.tbf");
    touch("apps/buttons.tbf");
    paths.build_dir = tree;
}

static void remove_tree(void)
{
    char cmd[120];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tree);
    ck_assert_int_eq(system(cmd), 0);
}

static struct scenario *parse(const char *text)
{
    return scenario_parse("t.json", text, &paths, err, sizeof(err));
}

/* Parsing fails with exactly this message. */
static void expect_error(const char *text, const char *want)
{
    struct scenario *sc = parse(text);
    ck_assert_ptr_null(sc);
    ck_assert_str_eq(err, want);
}

/* Line and column of path in text through the index. */
static void locate(const char *text, const char *path, bool at_key, int *line, int *col)
{
    struct json_index *ix = json_index_new(text);
    ck_assert_ptr_nonnull(ix);
    long off = json_index_locate(ix, path, at_key);
    ck_assert_msg(off >= 0, "%s not found", path);
    json_index_line_col(ix, (size_t)off, line, col);
    json_index_free(ix);
}

START_TEST(test_locate_and_line_col)
{
    const char *t = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c\": 2\n}";
    int line, col;
    locate(t, "a[1].b", false, &line, &col);
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 18);
    locate(t, "a[1].b", true, &line, &col);
    ck_assert_int_eq(col, 13);
    locate(t, "c", false, &line, &col);
    ck_assert_int_eq(line, 3);
    ck_assert_int_eq(col, 8);
    locate(t, "", false, &line, &col);
    ck_assert(line == 1 && col == 1);
    struct json_index *ix = json_index_new(t);
    ck_assert_int_eq(json_index_locate(ix, "a[2]", false), -1);
    ck_assert_int_eq(json_index_locate(ix, "a[-1]", false), -1);
    ck_assert_int_eq(json_index_locate(ix, "nope", false), -1);
    ck_assert_int_eq(json_index_locate(ix, "c.d", false), -1);
    ck_assert_int_eq(json_index_locate(ix, "a.b", false), -1);
    json_index_free(ix);
    json_line_col(t, 14, &line, &col);                  /* the scan for text that is not JSON */
    ck_assert(line == 2 && col == 13);
}
END_TEST

/* Every value and key of a document with strings full of brackets, escapes and nesting is where
 * the one-question scanner (json_line_col) says. */
START_TEST(test_index_matches_scan)
{
    const char *t = "[ {\"k\\\"]\": \"}{,\\\"[\"}, [[], {}],\r\n  -1.5e3, \"\\\\\", {\"a\": {\"b\": [true, null]}} ]";
    static const struct { const char *path; bool at_key; int line, col; } want[] = {
        { "[0]", false, 1, 3 }, { "[1]", false, 1, 23 }, { "[1][0]", false, 1, 24 }, { "[1][1]", false, 1, 28 },
        { "[2]", false, 2, 3 }, { "[3]", false, 2, 11 }, { "[4].a.b[1]", false, 2, 36 }, { "[4].a", true, 2, 18 },
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        int line, col;
        locate(t, want[i].path, want[i].at_key, &line, &col);
        ck_assert_msg(line == want[i].line && col == want[i].col, "%s: %d:%d, want %d:%d", want[i].path, line, col,
                      want[i].line, want[i].col);
    }
}
END_TEST

/* 40,000 steps, one per line: the last one's line and the place of an error in it are right
 * (positions come from an index built once; a rescan per step took seconds here). */
START_TEST(test_positions_of_many_steps)
{
    enum { N = 40000 };
    size_t cap = 32 * N, len = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    make_tree();
    len += (size_t)snprintf(text + len, cap - len, "{ \"steps\": [\n");
    for (int i = 0; i < N; i++)
        len += (size_t)snprintf(text + len, cap - len, "  { \"note\": \"step %d\" }%s\n", i, i < N - 1 ? "," : "");
    snprintf(text + len, cap - len, "] }\n");
    struct scenario *sc = parse(text);
    ck_assert_msg(sc != NULL, "%s", err);
    ck_assert_int_eq(sc->nsteps, N);
    ck_assert_int_eq(sc->steps[N - 1].line, N + 1);
    ck_assert_str_eq(sc->steps[N - 1].text, "step 39999");
    scenario_free(sc);
    char *last = strstr(text, "\"step 39999\"");
    memcpy(last, "5           ", 12);                 /* { "note": 5            } */
    expect_error(text, "t.json:40001:13: steps[39999].note: expected a string");
    free(text);
    remove_tree();
}
END_TEST

START_TEST(test_defaults_and_steps)
{
    make_tree();
    struct scenario *sc = parse(
        "{ \"apps\": [\"blink\", \"buttons\"], \"steps\": [\n"
        "  { \"wait_console\": \"ready\" },\n"
        "  { \"wait_console\": { \"regex\": \"a.*b\" }, \"timeout\": \"250ms\" },\n"
        "  { \"click\": \"BTN1\" },\n"
        "  { \"press\": 0, \"for\": \"20us\" },\n"
        "  { \"expect_led\": { \"LED0\": \"on\", \"LED1\": false }, \"within\": \"1s\" },\n"
        "  { \"expect_led\": \"LED1\", \"state\": \"off\" },\n"
        "  { \"expect_blink\": { \"led\": 1, \"hz\": 2.5 } },\n"
        "  { \"expect_fault\": { \"app\": \"f\", \"kind\": \"usage\", \"addr\": \"0x20000100\" } },\n"
        "  { \"set_pin\": \"GPIO3\", \"level\": \"high\" },\n"
        "  { \"run_until\": \"2s\", \"comment\": \"c\" } ] }");
    ck_assert_msg(sc != NULL, "%s", err);
    ck_assert_str_eq(sc->name, "t");
    ck_assert_uint_eq(sc->timeout_ns, 10000000000ull);
    ck_assert_uint_eq(sc->seed, 1);
    ck_assert_int_eq(sc->nnodes, 1);
    ck_assert_str_eq(sc->nodes[0].name, "cm4");
    ck_assert_ptr_nonnull(strstr(sc->nodes[0].kernel, "/kernel/cm4/kernel.elf"));
    ck_assert_int_eq(sc->nodes[0].napps, 2);
    ck_assert_ptr_nonnull(strstr(sc->nodes[0].apps[0], "/apps/blink.tbf"));
    ck_assert_int_eq(sc->nsteps, 10);
    const struct step *s = sc->steps;
    ck_assert_int_eq(s[0].verb, STEP_WAIT_CONSOLE);
    ck_assert_uint_eq(s[0].timeout_ns, SCENARIO_NO_TIME);
    ck_assert_int_eq(s[0].line, 2);
    ck_assert(s[1].is_regex && s[1].timeout_ns == 250000000);
    ck_assert_int_eq(regexec(&s[1].re, "xa\nzb", 0, NULL, 0), 0);        /* . matches newlines */
    ck_assert(s[2].verb == STEP_CLICK && s[2].index == 1 && s[2].duration_ns == 50000000);
    ck_assert(s[3].verb == STEP_PRESS && s[3].index == 0 && s[3].duration_ns == 20000);
    ck_assert(s[4].nleds == 2 && s[4].leds[0].on && !s[4].leds[1].on && s[4].leds[1].led == 1);
    ck_assert(s[5].nleds == 1 && s[5].leds[0].led == 1 && !s[5].leds[0].on && s[5].timeout_ns == 0);
    ck_assert(s[6].index == 1 && s[6].hz == 2.5 && s[6].tolerance == 0.1 && s[6].duration_ns == 2000000000ull);
    ck_assert(s[7].has_addr && s[7].addr == 0x20000100 && strcmp(s[7].fault_kind, "usage") == 0);
    ck_assert(s[8].index == 3 && s[8].level);
    ck_assert(s[9].verb == STEP_RUN_UNTIL && s[9].duration_ns == 2000000000ull);
    scenario_free(sc);
    remove_tree();
}
END_TEST

/* "app_elfs": paths like the other inputs, kept per node; a missing file is named with its
 * JSON path. */
static void app_elfs_given_per_node(void)
{
    char text[600];
    touch("apps/blink.elf");
    snprintf(text, sizeof(text), "{ \"nodes\": [ { \"apps\": [\"blink\"], \"app_elfs\": [\"%s/apps/blink.elf\"] }, {} ],"
             " \"steps\": [ { \"note\": \"x\" } ] }", tree);
    struct scenario *sc = parse(text);
    ck_assert_msg(sc != NULL, "%s", err);
    ck_assert_int_eq(sc->nodes[0].napp_elfs, 1);
    ck_assert_ptr_nonnull(strstr(sc->nodes[0].app_elfs[0], "/apps/blink.elf"));
    ck_assert_int_eq(sc->nodes[1].napp_elfs, 0);
    scenario_free(sc);
    ck_assert_ptr_null(parse("{ \"nodes\": [ {}, { \"app_elfs\": [\"gone.elf\"] } ], \"steps\": [ { \"note\": \"x\" } ] }"));
    ck_assert_str_eq(err, "t.json:1:33: nodes[1].app_elfs[0]: app ELF gone.elf: No such file or directory (run make first?)");
    expect_error("{ \"app_elfs\": \"x.elf\", \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:15: app_elfs: expected an array of app ELF paths (\"my-apps/hello.elf\")");
    expect_error("{ \"app_elfs\": [], \"nodes\": [ {} ], \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:3: app_elfs: give 'app_elfs' inside each element of \"nodes\", not at the top");
}

START_TEST(test_nodes)
{
    make_tree();
    struct scenario *sc = parse("{ \"seed\": 5, \"nodes\": [ { \"name\": \"a\", \"apps\": [\"blink\"] }, { \"apps\": [], \"gdb\": 0 } ],\n"
                                "  \"steps\": [ { \"click\": 0, \"node\": \"node1\" } ] }");
    ck_assert_msg(sc != NULL, "%s", err);
    ck_assert_int_eq(sc->nnodes, 2);
    ck_assert_str_eq(sc->nodes[0].name, "a");
    ck_assert_str_eq(sc->nodes[1].name, "node1");
    ck_assert_uint_eq(sc->nodes[0].seed, 5);
    ck_assert_uint_eq(sc->nodes[1].seed, 6);
    ck_assert_int_eq(sc->steps[0].node, 1);
    ck_assert_int_eq(sc->nodes[0].gdb_port, -1);         /* no "gdb": no stub */
    ck_assert_int_eq(sc->nodes[1].gdb_port, 0);          /* a free port */
    scenario_free(sc);
    expect_error("{ \"nodes\": [ { \"gdb\": 65536 } ], \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:23: nodes[0].gdb: expected an integer from 0 to 65535");
    app_elfs_given_per_node();
    expect_error("{ \"apps\": [], \"nodes\": [ {} ], \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:3: apps: give 'apps' inside each element of \"nodes\", not at the top");
    expect_error("{ \"nodes\": [ { \"name\": \"a\" }, { \"name\": \"a\" } ], \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:41: nodes[1].name: two boards are named 'a'");
    expect_error("{ \"steps\": [ { \"note\": \"x\", \"node\": \"b\" } ] }",
                 "t.json:1:37: steps[0].node: no board named 'b' in \"nodes\"");
    remove_tree();
}
END_TEST

/* A file naming two boards: one instance per board, each with its board's apps, ${NAME}
 * values and board-only steps. */
static const char matrix[] =
    "{ \"name\": \"m\", \"board\": [\"cm4\", \"rv32\"],\n"
    "  \"vars\": { \"cm4\": { \"KIND\": \"data access\" }, \"rv32\": { \"KIND\": \"load access\" } },\n"
    "  \"apps\": [\"blink\", \"buttons\"],\n"
    "  \"steps\": [ { \"wait_console\": \"${KIND} on ${BOARD}, ${BOARD}\" },\n"
    "             { \"note\": \"cm4 only\", \"board\": \"cm4\" }, { \"note\": \"both\" } ] }";

START_TEST(test_board_matrix)
{
    make_tree();
    const char *boards[SCENARIO_MAX_BOARDS];
    ck_assert_int_eq(scenario_parse_boards("t.json", matrix, boards, err, sizeof(err)), 2);
    ck_assert_str_eq(boards[0], "cm4");
    ck_assert_str_eq(boards[1], "rv32");
    struct scenario *sc = scenario_parse_board("t.json", matrix, "rv32", &paths, err, sizeof(err));
    ck_assert_msg(sc != NULL, "%s", err);
    ck_assert_str_eq(sc->name, "m [rv32]");
    ck_assert_str_eq(sc->nodes[0].board, "rv32");
    ck_assert_ptr_nonnull(strstr(sc->nodes[0].kernel, "/kernel/rv32/kernel.elf"));
    ck_assert_ptr_nonnull(strstr(sc->nodes[0].apps[0], "/apps/rv32/slot0/blink.tbf"));
    ck_assert_ptr_nonnull(strstr(sc->nodes[0].apps[1], "/apps/rv32/slot1/buttons.tbf"));
    ck_assert_int_eq(sc->nsteps, 2);
    ck_assert_str_eq(sc->steps[0].text, "load access on rv32, rv32");
    ck_assert_str_eq(sc->steps[1].text, "both");
    ck_assert_int_eq(sc->steps[1].line, 5);
    scenario_free(sc);
    sc = scenario_parse_board("t.json", matrix, NULL, &paths, err, sizeof(err));
    ck_assert_msg(sc != NULL, "%s", err);
    ck_assert_str_eq(sc->name, "m [cm4]");
    ck_assert_ptr_nonnull(strstr(sc->nodes[0].apps[1], "/apps/buttons.tbf"));
    ck_assert_int_eq(sc->nsteps, 3);
    ck_assert_str_eq(sc->steps[0].text, "data access on cm4, cm4");
    scenario_free(sc);
    ck_assert_ptr_null(scenario_parse_board("t.json", "{ \"steps\": [ { \"note\": \"x\" } ] }", "rv32", &paths,
                                            err, sizeof(err)));
    ck_assert_str_eq(err, "t.json:1:1: the scenario does not run on board rv32");
    expect_error("{ \"board\": [\"cm4\", \"cm4\"], \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:20: board[1]: board 'cm4' is listed twice");
    expect_error("{ \"board\": [], \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:12: board: expected a board name or a non-empty list of them (known: cm4, rv32)");
    expect_error("{ \"vars\": { \"rv64\": {} }, \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:13: vars.rv64: 'rv64' is not a board (known: cm4, rv32)");
    expect_error("{ \"vars\": { \"cm4\": { \"A\": 1 } }, \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:27: vars.cm4.A: expected a string (values replace ${A} in steps)");
    expect_error("{ \"steps\": [ { \"note\": \"${A\" } ] }", "t.json:1:24: steps[0].note: '${' without a closing '}'");
    expect_error("{ \"steps\": [ { \"note\": \"x\", \"board\": \"pdp11\" } ] }",
                 "t.json:1:38: steps[0].board: unknown board 'pdp11' (known: cm4, rv32)");
    expect_error("{ \"board\": \"cm4\", \"steps\": [ { \"note\": \"x\" }, { \"note\": \"y\", \"board\": \"rv32\" } ] }",
                 "t.json:1:71: steps[1].board: 'rv32' is not one of the scenario's boards");
    /* A var only rv32 defines, in a step only rv32 runs: fine on cm4 too. */
    sc = scenario_parse_board("t.json", "{ \"board\": [\"cm4\", \"rv32\"], \"vars\": { \"rv32\": { \"A\": \"a\" } },\n"
                              "  \"steps\": [ { \"note\": \"x\" }, { \"note\": \"${A}\", \"board\": \"rv32\" } ] }",
                              "cm4", &paths, err, sizeof(err));
    ck_assert_msg(sc != NULL, "%s", err);
    ck_assert_int_eq(sc->nsteps, 1);
    scenario_free(sc);
    remove_tree();
}
END_TEST


/* Two boards "a" and "b" and the radio block R, then the steps S (JSON text). */
#define RADIO_DOC(R, S) "{ \"nodes\": [ { \"name\": \"a\", \"position\": [1, 2, 3] }, { \"name\": \"b\" } ], " \
                        R "\"steps\": [ " S " ] }"

START_TEST(test_radio_block_and_verbs)
{
    make_tree();
    struct scenario *sc = parse(RADIO_DOC("\"radio\": { \"model\": \"links\", \"seed\": 9, "
                                          "\"links\": [ { \"from\": \"a\", \"to\": \"b\", \"ratio\": 0.5, \"both\": true } ] }, ",
                                          "{ \"wait_packet\": { \"from\": \"a\", \"payload\": { \"hex\": \"C0ffee\" } } }, "
                                          "{ \"set_link\": { \"from\": \"b\", \"to\": \"a\", \"ratio\": 0 } }, "
                                          "{ \"radio_off\": \"b\" }, { \"jam\": { \"channel\": 11 }, \"for\": \"1ms\" }"));
    ck_assert_msg(sc != NULL, "%s", err);
    ck_assert_int_eq(sc->radio->params.model, MEDIUM_LINKS);
    ck_assert_uint_eq(sc->radio->params.seed, 9);
    ck_assert_int_eq(sc->radio->nlinks, 2);                      /* "both": the reverse too */
    ck_assert_int_eq(sc->radio->links[1].from, 1);
    ck_assert(sc->nodes[0].pos[2] == 3);
    ck_assert_int_eq(sc->steps[0].node, 0);                      /* the sender's board */
    ck_assert_uint_eq(sc->steps[0].pkt.nhex, 3);
    ck_assert_uint_eq(sc->steps[0].pkt.hex[0], 0xc0);
    ck_assert_int_eq(sc->steps[2].node, 1);
    ck_assert(sc->steps[3].pkt.dbm == -40);
    scenario_free(sc);
    expect_error(RADIO_DOC("", "{ \"radio_on\": \"b\" }"),
                 "t.json:1:98: steps[0].radio_on: radio_on needs the scenario's \"radio\" block (the medium)");
    expect_error(RADIO_DOC("\"radio\": { \"model\": \"udgm\" }, ", "{ \"note\": \"x\" }"),
                 "t.json:1:93: radio.model: expected a model: \"unit-disk\", \"log-distance\" or \"links\"");
    expect_error(RADIO_DOC("\"radio\": { \"exponent\": 3 }, ", "{ \"note\": \"x\" }"),
                 "t.json:1:84: radio.exponent: unknown field 'exponent' (expected one of: model, seed, noise, comment, "
                 "tx_range, interference_range, success_tx, success_rx)");
    expect_error(RADIO_DOC("\"radio\": { }, ", "{ \"set_link\": { \"from\": \"a\", \"to\": \"b\" } }"),
                 "t.json:1:112: steps[0].set_link: set_link needs \"model\": \"links\" in the radio block");
    expect_error(RADIO_DOC("\"radio\": { }, ", "{ \"wait_packet\": { \"to\": \"c\" } }"),
                 "t.json:1:123: steps[0].wait_packet.to: no board named 'c' in \"nodes\"");
    expect_error(RADIO_DOC("\"radio\": { }, ", "{ \"expect_delivery\": { \"from\": \"a\", \"to\": \"b\" }, \"over\": \"1s\" }"),
                 "t.json:1:119: steps[0].expect_delivery: missing \"min\": the lowest delivery ratio that passes (0 to 1)");
    remove_tree();
}
END_TEST

START_TEST(test_errors_name_place_and_expectation)
{
    make_tree();
    expect_error("{\n  \"steps\": [ { \"note\": \"x\" } ],\n  \"tmeout\": \"1s\"\n}",
                 "t.json:3:3: tmeout: unknown field 'tmeout' (expected one of: $schema, name, description, comment, seed, "
                 "timeout, requires, board, vars, kernel, apps, app_elfs, ram, snapshot, nodes, radio, steps)");
    expect_error("{ \"steps\": [ { \"note\": \"x\" }\n  { \"note\": \"y\" } ] }",
                 "t.json:2:3: JSON syntax error near '{ \"note\": \"y'");
    expect_error("{ \"steps\": [ { \"note\": \"x\", \"run_for\": \"1s\" } ] }",
                 "t.json:1:14: steps[0]: two verbs in one step ('note' and 'run_for')");
    expect_error("{ \"steps\": [] }", "t.json:1:12: steps: expected \"steps\": a non-empty array of step objects");
    expect_error("{ \"steps\": [ { \"run_for\": \"5 parsecs\" } ] }",
                 "t.json:1:27: steps[0].run_for: expected a time with a unit, such as \"500ms\", \"2s\" or \"20us\"");
    expect_error("{ \"steps\": [ { \"run_for\": \"5\" } ] }",
                 "t.json:1:27: steps[0].run_for: expected a time with a unit, such as \"500ms\", \"2s\" or \"20us\"");
    /* Times and sizes that do not fit are refused, not wrapped to 0 (run_for passed at 0 ms). */
    expect_error("{ \"steps\": [ { \"run_for\": \"100000000000s\" } ] }",
                 "t.json:1:27: steps[0].run_for: time '100000000000s' is too long: the limit is 9223372036.854 s (2^63 ns)");
    expect_error("{ \"timeout\": \"18446744073709551616ns\", \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:14: timeout: time '18446744073709551616ns' is too long: the limit is 9223372036.854 s (2^63 ns)");
    expect_error("{ \"steps\": [ { \"wait_console\": \"x\", \"timeout\": \"-1ms\" } ] }",
                 "t.json:1:48: steps[0].timeout: time '-1ms' is negative");
    expect_error("{ \"steps\": [ { \"run_for\": \"infs\" } ] }",
                 "t.json:1:27: steps[0].run_for: expected a time with a unit, such as \"500ms\", \"2s\" or \"20us\"");
    expect_error("{ \"steps\": [ { \"run_for\": \"1e3ms\" } ] }",
                 "t.json:1:27: steps[0].run_for: expected a time with a unit, such as \"500ms\", \"2s\" or \"20us\"");
    expect_error("{ \"ram\": \"17592186044417M\", \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:10: ram: size '17592186044417M' is too large: the limit is 256M (268435456 bytes)");
    expect_error("{ \"ram\": \"64KB\", \"steps\": [ { \"note\": \"x\" } ] }", "t.json:1:10: ram: expected a size such as \"64K\"");
    expect_error("{ \"steps\": [ { \"expect_led\": { \"LED2\": \"on\" } } ] }",
                 "t.json:1:40: steps[0].expect_led.LED2: no LED 2: the board has 2 (LED0..LED1)");
    expect_error("{ \"steps\": [ { \"wait_console\": { \"regex\": \"(\" } } ] }",
                 "t.json:1:43: steps[0].wait_console.regex: bad regular expression (POSIX extended): Unmatched ( or \\(");
    expect_error("{ \"steps\": [ { \"set_pin\": 3 } ] }", "t.json:1:14: steps[0]: missing \"level\": \"high\" or \"low\"");
    expect_error("{ \"steps\": [ { \"note\": \"x\", \"note\": \"y\" } ] }",
                 "t.json:1:16: steps[0].note: field 'note' given twice");
    ck_assert_ptr_null(parse("{ \"apps\": [\"nope\"], \"steps\": [ { \"note\": \"x\" } ] }"));
    ck_assert_ptr_nonnull(strstr(err, "t.json:1:12: apps[0]: app "));
    ck_assert_ptr_nonnull(strstr(err, "/apps/nope.tbf: No such file or directory (run make first?)"));
    ck_assert_ptr_null(parse("{ \"snapshot\": \"gone.snap\", \"steps\": [ { \"note\": \"x\" } ] }"));
    ck_assert_ptr_nonnull(strstr(err, "t.json:1:15: snapshot: snapshot gone.snap: No such file or directory"));
    expect_error("{ \"nodes\": [ {} ], \"snapshot\": \"a.snap\", \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:20: snapshot: give 'snapshot' inside each element of \"nodes\", not at the top");
    expect_error("{ \"requires\": [\"radio\"], \"steps\": [ { \"note\": \"x\" } ] }",
                 "t.json:1:16: requires[0]: expected \"kdbg\" (kernel process events) or \"ui\" (the window)");
    remove_tree();
}
END_TEST

START_TEST(test_strace_decoding)
{
    char buf[200];
    uint32_t cmd[4] = { 2, 1, 0, 0 }, ret[4] = { 128, 0, 0, 0 };
    strace_format_call(buf, sizeof(buf), NULL, 2, cmd);
    ck_assert_str_eq(buf, "command(led=0x2, cmd=1 on, 0, 0)");
    strace_format_return(buf, sizeof(buf), 2, ret);
    ck_assert_str_eq(buf, "Success");
    uint32_t fail[4] = { 0, 10, 0, 0 }, u32[4] = { 129, 0x20004000, 0, 0 };
    strace_format_return(buf, sizeof(buf), 2, fail);
    ck_assert_str_eq(buf, "Failure(NOSUPPORT)");
    strace_format_return(buf, sizeof(buf), 5, u32);
    ck_assert_str_eq(buf, "Success(0x20004000)");
    uint32_t sub[4] = { 0, 0, 0x40123, 7 }, yw[4] = { 2, 1, 2, 0 }, mem[4] = { 0, 0x20002c00, 0, 0 };
    strace_format_call(buf, sizeof(buf), NULL, 1, sub);
    ck_assert_str_eq(buf, "subscribe(alarm=0x0, 0, fn=0x00040123, ud=0x7)");
    strace_format_call(buf, sizeof(buf), NULL, 0, yw);
    ck_assert_str_eq(buf, "yield(wait-for, console=0x1, 2)");
    strace_format_call(buf, sizeof(buf), NULL, 5, mem);
    ck_assert_str_eq(buf, "memop(brk, 0x20002c00)");
    uint32_t unk[4] = { 0x99, 42, 70000, 1 };
    strace_format_call(buf, sizeof(buf), NULL, 2, unk);
    ck_assert_str_eq(buf, "command(driver=0x99, cmd=42, 0x00011170, 1)");
    /* The kernel's own table names drivers first (a board's new driver, a renamed one). */
    struct strace_drivers known = { .n = 2, .d = { { 0x99999, "sensor" }, { 0x2, "leds" } } };
    uint32_t mine[4] = { 0x99999, 1, 0, 0 };
    strace_format_call(buf, sizeof(buf), &known, 2, mine);
    ck_assert_str_eq(buf, "command(sensor=0x99999, cmd=1, 0, 0)");
    strace_format_call(buf, sizeof(buf), &known, 2, cmd);
    ck_assert_str_eq(buf, "command(leds=0x2, cmd=1 on, 0, 0)");
}
END_TEST

START_TEST(test_vcd_file)
{
    char e[200], *text = NULL, path[] = "/tmp/tocksim-vcd-XXXXXX";
    size_t len = 0;
    close(mkstemp(path));
    struct machine_config cfg = { .board = "cm4" };
    struct machine *m = machine_create(&cfg, e, sizeof(e));
    ck_assert_ptr_nonnull(m);
    struct vcd v;
    vcd_init(&v, path);
    ck_assert(vcd_add_node(&v, m, "cm4"));
    m->clock.now = 64;                              /* 1 us */
    machine_press_button(m, 1, true);
    vcd_button(&v, 0, 1, true);
    vcd_sample_pins(&v, 0);                         /* the button also drives GPIO17 */
    ck_assert(vcd_close(&v, e, sizeof(e)));
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_gt(getdelim(&text, &len, '\0', f), 0);
    fclose(f);
    unlink(path);
    ck_assert_ptr_nonnull(strstr(text, "$timescale 1ns $end\n$scope module cm4 $end\n$var wire 1 ! LED0 $end\n"));
    ck_assert_ptr_nonnull(strstr(text, "$var wire 1 $ BTN1 $end\n"));
    ck_assert_ptr_nonnull(strstr(text, "$var wire 1 6 GPIO17 $end\n"));
    ck_assert_ptr_nonnull(strstr(text, "$end\n#1000\n1$\n16\n"));
    free(text);
    machine_destroy(m);
}
END_TEST

START_TEST(test_junit_and_paths)
{
    char e[200], *text = NULL, path[] = "/tmp/tocksim-junit-XXXXXX";
    size_t len = 0;
    close(mkstemp(path));
    struct junit_case c[2] = {
        { "a<b", "scenarios/a.json", { .verdict = SCENARIO_PASS, .wall_s = 0.5 }, "ok & fine" },
        { "b", "scenarios/b.json", { .verdict = SCENARIO_FAIL, .message = "step 2: \"x\" not seen" }, NULL },
    };
    ck_assert(junit_write(path, c, 2, 1.25, e, sizeof(e)));
    FILE *f = fopen(path, "r");
    ck_assert_int_gt(getdelim(&text, &len, '\0', f), 0);
    fclose(f);
    unlink(path);
    ck_assert_ptr_nonnull(strstr(text, "tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"1.250\""));
    ck_assert_ptr_nonnull(strstr(text, "<testcase name=\"a&lt;b\" classname=\"scenarios.a\""));
    ck_assert_ptr_nonnull(strstr(text, "<system-out>ok &amp; fine</system-out>"));
    ck_assert_ptr_nonnull(strstr(text, "<failure message=\"step 2: &quot;x&quot; not seen\">"));
    free(text);
    text = NULL;
    /* A malformed scenario is an error, not a failure; a skipped one neither. */
    struct junit_case d[4] = {
        { "ok", "a.json", { .verdict = SCENARIO_PASS }, NULL },
        { "failed", "b.json", { .verdict = SCENARIO_FAIL, .message = "step 1" }, NULL },
        { "malformed", "c.json", { .verdict = SCENARIO_ERROR, .message = "c.json:1:1: bad" }, NULL },
        { "skipped", "d.json", { .verdict = SCENARIO_SKIP, .message = "needs kdbg" }, NULL },
    };
    ck_assert(junit_write(path, d, 4, 0, e, sizeof(e)));
    f = fopen(path, "r");
    ck_assert_int_gt(getdelim(&text, &len, '\0', f), 0);
    fclose(f);
    unlink(path);
    ck_assert_ptr_nonnull(strstr(text, "tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\""));
    ck_assert_ptr_nonnull(strstr(text, "name=\"failed\" classname=\"b\" file=\"b.json\" time=\"0.000\">\n      <failure message=\"step 1\">"));
    ck_assert_ptr_nonnull(strstr(text, "name=\"malformed\" classname=\"c\" file=\"c.json\" time=\"0.000\">\n      <error message=\"c.json:1:1: bad\">"));
    ck_assert_ptr_nonnull(strstr(text, "<skipped message=\"needs kdbg\"/>"));
    ck_assert_ptr_null(strstr(text, "<failure message=\"c.json"));
    free(text);
    char *p = scenario_suite_path("out/t.jsonl", "blink");
    ck_assert_str_eq(p, "out/t.blink.jsonl");
    free(p);
    p = scenario_suite_path("a.b/trace", "x");
    ck_assert_str_eq(p, "a.b/trace.x");
    free(p);
}
END_TEST

Suite *scenario_suite(void)
{
    Suite *s = suite_create("scenario");
    TCase *tc = tcase_create("scenario");
    tcase_add_test(tc, test_locate_and_line_col);
    tcase_add_test(tc, test_index_matches_scan);
    tcase_add_test(tc, test_positions_of_many_steps);
    tcase_add_test(tc, test_defaults_and_steps);
    tcase_add_test(tc, test_nodes);
    tcase_add_test(tc, test_radio_block_and_verbs);
    tcase_add_test(tc, test_board_matrix);
    tcase_add_test(tc, test_errors_name_place_and_expectation);
    tcase_add_test(tc, test_strace_decoding);
    tcase_add_test(tc, test_vcd_file);
    tcase_add_test(tc, test_junit_and_paths);
    suite_add_tcase(s, tc);
    return s;
}
