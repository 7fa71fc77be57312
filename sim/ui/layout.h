/* Where everything goes in the window, for a given size and scale; and what a click hits. */
#ifndef SIM_UI_LAYOUT_H
#define SIM_UI_LAYOUT_H

#include <stdbool.h>

#define UI_MAX_LEDS    16
#define UI_MAX_BUTTONS 9        /* keys 1..9 */
#define UI_MAX_PINS    32
#define UI_MAX_ROWS    16       /* process table rows */
#define UI_MAX_LANES   17       /* timeline lanes: the kernel and 16 processes */

struct ui_rect {
    int x, y, w, h;
};

/* The panels, each of which can be collapsed (ui_view.hidden bits; the footer's toggles). */
enum ui_panel { UI_PANEL_BOARD, UI_PANEL_PROCS, UI_PANEL_MEMORY, UI_PANEL_TIMELINE, UI_PANEL_CONSOLE,
                UI_PANELS };

/* What the layout depends on. Sizes are in physical pixels; scale is physical per logical. */
struct ui_layout_input {
    int w, h;
    float scale;
    unsigned leds, buttons, pins, procs;
    int text_h;                 /* height of a line of text (font ascent + descent) */
    unsigned hidden;            /* collapsed panels: bits 1 << enum ui_panel */
    bool paused;                /* the machine is paused: the toolbar has "Step insn" */
    bool cpu;                   /* the CPU panel replaces the memory view and console */
};

enum ui_control {
    UI_HIT_NONE, UI_HIT_PAUSE, UI_HIT_STEP, UI_HIT_SLOWER, UI_HIT_FASTER,
    UI_HIT_BUTTON, UI_HIT_PIN, UI_HIT_CONSOLE,
    UI_HIT_PROC_ROW,            /* index: the row */
    UI_HIT_PANEL,               /* index: enum ui_panel of the footer toggle */
    UI_HIT_TL_ZOOM_OUT, UI_HIT_TL_ZOOM_IN, UI_HIT_TL_BACK, UI_HIT_TL_FORWARD, UI_HIT_TL_LIVE,
    UI_HIT_TL_TRACK,            /* index: the lane */
    UI_HIT_STEP_INSN,           /* "Step insn": one instruction (shown while paused) */
};

/* The timeline's controls, left to right. */
enum ui_tl_control { UI_TL_CTL_ZOOM_OUT, UI_TL_CTL_ZOOM_IN, UI_TL_CTL_BACK, UI_TL_CTL_FORWARD,
                     UI_TL_CTL_LIVE, UI_TL_CONTROLS };

struct ui_layout {
    int w, h, pad, row_h;
    float scale;
    unsigned hidden;
    struct ui_rect toolbar, footer, board, procs, memory_view, timeline, console;  /* h 0: hidden */
    struct ui_rect pause, step, slower, speed, faster;  /* toolbar controls */
    struct ui_rect step_insn;                            /* w 0: not shown (running) */
    struct ui_rect cpu;                                  /* the CPU panel; h 0: not shown */
    struct ui_rect time;                                 /* virtual time readout */
    struct ui_rect leds_title, buttons_title, pins_title;
    struct ui_rect pins_legend;                          /* h == 0: no room */
    struct ui_rect memory;                               /* board's memory map box; h == 0: no room */
    struct ui_rect leds[UI_MAX_LEDS], buttons[UI_MAX_BUTTONS], pins[UI_MAX_PINS];
    unsigned nleds, nbuttons, npins, proc_rows;
    struct ui_rect rows[UI_MAX_ROWS];                    /* process table rows (h 0: no room) */
    struct ui_rect console_text;                         /* inside the console panel */
    struct ui_rect memory_body;                          /* inside the memory panel */
    struct ui_rect panel_toggles[UI_PANELS];             /* footer */
    struct ui_rect tl_controls[UI_TL_CONTROLS];
    struct ui_rect tl_labels, tl_track, tl_axis;         /* lane names, lanes, time axis */
    int lane_h;
    unsigned nlanes;
};

/* Computes the layout; counts above the UI_MAX_* limits are clipped. */
void ui_layout_compute(struct ui_layout *l, const struct ui_layout_input *in);
/* What lies under (x, y); *index is the LED/button/pin/row/panel/lane number where that applies. */
enum ui_control ui_layout_hit(const struct ui_layout *l, int x, int y, unsigned *index);
bool ui_rect_contains(struct ui_rect r, int x, int y);
/* Logical pixels to physical at the layout's scale. */
int ui_layout_px(const struct ui_layout *l, int logical);
/* The panel's name as the footer shows it. */
const char *ui_layout_panel_name(enum ui_panel p);

#endif
