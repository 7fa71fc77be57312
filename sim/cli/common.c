/* What the subcommands share (see sim/cli/cli.h): help text, defaults from the build tree, pacing. */
#include "sim/cli/cli.h"

#include "boards-virtual/sim_boards.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void cli_usage(FILE *f)
{
    char dir[PATH_MAX];
    cli_build_dir(dir, sizeof(dir));
    fprintf(f,
        "usage: tocksim run [options] SCENARIO.json...     run scenarios (tests), headless\n"
        "       tocksim boot [options] APP...              boot the kernel with apps, interactively\n"
        "       tocksim fuzz [options]                     fuzz the kernel (doc/fuzzing.md)\n"
        "       tocksim --board B --kernel K [--app A]...  run an image (classic form)\n"
        "       tocksim COMMAND --help                     options of a command\n"
        "\n"
        "tocksim simulates virtual boards (listed below) running the tocksim kernel and Tock\n"
        "apps. Virtual time is deterministic: the same inputs give the same\n"
        "run, bit for bit. The kernel and apps are found in the build tree (%s): an app is a\n"
        "name (blink -> %s/apps/blink.tbf), a .tbf path or a .tab (Tock Application Bundle).\n"
        "\n"
        "examples:\n"
        "  tocksim boot blink buttons                  window (or terminal console) with two apps\n"
        "  tocksim boot --strace hello                 every system call, decoded\n"
        "  tocksim boot --fast --until 3s hello        as fast as possible, stop after 3 virtual s\n"
        "  tocksim run scenarios/blink.json            one scenario: a line per step, exit 0/1/2\n"
        "  tocksim run -j 4 --junit out.xml scenarios/*.json\n"
        "  tocksim run --trace t.jsonl --vcd pins.vcd scenarios/buttons.json\n"
        "  tocksim run --shard 2/3 scenarios/*.json    the second third of a suite (CI)\n"
        "  tocksim --board cm4 --kernel build/kernel/cm4/kernel.elf --app build/apps/hello.tbf --until 2s\n"
        "  tocksim boot --gdb hello                    halted, waiting for gdb-multiarch on :3333\n"
        "\n"
        "exit status: run: 0 all passed, 1 a scenario failed, 2 malformed scenario or set-up error;\n"
        "boot and the classic form: the guest's exit code, 124 time limit, 125 simulator error,\n"
        "2 usage error. Scenario format: doc/scenarios.md; command line: doc/cli.md.\n\n",
        dir, dir);
    board_print_list(f);
}

void cli_build_dir(char *buf, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    snprintf(buf, len, "build");
    char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
    if (!slash)
        return;
    *slash = '\0';
    char probe[PATH_MAX + 16];
    snprintf(probe, sizeof(probe), "%s/kernel", exe);
    bool has_kernel = access(probe, F_OK) == 0;
    snprintf(probe, sizeof(probe), "%s/apps", exe);
    if (has_kernel || access(probe, F_OK) == 0)
        snprintf(buf, len, "%s", exe);
}

char *cli_app_path(const char *board, const char *arg, int slot)
{
    size_t n = strlen(arg);
    const struct board_desc *d = board_find(board);
    if (!d || strchr(arg, '/') || (n > 4 && (strcmp(arg + n - 4, ".tbf") == 0 || strcmp(arg + n - 4, ".tab") == 0)))
        return strdup(arg);
    char dir[PATH_MAX];
    cli_build_dir(dir, sizeof(dir));
    return board_app_path(d, dir, arg, slot);
}

char *cli_kernel_path(const char *board)
{
    char dir[PATH_MAX];
    cli_build_dir(dir, sizeof(dir));
    size_t len = strlen(dir) + strlen(board) + 24;
    char *p = malloc(len);
    if (p)
        snprintf(p, len, "%s/kernel/%s/kernel.elf", dir, board);
    return p;
}

bool cli_realtime_arg(int argc, char **argv, int *optind_, double *factor)
{
    *factor = 1.0;
    if (*optind_ < argc) {
        char *end;
        double f = strtod(argv[*optind_], &end);
        if (end != argv[*optind_] && *end == '\0') {
            (*optind_)++;
            *factor = f;
        }
    }
    return *factor > 0;
}

bool cli_gdb_port(const char *arg, int *port)
{
    char *end;
    long v = arg ? strtol(arg, &end, 10) : 3333;
    if (arg && (*arg == '\0' || *end != '\0' || v < 0 || v > 65535))
        return false;
    *port = (int)v;
    return true;
}

double cli_wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Sleeps until the wall clock reaches `when` (cli_wall_seconds time), or asks `between` to. */
static bool wait_until(double when, bool (*between)(void *ctx, int wait_ms), void *ctx)
{
    double ahead = when - cli_wall_seconds();
    int ms = ahead > 0 ? (int)(ahead * 1000) : 0;
    if (between)
        return between(ctx, ms);
    if (ahead > 0) {
        struct timespec ts = { (time_t)ahead, (long)((ahead - (double)(time_t)ahead) * 1e9) };
        nanosleep(&ts, NULL);
    }
    return true;
}

enum machine_status cli_run_machine(struct machine *m, uint64_t until_ns, double realtime,
                                    bool (*between)(void *ctx, int wait_ms), void *ctx)
{
    const uint64_t slice = 10000000;        /* 10 ms of virtual time between checks */
    double wall0 = cli_wall_seconds();
    uint64_t ns0 = clock_ns_from_cycles(&m->clock, m->clock.now);
    for (;;) {
        uint64_t now = clock_ns_from_cycles(&m->clock, m->clock.now);
        if (now >= until_ns)
            return MACHINE_TIMEOUT;
        uint64_t goal = (realtime > 0 || between) && until_ns - now > slice ? now + slice : until_ns;
        uint64_t cycles = clock_cycles_from_ns(&m->clock, goal);
        if (clock_ns_from_cycles(&m->clock, cycles) < goal)
            cycles++;
        enum machine_status st = machine_run(m, cycles);
        if (st == MACHINE_EXITED || st == MACHINE_ERROR)
            return st;
        now = clock_ns_from_cycles(&m->clock, m->clock.now);
        double when = realtime > 0 ? wall0 + (double)(now - ns0) * 1e-9 / realtime : 0;
        if ((realtime > 0 || between) && !wait_until(when, between, ctx))
            return MACHINE_RUNNING;         /* the user quit */
    }
}
