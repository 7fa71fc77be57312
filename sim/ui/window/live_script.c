/* Reading a live window's input script (see live_script.h). No SDL here: live.c turns the
 * actions into SDL events. */
#include "sim/ui/window/live_script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/units.h"

static const char *const act_names[] = { "click", "drag", "key", "print", "shot", "close" };

/* Parses one non-empty line into a; false with err. */
static bool parse_line(char *line, struct live_action *a, char *why, size_t n)
{
    char *time = strtok(line, " \t"), *verb = strtok(NULL, " \t"), *arg = strtok(NULL, " \t");
    char *x = strtok(NULL, " \t"), *y = strtok(NULL, " \t"), *end;
    if (!verb) {
        snprintf(why, n, "expected TIME ACTION [ARGS]");
        return false;
    }
    if (units_parse_time(time, &a->t_ns, why, n) != UNITS_OK)
        return false;
    size_t k = 0;
    while (k < sizeof(act_names) / sizeof(*act_names) && strcmp(verb, act_names[k]))
        k++;
    if (k == sizeof(act_names) / sizeof(*act_names)) {
        snprintf(why, n, "unknown action '%s' (known: click, drag, key, print, shot, close)", verb);
        return false;
    }
    a->act = (enum live_act)k;
    bool needs_arg = a->act == LIVE_CLICK || a->act == LIVE_DRAG || a->act == LIVE_KEY || a->act == LIVE_SHOT;
    if (needs_arg != (arg != NULL)) {
        snprintf(why, n, "%s %s", verb, needs_arg ? "needs an argument" : "takes no argument");
        return false;
    }
    snprintf(a->arg, sizeof(a->arg), "%s", arg ? arg : "");
    if (a->act != LIVE_DRAG)
        return true;
    a->x = x ? strtod(x, &end) : 0;
    if (!x || *end || !y || (a->y = strtod(y, &end), *end)) {
        snprintf(why, n, "drag: expected NODE X Y (metres)");
        return false;
    }
    return true;
}

bool live_script_load(struct live_script *s, const char *path, char *err, size_t n)
{
    memset(s, 0, sizeof(*s));
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, n, "%s: %s", path, strerror(errno));
        return false;
    }
    char line[512], why[300];
    size_t cap = 0;
    bool ok = true;
    for (int no = 1; ok && fgets(line, sizeof(line), f); no++) {
        line[strcspn(line, "#\r\n")] = '\0';
        if (!line[strspn(line, " \t")])
            continue;
        if (s->n == cap) {
            cap = cap ? 2 * cap : 16;
            struct live_action *a = realloc(s->a, cap * sizeof(*a));
            if (!a) {
                snprintf(err, n, "%s: out of memory", path);
                ok = false;
                break;
            }
            s->a = a;
        }
        struct live_action *a = &s->a[s->n];
        a->line = no;
        if (!(ok = parse_line(line, a, why, sizeof(why))))
            snprintf(err, n, "%s:%d: %s", path, no, why);
        else if (s->n && a->t_ns < s->a[s->n - 1].t_ns && (ok = false, true))
            snprintf(err, n, "%s:%d: the times must not go back", path, no);
        else
            s->n++;
    }
    fclose(f);
    if (!ok)
        live_script_free(s);
    return ok;
}

void live_script_free(struct live_script *s)
{
    free(s->a);
    memset(s, 0, sizeof(*s));
}

const struct live_action *live_script_due(struct live_script *s, uint64_t now_ns)
{
    if (s->next >= s->n || s->a[s->next].t_ns > now_ns)
        return NULL;
    return &s->a[s->next++];
}
