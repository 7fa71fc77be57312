/* tocksim run: scenarios from JSON files (doc/scenarios.md), headless. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boards-virtual/sim_boards.h"
#include "sim/cli/cli.h"
#include "sim/cli/insn.h"
#include "sim/scenario/suite.h"

static void run_usage(FILE *f)
{
    fprintf(f,
        "usage: tocksim run [options] SCENARIO.json...\n"
        "\n"
        "Runs each scenario: builds its boards, executes its steps on virtual time, prints one line\n"
        "per step (ok/FAIL/skip with the virtual time), a summary per scenario and one for the\n"
        "suite. Exit status: 0 all passed (skipped ones count as passed), 1 a scenario failed,\n"
        "2 a scenario is malformed or could not be set up.\n"
        "\n"
        "options:\n"
        "  -j, --jobs N        run N scenarios at once, each in its own process (output stays in\n"
        "                      command-line order)\n"
        "  --shard K/N         run only the K-th of N shares of the scenarios (K = 1..N)\n"
        "  --board NAME        run only on this board (a file naming several boards runs once per\n"
        "                      board: \"blink [rv32]\")\n"
        "  --junit FILE        JUnit XML report, one testcase per scenario\n"
        "  --trace FILE        JSON-lines trace (console bytes, syscalls, upcalls, switches, faults,\n"
        "                      LEDs, pins...); with several scenarios FILE gets .<scenario> inserted\n"
        "                      before its extension\n"
        "  --vcd FILE          value change dump of LEDs, buttons and pins (GTKWave); named as --trace\n"
        "  --pcap FILE         every frame of the radio medium, for Wireshark (IEEE 802.15.4 TAP);\n"
        "                      named as --trace\n"
        "  --strace            decoded system calls of every process in the output\n"
        "  -v, --console       copy the boards' console output into the output\n"
        "  --realtime [F]      pace virtual time to the wall clock (times F; default: as fast as possible)\n"
        "  --strict            guest errors (bad register accesses) fail the scenario\n"
        "  --threads N         run a scenario's boards on up to N threads (default: one per CPU\n"
        "                      with -j 1, else 1); the results are the same for any N\n"
        "  --gdb[=PORT]        every board waits for GDB (gdb-multiarch) at reset, board i on\n"
        "                      127.0.0.1:PORT+i (default 3333; 0: any free port each, named on\n"
        "                      stderr); one scenario at a time. A node's \"gdb\": PORT does it for\n"
        "                      one board (doc/debugging.md)\n"
        "  --window            watch the scenario live (one scenario): the boards on the radio\n"
        "                      network, paced by --realtime (default 1); click a node for its\n"
        "                      board, drag it to move it; after the steps the boards run on until\n"
        "                      the window is closed (doc/window.md)\n"
        CLI_INSN_USAGE
        "                   (both on every board: trace lines prefixed with the board's name\n"
        "                   when there are several, one profile per board in FILE.NODE; with\n"
        "                   several scenarios both FILEs are named as --trace)\n"
        "\n"
        "examples:\n"
        "  tocksim run scenarios/blink.json\n"
        "  tocksim run -j 4 --junit report.xml scenarios/*.json\n"
        "  tocksim run --window scenarios/radio-network-view.json\n");
}

static bool parse_shard(const char *s, struct suite_opts *o)
{
    char *end;
    long k = strtol(s, &end, 10);
    if (*end != '/')
        return false;
    long n = strtol(end + 1, &end, 10);
    if (*end || n < 1 || k < 1 || k > n || n > 10000)
        return false;
    o->shard = (int)k;
    o->nshards = (int)n;
    return true;
}

/* Parses options into o; returns the index of the first scenario, or -1 (usage error) / -2 (help). */
static int parse(int argc, char **argv, struct suite_opts *o, struct cli_insn_opts *insn)
{
    static const struct option longs[] = {
        { "jobs", 1, 0, 'j' }, { "shard", 1, 0, 'S' }, { "junit", 1, 0, 'J' }, { "trace", 1, 0, 't' },
        { "vcd", 1, 0, 'V' }, { "pcap", 1, 0, 'P' }, { "strace", 0, 0, 's' }, { "console", 0, 0, 'v' }, { "realtime", 0, 0, 'R' },
        { "strict", 0, 0, 'X' }, { "board", 1, 0, 'B' }, { "threads", 1, 0, 'T' }, { "help", 0, 0, 'h' },
        { "gdb", 2, 0, 'g' }, { "window", 0, 0, 'W' }, CLI_INSN_LONG_OPTIONS,
        { 0, 0, 0, 0 } };
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "j:vh", longs, NULL)) != -1) {
        switch (ch) {
        case 'j':
            o->jobs = atoi(optarg);
            if (o->jobs < 1 || o->jobs > 256) {
                fprintf(stderr, "tocksim run: -j: expected a number of jobs from 1 to 256\n");
                return -1;
            }
            break;
        case 'S':
            if (!parse_shard(optarg, o)) {
                fprintf(stderr, "tocksim run: --shard: expected K/N with 1 <= K <= N, e.g. 2/4\n");
                return -1;
            }
            break;
        case 'T':
            o->threads = atoi(optarg);
            if (o->threads < 1 || o->threads > 1024) {
                fprintf(stderr, "tocksim run: --threads: expected a number of threads from 1 to 1024\n");
                return -1;
            }
            break;
        case 'J': o->junit_path = optarg; break;
        case 't': o->trace_path = optarg; break;
        case 'V': o->vcd_path = optarg; break;
        case 'P': o->pcap_path = optarg; break;
        case 's': o->strace = true; break;
        case 'v': o->console = true; break;
        case 'X': o->strict = true; break;
        case 'B':
            if (!board_find(optarg)) {
                fprintf(stderr, "tocksim run: --board: unknown board '%s' (known: %s)\n", optarg, board_names());
                return -1;
            }
            o->board = optarg;
            break;
        case 'R':
            if (!cli_realtime_arg(argc, argv, &optind, &o->realtime)) {
                fprintf(stderr, "tocksim run: --realtime: the factor must be > 0\n");
                return -1;
            }
            break;
        case 'g':
            o->gdb = true;
            if (!cli_gdb_port(optarg, &o->gdb_port)) {
                fprintf(stderr, "tocksim run: --gdb: port '%s' is not a number from 0 to 65535\n", optarg);
                return -1;
            }
            break;
        case 'W': o->window = true; break;
        case 'h': return -2;
        default:
            if (cli_insn_option(insn, ch, optarg, "tocksim run") != 0)
                return -1;
            break;
        }
    }
    return optind;
}

