/* --itrace and --profile on the command line (insn.h). */
#include "sim/cli/insn.h"

#include <stdio.h>
#include <stdlib.h>

#include "sim/cli/cli.h"

void cli_insn_opts_init(struct cli_insn_opts *o)
{
    *o = (struct cli_insn_opts){ 0 };
    itrace_config_init(&o->cfg);
}

int cli_insn_option(struct cli_insn_opts *o, int ch, const char *arg, const char *who)
{
    char err[300];
    bool ok = true;
    switch (ch) {
    case CLI_OPT_ITRACE: o->itrace = true; o->cfg.path = arg; break;
    case CLI_OPT_ITRACE_WINDOW: ok = itrace_parse_window(&o->cfg, arg, err, sizeof(err)); break;
    case CLI_OPT_ITRACE_PROC: o->cfg.proc = arg; break;
    case CLI_OPT_ITRACE_RANGE: ok = itrace_parse_range(&o->cfg, arg, err, sizeof(err)); break;
    case CLI_OPT_PROFILE: o->profile = arg; break;
    default: return -1;
    }
    if (ok)
        return 0;
    fprintf(stderr, "%s: %s\n", who, err);
    return EXIT_USAGE;
}

int cli_insn_check(const struct cli_insn_opts *o, const char *who)
{
    struct itrace_config none;
    itrace_config_init(&none);
    if (!o->itrace && (o->cfg.proc || o->cfg.from_ns != none.from_ns || o->cfg.to_ns != none.to_ns ||
                       o->cfg.lo != none.lo || o->cfg.hi != none.hi)) {
        fprintf(stderr, "%s: --itrace-window, --itrace-proc and --itrace-range need --itrace\n", who);
        return EXIT_USAGE;
    }
    return 0;
}

bool cli_insn_start(struct cli_insn *c, struct machine *m, const struct cli_insn_opts *o, const char *node,
                    const char *who)
{
    char err[400];
    *c = (struct cli_insn){ 0 };
    if (o->itrace && !(c->itrace = itrace_attach(m, &o->cfg, node, err, sizeof(err)))) {
        fprintf(stderr, "%s: %s\n", who, err);
        return false;
    }
    if (o->profile) {
        char path[1024];
        snprintf(path, sizeof(path), node ? "%s.%s" : "%s", o->profile, node);
        if (!(c->profile = profile_attach(m, path, err, sizeof(err)))) {
            fprintf(stderr, "%s: %s\n", who, err);
            return false;
        }
    }
    return true;
}

bool cli_insn_finish(struct cli_insn *c, const char *who)
{
    char err[400];
    bool ok = true;
    itrace_finish(c->itrace);
    if (c->profile && !profile_finish(c->profile, NULL, err, sizeof(err))) {
        fprintf(stderr, "%s: %s\n", who, err);
        ok = false;
    }
    *c = (struct cli_insn){ 0 };
    return ok;
}
