/* The classic form: tocksim --board B --kernel K [--app A]... --until T. UART0 goes to stdout;
 * the exit status is the guest's, 124 at the time limit, 125 on a simulator error. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "boards-virtual/sim_boards.h"
#include "sim/cli/cli.h"
#include "sim/core/units.h"
#include "sim/cli/insn.h"
#include "sim/dwarf/faultsrc.h"
#include "sim/gdb/gdb.h"
#include "sim/scenario/node.h"
#include "sim/trace/strace.h"
#include "sim/ui/window/window.h"
#include "sim/trace/vcd.h"

#define MAX_APPS SCENARIO_MAX_APPS

struct options {
    const char *board, *kernel, *trace, *vcd, *strace_path, *screenshot, *save_snap, *load_snap, *gdb_apps;
    char *apps[MAX_APPS];
    int napps;
    char *app_elfs[MAX_APPS];       /* --app-elf */
    int napp_elfs;
    int gdb_port;                   /* -1: no --gdb */
    uint64_t until_ns;
    bool until_set;
    uint32_t ram;
    uint64_t seed;
    double realtime;
    bool stats, strict, strace;
    struct cli_insn_opts insn;
};

void cli_flags_usage(FILE *f)
{
    fprintf(f,
        "usage: tocksim --board BOARD --kernel FILE.elf [--app FILE.tbf|FILE.tab ...] [options]\n"
        "\n"
        "Runs a kernel (and Tock apps) on a virtual board. UART0 goes to stdout.\n"
        "The exit status is the guest's (semihosting SYS_EXIT or the finisher device),\n"
        "124 if --until is reached first, 125 on a simulator error (e.g. CPU lockup).\n"
        "See also: tocksim run (scenarios), tocksim boot (interactive); tocksim --help.\n"
        "\n"
        "options:\n"
        "  --board NAME     virtual board (default cm4; the boards are listed below)\n"
        "  --kernel FILE    ELF image to load (flash and RAM segments)\n"
        "  --app FILE       TBF app, or a .tab (the TBF for the board is taken), placed in the\n"
        "                   apps region (repeatable, up to %d)\n"
        "  --app-elf FILE   the ELF of the app named FILE's basename, for source-level fault\n"
        "                   reports and GDB (default: NAME.elf next to NAME.tbf; repeatable)\n"
        "  --until TIME     stop after this much virtual time (default 10s): 5s, 250ms, 20us\n"
        "  --ram SIZE       RAM size (default: the board's, below)\n"
        "  --seed N         seed for the RNG device (default 1)\n"
        "  --trace FILE     write a JSON-lines trace of machine events\n"
        "  --vcd FILE       write a value change dump of LEDs, buttons and pins\n"
        CLI_INSN_USAGE
        "  --strace[=FILE]  decoded system calls of every process (to stderr, or FILE)\n"
        "  --realtime [F]   pace virtual time to the wall clock (times F)\n"
        "  --screenshot PNG when the run ends (--until, exit), write the board window's\n"
        "                   picture to PNG; works without a display\n"
        "  --save-snapshot FILE  when the run ends, save the whole machine to FILE\n"
        "  --load-snapshot FILE  start from FILE's machine instead of reset (give the same\n"
        "                   --kernel and --app as when it was saved; --until counts from 0)\n"
        "  --strict         guest errors (bad register offsets etc.) fail the run\n"
        "  --stats          print instructions, virtual time and speed to stderr\n"
        "  --gdb[=PORT]     wait for GDB on 127.0.0.1:PORT (default 3333, 0: any free port),\n"
        "                   halted at reset; no time limit unless --until (doc/debugging.md)\n"
        "  --gdb-apps FILE  keep FILE up to date with the apps' add-symbol-file commands\n"
        "\n"
        "example:\n"
        "  tocksim --board cm4 --kernel build/kernel/cm4/kernel.elf --app build/apps/hello.tbf --until 2s\n"
        "  tocksim --board rv32 --kernel build/kernel/rv32/kernel.elf --until 2s\n\n",
        MAX_APPS);
    board_print_list(f);
}

