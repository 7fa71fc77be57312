/* tocksim fuzz: the syscall fuzzer (doc/fuzzing.md). A campaign runs build/tocksim-fuzz (the
 * harness under libFuzzer, a clang binary: see sim/fuzz/engine_libfuzzer.c); replays and the
 * scenario writer run the same harness here, in process. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/cli/cli.h"
#include "sim/core/units.h"
#include "sim/fuzz/fuzz.h"
#include "sim/fuzz/program.h"

struct fuzz_opts {
    struct fuzz_config cfg;
    long runs;                  /* campaign: inputs (0: no limit) */
    uint64_t time_ns;           /* campaign: wall time (0: no limit) */
    int jobs;
    const char *corpus, *artifacts, *scenario, *trace;
    bool replay, quiet;
    long bench;                 /* --bench N: each input N times, timed */
    int nextra;
    char **extra;               /* after --: libFuzzer's own options */
};

static void fuzz_usage(FILE *f)
{
    fprintf(f,
        "usage: tocksim fuzz [options] [-- LIBFUZZER-OPTIONS...]   a fuzzing campaign\n"
        "       tocksim fuzz --replay [options] INPUT...           run inputs, say what they do\n"
        "       tocksim fuzz --scenario OUT.json [options] INPUT   a finding as a scenario\n"
        "\n"
        "Fuzzes the kernel's system calls: boots the kernel with the fuzz-driver and fuzz-victim\n"
        "apps once, snapshots, then per input restores and runs the input as a program of\n"
        "system calls and host events, and checks the oracles (kernel panic or hang, the\n"
        "victim's memory and progress, results the kernel must not give, grant bookkeeping).\n"
        "Campaigns run build/tocksim-fuzz (libFuzzer); findings are written as\n"
        "ARTIFACTS/crash-<sha1>. Exit status: 0 nothing found, 1 a finding, 2 usage or set-up.\n"
        "\n"
        "options:\n"
        "  --board NAME      cm4 (default) or rv32\n"
        "  --kernel FILE     kernel ELF (default: the build tree's)\n"
        "  --runs N          campaign: stop after N inputs\n"
        "  --time TIME       campaign: stop after this much wall time (e.g. 60s, 10m)\n"
        "  --jobs N          campaign: N fuzzing processes (libFuzzer -fork=N)\n"
        "  --corpus DIR      campaign: the corpus (default fuzz-corpus-BOARD, created)\n"
        "  --artifacts DIR   campaign: where findings go (default fuzz-findings-BOARD)\n"
        "  --replay          run the inputs instead, printing each record and system call\n"
        "  --quiet           replay: the verdict only\n"
        "  --trace FILE      replay: the JSON-lines trace of the inputs' runs (doc/scenarios.md)\n"
        "  --scenario FILE   write a scenario that replays INPUT and fails like it\n"
        "  --bench N         run each INPUT N times with coverage on, print executions per\n"
        "                    second (BENCH line) and system calls per execution\n"
        "\n"
        "examples:\n"
        "  tocksim fuzz --time 10m\n"
        "  tocksim fuzz --board rv32 --runs 100000 --jobs 2\n"
        "  tocksim fuzz --replay fuzz-findings-cm4/crash-0a1b...\n"
        "  tocksim fuzz --scenario scenarios/fuzz/crash-x.json fuzz-findings-cm4/crash-0a1b...\n");
}

