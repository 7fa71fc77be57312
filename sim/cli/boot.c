/* tocksim boot: the kernel and apps on a board, interactively: the window when a display
 * exists (sim/ui/window/window.h), else the terminal as the board's console, paced to the wall clock. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boards-virtual/sim_boards.h"
#include "sim/cli/cli.h"
#include "sim/core/units.h"
#include "sim/cli/insn.h"
#include "sim/gdb/gdb.h"
#include "sim/ui/glue.h"
#include "sim/scenario/node.h"
#include "sim/trace/strace.h"
#include "sim/trace/vcd.h"
#include "sim/radio/medium.h"

struct boot_opts {
    struct scenario_node spec;
    const char *trace, *vcd, *strace_path, *screenshot, *save_snap, *gdb_apps, *pcap;
    int gdb_port;                   /* -1: no --gdb */
    uint64_t until_ns;
    double realtime;
    bool strace, no_window;
    struct cli_insn_opts insn;
};

static void boot_usage(FILE *f)
{
    fprintf(f,
        "usage: tocksim boot [options] APP...\n"
        "\n"
        "Boots the kernel with the apps (names from the build tree, or .tbf/.tab paths) and runs it\n"
        "in real time: in the board window when a display exists, else in this terminal, which\n"
        "becomes the board's console (typed bytes go to UART0; Ctrl-A x or Ctrl-C quits, Ctrl-A c\n"
        "sends a Ctrl-C, Ctrl-A 1-9 presses or releases BTN0-8), with the LEDs and buttons on its\n"
        "last line. Exit status: the guest's, 124 at --until, 125 on a simulator error.\n"
        "\n"
        "options:\n"
        "  --board NAME       virtual board (default cm4; see `tocksim --help` for the list)\n"
        "  --kernel FILE      kernel ELF (default: the build tree's kernel/BOARD/kernel.elf)\n"
        "  --until TIME       stop after this much virtual time (default: run until you quit)\n"
        "  --realtime [F]     virtual seconds per wall second (default 1)\n"
        "  --fast             as fast as possible instead\n"
        "  --no-window        terminal only, even with a display\n"
        "  --screenshot PNG   when the run ends (--until, exit, quit), write the board window's\n"
        "                     picture to PNG; implies --no-window, needs no display\n"
        "  --strace[=FILE]    decoded system calls of every process (stderr, or FILE)\n"
        "  --trace FILE       JSON-lines trace;  --vcd FILE  LEDs, buttons and pins for GTKWave\n"
        "  --pcap FILE        the frames the board's radio sends, for Wireshark (802.15.4 TAP)\n"
        "  --seed N, --ram SIZE   as for scenarios\n"
        "  --save-snapshot FILE   when the run ends (--until, exit, quit), save the machine\n"
        "  --load-snapshot FILE   start from a saved machine (the same kernel and apps)\n"
        "  --gdb[=PORT]       wait for GDB on 127.0.0.1:PORT (default 3333, 0: any free port),\n"
        "                     halted at reset; implies --no-window (doc/debugging.md)\n"
        "  --gdb-apps FILE    keep FILE up to date with the apps' add-symbol-file commands\n"
        CLI_INSN_USAGE
        "  --app-elf FILE     the ELF of the app named FILE's basename, for source-level fault\n"
        "                     reports and GDB (default: NAME.elf next to NAME.tbf; repeatable)\n"
        "\n"
        "examples:\n"
        "  tocksim boot blink buttons\n"
        "  tocksim boot --no-window --strace echo\n"
        "  tocksim boot --fast --until 2s hello\n"
        "  tocksim boot --fast --until 50ms --itrace=t.txt --itrace-proc hello --profile p.folded hello\n"
        "  tocksim boot --fast --until 1300ms --screenshot board.png blink buttons\n"
        "  tocksim boot --fast --until 2s --save-snapshot booted.snap blink buttons\n"
        "  tocksim boot --load-snapshot booted.snap blink buttons\n"
        "  tocksim boot --gdb hello        (then: gdb-multiarch build/kernel/cm4/kernel.elf -ex 'target remote :3333')\n");
}