static int parse_option(int ch, struct options *o, int argc, char **argv)
{
    char why[200];                  /* what is wrong with a time or size */
    switch (ch) {
    case 'b': o->board = optarg; break;
    case 'k': o->kernel = optarg; break;
    case 'a':
        if (o->napps == MAX_APPS) { fprintf(stderr, "tocksim: at most %d apps\n", MAX_APPS); return EXIT_USAGE; }
        o->apps[o->napps++] = optarg;
        break;
    case 'E':
        if (o->napp_elfs == MAX_APPS) { fprintf(stderr, "tocksim: at most %d --app-elf\n", MAX_APPS); return EXIT_USAGE; }
        o->app_elfs[o->napp_elfs++] = optarg;
        break;
    case 'u':
        if (units_parse_time(optarg, &o->until_ns, why, sizeof(why)) != UNITS_OK) { fprintf(stderr, "tocksim: --until: %s\n", why); return EXIT_USAGE; }
        o->until_set = true;
        break;
    case 'g':
        if (!cli_gdb_port(optarg, &o->gdb_port)) { fprintf(stderr, "tocksim: --gdb: port '%s' is not a number from 0 to 65535\n", optarg); return EXIT_USAGE; }
        break;
    case 'G': o->gdb_apps = optarg; break;
    case 'r':
        if (units_parse_size(optarg, &o->ram, why, sizeof(why)) != UNITS_OK) { fprintf(stderr, "tocksim: --ram: %s\n", why); return EXIT_USAGE; }
        break;
    case 's': o->seed = strtoull(optarg, NULL, 0); break;
    case 't': o->trace = optarg; break;
    case 'V': o->vcd = optarg; break;
    case 'P': o->screenshot = optarg; break;
    case 'w': o->save_snap = optarg; break;
    case 'l': o->load_snap = optarg; break;
    case 'x': o->strace = true; o->strace_path = optarg; break;
    case 'R':
        if (!cli_realtime_arg(argc, argv, &optind, &o->realtime)) { fprintf(stderr, "tocksim: --realtime: factor must be > 0\n"); return EXIT_USAGE; }
        break;
    case 'S': o->strict = true; break;
    case 'T': o->stats = true; break;
    case 'h': cli_flags_usage(stdout); exit(0);
    default: {
        int rc = cli_insn_option(&o->insn, ch, optarg, "tocksim");
        if (rc >= 0)
            return rc;
        cli_flags_usage(stderr);
        return EXIT_USAGE;
    }
    }
    return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
    static const struct option longs[] = {
        { "board", 1, 0, 'b' }, { "kernel", 1, 0, 'k' }, { "app", 1, 0, 'a' }, { "until", 1, 0, 'u' },
        { "ram", 1, 0, 'r' }, { "seed", 1, 0, 's' }, { "trace", 1, 0, 't' }, { "strict", 0, 0, 'S' },
        { "stats", 0, 0, 'T' }, { "vcd", 1, 0, 'V' }, { "strace", 2, 0, 'x' }, { "realtime", 0, 0, 'R' },
        { "screenshot", 1, 0, 'P' }, { "save-snapshot", 1, 0, 'w' }, { "load-snapshot", 1, 0, 'l' },
        { "gdb", 2, 0, 'g' }, { "gdb-apps", 1, 0, 'G' }, { "app-elf", 1, 0, 'E' }, { "help", 0, 0, 'h' }, CLI_INSN_LONG_OPTIONS,
        { 0, 0, 0, 0 } };
    *o = (struct options){ .board = "cm4", .until_ns = 10000000000ull, .seed = 1, .gdb_port = -1 };
    cli_insn_opts_init(&o->insn);
    int ch, rc;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longs, NULL)) != -1)
        if ((rc = parse_option(ch, o, argc, argv)) != 0)
            return rc;
    if (o->gdb_port >= 0 && !o->until_set)
        o->until_ns = UINT64_MAX;           /* a debugging session has no time limit */
    if (o->gdb_apps && o->gdb_port < 0) {
        fprintf(stderr, "tocksim: --gdb-apps needs --gdb\n");
        return EXIT_USAGE;
    }
    if ((rc = cli_insn_check(&o->insn, "tocksim")) != 0)
        return rc;
    if (!o->kernel || optind != argc) {
        fprintf(stderr, "tocksim: %s\n\n", o->kernel ? "unexpected argument" : "--kernel FILE is required");
        cli_flags_usage(stderr);
        return EXIT_USAGE;
    }
    return 0;
}