static int parse_option(int ch, struct fuzz_opts *o)
{
    char why[200];
    switch (ch) {
    case 'b': o->cfg.board = optarg; break;
    case 'k': o->cfg.kernel = optarg; break;
    case 'n': o->runs = strtol(optarg, NULL, 10); break;
    case 'j': o->jobs = atoi(optarg); break;
    case 'c': o->corpus = optarg; break;
    case 'a': o->artifacts = optarg; break;
    case 'r': o->replay = true; break;
    case 'q': o->quiet = true; break;
    case 's': o->scenario = optarg; break;
    case 'T': o->trace = optarg; break;
    case 'B': o->bench = strtol(optarg, NULL, 10); break;
    case 't':
        if (units_parse_time(optarg, &o->time_ns, why, sizeof(why)) != UNITS_OK) {
            fprintf(stderr, "tocksim fuzz: --time: %s\n", why);
            return EXIT_USAGE;
        }
        break;
    case 'h': fuzz_usage(stdout); return 0;
    default: fuzz_usage(stderr); return EXIT_USAGE;
    }
    return -1;
}

static int parse_args(int argc, char **argv, struct fuzz_opts *o)
{
    static const struct option longopts[] = {
        { "board", required_argument, 0, 'b' }, { "kernel", required_argument, 0, 'k' },
        { "runs", required_argument, 0, 'n' }, { "time", required_argument, 0, 't' },
        { "jobs", required_argument, 0, 'j' }, { "corpus", required_argument, 0, 'c' },
        { "artifacts", required_argument, 0, 'a' }, { "replay", no_argument, 0, 'r' },
        { "quiet", no_argument, 0, 'q' }, { "scenario", required_argument, 0, 's' },
        { "bench", required_argument, 0, 'B' }, { "trace", required_argument, 0, 'T' }, { "help", no_argument, 0, 'h' },
        { 0, 0, 0, 0 },
    };
    int ch, rc;
    o->cfg.board = "cm4";
    optind = 1;
    while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1)
        if ((rc = parse_option(ch, o)) >= 0)
            return rc;
    return -1;
}

static bool read_file(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "tocksim fuzz: %s: %s\n", path, strerror(errno));
        return false;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += got) == cap)
            buf = realloc(buf, cap *= 2);
    fclose(f);
    *data = buf;
    *size = n;
    return buf != NULL;
}

/* The program an input decodes to, one record per line. */
static void print_program(const uint8_t *data, size_t size)
{
    struct fz_program p;
    char line[200];
    fz_program_decode(data, size, &p);
    printf("program: %u records\n", p.count);
    for (unsigned i = 0; i < p.count; i++) {
        fz_record_describe(&p, i, line, sizeof(line));
        printf("  #%-2u %s\n", i, line);
    }
}

static int replay_one(struct fuzz_harness *h, const char *path, bool quiet)
{
    uint8_t *data;
    size_t size;
    struct fuzz_verdict v;
    if (!read_file(path, &data, &size))
        return EXIT_USAGE;
    if (!quiet)
        print_program(data, size);
    bool ok = fuzz_run(h, data, size, &v);
    free(data);
    if (!ok) {
        fprintf(stderr, "tocksim fuzz: %s: %s\n", path, v.message);
        return EXIT_USAGE;
    }
    printf("%s: %s%s%s (%u system calls, %.3f ms virtual)\n", path, fuzz_kind_name(v.kind),
           v.kind ? ": " : "", v.kind ? v.message : "", v.syscalls, (double)v.virtual_ns / 1e6);
    return v.kind != FUZZ_OK;
}

static int replay(struct fuzz_opts *o, int argc, char **argv)
{
    char err[600], build[PATH_MAX];
    struct fuzz_paths paths;
    cli_build_dir(build, sizeof(build));
    o->cfg.log = o->quiet ? NULL : stdout;
    o->cfg.console = o->quiet ? NULL : stdout;
    struct fuzz_harness *h = NULL;
    if (!fuzz_config_fill(&o->cfg, build, &paths, err, sizeof(err)) ||
        !(h = fuzz_harness_new(&o->cfg, err, sizeof(err)))) {
        fprintf(stderr, "tocksim fuzz: %s\n", err);
        return EXIT_USAGE;
    }
    FILE *trace = o->trace ? fopen(o->trace, "w") : NULL;
    if (o->trace && !trace) {
        fprintf(stderr, "tocksim fuzz: --trace: %s: %s\n", o->trace, strerror(errno));
        fuzz_harness_free(h);
        return EXIT_USAGE;
    }
    fuzz_machine(h)->trace.jsonl = trace;     /* from the snapshot on: the inputs only */
    int worst = 0;
    for (int i = optind; i < argc; i++) {
        int rc = replay_one(h, argv[i], o->quiet);
        worst = rc > worst ? rc : worst;
    }
    fuzz_harness_free(h);
    if (trace)
        fclose(trace);
    return worst;
}

