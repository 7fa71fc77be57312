/* The window's state for one machine: what it has seen (console, processes) and its controls. */
#ifndef SIM_UI_VIEW_H
#define SIM_UI_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/machine.h"
#include "sim/ui/console.h"
#include "sim/ui/layout.h"
#include "sim/ui/procs.h"

struct ui_view {
    struct machine *m;
    struct ui_console console;
    struct ui_procs procs;

    /* controls */
    bool paused;
    int speed_idx;              /* index into the speed table; see ui_view_speed() */
    uint64_t step_ns;
    uint32_t driven;            /* GPIO inputs driven high from the window */
    uint32_t buttons_down;      /* buttons this window holds (mouse, keys); drawn are
                                   all held ones: machine_button() */
    int mouse_button;           /* button held by the mouse, or -1 */
    bool console_focus;         /* typing goes to the UART */
    bool echo;                  /* copy console output to stdout */
    unsigned scroll;            /* console lines scrolled back from the end */

    /* machine state as the window shows it */
    enum machine_status status;
    double actual_speed;        /* measured virtual/wall ratio, smoothed */
    bool behind;                /* the host cannot keep up with the chosen speed */

    struct ui_layout layout;    /* of the last frame drawn */
};

/* Creates the view and registers its observer on m; NULL if the machine has no free slot. */
struct ui_view *ui_view_create(struct machine *m);
/* The view registered on m by ui_view_create, or NULL. */
struct ui_view *ui_view_of(struct machine *m);
/* Unregisters and frees the view. */
void ui_view_destroy(struct ui_view *v);

/* Speed factor (virtual s per wall s) for the current speed_idx; INFINITY for "max". */
double ui_view_speed(const struct ui_view *v);
/* The speed_idx of the table entry nearest to factor (0 or less: 1x). */
int ui_view_speed_index(double factor);
/* Moves the speed one step slower (-1) or faster (+1), within the table. */
void ui_view_speed_step(struct ui_view *v, int dir);
/* "1×", "0.25×", "100×", "max". */
void ui_view_speed_label(const struct ui_view *v, char *buf, size_t n);

/* Presses or releases button idx (mouse or keys); ignores buttons the board lacks. */
void ui_view_button(struct ui_view *v, unsigned idx, bool pressed);
/* Releases every held button. */
void ui_view_release_all(struct ui_view *v);
/* Toggles the level the window drives on GPIO pin `pin`. */
void ui_view_toggle_pin(struct ui_view *v, unsigned pin);
/* Virtual time now, in ns. */
uint64_t ui_view_now_ns(const struct ui_view *v);

#endif
