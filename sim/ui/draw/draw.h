/* Draws one frame of the board window from the view's state. */
#ifndef SIM_UI_DRAW_H
#define SIM_UI_DRAW_H

#include <SDL.h>

#include "sim/ui/draw/text.h"
#include "sim/ui/view.h"

/* Lays out v for a w x h (physical pixels) target at the given scale, into v->layout. */
void ui_draw_layout(struct ui_view *v, struct ui_text *t, int w, int h, float scale);
/* Draws the whole window with v->layout (call ui_draw_layout first). */
void ui_draw_frame(SDL_Renderer *r, struct ui_text *t, struct ui_view *v);

struct ui_net;
/* The network view (sim/ui/net.h): its layout for a w x h target, then the frame at virtual time
 * now with a status text; ctl holds the controls (pause, speed), NULL for none. */
void ui_draw_net_layout(struct ui_net *net, struct ui_text *t, int w, int h, float scale);
void ui_draw_net_frame(SDL_Renderer *r, struct ui_text *t, struct ui_net *net, uint64_t now, const char *status,
                       struct ui_view *ctl);

/* The live window's way back from a board to the network: a button over the board view's title
 * (left of the toolbar, layout l), labelled with the board's name; returns where it is. */
struct ui_rect ui_draw_back_button(SDL_Renderer *r, struct ui_text *t, const struct ui_layout *l, const char *name);

/* Colours of an LED as drawn (the screenshot test checks these). */
extern const SDL_Color ui_draw_led_on, ui_draw_led_off;
/* The colour of a context switch on the timeline (the screenshot test counts these). */
extern const SDL_Color ui_draw_switch_color;

#endif