static int parse_option(int ch, struct boot_opts *o, int argc, char **argv)
{
    char why[200];                  /* what is wrong with a time or size */
    switch (ch) {
    case 'b':
        if (!board_find(optarg)) {
            fprintf(stderr, "tocksim boot: --board: unknown board '%s' (known: %s)\n", optarg, board_names());
            return EXIT_USAGE;
        }
        snprintf(o->spec.board, sizeof(o->spec.board), "%s", optarg);
        break;
    case 'k': o->spec.kernel = strdup(optarg); break;
    case 'u':
        if (units_parse_time(optarg, &o->until_ns, why, sizeof(why)) != UNITS_OK) { fprintf(stderr, "tocksim boot: --until: %s\n", why); return EXIT_USAGE; }
        break;
    case 'R':
        if (!cli_realtime_arg(argc, argv, &optind, &o->realtime)) { fprintf(stderr, "tocksim boot: --realtime: factor must be > 0\n"); return EXIT_USAGE; }
        break;
    case 'F': o->realtime = 0; break;
    case 'W': o->no_window = true; break;
    case 'P': o->screenshot = optarg; o->no_window = true; break;
    case 'x': o->strace = true; o->strace_path = optarg; break;
    case 't': o->trace = optarg; break;
    case 'V': o->vcd = optarg; break;
    case 'C': o->pcap = optarg; break;
    case 's': o->spec.seed = strtoull(optarg, NULL, 0); break;
    case 'r':
        if (units_parse_size(optarg, &o->spec.ram, why, sizeof(why)) != UNITS_OK) { fprintf(stderr, "tocksim boot: --ram: %s\n", why); return EXIT_USAGE; }
        break;
    case 'w': o->save_snap = optarg; break;
    case 'l': o->spec.snapshot = strdup(optarg); break;
    case 'g':
        if (!cli_gdb_port(optarg, &o->gdb_port)) { fprintf(stderr, "tocksim boot: --gdb: port '%s' is not a number from 0 to 65535\n", optarg); return EXIT_USAGE; }
        o->no_window = true;
        break;
    case 'G': o->gdb_apps = optarg; break;
    case 'E':
        if (o->spec.napp_elfs == SCENARIO_MAX_APPS) { fprintf(stderr, "tocksim boot: at most %d --app-elf\n", SCENARIO_MAX_APPS); return EXIT_USAGE; }
        o->spec.app_elfs[o->spec.napp_elfs++] = optarg;
        break;
    case 'h': boot_usage(stdout); exit(0);
    default: {
        int rc = cli_insn_option(&o->insn, ch, optarg, "tocksim boot");
        if (rc >= 0)
            return rc;
        boot_usage(stderr);
        return EXIT_USAGE;
    }
    }
    return 0;
}

static int parse(int argc, char **argv, struct boot_opts *o)
{
    static const struct option longs[] = {
        { "board", 1, 0, 'b' }, { "kernel", 1, 0, 'k' }, { "until", 1, 0, 'u' }, { "realtime", 0, 0, 'R' },
        { "fast", 0, 0, 'F' }, { "no-window", 0, 0, 'W' }, { "screenshot", 1, 0, 'P' }, { "strace", 2, 0, 'x' }, { "trace", 1, 0, 't' },
        { "vcd", 1, 0, 'V' }, { "pcap", 1, 0, 'C' }, { "seed", 1, 0, 's' }, { "ram", 1, 0, 'r' },
        { "save-snapshot", 1, 0, 'w' }, { "load-snapshot", 1, 0, 'l' }, { "gdb", 2, 0, 'g' },
        { "gdb-apps", 1, 0, 'G' }, { "app-elf", 1, 0, 'E' }, { "help", 0, 0, 'h' }, CLI_INSN_LONG_OPTIONS, { 0, 0, 0, 0 } };
    int ch, rc;
    *o = (struct boot_opts){ .until_ns = UINT64_MAX, .realtime = 1.0, .spec = { .seed = 1 }, .gdb_port = -1 };
    cli_insn_opts_init(&o->insn);
    snprintf(o->spec.board, sizeof(o->spec.board), "cm4");
    snprintf(o->spec.name, sizeof(o->spec.name), "cm4");
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longs, NULL)) != -1)
        if ((rc = parse_option(ch, o, argc, argv)) != 0)
            return rc;
    for (; optind < argc; optind++) {
        if (o->spec.napps == SCENARIO_MAX_APPS) {
            fprintf(stderr, "tocksim boot: at most %d apps\n", SCENARIO_MAX_APPS);
            return EXIT_USAGE;
        }
        o->spec.apps[o->spec.napps] = cli_app_path(o->spec.board, argv[optind], o->spec.napps);
        o->spec.napps++;
    }
    snprintf(o->spec.name, sizeof(o->spec.name), "%s", o->spec.board);
    if (!o->spec.kernel)
        o->spec.kernel = cli_kernel_path(o->spec.board);
    if (o->gdb_apps && o->gdb_port < 0) {
        fprintf(stderr, "tocksim boot: --gdb-apps needs --gdb\n");
        return EXIT_USAGE;
    }
    return cli_insn_check(&o->insn, "tocksim boot");
}

