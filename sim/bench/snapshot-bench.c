/* snapshot-bench: what machine snapshots cost (tools/bench-snapshot.sh prints its lines).
 * Boots a kernel with apps for 100 ms, saves a snapshot, then repeatedly runs RUN_US of
 * virtual time (the guest dirties a few RAM pages, as between two restores of a fuzzer) and
 * restores, timing each save and restore on a monotonic clock. Prints medians:
 *
 *   snapshot-save-us SUFFIX, snapshot-restore-us SUFFIX: microseconds per save / restore
 *   snapshot-restore-pages SUFFIX: host pages of RAM a restore rewrote
 *   snapshot-restore-unchanged-us SUFFIX: a restore right after a restore (nothing to put back)
 *   snapshot-file-bytes SUFFIX: the size of the snapshot's file
 *
 *   snapshot-bench BOARD RUN_US KERNEL.elf APP.tbf...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sim/core/loader.h"
#include "sim/core/snapshot/snapshot.h"

#define ROUNDS 301

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(*v), cmp_double);
    return v[n / 2];
}

static struct machine *boot(const char *board, const char *kernel, char **apps, int napps)
{
    char err[400];
    struct machine_config cfg = { .board = board, .seed = 1 };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    uint32_t cursor = m ? m->layout.apps_base : 0;
    bool ok = m && loader_load_elf(&m->bus, kernel, m->cpu.ops->elf_machine, NULL, err, sizeof(err));
    for (int i = 0; ok && i < napps; i++)
        ok = loader_load_tbf(&m->bus, apps[i], &cursor, m->layout.apps_base + m->layout.apps_size,
                             err, sizeof(err));
    if (!ok) {
        fprintf(stderr, "snapshot-bench: %s\n", err);
        exit(1);
    }
    m->trace.guest_log = NULL;
    machine_reset(m);
    machine_run(m, clock_cycles_from_ns(&m->clock, 100000000u));
    return m;
}

static void check(bool ok, const char *err)
{
    if (!ok) {
        fprintf(stderr, "snapshot-bench: %s\n", err);
        exit(1);
    }
}

/* Rounds of: run run_ns, restore (timed); then save (timed) and restore again (timed). */
static void measure(struct machine *m, struct snapshot *s, uint64_t run_ns, double out[4][ROUNDS])
{
    char err[400];
    for (int i = 0; i < ROUNDS; i++) {
        machine_run(m, m->clock.now + clock_cycles_from_ns(&m->clock, run_ns));
        double t0 = now_us();
        check(snapshot_restore(m, s, err, sizeof(err)), err);
        double t1 = now_us();
        out[2][i] = snapshot_pages_restored(s);
        check(snapshot_restore(m, s, err, sizeof(err)), err);
        double t2 = now_us();
        check(snapshot_save(m, s, err, sizeof(err)), err);
        double t3 = now_us();
        out[0][i] = t3 - t2;
        out[1][i] = t1 - t0;
        out[3][i] = t2 - t1;
    }
}

static long file_bytes(struct machine *m, struct snapshot *s)
{
    char err[400], path[] = "/tmp/snapshot-benchXXXXXX";
    int fd = mkstemp(path);
    struct stat st;
    check(fd >= 0, "cannot create a temporary file");
    close(fd);
    check(snapshot_write_file(m, s, path, err, sizeof(err)), err);
    stat(path, &st);
    unlink(path);
    return (long)st.st_size;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: snapshot-bench BOARD RUN_US KERNEL.elf APP.tbf...\n");
        return 2;
    }
    char err[400];
    const char *sfx = strcmp(argv[1], "cm4") == 0 ? "" : "-rv32";
    struct machine *m = boot(argv[1], argv[3], argv + 4, argc - 4);
    struct snapshot *s = snapshot_new(m, err, sizeof(err));
    check(s != NULL, err);
    check(snapshot_save(m, s, err, sizeof(err)), err);
    static double v[4][ROUNDS];
    measure(m, s, strtoull(argv[2], NULL, 10) * 1000u, v);
    printf("BENCH name=snapshot-save-us%s value=%.2f unit=us\n", sfx, median(v[0], ROUNDS));
    printf("BENCH name=snapshot-restore-us%s value=%.2f unit=us\n", sfx, median(v[1], ROUNDS));
    printf("BENCH name=snapshot-restore-pages%s value=%.0f unit=pages\n", sfx, median(v[2], ROUNDS));
    printf("BENCH name=snapshot-restore-unchanged-us%s value=%.2f unit=us\n", sfx, median(v[3], ROUNDS));
    printf("BENCH name=snapshot-file-bytes%s value=%ld unit=bytes\n", sfx, file_bytes(m, s));
    snapshot_free(s);
    machine_destroy(m);
    return 0;
}
