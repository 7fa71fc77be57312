/* tocksim fuzz --coverage-report DIR CORPUS...: which kernel code a corpus reaches, by source
 * line (doc/fuzzing.md, "Coverage report"). Every input is replayed on the harness with a
 * block observer (the code ranges the CPU ran; attached only here, so fuzzing itself keeps its
 * hot path) whose ranges the kernel ELF's DWARF line tables map to lines (sim/dwarf/linecov.h). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/cli/cli.h"
#include "sim/cli/fuzz.h"
#include "sim/dwarf/linecov.h"

struct input_list {
    char **paths;
    int n, cap;
};

static bool add_input(struct input_list *l, const char *path)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 64;
        char **p = realloc(l->paths, (size_t)cap * sizeof(*p));
        if (!p)
            return false;
        l->paths = p;
        l->cap = cap;
    }
    return (l->paths[l->n++] = strdup(path)) != NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's regular files (not hidden ones: libFuzzer's .state and the like), by name. */
static bool add_dir(struct input_list *l, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "tocksim fuzz: --coverage-report: %s: %s\n", dir, strerror(errno));
        return false;
    }
    int first = l->n;
    bool ok = true;
    char path[PATH_MAX];
    struct stat st;
    for (struct dirent *e; ok && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.' || snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path))
            continue;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            ok = add_input(l, path);
    }
    closedir(d);
    qsort(l->paths + first, (size_t)(l->n - first), sizeof(*l->paths), by_name);
    return ok;
}

/* The inputs: files as given, directories' files. False after printing why. */
static bool list_inputs(char **args, int n, struct input_list *l)
{
    struct stat st;
    for (int i = 0; i < n; i++) {
        if (stat(args[i], &st) != 0) {
            fprintf(stderr, "tocksim fuzz: --coverage-report: %s: %s\n", args[i], strerror(errno));
            return false;
        }
        if (!(S_ISDIR(st.st_mode) ? add_dir(l, args[i]) : add_input(l, args[i])))
            return false;
    }
    return true;
}

static void free_inputs(struct input_list *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->paths[i]);
    free(l->paths);
}

static void on_span(void *ctx, uint32_t pc, uint32_t bytes)
{
    linecov_mark(ctx, pc, bytes);
}

/* Replays each input with the block observer on; false after printing why. *findings: how
 * many inputs an oracle judged (they count like any other). */
static bool replay_all(struct fuzz_target *t, struct linecov *lc, const struct input_list *l,
                       int *findings)
{
    struct machine *m = fuzz_target_machine(t);
    struct cpu_insn_observer obs = { .ctx = lc, .span = on_span };
    if (!machine_add_insn_observer(m, &obs)) {
        fprintf(stderr, "tocksim fuzz: --coverage-report: %s\n", m->error);
        return false;
    }
    bool ok = true;
    *findings = 0;
    for (int i = 0; ok && i < l->n; i++) {
        uint8_t *data;
        size_t size;
        struct fuzz_verdict v;
        if (!(ok = fuzz_read_file(l->paths[i], &data, &size)))
            break;
        ok = fuzz_target_run(t, data, size, &v);
        free(data);
        if (!ok)
            fprintf(stderr, "tocksim fuzz: %s: %s\n", l->paths[i], v.message);
        *findings += ok && v.kind != FUZZ_OK;
        linecov_end_input(lc);
    }
    machine_remove_insn_observer(m, lc);
    return ok;
}

/* DIR/NAME written by write; false after printing why. */
static bool write_report(const char *dir, const char *name, const struct linecov *lc,
                         const char *label, bool lcov)
{
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    bool ok = f && (lcov ? linecov_write_lcov(lc, f, label) : linecov_write_text(lc, f, label));
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "tocksim fuzz: --coverage-report: cannot write %s: %s\n", path,
                strerror(errno ? errno : EIO));
    return ok;
}

static bool write_reports(const struct fuzz_opts *o, const struct linecov *lc, int inputs)
{
    char title[PATH_MAX + 128], test[64];
    const char *target = fuzz_target_name(o);
    snprintf(title, sizeof(title), "target %s, board %s, %d inputs, kernel %s", target,
             o->cfg.board, inputs, o->cfg.kernel);
    snprintf(test, sizeof(test), "tocksim_fuzz_%s_%s", target, o->cfg.board);
    if (mkdir(o->coverage, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "tocksim fuzz: --coverage-report: %s: %s\n", o->coverage, strerror(errno));
        return false;
    }
    return write_report(o->coverage, "coverage.txt", lc, title, false) &&
           write_report(o->coverage, "coverage.info", lc, test, true);
}

int fuzz_coverage_report(struct fuzz_opts *o, char **args, int n)
{
    char build[PATH_MAX], err[600];
    struct input_list inputs = { 0 };
    struct linecov *lc = NULL;
    struct fuzz_target t = { 0 };
    int findings = 0, rc = EXIT_USAGE;
    cli_build_dir(build, sizeof(build));
    o->cfg.console = o->cfg.log = NULL;
    if (!fuzz_config_fill(&o->cfg, build, &o->paths, err, sizeof(err)))
        fprintf(stderr, "tocksim fuzz: %s\n", err);
    else if (!list_inputs(args, n, &inputs))
        ;
    else if (!(lc = linecov_open(o->cfg.kernel, err, sizeof(err))))
        fprintf(stderr, "tocksim fuzz: --coverage-report: %s\n", err);
    else if (fuzz_target_open(o, &t, NULL, 0) && replay_all(&t, lc, &inputs, &findings) &&
             write_reports(o, lc, inputs.n))
        rc = 0;
    if (rc == 0) {
        struct linecov_totals tot;
        linecov_totals(lc, &tot);
        printf("tocksim fuzz: coverage of %d inputs (%d findings): %u/%u kernel lines, %u/%u "
               "functions: %s/coverage.txt, %s/coverage.info\n", inputs.n, findings,
               tot.lines_hit, tot.lines, tot.functions_hit, tot.functions, o->coverage,
               o->coverage);
    }
    fuzz_target_close(&t);
    linecov_free(lc);
    free_inputs(&inputs);
    return rc;
}