struct boot_io {
    struct node *n;
    struct cli_term *term;
    struct cli_status status;
    struct vcd *vcd;            /* NULL without --vcd */
    struct medium *medium;      /* NULL without --pcap */
};

/* Ctrl-A N: presses a released button, releases a held one (the VCD records it as a scenario's). */
static void toggle_buttons(struct boot_io *io, uint32_t toggle)
{
    struct machine *m = io->n->m;
    for (unsigned i = 0; i < machine_num_buttons(m) && i < 32; i++) {
        if (!((toggle >> i) & 1))
            continue;
        bool down = !machine_button(m, i);
        machine_press_button(m, i, down);
        if (io->vcd) {
            vcd_button(io->vcd, 0, i, down);
            vcd_sample_pins(io->vcd, 0);
        }
    }
}

/* Between slices: terminal input to the UART and the buttons, output flushed, status redrawn. */
static bool between(void *ctx, int wait_ms)
{
    struct boot_io *io = ctx;
    char buf[256];
    struct cli_term_events ev = { 0 };
    lineout_flush(&io->n->m->console);       /* a prompt waits for input */
    size_t k = cli_term_read(io->term, buf, sizeof(buf), wait_ms, &ev);
    if (k)
        node_write_console(io->n, buf, k);
    toggle_buttons(io, ev.toggle);
    node_feed_input(io->n);
    if (io->medium)                         /* alone on the air: its frames to the capture */
        medium_sync(io->medium, node_now_ns(io->n));
    struct cli_board_state st = cli_board_state_of(io->n->m);
    cli_status_update(&io->status, &st);
    return !ev.quit;
}

static int finish(struct machine *m, enum machine_status st, const struct boot_opts *o)
{
    machine_flush_output(m);
    switch (st) {
    case MACHINE_EXITED: return m->exit_code;
    case MACHINE_TIMEOUT:
        fprintf(stderr, "tocksim: time limit reached (%.3f s of virtual time)\n", (double)o->until_ns * 1e-9);
        return EXIT_TIMEOUT;
    case MACHINE_ERROR:
        fprintf(stderr, "tocksim: %s\n", m->error);
        return EXIT_SIM_ERROR;
    case MACHINE_RUNNING: return 0;         /* the user quit */
    case MACHINE_DEBUG: break;              /* only under a debugger, which reports it */
    }
    return EXIT_SIM_ERROR;
}

/* --gdb: the session from reset, the terminal still the console; the run goes on after a
 * detach. MACHINE_RUNNING when GDB killed the run (as when the user quits). */
static enum machine_status debug(struct node *n, const struct boot_opts *o, struct boot_io *io)
{
    char err[300];
    enum machine_status st = MACHINE_RUNNING;
    struct gdb_config gc = { .port = o->gdb_port, .apps_file = o->gdb_apps, .tbfs = n->spec->apps,
                             .ntbfs = n->spec->napps, .until_ns = o->until_ns, .realtime = o->realtime,
                             .between = between, .ctx = io };
    struct gdb_stub *g = gdb_open(n->m, &gc, err, sizeof(err));
    if (!g) {
        fprintf(stderr, "tocksim boot: --gdb: %s\n", err);
        snprintf(n->m->error, sizeof(n->m->error), "no debugging session");
        return MACHINE_ERROR;
    }
    fprintf(stderr, "tocksim: waiting for GDB on 127.0.0.1:%d\n", gdb_port(g));
    enum gdb_end end = gdb_serve(g, &st);
    gdb_close(g);
    if (end == GDB_END_DETACHED)
        st = cli_run_machine(n->m, o->until_ns, o->realtime, between, io);
    return st;
}

static int run_terminal(struct node *n, const struct boot_opts *o, struct vcd *vcd, struct medium *md)
{
    struct boot_io io = { n, cli_term_open(), { 0 }, vcd, md };
    if (!io.term)
        return EXIT_SIM_ERROR;
    if (isatty(STDIN_FILENO))
        fprintf(stderr, "tocksim: %s board %s in this terminal (Ctrl-A x quits, Ctrl-A 1-9 toggles a button)\n",
                o->no_window ? "console of" : "no display: console of", n->spec->name);
    if (cli_status_open(&io.status, stdout)) {
        struct cli_board_state st = cli_board_state_of(n->m);
        cli_status_update(&io.status, &st);
    }
    enum machine_status st = o->gdb_port >= 0 ? debug(n, o, &io)
                                              : cli_run_machine(n->m, o->until_ns, o->realtime, between, &io);
    cli_status_close(&io.status);
    cli_term_close(io.term);
    return finish(n->m, st, o);
}

