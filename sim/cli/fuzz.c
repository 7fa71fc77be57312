/* tocksim fuzz: the kernel's fuzzers (doc/fuzzing.md). A campaign runs build/tocksim-fuzz,
 * the harness under libFuzzer (a clang binary, sim/fuzz/engine_libfuzzer.c: libFuzzer owns
 * main() and comes with clang, while tocksim is built with the project's compiler); replays,
 * the benchmark and the scenario writer run the same harness here (fuzz_tools.c). */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/cli/cli.h"
#include "sim/cli/fuzz.h"
#include "sim/core/units.h"

static void fuzz_usage(FILE *f)
{
    fprintf(f,
        "usage: tocksim fuzz [options] [-- LIBFUZZER-OPTIONS...]   a fuzzing campaign\n"
        "       tocksim fuzz --replay [options] INPUT...           run inputs, say what they do\n"
        "       tocksim fuzz --scenario OUT.json [options] INPUT   a finding as a scenario\n"
        "       tocksim fuzz --bench N [options] INPUT...          executions per second\n"
        "       tocksim fuzz --coverage-report DIR [options] CORPUS...  kernel lines reached\n"
        "\n"
        "The syscall fuzzer (default) boots the kernel with the fuzz-driver and fuzz-victim apps\n"
        "once, snapshots, then per input restores and runs the input as a program of system\n"
        "calls and host events, and checks the oracles: kernel panic or hang, a CPU or simulator\n"
        "error, the victim's memory and progress, results the kernel must not give, grant\n"
        "bookkeeping. The boot fuzzer (--target boot) boots the kernel from reset with a TBF\n"
        "image made from each input. Campaigns run build/tocksim-fuzz (libFuzzer) and write\n"
        "findings to ARTIFACTS/crash-<sha1>. The parser targets (tbf: lib/tbf, tab: lib/tab,\n"
        "elf: the simulator's ELF loader, scenario: the scenario parser, kernel: the kernel's\n"
        "TBF parser and process loader on the host) run build/tocksim-fuzz-parsers, with\n"
        "AddressSanitizer and UBSan; they take --replay, not --scenario or --bench.\n"
        "AFL++ drives the same syscall or boot harness through build/tocksim-afl (persistent\n"
        "mode; afl-fuzz -M/-S across cores and machines: doc/fuzzing.md).\n"
        "Exit status: 0 nothing found, 1 a finding, 2 usage or set-up error.\n"
        "\n"
        "options:\n"
        "  --target T        syscall (default), boot, tbf, tab, elf, scenario or kernel\n"
        "  --board NAME      cm4 (default) or rv32\n"
        "  --kernel FILE     kernel ELF (default: the build tree's)\n"
        "  --runs N          campaign: stop after N inputs\n"
        "  --time TIME       campaign: stop after this much wall time (e.g. 60s, 10m)\n"
        "  --jobs N          campaign: N fuzzing processes (libFuzzer -fork=N, going on past\n"
        "                    findings)\n"
        "  --corpus DIR      campaign: the corpus (default fuzz-corpus-TARGET-BOARD, parser\n"
        "                    targets fuzz-corpus-TARGET)\n"
        "  --artifacts DIR   campaign: where findings go (default fuzz-findings-TARGET-BOARD)\n"
        "  --replay          run the inputs, printing each record and system call\n"
        "  --quiet           replay: the verdict only\n"
        "  --trace FILE      replay: the JSON-lines trace of the inputs' runs\n"
        "  --profile FILE    replay: the instructions the inputs ran, per process and\n"
        "                    function, as folded stacks (from the snapshot on)\n"
        "  --scenario FILE   minimize INPUT and write FILE (.json) and its input (.bin): a\n"
        "                    scenario that fails while the defect is there\n"
        "  --bench N         run each INPUT N times with coverage on: BENCH executions/s\n"
        "  --coverage-report DIR  replay the inputs (files, directories) and write\n"
        "                    DIR/coverage.txt and DIR/coverage.info (lcov): the kernel's\n"
        "                    functions and lines they reach (a campaign writes one next to its\n"
        "                    findings)\n"
        "\n"
        "examples:\n"
        "  tocksim fuzz --time 10m\n"
        "  tocksim fuzz --board rv32 --runs 100000 --jobs 2\n"
        "  tocksim fuzz --target boot --time 60s\n"
        "  tocksim fuzz --target elf --runs 100000\n"
        "  tocksim fuzz --replay fuzz-findings-syscall-cm4/crash-0a1b...\n"
        "  tocksim fuzz --coverage-report cov fuzz-corpus-syscall-cm4 tests/fuzz/syscall\n"
        "  tocksim fuzz --scenario scenarios/fuzz-x.json fuzz-findings-syscall-cm4/crash-0a1b...\n");
}

