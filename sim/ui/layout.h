/* Where everything goes in the window, for a given size and scale; and what a click hits. */
#ifndef SIM_UI_LAYOUT_H
#define SIM_UI_LAYOUT_H

#include <stdbool.h>

#define UI_MAX_LEDS    16
#define UI_MAX_BUTTONS 9        /* keys 1..9 */
#define UI_MAX_PINS    32

struct ui_rect {
    int x, y, w, h;
};

/* What the layout depends on. Sizes are in physical pixels; scale is physical per logical. */
struct ui_layout_input {
    int w, h;
    float scale;
    unsigned leds, buttons, pins, procs;
    int text_h;                 /* height of a line of text (font ascent + descent) */
};

enum ui_control {
    UI_HIT_NONE, UI_HIT_PAUSE, UI_HIT_STEP, UI_HIT_SLOWER, UI_HIT_FASTER,
    UI_HIT_BUTTON, UI_HIT_PIN, UI_HIT_CONSOLE,
};

struct ui_layout {
    int w, h, pad, row_h;
    float scale;
    struct ui_rect toolbar, footer, board, procs, console;
    struct ui_rect pause, step, slower, speed, faster;  /* toolbar controls */
    struct ui_rect time;                                 /* virtual time readout */
    struct ui_rect leds_title, buttons_title, pins_title;
    struct ui_rect pins_legend;                          /* h == 0: no room */
    struct ui_rect memory;                               /* memory map box; h == 0: no room */
    struct ui_rect leds[UI_MAX_LEDS], buttons[UI_MAX_BUTTONS], pins[UI_MAX_PINS];
    unsigned nleds, nbuttons, npins, proc_rows;
    struct ui_rect console_text;                         /* inside the console panel */
};

/* Computes the layout; counts above the UI_MAX_* limits are clipped. */
void ui_layout_compute(struct ui_layout *l, const struct ui_layout_input *in);
/* What lies under (x, y); *index is the LED/button/pin number where that applies. */
enum ui_control ui_layout_hit(const struct ui_layout *l, int x, int y, unsigned *index);
bool ui_rect_contains(struct ui_rect r, int x, int y);
/* Logical pixels to physical at the layout's scale. */
int ui_layout_px(const struct ui_layout *l, int logical);

#endif