/* --screenshot: the window's picture of the board as the run ended; rc unless that fails. */
static int screenshot(struct node *n, const struct boot_opts *o, int rc)
{
    char msg[600];
    if (ui_glue_screenshot(n->m, o->screenshot, NULL, NULL, 0, msg, sizeof(msg)))
        return rc;
    fprintf(stderr, "tocksim boot: --screenshot: %s\n", msg);
    return EXIT_SIM_ERROR;
}

/* The run itself: in the window or the terminal, then --screenshot. */
static int run_board(struct node *n, const struct boot_opts *o, struct vcd *vcd, struct medium *md)
{
    int rc;
    if (o->screenshot && !ui_glue_attach(n->m)) {     /* before the first instruction: the
                                                          picture's console shows the boot */
        fprintf(stderr, "tocksim boot: --screenshot: the window cannot observe the machine\n");
        return EXIT_SIM_ERROR;
    }
    if (!o->no_window && ui_glue_available())
        rc = ui_glue_run(n->m, o->realtime > 0 ? o->realtime : 1000.0, o->until_ns == UINT64_MAX ? 0 : o->until_ns);
    else
        rc = run_terminal(n, o, vcd, md);
    if (o->screenshot) {
        rc = screenshot(n, o, rc);
        ui_glue_detach(n->m);
    }
    return rc;
}

/* --pcap: a medium of one board (nobody else on the air), writing what it sends. */
static struct medium *open_capture(struct node *n, const char *path, char *err, size_t errlen)
{
    struct medium_params p;
    medium_params_default(&p, MEDIUM_LINKS);
    struct medium *md = medium_new(&p, 1);
    if (!md) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    medium_attach(md, 0, n->spec->name, machine_radio(n->m), 0, 0, 0);
    if (medium_pcap_open(md, path, err, errlen))
        return md;
    medium_free(md);
    return NULL;
}

static int boot(struct boot_opts *o, FILE *trace, FILE *strace_out)
{
    struct node n;
    struct strace st;
    struct vcd vcd;
    char err[600];
    int rc;
    if (!node_open(&n, &o->spec, trace, err, sizeof(err))) {
        fprintf(stderr, "tocksim boot: %s\n", err);
        node_close(&n);
        return EXIT_USAGE;
    }
    machine_set_console(n.m, stdout);
    if (strace_out || trace)
        strace_attach(&st, n.m, strace_out, trace != NULL, NULL);
    if (o->vcd) {
        vcd_init(&vcd, o->vcd);
        vcd_add_node(&vcd, n.m, n.spec->name);
    }
    struct medium *md = o->pcap ? open_capture(&n, o->pcap, err, sizeof(err)) : NULL;
    if (o->pcap && !md) {
        fprintf(stderr, "tocksim boot: %s\n", err);
        node_close(&n);
        return EXIT_USAGE;
    }
    struct cli_insn insn;
    if (!cli_insn_start(&insn, n.m, &o->insn, NULL, "tocksim boot")) {
        medium_free(md);
        node_close(&n);
        return EXIT_USAGE;
    }
    rc = run_board(&n, o, o->vcd ? &vcd : NULL, md);
    if (!cli_insn_finish(&insn, "tocksim boot"))
        rc = rc ? rc : EXIT_USAGE;
    if (o->save_snap && rc != EXIT_SIM_ERROR && !cli_snapshot_save(n.m, o->save_snap, "tocksim boot"))
        rc = EXIT_SIM_ERROR;
    if (o->vcd && !vcd_close(&vcd, err, sizeof(err)))
        fprintf(stderr, "tocksim boot: %s\n", err);
    medium_free(md);
    node_close(&n);
    return rc;
}

int cli_boot(int argc, char **argv)
{
    struct boot_opts o;
    int rc = parse(argc, argv, &o);
    FILE *trace = NULL, *strace_out = NULL;
    if (rc == 0 && o.trace && !(trace = fopen(o.trace, "w")))
        fprintf(stderr, "tocksim boot: cannot write %s\n", o.trace), rc = EXIT_USAGE;
    if (rc == 0 && o.strace)
        strace_out = o.strace_path ? fopen(o.strace_path, "w") : stderr;
    if (rc == 0 && o.strace && !strace_out)
        fprintf(stderr, "tocksim boot: cannot write %s\n", o.strace_path), rc = EXIT_USAGE;
    if (rc == 0)
        rc = boot(&o, trace, strace_out);
    if (trace)
        fclose(trace);
    if (strace_out && strace_out != stderr)
        fclose(strace_out);
    free(o.spec.kernel);
    for (int i = 0; i < o.spec.napps; i++)
        free(o.spec.apps[i]);
    return rc;
}
