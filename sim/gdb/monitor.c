/* `monitor` commands (GDB's qRcmd): the machine's view of what runs on it. */
#include "sim/gdb/stub.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim/gdb/apps.h"

static const char *const state_names[] = { "running", "yielded", "stopped", "faulted", "terminated" };

static void help(FILE *out)
{
    fputs("tocksim monitor commands:\n"
          "  reset          reset the CPU (registers and its system registers; devices and memory keep\n"
          "                 their state), halted at the reset vector\n"
          "  time           virtual time and instructions run (time stands still while halted)\n"
          "  processes      the kernel's processes (from its process events) and the apps in flash\n"
          "  faults         process faults the kernel reported\n"
          "  apps [FILE]    add-symbol-file commands that place each app's ELF where it runs\n"
          "                 (also written to FILE, for GDB's `source FILE`)\n"
          "  snapshot save FILE | load FILE\n"
          "                 write the whole machine to FILE, or go to the machine FILE holds (the\n"
          "                 same kernel and apps; doc/snapshots.md); loading forgets the reverse history\n"
          "  history        the checkpoints reverse execution replays from\n", out);
}

static void time_now(struct gdb_stub *s, FILE *out)
{
    struct vclock *c = &s->m->clock;
    struct cpu_stats st;
    uint64_t ns = clock_ns_from_cycles(c, c->now);
    machine_stats(s->m, &st);
    fprintf(out, "virtual time %llu.%06llu ms (%llu cycles at %llu Hz), %llu instructions run\n",
            (unsigned long long)(ns / 1000000), (unsigned long long)(ns % 1000000),
            (unsigned long long)c->now, (unsigned long long)c->hz, (unsigned long long)st.instructions);
}

static void apps_in_flash(const struct gdb_procs *p, FILE *out)
{
    for (int i = 0; i < p->napps; i++) {
        const struct gdb_app *a = &p->apps[i];
        fprintf(out, "app %-16s flash 0x%08x-0x%08x", a->img.name, a->img.flash_start, a->img.flash_end);
        if (a->started)
            fprintf(out, "  RAM at 0x%08x", a->ram_start);
        fputc('\n', out);
    }
    if (p->napps == 0)
        fputs("no apps in flash\n", out);
}

static void processes(struct gdb_stub *s, FILE *out)
{
    const struct gdb_procs *p = &s->procs;
    if (!p->events_seen)
        fputs("the kernel has reported no process events (yet, or it has no kdbg device)\n", out);
    else
        fprintf(out, "%-4s %-4s %-16s %-10s %-8s %s\n", "slot", "pid", "name", "state", "restarts", "memory");
    for (int i = 0; i < GDB_MAX_SLOTS; i++) {
        const struct gdb_slot *sl = &p->slots[i];
        if (!sl->used)
            continue;
        fprintf(out, "%-4d %-4u %-16s %-10s %-8u", i, sl->pid, sl->name, state_names[sl->state % 5], sl->restarts);
        if (sl->mem_size)
            fprintf(out, " %u/%u bytes", sl->mem_used, sl->mem_size);
        fputc('\n', out);
    }
    apps_in_flash(p, out);
}

static void faults(struct gdb_stub *s, FILE *out)
{
    const struct gdb_procs *p = &s->procs;
    unsigned shown = p->nfaults < GDB_MAX_FAULTS ? p->nfaults : GDB_MAX_FAULTS;
    if (p->nfaults == 0)
        fputs("no process faults reported\n", out);
    for (unsigned i = 0; i < shown; i++) {
        const struct gdb_fault *f = &p->faults[i];
        fprintf(out, "[%llu.%03llu ms] %s.%u %s fault at 0x%08x\n", (unsigned long long)(f->ns / 1000000),
                (unsigned long long)(f->ns / 1000 % 1000), f->name, f->pid, f->kind, f->addr);
    }
    if (p->nfaults > shown)
        fprintf(out, "(%u more not kept)\n", p->nfaults - shown);
}

