/* What the window does with keyboard and mouse input. */
#ifndef SIM_UI_INPUT_H
#define SIM_UI_INPUT_H

#include <SDL.h>

#include "sim/ui/view.h"

enum ui_action { UI_ACT_NONE, UI_ACT_QUIT, UI_ACT_STEP, UI_ACT_STEP_INSN };

/* Handles one SDL event: controls, buttons, pins, console focus, typing and scrolling act on v
 * directly; quitting and stepping are returned for the run loop. scale converts window
 * coordinates to the physical pixels of v->layout. */
enum ui_action ui_input_event(struct ui_view *v, const SDL_Event *e, float scale);

#endif
