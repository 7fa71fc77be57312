/* Scripted input for a scenario's live window (doc/window.md, "Scripted input"): what a user
 * does, at virtual times, so tests drive the real window's event handling deterministically. */
#ifndef SIM_UI_LIVE_SCRIPT_H
#define SIM_UI_LIVE_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum live_act {
    LIVE_CLICK,                 /* click a node (arg: its name) or the "back" button */
    LIVE_DRAG,                  /* drag node arg to (x, y) metres */
    LIVE_KEY,                   /* press and release a key (arg: SDL's key name, "Escape") */
    LIVE_PRINT,                 /* print the window's state to stderr */
    LIVE_SHOT,                  /* write the window's picture to arg (a PNG) */
    LIVE_CLOSE,                 /* close the window */
};

struct live_action {
    uint64_t t_ns;
    enum live_act act;
    char arg[200];
    double x, y;
    int line;
};

struct live_script {
    struct live_action *a;
    size_t n, next;             /* actions in time order; the first not yet done */
};

/* Reads path: lines "TIME ACTION [ARGS]" ("1.5s click rx", "2s drag rx 300 0", "3s key
 * Escape", "3s print", "4s shot out.png", "9s close"), '#' comments. False with err naming the
 * file, the line and the problem. */
bool live_script_load(struct live_script *s, const char *path, char *err, size_t n);
void live_script_free(struct live_script *s);
/* The next action due at now_ns (its time reached), or NULL. */
const struct live_action *live_script_due(struct live_script *s, uint64_t now_ns);

#endif
