/* tocksim fuzz, in process: replays (each record and system call, the verdict), the
 * benchmark, and findings written as minimized scenarios (doc/fuzzing.md). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/cli/cli.h"
#include "sim/insn/profile.h"
#include "sim/cli/fuzz.h"
#include "sim/fuzz/program.h"

bool fuzz_target_open(struct fuzz_opts *o, struct fuzz_target *t, uint8_t *cov, size_t cov_size)
{
    char err[600], build[PATH_MAX];
    cli_build_dir(build, sizeof(build));
    *t = (struct fuzz_target){ .boot = o->boot };
    bool ok = fuzz_config_fill(&o->cfg, build, &o->paths, err, sizeof(err));   /* o->cfg points there */
    if (ok && o->boot) {
        ok = (t->b = fuzz_boot_new(o->cfg.board, o->cfg.kernel, err, sizeof(err))) &&
             (!cov || fuzz_boot_set_coverage(t->b, cov, cov_size, err, sizeof(err)));
        if (ok)
            machine_set_console(fuzz_target_machine(t), o->cfg.console);
    } else if (ok) {
        ok = (t->h = fuzz_harness_new(&o->cfg, err, sizeof(err))) &&
             (!cov || fuzz_set_coverage(t->h, cov, cov_size, err, sizeof(err)));
    }
    if (!ok) {
        fprintf(stderr, "tocksim fuzz: %s\n", err);
        fuzz_target_close(t);
    }
    return ok;
}

bool fuzz_target_run(struct fuzz_target *t, const uint8_t *data, size_t size,
                     struct fuzz_verdict *v)
{
    return t->boot ? fuzz_boot_run(t->b, data, size, v) : fuzz_run(t->h, data, size, v);
}

void fuzz_target_close(struct fuzz_target *t)
{
    fuzz_boot_free(t->b);
    fuzz_harness_free(t->h);
    t->b = NULL;
    t->h = NULL;
}

struct machine *fuzz_target_machine(struct fuzz_target *t)
{
    return t->boot ? fuzz_boot_machine(t->b) : fuzz_machine(t->h);
}

bool fuzz_read_file(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "tocksim fuzz: %s: %s\n", path, strerror(errno));
        return false;
    }
    size_t cap = 4096, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += got) == cap)
            buf = realloc(buf, cap *= 2);
    fclose(f);
    *data = buf;
    *size = n;
    return buf != NULL;
}

/* The program a syscall input decodes to, one record per line. */
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

static int replay_one(struct fuzz_target *t, const char *path, bool quiet)
{
    uint8_t *data;
    size_t size;
    struct fuzz_verdict v;
    if (!fuzz_read_file(path, &data, &size))
        return EXIT_USAGE;
    if (!quiet && !t->boot)
        print_program(data, size);
    bool ok = fuzz_target_run(t, data, size, &v);
    free(data);
    if (!ok) {
        fprintf(stderr, "tocksim fuzz: %s: %s\n", path, v.message);
        return EXIT_USAGE;
    }
    printf("%s: %s%s%s (%u system calls, %.3f ms virtual)\n", path, fuzz_kind_name(v.kind),
           v.kind ? ": " : "", v.kind ? v.message : "", v.syscalls, (double)v.virtual_ns / 1e6);
    return v.kind != FUZZ_OK;
}

int fuzz_replay(struct fuzz_opts *o, char **inputs, int n)
{
    struct fuzz_target t;
    o->cfg.log = o->quiet ? NULL : stdout;
    o->cfg.console = o->quiet ? NULL : stdout;
    if (!fuzz_target_open(o, &t, NULL, 0))
        return EXIT_USAGE;
    FILE *trace = o->trace ? fopen(o->trace, "w") : NULL;
    if (o->trace && !trace) {
        fprintf(stderr, "tocksim fuzz: --trace: %s: %s\n", o->trace, strerror(errno));
        fuzz_target_close(&t);
        return EXIT_USAGE;
    }
    fuzz_target_machine(&t)->trace.jsonl = trace;     /* from the snapshot on: inputs only */
    int worst = 0;
    char err[256];
    struct profile *prof = NULL;
    if (o->profile && !(prof = profile_attach(fuzz_target_machine(&t), o->profile, err, sizeof(err)))) {
        fprintf(stderr, "tocksim fuzz: %s\n", err);
        worst = EXIT_USAGE;
        n = 0;
    }
    for (int i = 0; i < n; i++) {
        int rc = replay_one(&t, inputs[i], o->quiet);
        worst = rc > worst ? rc : worst;
    }
    if (prof && !profile_finish(prof, NULL, err, sizeof(err))) {
        fprintf(stderr, "tocksim fuzz: %s\n", err);
        worst = EXIT_USAGE;
    }
    fuzz_target_close(&t);
    if (trace)
        fclose(trace);
    return worst;
}

struct input {
    uint8_t *data;
    size_t size;
};