static void reset(struct gdb_stub *s, FILE *out)
{
    uint32_t pc = 0;
    machine_reset(s->m);
    gdb_procs_reset(&s->procs);
    history_clear(&s->hist);                /* the recorded future is not this one's */
    for (int i = 0; i < s->dbg->nregs; i++)
        if (strcmp(s->dbg->regs[i].name, "pc") == 0)
            s->dbg->reg_get(s->m->cpu.impl, i, &pc);
    snprintf(s->stop, sizeof(s->stop), "S05");
    fprintf(out, "CPU reset: pc 0x%08x (GDB: `maint flush register-cache` shows the new registers)\n", pc);
}

bool gdb_write_apps_file(struct gdb_stub *s, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    gdb_apps_write(&s->procs, s->cfg.tbfs, s->cfg.ntbfs, f);
    return fclose(f) == 0;
}

static void apps(struct gdb_stub *s, const char *file, FILE *out)
{
    gdb_apps_write(&s->procs, s->cfg.tbfs, s->cfg.ntbfs, out);
    if (*file && !gdb_write_apps_file(s, file))
        fprintf(out, "cannot write %s: %s\n", file, strerror(errno));
    else if (*file)
        fprintf(out, "written to %s: `source %s` loads them\n", file, file);
}

/* `snapshot save FILE` / `snapshot load FILE`. */
static void snapshot_cmd(struct gdb_stub *s, const char *arg, FILE *out)
{
    char how[8] = "", file[480] = "", err[600];
    if (sscanf(arg, " %7s %479[^\n]", how, file) != 2 || (strcmp(how, "save") && strcmp(how, "load"))) {
        fputs("usage: monitor snapshot save FILE | monitor snapshot load FILE\n", out);
        return;
    }
    struct snapshot *snap = NULL;
    bool ok;
    if (how[0] == 'l' && s->cfg.driven) {       /* its time would leave the other boards' */
        fputs("snapshot load: not for a board of a scenario (the scenario's boards share one time)\n", out);
        return;
    }
    if (strcmp(how, "save") == 0) {
        ok = (snap = snapshot_new(s->m, err, sizeof(err))) && snapshot_save(s->m, snap, err, sizeof(err)) &&
             snapshot_write_file(s->m, snap, file, err, sizeof(err));
    } else {
        ok = (snap = snapshot_read_file(s->m, file, err, sizeof(err))) && snapshot_restore(s->m, snap, err, sizeof(err));
        if (ok)
            history_clear(&s->hist);
    }
    snapshot_free(snap);
    if (!ok)
        fprintf(out, "snapshot %s: %s\n", how, err);
    else
        fprintf(out, "snapshot %s %s: done%s\n", how, file,
                how[0] == 'l' ? " (GDB: `maint flush register-cache` shows the new registers)" : "");
}

static void history_cmd(struct gdb_stub *s, FILE *out)
{
    const struct history *h = &s->hist;
    fprintf(out, "%d checkpoints (at most %d, one each resume and every %u cycles)\n", h->n, HISTORY_MAX,
            HISTORY_INTERVAL);
    if (h->n)
        fprintf(out, "oldest at cycle %llu, newest at cycle %llu\n", (unsigned long long)h->pos[0],
                (unsigned long long)h->pos[h->n - 1]);
}

void gdb_monitor(struct gdb_stub *s, const char *cmd, char *buf, size_t cap)
{
    FILE *out = fmemopen(buf, cap, "w");
    char word[32] = "", arg[512] = "";
    if (!out) {
        snprintf(buf, cap, "out of memory\n");
        return;
    }
    sscanf(cmd, " %31s %511[^\n]", word, arg);
    if (strcmp(word, "reset") == 0)
        reset(s, out);
    else if (strcmp(word, "time") == 0)
        time_now(s, out);
    else if (strcmp(word, "processes") == 0 || strcmp(word, "ps") == 0)
        processes(s, out);
    else if (strcmp(word, "faults") == 0)
        faults(s, out);
    else if (strcmp(word, "apps") == 0)
        apps(s, arg, out);
    else if (strcmp(word, "snapshot") == 0)
        snapshot_cmd(s, arg, out);
    else if (strcmp(word, "history") == 0)
        history_cmd(s, out);
    else if (strcmp(word, "help") == 0 || word[0] == '\0')
        help(out);
    else
        fprintf(out, "unknown monitor command '%s'; `monitor help` lists them\n", word);
    fclose(out);
    buf[cap - 1] = '\0';
}
