/* The board window: an SDL2 view of one machine (LEDs, buttons, pins, console, processes). */
#ifndef SIM_UI_H
#define SIM_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct machine;

struct ui_options {
    double speed;               /* virtual seconds per wall second; 0 means 1.0 (real time) */
    bool paused;                /* start paused (Space runs, S steps) */
    uint64_t until_ns;          /* close the window at this virtual time; 0: run until closed */
    const char *title;          /* window title; NULL: "tocksim — <board>" */
    int width, height;          /* initial size in logical pixels; 0: the default 1100 x 720 */
    uint64_t step_ns;           /* virtual time one Step advances; 0: 10 ms */
    bool echo_console;          /* also copy the guest's console output to stdout while the
                                   window runs (leave false if the machine's console is stdout) */
};

/* Exit statuses of ui_run. */
#define UI_EXIT_CLOSED 0        /* the user closed the window */
#define UI_EXIT_ERROR 125       /* no display, SDL failure, or the machine stopped with an error */

/* True if a window can be opened (SDL's video subsystem initialises with a real display).
 * Cheap enough to call once at start-up; never opens a window. */
bool ui_available(void);

/* Starts recording what the view shows (console text, kernel process events; LEDs and pins are
 * read live) from now on. Call it before the first machine_run so boot messages appear; ui_run and
 * ui_screenshot call it themselves otherwise. False if the machine has no free observer slot. */
bool ui_attach(struct machine *m);

/* Frees what ui_attach set up and stops observing. Call before machine_destroy. */
void ui_detach(struct machine *m);

/* Interactive window loop: runs the machine in slices between frames, paced to the wall clock
 * times the speed factor, with pause / step / faster / slower controls. When the guest exits or
 * the machine stops with an error, the window stays open and shows it. Returns when the window
 * is closed: UI_EXIT_CLOSED, or the guest's exit code if it exited, or UI_EXIT_ERROR (machine
 * error; also when no window can be opened, with a message on stderr); returns 124 (as
 * tocksim --until) as soon as virtual time reaches o->until_ns. */
int ui_run(struct machine *m, const struct ui_options *o);

/* Renders the current board view offscreen (no window, works with SDL_VIDEODRIVER=dummy or
 * offscreen and without any display) and writes it to png_path. Does not run the machine.
 * False with a message in err on failure. */
bool ui_screenshot(struct machine *m, const char *png_path, char *err, size_t errlen);
/* The same at a chosen size in logical pixels (0: 1100 x 720) and scale (0: 1; 2 gives the
 * picture a HiDPI screen shows, twice the pixels in each direction). ui_screenshot is always
 * 1100 x 720 at scale 1, whatever the environment, so pictures compare across machines. */
bool ui_screenshot_sized(struct machine *m, const char *png_path, int width, int height, float scale,
                         char *err, size_t errlen);

/* What a screenshot shows of the view, beyond the machine's state (all optional: zero leaves
 * the view as it is). The view is put back afterwards. */
struct ui_shot {
    int width, height;          /* logical pixels; 0: 1100 x 720 */
    float scale;                /* 0: 1 */
    const char *select;         /* process (package name) the memory view shows */
    uint64_t span_ns;           /* the timeline's span */
    uint64_t end_ns;            /* the timeline's right edge (0: the present) */
    unsigned hide;              /* panels collapsed: bits 1 << enum ui_panel (sim/ui/layout.h) */
    int hover_x, hover_y;       /* the mouse there (logical pixels), e.g. over the timeline; 0: none */
};
/* Panel names for ui_shot.hide ("board", "processes", "memory", "timeline", "console"); the bit,
 * or 0 for an unknown name. */
unsigned ui_panel_bit(const char *name);
bool ui_screenshot_with(struct machine *m, const char *png_path, const struct ui_shot *o, char *err,
                        size_t errlen);

/* The network view of a scenario's boards (sim/ui/net.h, doc/window.md "Network view"). */
struct ui_net;
/* Renders the network as it is at virtual time now_ns offscreen and writes it to png_path (o:
 * size and scale; NULL or zeros: 1100 x 720 at scale 1). False with a message in err. */
bool ui_net_screenshot(struct ui_net *net, uint64_t now_ns, const char *png_path, const struct ui_shot *o,
                       char *err, size_t errlen);

/* A scenario's live window (doc/window.md, "Watching a scenario live"): the network view of its
 * boards, paced to the wall clock; a click on a node shows its board view (Esc or the
 * "Network" button goes back), a drag moves it through net->move. Driven from the scenario's
 * thread at its synchronisation points, when every board is at the same virtual time. */
struct ui_live_options {
    double speed;               /* virtual s per wall s; 0: 1 */
    const char *title;          /* the window's title */
    const char *script;         /* scripted input at virtual times (doc/window.md), or NULL */
};
struct ui_live;
/* Opens the window on net (its nodes' machines attached with ui_attach). NULL with err set. */
struct ui_live *ui_live_open(struct ui_net *net, const struct ui_live_options *o, char *err, size_t errlen);
/* At a synchronisation point, every board at now_ns: runs scripted input that is due, handles
 * input, draws when a frame is due, and waits while virtual time is ahead of the wall clock
 * times the speed or the window is paused. status: the toolbar's text. False once the window
 * is closed (at once, and from then on). */
bool ui_live_sync(struct ui_live *lv, uint64_t now_ns, const char *status);
/* Keeps the window on screen without advancing time (the boards have stopped) until it is
 * closed. */
void ui_live_idle(struct ui_live *lv, const char *status);
void ui_live_close(struct ui_live *lv);

/* Compares the PNG files png and ref: false if either cannot be read, their sizes differ, or
 * more than `tolerance` (0..1) of the pixels differ by more than channel_tolerance (0..255) in a
 * channel. msg receives the reason, or on success how many pixels differ. */
bool ui_screenshot_compare(const char *png, const char *ref, double tolerance, int channel_tolerance,
                           char *msg, size_t n);

#endif