/* Runs the inputs `rounds` times round robin, timed; counts system calls and findings. */
static double time_inputs(struct fuzz_target *t, uint8_t *map, size_t map_size,
                          const struct input *in, int n, long rounds, unsigned long *calls,
                          unsigned long *findings)
{
    double t0 = cli_wall_seconds();
    for (long r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) {
            struct fuzz_verdict v;
            memset(map, 0, map_size);       /* as libFuzzer clears its counters */
            fuzz_target_run(t, in[i].data, in[i].size, &v);
            *calls += v.syscalls;
            *findings += v.kind != FUZZ_OK;
        }
    return cli_wall_seconds() - t0;
}

/* What one execution costs the machine, averaged over one untimed pass over the inputs: the
 * counters restart from the snapshot's at each restore, so each run's are its own. */
static void print_costs(struct fuzz_target *t, const struct cpu_stats *at_snapshot,
                        const struct input *in, int n)
{
    struct cpu_stats s;
    double instructions = 0, exceptions = 0, fills = 0;
    for (int i = 0; i < n; i++) {
        struct fuzz_verdict v;
        fuzz_target_run(t, in[i].data, in[i].size, &v);
        machine_stats(fuzz_target_machine(t), &s);
        instructions += (double)(s.instructions - at_snapshot->instructions);
        exceptions += (double)(s.exceptions - at_snapshot->exceptions);
        fills += (double)(s.tlb_fills - at_snapshot->tlb_fills);
    }
    printf("fuzz bench: per execution %.0f guest instructions, %.1f exceptions, %.1f TLB fills\n",
           instructions / n, exceptions / n, fills / n);
}

/* Executions per second over the inputs, each run `bench` times: the harness as libFuzzer
 * drives it (restore, run, oracles, kernel coverage counted into a map), on one core; beside
 * it the same without coverage (a second machine, rounds interleaved in halves), so the
 * coverage's cost is measured in the same run. */
int fuzz_bench(struct fuzz_opts *o, char **inputs, int n)
{
    const size_t map_size = 1u << 16;   /* the size of libFuzzer's counters in tocksim-fuzz */
    uint8_t *map = calloc(1, map_size);
    struct input *in = calloc((size_t)(n > 0 ? n : 1), sizeof(*in));
    struct fuzz_target t, bare;
    for (int i = 0; i < n; i++)
        if (!map || !in || !fuzz_read_file(inputs[i], &in[i].data, &in[i].size))
            return EXIT_USAGE;
    if (!fuzz_target_open(o, &t, map, map_size))
        return EXIT_USAGE;
    if (!fuzz_target_open(o, &bare, NULL, 0)) {
        fuzz_target_close(&t);
        return EXIT_USAGE;
    }
    unsigned long calls = 0, findings = 0, bare_calls = 0, bare_findings = 0;
    struct cpu_stats at_snapshot;
    machine_stats(fuzz_target_machine(&bare), &at_snapshot);
    long half = o->bench / 2 > 0 ? o->bench / 2 : 1;
    unsigned long execs = (unsigned long)(2 * half * n);
    double dt = 0, bare_dt = 0;
    for (int k = 0; k < 2; k++) {
        dt += time_inputs(&t, map, map_size, in, n, half, &calls, &findings);
        bare_dt += time_inputs(&bare, map, map_size, in, n, half, &bare_calls, &bare_findings);
    }
    const char *kind = o->boot ? "-boot" : "", *board = strcmp(o->cfg.board, "cm4") ? "-rv32" : "";
    printf("BENCH name=fuzz-execs-per-s%s%s value=%.0f unit=execs/s coverage-off=%.0f coverage-cost=%.1f%%\n",
           kind, board, (double)execs / dt, (double)execs / bare_dt, 100.0 * (dt - bare_dt) / bare_dt);
    printf("fuzz bench: %lu executions in %.2f s (%.2f s without coverage), %.1f system calls each, %lu findings\n",
           execs, dt, bare_dt, (double)calls / (double)(execs ? execs : 1), findings);
    print_costs(&bare, &at_snapshot, in, n);
    fuzz_target_close(&bare);
    fuzz_target_close(&t);
    for (int i = 0; i < n; i++)
        free(in[i].data);
    free(in);
    free(map);
    return 0;
}

static bool still_fails(struct fuzz_target *t, const uint8_t *data, size_t size,
                        enum fuzz_kind kind)
{
    struct fuzz_verdict v;
    return fuzz_target_run(t, data, size, &v) && v.kind == kind;
}

/* Removes units (a syscall record, or a byte of a boot input) while the finding keeps its
 * kind: chunks of half the input first, then smaller ones, down to single units (ddmin's
 * complement steps on the unit grid). Returns the new size; data is shortened in place. */