/* A campaign's wall time: the units of virtual times (sim/core/units.c) plus minutes and
 * hours ("10m", "2h"), which campaigns are counted in. */
static bool parse_wall_time(const char *text, uint64_t *ns, char *why, size_t len)
{
    size_t n = strlen(text);
    char last = n ? text[n - 1] : 0;
    if (n >= 2 && (last == 'm' || last == 'h') && text[n - 2] != 'm' && text[n - 2] != 'u' &&
        text[n - 2] != 'n') {
        char *end;
        double v = strtod(text, &end);
        if (end != text + n - 1 || !(v > 0) || v > 1e6) {
            snprintf(why, len, "'%s' is not a number of %s", text, last == 'm' ? "minutes" : "hours");
            return false;
        }
        *ns = (uint64_t)(v * (last == 'm' ? 60e9 : 3600e9));
        return true;
    }
    if (units_parse_time(text, ns, why, len) == UNITS_OK)
        return true;
    size_t at = strlen(why);
    snprintf(why + at, len - at, "; or m, h");
    return false;
}

/* --target: false after printing why. */
static bool parse_target(const char *name, struct fuzz_opts *o)
{
    static const char *const parsers[] = { "tbf", "tab", "elf", "scenario", "kernel" };
    o->boot = strcmp(name, "boot") == 0;
    o->parser = NULL;
    for (size_t i = 0; i < sizeof(parsers) / sizeof(parsers[0]); i++)
        if (strcmp(name, parsers[i]) == 0)
            o->parser = parsers[i];
    if (o->boot || o->parser || strcmp(name, "syscall") == 0)
        return true;
    fprintf(stderr, "tocksim fuzz: --target: expected syscall, boot, tbf, tab, elf, scenario or "
            "kernel, not '%s'\n", name);
    return false;
}