int cli_run(int argc, char **argv)
{
    char dir[PATH_MAX];
    struct suite_opts o = { .jobs = 1, .shard = 1, .nshards = 1 };
    cli_build_dir(dir, sizeof(dir));
    o.paths.build_dir = dir;
    struct cli_insn_opts insn;
    cli_insn_opts_init(&insn);
    int first = parse(argc, argv, &o, &insn);
    if (first >= 0 && cli_insn_check(&insn, "tocksim run") != 0)
        return EXIT_USAGE;
    o.itrace = insn.itrace ? &insn.cfg : NULL;
    o.profile_path = insn.profile;
    if (first == -2) {
        run_usage(stdout);
        return 0;
    }
    if (first < 0 || first >= argc) {
        if (first >= argc)
            fprintf(stderr, "tocksim run: no scenario files given\n\n");
        run_usage(stderr);
        return EXIT_USAGE;
    }
    if (o.gdb && (o.jobs > 1 || argc - first > 1)) {
        fprintf(stderr, "tocksim run: --gdb: one scenario at a time (-j 1), or its boards' ports would clash\n");
        return EXIT_USAGE;
    }
    if (o.window && (o.jobs > 1 || argc - first > 1)) {
        fprintf(stderr, "tocksim run: --window: one scenario at a time (-j 1)\n");
        return EXIT_USAGE;
    }
    if (o.window && o.realtime <= 0)
        o.realtime = 1.0;               /* a live window runs in real time unless told otherwise */
    if (o.threads == 0)                 /* -j already uses the CPUs with processes */
        o.threads = o.jobs > 1 ? 1 : (int)sysconf(_SC_NPROCESSORS_ONLN);
    return scenario_suite_run(argv + first, argc - first, &o);
}