static size_t minimize(struct fuzz_target *t, uint8_t *data, size_t size, enum fuzz_kind kind)
{
    size_t unit = t->boot ? 1 : FZ_RECORD_BYTES;
    size = size / unit * unit;
    uint8_t *trial = malloc(size ? size : 1);
    for (size_t chunk = size / 2 / unit; trial && chunk >= 1; chunk /= 2) {
        size_t bytes = chunk * unit;
        for (size_t at = 0; at + bytes <= size;) {
            memcpy(trial, data, at);
            memcpy(trial + at, data + at + bytes, size - at - bytes);
            if (still_fails(t, trial, size - bytes, kind)) {
                memcpy(data, trial, size - bytes);
                size -= bytes;
            } else {
                at += bytes;
            }
        }
    }
    free(trial);
    return size;
}

/* s as the inside of a JSON string. */
static void json_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
}

/* The syscall program as one line, for the step's comment. */
static void json_program(FILE *f, const uint8_t *data, size_t size)
{
    struct fz_program p;
    char line[200];
    fz_program_decode(data, size, &p);
    for (unsigned i = 0; i < p.count; i++) {
        fz_record_describe(&p, i, line, sizeof(line));
        fprintf(f, "%s#%u ", i ? "; " : "", i);
        json_text(f, line);
    }
}

static bool write_json(const struct fuzz_opts *o, const char *name, const char *bin,
                       const struct fuzz_verdict *v, const uint8_t *data, size_t size)
{
    FILE *f = fopen(o->scenario, "w");
    if (!f)
        return false;
    fprintf(f, "{\n  \"name\": \"%s\",\n  \"description\": \"", name);
    json_text(f, fuzz_kind_name(v->kind));
    fputs(": ", f);
    json_text(f, v->message);
    fprintf(f, " (found by tocksim fuzz%s)\",\n  \"board\": \"%s\",\n  \"requires\": [\"kdbg\"],\n"
               "  \"apps\": [%s],\n  \"timeout\": \"2s\",\n  \"steps\": [\n    {\"fuzz\": \"%s\"",
            o->boot ? " --target boot" : "", o->cfg.board,
            o->boot ? "" : "\"fuzz-driver\", \"fuzz-victim\"", bin);
    if (o->boot) {
        fputs(", \"target\": \"boot\"", f);
    } else {
        fputs(", \"comment\": \"", f);
        json_program(f, data, size);
        fputc('"', f);
    }
    fputs("}\n  ]\n}\n", f);
    return fclose(f) == 0;
}

/* DIR/NAME.json and its input DIR/fuzz/NAME.bin for a finding (the input minimized first):
 * the inputs of a suite stay out of the folder of scenarios the suite runs. */
static bool write_files(const struct fuzz_opts *o, const struct fuzz_verdict *v,
                        const uint8_t *data, size_t size)
{
    const char *slash = strrchr(o->scenario, '/');
    int dir = slash ? (int)(slash - o->scenario + 1) : 0;
    char bin[PATH_MAX], rel[300], name[256];
    snprintf(name, sizeof(name), "%.*s", (int)strlen(o->scenario + dir) - 5, o->scenario + dir);
    snprintf(rel, sizeof(rel), "fuzz/%s.bin", name);
    snprintf(bin, sizeof(bin), "%.*sfuzz", dir, o->scenario);
    if (mkdir(bin, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "tocksim fuzz: %s: %s\n", bin, strerror(errno));
        return false;
    }
    snprintf(bin, sizeof(bin), "%.*s%s", dir, o->scenario, rel);
    FILE *f = fopen(bin, "wb");
    bool ok = f && fwrite(data, 1, size, f) == size;
    ok = (f && fclose(f) == 0) && ok && write_json(o, name, rel, v, data, size);
    if (!ok)
        fprintf(stderr, "tocksim fuzz: %s: %s\n", o->scenario, strerror(errno));
    else
        printf("%s, %s: %s: %s\n", o->scenario, bin, fuzz_kind_name(v->kind), v->message);
    return ok;
}

int fuzz_write_scenario(struct fuzz_opts *o, const char *input)
{
    uint8_t *data;
    size_t size, n = strlen(o->scenario);
    struct fuzz_verdict v;
    struct fuzz_target t;
    if (n < 6 || strcmp(o->scenario + n - 5, ".json") != 0) {
        fprintf(stderr, "tocksim fuzz: --scenario: %s: the name must end in .json\n", o->scenario);
        return EXIT_USAGE;
    }
    if (!fuzz_read_file(input, &data, &size) || !fuzz_target_open(o, &t, NULL, 0))
        return EXIT_USAGE;
    int rc = EXIT_USAGE;
    if (!fuzz_target_run(&t, data, size, &v) || v.kind == FUZZ_OK) {
        fprintf(stderr, "tocksim fuzz: %s: no finding: nothing to write\n", input);
    } else {
        size = minimize(&t, data, size, v.kind);
        fuzz_target_run(&t, data, size, &v);
        rc = write_files(o, &v, data, size) ? 0 : EXIT_USAGE;
    }
    fuzz_target_close(&t);
    free(data);
    return rc;
}