static int parse_option(int ch, struct fuzz_opts *o)
{
    char why[200];
    switch (ch) {
    case 'g':
        if (!parse_target(optarg, o))
            return EXIT_USAGE;
        break;
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
    case 'P': o->profile = optarg; break;
    case 'B': o->bench = strtol(optarg, NULL, 10); break;
    case 'C': o->coverage = optarg; break;
    case 't':
        if (!parse_wall_time(optarg, &o->time_ns, why, sizeof(why))) {
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
        { "target", required_argument, 0, 'g' }, { "board", required_argument, 0, 'b' },
        { "kernel", required_argument, 0, 'k' }, { "runs", required_argument, 0, 'n' },
        { "time", required_argument, 0, 't' }, { "jobs", required_argument, 0, 'j' },
        { "corpus", required_argument, 0, 'c' }, { "artifacts", required_argument, 0, 'a' },
        { "replay", no_argument, 0, 'r' }, { "quiet", no_argument, 0, 'q' },
        { "scenario", required_argument, 0, 's' }, { "bench", required_argument, 0, 'B' },
        { "trace", required_argument, 0, 'T' }, { "help", no_argument, 0, 'h' },
        { "profile", required_argument, 0, 'P' },
        { "coverage-report", required_argument, 0, 'C' },
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

/* "DIR" made if missing; false after printing why. */
static bool make_dir(const char *dir)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST)
        return true;
    fprintf(stderr, "tocksim fuzz: %s: %s\n", dir, strerror(errno));
    return false;
}

/* Findings (crash-*, timeout-*) in dir: how many. */
static int count_findings(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        n += strncmp(e->d_name, "crash-", 6) == 0 || strncmp(e->d_name, "timeout-", 8) == 0;
    if (d)
        closedir(d);
    return n;
}

#define MAX_ARGS 48

const char *fuzz_target_name(const struct fuzz_opts *o)
{
    return o->parser ? o->parser : o->boot ? "boot" : "syscall";
}

/* Runs av[0] with av and waits: its wait status, or -1 after printing why it did not run. */
static int run_child(char **av)
{
    int status = 0;
    pid_t pid = fork();
    if (pid == 0) {
        execv(av[0], av);
        fprintf(stderr, "tocksim fuzz: %s: %s (make builds it)\n", av[0], strerror(errno));
        _exit(EXIT_USAGE);
    }
    if (pid < 0 || waitpid(pid, &status, 0) < 0) {
        fprintf(stderr, "tocksim fuzz: %s: %s\n", av[0], strerror(errno));
        return -1;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_USAGE)
        return -1;
    return status;
}

/* tocksim-fuzz's command line: the harness's options, libFuzzer's, the corpus, the seeds. */
static int campaign_args(const struct fuzz_opts *o, const char *build, char **av, char *buf,
                         size_t len)
{
    int n = 0;
    size_t at = 0;
#define ARG(...) (av[n++] = buf + at, at += (size_t)snprintf(buf + at, len - at, __VA_ARGS__) + 1)
    ARG("%s/tocksim-fuzz%s", build, o->parser ? "-parsers" : "");
    ARG("--target=%s", fuzz_target_name(o));
    if (!o->parser)
        ARG("--board=%s", o->cfg.board);
    if (o->cfg.kernel && !o->parser)
        ARG("--kernel=%s", o->cfg.kernel);
    ARG("-artifact_prefix=%s/", o->artifacts);
    ARG("-max_len=%d", o->parser ? 8192 : o->boot ? 256 : 512);
    if (o->runs > 0)
        ARG("-runs=%ld", o->runs);
    if (o->time_ns)
        ARG("-max_total_time=%llu", (unsigned long long)((o->time_ns + 999999999u) / 1000000000u));
    if (o->jobs > 1) {
        ARG("-fork=%d", o->jobs);
        ARG("-ignore_crashes=1");
    }
    for (int i = 0; i < o->nextra && n < MAX_ARGS - 4; i++)
        av[n++] = o->extra[i];
    ARG("%s", o->corpus);
    char seeds[PATH_MAX + 32];                          /* read, never written */
    if (snprintf(seeds, sizeof(seeds), "%s/../tests/fuzz/%s", build, fuzz_target_name(o)) <
            (int)sizeof(seeds) && access(seeds, R_OK) == 0)
        ARG("%s", seeds);
#undef ARG
    av[n] = NULL;
    return n;
}

/* After a syscall or boot campaign: the coverage report of its corpus and seeds (what
 * libFuzzer read and kept), written next to the findings. Its failure leaves the campaign's
 * status alone (the report says why). */
static void campaign_coverage(struct fuzz_opts *o, const char *build)
{
    char seeds[PATH_MAX + 32];
    char *inputs[2] = { (char *)o->corpus, seeds };
    int n = snprintf(seeds, sizeof(seeds), "%s/../tests/fuzz/%s", build, fuzz_target_name(o)) <
                    (int)sizeof(seeds) && access(seeds, R_OK) == 0 ? 2 : 1;
    o->coverage = o->artifacts;
    fflush(stdout);
    fuzz_coverage_report(o, inputs, n);
}

/* Runs tocksim-fuzz, reports the findings it wrote and the corpus's coverage. */
static int campaign(struct fuzz_opts *o)
{
    char build[PATH_MAX], corpus[PATH_MAX], artifacts[PATH_MAX], buf[8192];
    char *av[MAX_ARGS + 1];
    const char *t = fuzz_target_name(o), *sep = o->parser ? "" : "-";
    const char *board = o->parser ? "" : o->cfg.board;
    cli_build_dir(build, sizeof(build));
    snprintf(corpus, sizeof(corpus), "%s", o->corpus ? o->corpus : "");
    snprintf(artifacts, sizeof(artifacts), "%s", o->artifacts ? o->artifacts : "");
    if (!o->corpus)
        snprintf(corpus, sizeof(corpus), "fuzz-corpus-%s%s%s", t, sep, board);
    if (!o->artifacts)
        snprintf(artifacts, sizeof(artifacts), "fuzz-findings-%s%s%s", t, sep, board);
    o->corpus = corpus;
    o->artifacts = artifacts;
    if (!make_dir(corpus) || !make_dir(artifacts))
        return EXIT_USAGE;
    campaign_args(o, build, av, buf, sizeof(buf));
    int before = count_findings(artifacts);
    int status = run_child(av);
    if (status < 0)
        return EXIT_USAGE;
    int found = count_findings(artifacts) - before;
    if (o->parser)
        printf("tocksim fuzz: %d new finding(s) in %s/; replay: tocksim fuzz --target %s "
               "--replay FILE\n", found, artifacts, t);
    else
        printf("tocksim fuzz: %d new finding(s) in %s/; replay: tocksim fuzz --target %s --board "
               "%s --replay FILE; scenario: ... --scenario OUT.json FILE\n", found, artifacts, t,
               o->cfg.board);
    if (!o->parser)
        campaign_coverage(o, build);
    return found > 0;
}

/* A parser target's inputs, run by tocksim-fuzz-parsers (libFuzzer runs files given as
 * arguments once each; a finding is its sanitizer report and a non-zero exit). */
static int parser_replay(struct fuzz_opts *o, char **inputs, int n)
{
    char build[PATH_MAX], buf[PATH_MAX + 64];
    char *av[MAX_ARGS + 1];
    if (o->scenario || o->bench > 0) {
        fprintf(stderr, "tocksim fuzz: --target %s: --scenario and --bench are for the syscall "
                "and boot targets; keep a parser finding as a seed in tests/fuzz/%s/\n",
                o->parser, o->parser);
        return EXIT_USAGE;
    }
    if (n > MAX_ARGS - 3) {
        fprintf(stderr, "tocksim fuzz: at most %d inputs at once\n", MAX_ARGS - 3);
        return EXIT_USAGE;
    }
    cli_build_dir(build, sizeof(build));
    snprintf(buf, sizeof(buf), "%s/tocksim-fuzz-parsers", build);
    size_t at = strlen(buf) + 1;
    snprintf(buf + at, sizeof(buf) - at, "--target=%s", o->parser);
    int ac = 0;
    av[ac++] = buf;
    av[ac++] = buf + at;
    for (int i = 0; i < n; i++)
        av[ac++] = inputs[i];
    av[ac] = NULL;
    int status = run_child(av);
    if (status < 0)
        return EXIT_USAGE;
    bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    printf("tocksim fuzz: %s\n", ok ? "ok" : "finding (report above)");
    return ok ? 0 : 1;
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
    int ninputs = dash - optind;
    if ((o.replay || o.bench > 0 || o.coverage) && ninputs < 1) {
        fprintf(stderr, "tocksim fuzz: %s needs input files\n",
                o.replay ? "--replay" : o.bench > 0 ? "--bench" : "--coverage-report");
        return EXIT_USAGE;
    }
    if (o.coverage && o.parser) {
        fprintf(stderr, "tocksim fuzz: --coverage-report is for the syscall and boot targets "
                "(the kernel's code), not --target %s\n", o.parser);
        return EXIT_USAGE;
    }
    if (o.coverage)
        return fuzz_coverage_report(&o, argv + optind, ninputs);
    if (o.parser && ninputs > 0)
        return parser_replay(&o, argv + optind, ninputs);
    if (o.scenario && ninputs != 1) {
        fprintf(stderr, "tocksim fuzz: --scenario needs one input file\n");
        return EXIT_USAGE;
    }
    if (o.bench > 0)
        return fuzz_bench(&o, argv + optind, ninputs);
    if (o.scenario)
        return fuzz_write_scenario(&o, argv[optind]);
    if (o.replay)
        return fuzz_replay(&o, argv + optind, ninputs);
    if (ninputs > 0) {
        fprintf(stderr, "tocksim fuzz: inputs given without --replay, --bench or --scenario\n");
        return EXIT_USAGE;
    }
    return campaign(&o);
}