struct input {
    uint8_t *data;
    size_t size;
};

/* Runs the inputs `rounds` times round robin, timed; counts system calls and findings. */
static double time_inputs(struct fuzz_harness *h, uint8_t *map, size_t map_size,
                          const struct input *in, int n, long rounds, unsigned long *calls,
                          unsigned long *findings)
{
    double t0 = cli_wall_seconds();
    for (long r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) {
            struct fuzz_verdict v;
            memset(map, 0, map_size);       /* as libFuzzer clears its counters */
            fuzz_run(h, in[i].data, in[i].size, &v);
            *calls += v.syscalls;
            *findings += v.kind != FUZZ_OK;
        }
    return cli_wall_seconds() - t0;
}

/* Executions per second over the inputs, each run `rounds` times: the harness as libFuzzer
 * drives it (restore, run, oracles, kernel coverage counted into a map), on one core. */
static int bench(struct fuzz_opts *o, int argc, char **argv)
{
    char err[600], build[PATH_MAX];
    struct fuzz_paths paths;
    static uint8_t map[1u << 16];       /* the size of libFuzzer's counters in tocksim-fuzz */
    int n = argc - optind;
    struct input *in = calloc((size_t)(n > 0 ? n : 1), sizeof(*in));
    struct fuzz_harness *h = NULL;
    cli_build_dir(build, sizeof(build));
    for (int i = 0; i < n; i++)
        if (!read_file(argv[optind + i], &in[i].data, &in[i].size))
            return EXIT_USAGE;
    if (!fuzz_config_fill(&o->cfg, build, &paths, err, sizeof(err)) ||
        !(h = fuzz_harness_new(&o->cfg, err, sizeof(err))) ||
        !fuzz_set_coverage(h, map, sizeof(map), err, sizeof(err))) {
        fprintf(stderr, "tocksim fuzz: %s\n", err);
        fuzz_harness_free(h);
        return EXIT_USAGE;
    }
    unsigned long calls = 0, findings = 0, execs = (unsigned long)(o->bench * n);
    double dt = time_inputs(h, map, sizeof(map), in, n, o->bench, &calls, &findings);
    printf("BENCH name=fuzz-execs-per-s%s value=%.0f unit=execs/s\n",
           strcmp(o->cfg.board, "cm4") ? "-rv32" : "", (double)execs / dt);
    printf("fuzz bench: %lu executions in %.2f s, %.1f system calls each, %lu findings\n", execs,
           dt, (double)calls / (double)(execs ? execs : 1), findings);
    fuzz_harness_free(h);
    for (int i = 0; i < n; i++)
        free(in[i].data);
    free(in);
    return 0;
}

int cli_fuzz(int argc, char **argv)
{
    struct fuzz_opts o = { 0 };
    int dash = argc;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--") == 0) {
            dash = i;
            break;
        }
    o.extra = argv + dash + (dash < argc);
    o.nextra = argc - dash - (dash < argc);
    int rc = parse_args(dash, argv, &o);
    if (rc >= 0)
        return rc;
    if (o.bench > 0)
        return bench(&o, dash, argv);
    if (o.replay) {
        if (optind >= dash) {
            fprintf(stderr, "tocksim fuzz: --replay needs input files\n");
            return EXIT_USAGE;
        }
        return replay(&o, dash, argv);
    }
    fprintf(stderr, "tocksim fuzz: campaigns are not wired yet\n");
    return EXIT_USAGE;
}
