/* --itrace and --profile in scenarios (doc/debugging.md): every board gets its own trace and
 * profile. The trace's lines, prefixed with the board's name when there are several, go
 * through the board's outbox like --strace, so boards run on any number of threads give the
 * same file; the profiles are one file per board, PATH.NODE. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/insn/itrace.h"
#include "sim/insn/profile.h"
#include "sim/scenario/run.h"

bool run_insn_open(struct run *r, char *err, size_t n)
{
    const struct itrace_config *cfg = r->o->itrace;
    if (!cfg)
        return true;
    if (!cfg->path || !strcmp(cfg->path, "-")) {
        r->itrace_out = r->o->out;
        return true;
    }
    if (!(r->itrace_out = fopen(cfg->path, "w"))) {
        snprintf(err, n, "--itrace: cannot write '%s': %s", cfg->path, strerror(errno));
        return false;
    }
    return true;
}

bool run_insn_attach(struct run *r, int i, char *err, size_t n)
{
    const struct scenario_node *spec = &r->sc->nodes[i];
    struct machine *m = r->nodes[i].m;
    char why[400];
    if (r->o->itrace) {
        struct itrace_config cfg = *r->o->itrace;
        cfg.stream = outbox_stream(&r->outboxes[i], r->itrace_out);
        if (!(r->itraces[i] = itrace_attach(m, &cfg, r->sc->nnodes > 1 ? spec->name : NULL, why, sizeof(why)))) {
            snprintf(err, n, "board %s: %s", spec->name, why);
            return false;
        }
    }
    if (r->o->profile_path) {
        char path[1024];
        snprintf(path, sizeof(path), "%s.%s", r->o->profile_path, spec->name);
        if (!(r->profiles[i] = profile_attach(m, path, why, sizeof(why)))) {
            snprintf(err, n, "board %s: %s", spec->name, why);
            return false;
        }
    }
    return true;
}

bool run_insn_detach(struct run *r, int i, char *err, size_t n)
{
    char why[400];
    bool ok = true;
    if (r->itraces)
        itrace_finish(r->itraces[i]);
    if (r->profiles && r->profiles[i]) {
        /* The CPU's own count, for comparing with the file's sum (tests/itrace.sh). */
        struct cpu_stats st;
        uint64_t total = 0;
        machine_stats(r->nodes[i].m, &st);
        if ((ok = profile_finish(r->profiles[i], &total, why, sizeof(why))))
            fprintf(outbox_stream(&r->outboxes[i], r->o->out), "profile %s.%s: %llu instructions (the board ran %llu)\n",
                    r->o->profile_path, r->sc->nodes[i].name, (unsigned long long)total,
                    (unsigned long long)st.instructions);
        else
            snprintf(err, n, "board %s: %s", r->sc->nodes[i].name, why);
    }
    if (r->itraces)
        r->itraces[i] = NULL;
    if (r->profiles)
        r->profiles[i] = NULL;
    return ok;
}

void run_insn_close(struct run *r)
{
    if (r->itrace_out && r->itrace_out != r->o->out)
        fclose(r->itrace_out);
    r->itrace_out = NULL;
}
