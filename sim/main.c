/* tocksim command line: build a board, load a kernel and apps, run, report. */
#include <elf.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_args.h"
#include "loader.h"
#include "machine.h"

#define EXIT_TIMEOUT 124        /* like timeout(1) */
#define EXIT_SIM_ERROR 125      /* lockup, runaway guest, simulator failure */
#define EXIT_USAGE 2
#define MAX_APPS 8

struct options {
    const char *board, *kernel, *trace;
    const char *apps[MAX_APPS];
    int napps;
    uint64_t until_ns;
    uint32_t ram;
    uint64_t seed;
    bool stats, strict;
};

static void usage(FILE *f)
{
    fprintf(f,
        "usage: tocksim --board BOARD --kernel FILE.elf [--app FILE.tbf ...] [options]\n"
        "\n"
        "Runs a kernel (and Tock apps) on a virtual board. UART0 goes to stdout.\n"
        "The exit status is the guest's (semihosting SYS_EXIT or the finisher device),\n"
        "124 if --until is reached first, 125 on a simulator error (e.g. CPU lockup).\n"
        "\n"
        "options:\n"
        "  --board NAME     virtual board: cm4 (QEMU mps2-an386 compatible)\n"
        "  --kernel FILE    ELF image to load (flash and RAM segments)\n"
        "  --app FILE       TBF app, placed in the apps region (repeatable, up to %d)\n"
        "  --until TIME     stop after this much virtual time (default 10s): 5s, 250ms, 20us\n"
        "  --ram SIZE       RAM size (default: the board's, 64K on cm4)\n"
        "  --seed N         seed for the RNG device (default 1)\n"
        "  --trace FILE     write a JSON-lines trace of machine events\n"
        "  --strict         guest errors (bad register offsets etc.) fail the run\n"
        "  --stats          print instructions, virtual time and speed to stderr\n"
        "\n"
        "example:\n"
        "  tocksim --board cm4 --kernel build/kernel/cm4/kernel.elf --app build/apps/hello.tbf --until 2s\n",
        MAX_APPS);
}

static int parse_options(int argc, char **argv, struct options *o)
{
    static const struct option longs[] = {
        { "board", 1, 0, 'b' }, { "kernel", 1, 0, 'k' }, { "app", 1, 0, 'a' }, { "until", 1, 0, 'u' },
        { "ram", 1, 0, 'r' }, { "seed", 1, 0, 's' }, { "trace", 1, 0, 't' }, { "strict", 0, 0, 'S' },
        { "stats", 0, 0, 'T' }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 } };
    *o = (struct options){ .board = "cm4", .until_ns = 10000000000ull, .seed = 1 };
    int ch;
    while ((ch = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        switch (ch) {
        case 'b': o->board = optarg; break;
        case 'k': o->kernel = optarg; break;
        case 'a':
            if (o->napps == MAX_APPS) { fprintf(stderr, "tocksim: at most %d apps\n", MAX_APPS); return EXIT_USAGE; }
            o->apps[o->napps++] = optarg;
            break;
        case 'u':
            if (!args_parse_time(optarg, &o->until_ns)) { fprintf(stderr, "tocksim: --until: bad time '%s' (try 5s, 250ms)\n", optarg); return EXIT_USAGE; }
            break;
        case 'r':
            if (!args_parse_size(optarg, &o->ram)) { fprintf(stderr, "tocksim: --ram: bad size '%s' (try 64K)\n", optarg); return EXIT_USAGE; }
            break;
        case 's': o->seed = strtoull(optarg, NULL, 0); break;
        case 't': o->trace = optarg; break;
        case 'S': o->strict = true; break;
        case 'T': o->stats = true; break;
        case 'h': usage(stdout); exit(0);
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!o->kernel || optind != argc) {
        fprintf(stderr, "tocksim: %s\n\n", o->kernel ? "unexpected argument" : "--kernel FILE is required");
        usage(stderr);
        return EXIT_USAGE;
    }
    return 0;
}

static bool load_images(struct machine *m, const struct options *o, char *err, size_t n)
{
    if (!loader_load_elf(&m->bus, o->kernel, m->cpu.ops->elf_machine, NULL, err, n))
        return false;
    uint32_t cursor = m->layout.apps_base;
    for (int i = 0; i < o->napps; i++)
        if (!loader_load_tbf(&m->bus, o->apps[i], &cursor, m->layout.apps_base + m->layout.apps_size, err, n))
            return false;
    return true;
}

static double wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int report(struct machine *m, enum machine_status st, const struct options *o, double wall)
{
    fflush(stdout);
    if (o->stats) {
        struct cpu_stats st, *s = &st;
        machine_stats(m, &st);
        double vt = clock_ns_from_cycles(&m->clock, m->clock.now) * 1e-9;
        fprintf(stderr, "instructions=%llu virtual_s=%.6f wall_s=%.6f mips=%.1f exceptions=%llu tlb_fills=%llu slow_accesses=%llu\n",
                (unsigned long long)s->instructions, vt, wall, s->instructions / wall / 1e6,
                (unsigned long long)s->exceptions, (unsigned long long)s->tlb_fills,
                (unsigned long long)s->slow_accesses);
    }
    if (o->strict && m->trace.guest_errors) {
        fprintf(stderr, "tocksim: %llu guest error(s) with --strict\n", (unsigned long long)m->trace.guest_errors);
        return EXIT_SIM_ERROR;
    }
    switch (st) {
    case MACHINE_EXITED: return m->exit_code;
    case MACHINE_TIMEOUT:
        fprintf(stderr, "tocksim: time limit reached (%.3f s of virtual time)\n", o->until_ns * 1e-9);
        return EXIT_TIMEOUT;
    case MACHINE_ERROR:
        fprintf(stderr, "tocksim: %s\n", m->error);
        return EXIT_SIM_ERROR;
    case MACHINE_RUNNING: break;
    }
    return EXIT_SIM_ERROR;
}

int main(int argc, char **argv)
{
    struct options o;
    int rc = parse_options(argc, argv, &o);
    if (rc)
        return rc;
    char err[512];
    double t0 = wall_seconds();
    struct machine_config cfg = { .board = o.board, .ram_size = o.ram, .seed = o.seed, .console = stdout };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    if (!m || !load_images(m, &o, err, sizeof(err))) {
        fprintf(stderr, "tocksim: %s\n", err);
        machine_destroy(m);
        return EXIT_USAGE;
    }
    FILE *trace = o.trace ? fopen(o.trace, "w") : NULL;
    if (o.trace && !trace) {
        fprintf(stderr, "tocksim: cannot write trace file %s\n", o.trace);
        machine_destroy(m);
        return EXIT_USAGE;
    }
    m->trace.jsonl = trace;
    m->trace.strict = o.strict;
    machine_reset(m);
    enum machine_status st = machine_run(m, clock_cycles_from_ns(&m->clock, o.until_ns));
    rc = report(m, st, &o, wall_seconds() - t0);
    if (trace)
        fclose(trace);
    machine_destroy(m);
    return rc;
}