static int report(struct machine *m, enum machine_status st, const struct options *o, double wall)
{
    machine_flush_output(m);
    if (o->stats) {
        struct cpu_stats s;
        machine_stats(m, &s);
        double vt = (double)clock_ns_from_cycles(&m->clock, m->clock.now) * 1e-9;
        fprintf(stderr, "instructions=%llu virtual_s=%.6f wall_s=%.6f mips=%.1f exceptions=%llu tlb_fills=%llu slow_accesses=%llu cpu_state=%s\n",
                (unsigned long long)s.instructions, vt, wall, (double)s.instructions / wall / 1e6,
                (unsigned long long)s.exceptions, (unsigned long long)s.tlb_fills, (unsigned long long)s.slow_accesses,
                s.cpu_state ? s.cpu_state : "api");
    }
    if (o->strict && m->trace.guest_errors) {
        fprintf(stderr, "tocksim: %llu guest error(s) with --strict\n", (unsigned long long)m->trace.guest_errors);
        return EXIT_SIM_ERROR;
    }
    switch (st) {
    case MACHINE_EXITED: return m->exit_code;
    case MACHINE_TIMEOUT:
        fprintf(stderr, "tocksim: time limit reached (%.3f s of virtual time)\n", (double)o->until_ns * 1e-9);
        return EXIT_TIMEOUT;
    case MACHINE_ERROR:
        fprintf(stderr, "tocksim: %s\n", m->error);
        return EXIT_SIM_ERROR;
    case MACHINE_RUNNING: break;
    case MACHINE_DEBUG: break;              /* only under a debugger, which reports it */
    }
    return EXIT_SIM_ERROR;
}

/* Opens the optional outputs; false (with a message) if one cannot be written. */
static bool open_outputs(const struct options *o, FILE **trace, FILE **strace)
{
    *trace = o->trace ? fopen(o->trace, "w") : NULL;
    *strace = o->strace_path ? fopen(o->strace_path, "w") : o->strace ? stderr : NULL;
    if ((o->trace && !*trace) || (o->strace_path && !*strace)) {
        fprintf(stderr, "tocksim: cannot write %s\n", o->trace && !*trace ? o->trace : o->strace_path);
        return false;
    }
    return true;
}

/* --gdb: the session, from reset. -1 when the run goes on (*st: the machine's status;
 * MACHINE_RUNNING after a detach: it goes on without GDB), else the exit status: 0 when GDB
 * killed the run, 2 when there can be no session. */
static int debug(struct machine *m, const struct options *o, enum machine_status *st)
{
    char err[300];
    struct gdb_config gc = { .port = o->gdb_port, .apps_file = o->gdb_apps, .tbfs = o->apps,
                             .ntbfs = o->napps, .until_ns = o->until_ns, .realtime = o->realtime };
    struct gdb_stub *g = gdb_open(m, &gc, err, sizeof(err));
    if (!g) {
        fprintf(stderr, "tocksim: --gdb: %s\n", err);
        return EXIT_USAGE;
    }
    fprintf(stderr, "tocksim: waiting for GDB on 127.0.0.1:%d\n", gdb_port(g));
    enum gdb_end end = gdb_serve(g, st);
    gdb_close(g);
    if (end != GDB_END_KILLED)
        return -1;
    fprintf(stderr, "tocksim: killed from GDB\n");
    return 0;
}

/* The run from reset: under GDB with --gdb (and on without it after a detach), else to --until.
 * Returns the exit status. */
