/* Running many scenarios (see sim/scenario/suite.h). With -j N, each scenario runs in a forked
 * process that writes its result and output into a temporary file; the parent prints the
 * outputs in the order of the command line as they complete. */
#include "sim/scenario/suite.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sim/insn/itrace.h"
#include "sim/scenario/junit.h"

struct job {
    const char *file;
    const char *board;              /* the instance of the file (NULL: the file could not be read) */
    bool multi;                     /* the file names several boards: names say which */
    char name[64];
    pid_t pid;
    FILE *tmp;
    bool done;
    struct scenario_result res;
    char *output;
};

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

char *scenario_suite_path(const char *path, const char *tag)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path);
    size_t n = strlen(path) + strlen(tag) + 2;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%.*s.%s%s", (int)stem, path, tag, path + stem);
    return out;
}

/* The file's name without folder and extension. */
static void base_name(const char *file, char *out, size_t n)
{
    const char *b = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    snprintf(out, n, "%.*s", (int)strcspn(b, "."), b);
}

/* The job's name before its file is parsed (the file's name, and the board if it has several),
 * for errors and crashes. */
static void job_name(struct job *j)
{
    char base[48];
    base_name(j->file, base, sizeof(base));
    if (j->multi)
        snprintf(j->name, sizeof(j->name), "%s [%s]", base, j->board);
    else
        snprintf(j->name, sizeof(j->name), "%s", base);
}

/* The scenario's name as a file-name tag: "blink [rv32]" -> "blink.rv32" (spaces and '[' become
 * one '.', ']' goes). */
static void name_tag(const char *name, char *out, size_t n)
{
    size_t k = 0;
    for (; *name && k + 1 < n; name++) {
        bool separator = *name == ' ' || *name == '[';
        if (separator && k > 0 && out[k - 1] == '.')
            continue;
        if (*name != ']')
            out[k++] = separator ? '.' : *name;
    }
    out[k] = '\0';
}

/* Loads and runs one scenario, writing its lines to out. */
static void run_one(struct job *j, const struct suite_opts *o, bool several, FILE *out)
{
    char err[700], tag[64];
    job_name(j);
    struct scenario *sc = scenario_load_board(j->file, j->board, &o->paths, err, sizeof(err));
    if (!sc) {
        memset(&j->res, 0, sizeof(j->res));
        j->res.verdict = SCENARIO_ERROR;
        snprintf(j->res.message, sizeof(j->res.message), "%.500s", err);
        fprintf(out, "ERROR %s\n", err);
        return;
    }
    snprintf(j->name, sizeof(j->name), "%s", sc->name);
    name_tag(j->name, tag, sizeof(tag));
    char *trace = o->trace_path && several ? scenario_suite_path(o->trace_path, tag) : NULL;
    char *vcd = o->vcd_path && several ? scenario_suite_path(o->vcd_path, tag) : NULL;
    char *pcap = o->pcap_path && several ? scenario_suite_path(o->pcap_path, tag) : NULL;
    struct scenario_opts so = { .out = out, .trace_path = several ? trace : o->trace_path,
                                .vcd_path = several ? vcd : o->vcd_path, .strace = o->strace ? out : NULL,
                                .console = o->console ? out : NULL, .realtime = o->realtime, .strict = o->strict,
                                .threads = o->threads, .gdb = o->gdb, .gdb_port = o->gdb_port, .window = o->window, .pcap_path = several ? pcap : o->pcap_path };
    struct itrace_config itrace;
    char *itrace_path = NULL, *profile = NULL;
    if (o->itrace) {
        itrace = *o->itrace;
        bool to_file = itrace.path && strcmp(itrace.path, "-");
        if (to_file && several)
            itrace.path = itrace_path = scenario_suite_path(itrace.path, tag);
        so.itrace = &itrace;
    }
    so.profile_path = o->profile_path && several ? (profile = scenario_suite_path(o->profile_path, tag)) : o->profile_path;
    scenario_run(sc, &so, &j->res);
    free(itrace_path);
    free(profile);
    free(trace);
    free(vcd);
    free(pcap);
    scenario_free(sc);
}