/* Runs (under GDB with --gdb) to the end; *status is how the machine ended. */
static int go(struct machine *m, const struct options *o, double t0, struct faultsrc *fs, enum machine_status *status)
{
    enum machine_status s = MACHINE_RUNNING;
    int end = o->gdb_port >= 0 ? debug(m, o, &s) : -1;
    *status = s;
    if (end >= 0)
        return end;
    if (s == MACHINE_RUNNING)
        s = o->realtime > 0 ? cli_run_machine(m, o->until_ns, o->realtime, NULL, NULL)
                            : machine_run(m, o->until_ns == UINT64_MAX ? UINT64_MAX
                                                                       : clock_cycles_from_ns(&m->clock, o->until_ns));
    *status = s;
    faultsrc_flush(fs);             /* a fault report the run ended in (a kernel panic) */
    return report(m, s, o, cli_wall_seconds() - t0);
}

static int run(struct machine *m, const struct options *o, FILE *strace_out, double t0)
{
    struct strace st;
    struct vcd vcd;
    struct faultsrc fs;
    char err[300];
    machine_reset(m);               /* before the observers: they read where the run starts */
    if (o->load_snap && !cli_snapshot_load(m, o->load_snap, "tocksim"))
        return EXIT_USAGE;
    if ((strace_out || m->trace.jsonl) && !strace_attach(&st, m, strace_out, m->trace.jsonl != NULL, NULL))
        return EXIT_SIM_ERROR;
    if (o->vcd) {
        vcd_init(&vcd, o->vcd);
        vcd_add_node(&vcd, m, o->board);
    }
    if (o->screenshot && !ui_attach(m))
        return EXIT_SIM_ERROR;
    struct cli_insn insn;
    if (!cli_insn_start(&insn, m, &o->insn, NULL, "tocksim"))
        return EXIT_USAGE;
    faultsrc_attach(&fs, m, true);
    enum machine_status s = MACHINE_RUNNING;
    int rc = go(m, o, t0, &fs, &s);
    faultsrc_free(&fs);
    if (!cli_insn_finish(&insn, "tocksim"))
        rc = rc ? rc : EXIT_USAGE;
    if (o->save_snap && s != MACHINE_ERROR && !cli_snapshot_save(m, o->save_snap, "tocksim"))
        rc = EXIT_SIM_ERROR;
    if (o->screenshot) {
        if (!ui_screenshot(m, o->screenshot, err, sizeof(err))) {
            fprintf(stderr, "tocksim: --screenshot: %s\n", err);
            rc = EXIT_SIM_ERROR;
        }
        ui_detach(m);
    }
    if (o->vcd && !vcd_close(&vcd, err, sizeof(err))) {
        fprintf(stderr, "tocksim: %s\n", err);
        rc = rc ? rc : EXIT_USAGE;
    }
    return rc;
}

int cli_flags(int argc, char **argv)
{
    struct options o;
    int rc = parse_options(argc, argv, &o);
    if (rc)
        return rc;
    char err[512];
    double t0 = cli_wall_seconds();
    struct machine_config cfg = { .board = o.board, .ram_size = o.ram, .seed = o.seed, .console = stdout };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    if (!m || !node_load_images(m, o.kernel, o.apps, o.napps, err, sizeof(err))) {
        fprintf(stderr, "tocksim: %s\n", err);
        machine_destroy(m);
        return EXIT_USAGE;
    }
    FILE *trace, *strace_out;
    if (!open_outputs(&o, &trace, &strace_out)) {
        machine_destroy(m);
        return EXIT_USAGE;
    }
    for (int i = 0; i < o.napp_elfs; i++)
        machine_add_app_elf(m, o.app_elfs[i]);
    m->trace.jsonl = trace;
    m->trace.strict = o.strict;
    rc = run(m, &o, strace_out, t0);
    machine_destroy(m);
    if (trace)
        fclose(trace);
    if (strace_out && strace_out != stderr)
        fclose(strace_out);
    return rc;
}