/* Reads a finished child's temporary file: result header, then its output. */
static void collect(struct job *j, int status)
{
    size_t cap = 0;
    FILE *mem = open_memstream(&j->output, &cap);
    char buf[4096];
    size_t n;
    rewind(j->tmp);
    bool have = fread(&j->res, sizeof(j->res), 1, j->tmp) == 1 && fread(j->name, sizeof(j->name), 1, j->tmp) == 1;
    j->name[sizeof(j->name) - 1] = '\0';
    while (mem && (n = fread(buf, 1, sizeof(buf), j->tmp)) > 0)
        fwrite(buf, 1, n, mem);
    if (mem)
        fclose(mem);
    fclose(j->tmp);
    j->done = true;
    if (have && WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return;
    memset(&j->res, 0, sizeof(j->res));
    job_name(j);
    j->res.verdict = SCENARIO_ERROR;
    if (WIFSIGNALED(status))
        snprintf(j->res.message, sizeof(j->res.message), "%s: tocksim crashed (signal %d)", j->file, WTERMSIG(status));
    else
        snprintf(j->res.message, sizeof(j->res.message), "%s: tocksim process failed", j->file);
}

static bool start(struct job *j, const struct suite_opts *o, bool several)
{
    if (!(j->tmp = tmpfile()))
        return false;
    fflush(NULL);
    j->pid = fork();
    if (j->pid < 0)
        return false;
    if (j->pid == 0) {                  /* child: result and name, then the output */
        struct job blank = { 0 };
        fwrite(&blank.res, sizeof(blank.res), 1, j->tmp);
        fwrite(blank.name, sizeof(blank.name), 1, j->tmp);
        run_one(j, o, several, j->tmp);
        fflush(j->tmp);
        rewind(j->tmp);
        fwrite(&j->res, sizeof(j->res), 1, j->tmp);
        fwrite(j->name, sizeof(j->name), 1, j->tmp);
        fflush(j->tmp);
        _exit(0);
    }
    return true;
}

static void print_job(const struct job *j)
{
    if (j->output)
        fputs(j->output, stdout);
    if (j->res.verdict == SCENARIO_ERROR && (!j->output || !strstr(j->output, j->res.message)))
        printf("ERROR %s\n", j->res.message);
    fflush(stdout);
}

/* Parallel: up to o->jobs children; outputs printed in order. */
static bool run_parallel(struct job *jobs, int n, const struct suite_opts *o)
{
    int next = 0, running = 0, printed = 0;
    while (printed < n) {
        while (running < o->jobs && next < n) {
            if (!start(&jobs[next], o, n > 1)) {
                fprintf(stderr, "tocksim: cannot start a process: %s\n", strerror(errno));
                return false;
            }
            next++, running++;
        }
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        for (int i = 0; pid > 0 && i < next; i++)
            if (jobs[i].pid == pid && !jobs[i].done) {
                collect(&jobs[i], status);
                running--;
            }
        while (printed < n && jobs[printed].done)
            print_job(&jobs[printed++]);
    }
    return true;
}

/* In this process, one after another; output streams unless kept for the JUnit report. */
static void run_serial(struct job *jobs, int n, const struct suite_opts *o)
{
    for (int i = 0; i < n; i++) {
        size_t cap = 0;
        FILE *out = o->junit_path ? open_memstream(&jobs[i].output, &cap) : stdout;
        run_one(&jobs[i], o, n > 1, out ? out : stdout);
        if (out && out != stdout) {
            fclose(out);
            fputs(jobs[i].output, stdout);
        }
        fflush(stdout);
        jobs[i].done = true;
    }
}

static int summarize(const struct job *jobs, int n, const struct suite_opts *o, double wall)
{
    int count[4] = { 0 };
    uint64_t vns = 0;
    for (int i = 0; i < n; i++) {
        count[jobs[i].res.verdict]++;
        vns += jobs[i].res.virtual_ns;
    }
    printf("\n%d scenario%s: %d passed, %d failed, %d skipped, %d error%s (suite time %.3f s wall, %.3f s virtual",
           n, n == 1 ? "" : "s", count[SCENARIO_PASS], count[SCENARIO_FAIL], count[SCENARIO_SKIP],
           count[SCENARIO_ERROR], count[SCENARIO_ERROR] == 1 ? "" : "s", wall, (double)vns * 1e-9);
    printf(o->nshards > 1 ? ", shard %d/%d)\n" : ")\n", o->shard, o->nshards);
    for (int i = 0; i < n; i++)
        if (jobs[i].res.verdict == SCENARIO_FAIL || jobs[i].res.verdict == SCENARIO_ERROR)
            printf("  %s %s (%s)\n", jobs[i].res.verdict == SCENARIO_FAIL ? "FAILED" : "ERROR ", jobs[i].name, jobs[i].file);
    return count[SCENARIO_ERROR] ? 2 : count[SCENARIO_FAIL] ? 1 : 0;
}

static bool write_junit(const struct job *jobs, int n, const char *path, double wall)
{
    struct junit_case *cases = calloc((size_t)n + 1, sizeof(*cases));
    char err[300];
    if (!cases)
        return false;
    for (int i = 0; i < n; i++)
        cases[i] = (struct junit_case){ jobs[i].name, jobs[i].file, jobs[i].res, jobs[i].output };
    bool ok = junit_write(path, cases, n, wall, err, sizeof(err));
    if (!ok)
        fprintf(stderr, "tocksim: %s\n", err);
    free(cases);
    return ok;
}

/* One job per file and board it names (only o->board if given); a file that cannot be read
 * is one job, which reports the error. Returns the number of jobs. */
static int expand(struct job *jobs, char *const *files, int n, const struct suite_opts *o)
{
    int count = 0;
    for (int i = 0; i < n; i++) {
        const char *boards[SCENARIO_MAX_BOARDS];
        char err[8];
        int nb = scenario_load_boards(files[i], boards, err, sizeof(err));
        if (nb < 0)
            jobs[count++] = (struct job){ .file = files[i] };
        for (int b = 0; b < nb; b++)
            if (!o->board || strcmp(o->board, boards[b]) == 0)
                jobs[count++] = (struct job){ .file = files[i], .board = boards[b], .multi = nb > 1 };
    }
    return count;
}

int scenario_suite_run(char *const *files, int n, const struct suite_opts *o)
{
    struct job *jobs = calloc((size_t)n * SCENARIO_MAX_BOARDS + 1, sizeof(*jobs));
    int count = 0, rc;
    double t0 = wall_now();
    if (!jobs)
        return 2;
    int all = expand(jobs, files, n, o);
    if (all == 0 && o->board) {
        fprintf(stderr, "tocksim run: none of the scenarios runs on board %s\n", o->board);
        free(jobs);
        return 2;
    }
    for (int i = 0; i < all; i++)
        if (o->nshards <= 1 || i % o->nshards == o->shard - 1)
            jobs[count++] = jobs[i];
    if (o->jobs > 1 && count > 1) {
        if (!run_parallel(jobs, count, o)) {
            free(jobs);
            return 2;
        }
    } else {
        run_serial(jobs, count, o);
    }
    double wall = wall_now() - t0;
    rc = summarize(jobs, count, o, wall);
    if (o->junit_path && !write_junit(jobs, count, o->junit_path, wall))
        rc = 2;
    for (int i = 0; i < count; i++)
        free(jobs[i].output);
    free(jobs);
    return rc;
}
