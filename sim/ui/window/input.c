/* Keyboard and mouse in the board window. Two modes: normally keys are shortcuts (Space pause,
 * S step, I one instruction, -/+ speed, 1-9 hold buttons, Left/Right scroll the timeline); with the console focused (click it, or Tab) typed text
 * goes to UART0 as a terminal would send it (Enter = CR, Backspace = DEL) until Esc. F5 (pause),
 * F6 (step) and F7 (one instruction) work in both modes. A left click holds a button while the mouse button is down;
 * a right click latches it (pressed until the next right click). A click on a process row shows
 * its memory; the footer's toggles collapse panels; the timeline has zoom, scroll and live
 * buttons, follows a drag, and zooms under the wheel (Shift+wheel scrolls). */
#include "sim/ui/window/input.h"

static void send(struct ui_view *v, const char *s, size_t n)
{
    machine_console_input(v->m, (const uint8_t *)s, n);
    v->scroll = 0;                      /* typing follows the output */
}

static void scroll(struct ui_view *v, int lines)
{
    long s = (long)v->scroll + lines, max = (long)ui_console_count(&v->console) - 1;
    v->scroll = (unsigned)(s < 0 ? 0 : s > max ? max : s);
}

static void set_focus(struct ui_view *v, bool on)
{
    v->console_focus = on;
    if (on)
        SDL_StartTextInput();
    else
        SDL_StopTextInput();
}

/* Keys that mean the same in both modes. Returns true if handled. */
static bool common_key(struct ui_view *v, const SDL_KeyboardEvent *k, enum ui_action *act)
{
    int page = 10;
    switch (k->keysym.sym) {
    case SDLK_F5: v->paused = !v->paused; return true;
    case SDLK_F6: *act = UI_ACT_STEP; return true;
    case SDLK_F7: *act = UI_ACT_STEP_INSN; return true;
    case SDLK_PAGEUP: scroll(v, page); return true;
    case SDLK_PAGEDOWN: scroll(v, -page); return true;
    case SDLK_END: v->scroll = 0; return true;
    case SDLK_q:
        if (k->keysym.mod & KMOD_CTRL) {
            *act = UI_ACT_QUIT;
            return true;
        }
        return false;
    default: return false;
    }
}

/* Keys while the console has the focus: terminal bytes to the UART. */
static void console_key(struct ui_view *v, const SDL_KeyboardEvent *k)
{
    SDL_Keycode sym = k->keysym.sym;
    if (sym == SDLK_ESCAPE)
        set_focus(v, false);
    else if (sym == SDLK_RETURN || sym == SDLK_KP_ENTER)
        send(v, "\r", 1);
    else if (sym == SDLK_BACKSPACE)
        send(v, "\x7f", 1);
    else if (sym == SDLK_TAB)
        send(v, "\t", 1);
    else if ((k->keysym.mod & KMOD_CTRL) && sym >= SDLK_a && sym <= SDLK_z) {
        char c = (char)(sym - SDLK_a + 1);      /* Ctrl+C = 0x03 */
        send(v, &c, 1);
    }
}

static void shortcut_key(struct ui_view *v, const SDL_KeyboardEvent *k, enum ui_action *act)
{
    SDL_Keycode sym = k->keysym.sym;
    if (sym >= SDLK_1 && sym <= SDLK_9) {
        if (!k->repeat)
            ui_view_button(v, (unsigned)(sym - SDLK_1), k->type == SDL_KEYDOWN);
        return;
    }
    if (k->type != SDL_KEYDOWN)
        return;
    switch (sym) {
    case SDLK_SPACE: case SDLK_p: v->paused = !v->paused; break;
    case SDLK_s: case SDLK_PERIOD: *act = UI_ACT_STEP; break;
    case SDLK_i: *act = UI_ACT_STEP_INSN; break;
    case SDLK_MINUS: case SDLK_KP_MINUS: ui_view_speed_step(v, -1); break;
    case SDLK_PLUS: case SDLK_EQUALS: case SDLK_KP_PLUS: ui_view_speed_step(v, +1); break;
    case SDLK_TAB: case SDLK_RETURN: set_focus(v, true); break;
    case SDLK_LEFT: ui_tl_scroll(&v->tl, -0.25, ui_view_now_ns(v)); break;
    case SDLK_RIGHT: ui_tl_scroll(&v->tl, 0.25, ui_view_now_ns(v)); break;
    default: break;
    }
}

static enum ui_action key(struct ui_view *v, const SDL_KeyboardEvent *k)
{
    enum ui_action act = UI_ACT_NONE;
    if (k->type == SDL_KEYDOWN && common_key(v, k, &act))
        return act;
    if (v->console_focus) {
        if (k->type == SDL_KEYDOWN)
            console_key(v, k);
    } else {
        shortcut_key(v, k, &act);
    }
    return act;
}

/* The timeline's buttons: zoom out/in at the present, a third of the strip back/forward, live. */
static void timeline_control(struct ui_view *v, enum ui_control hit)
{
    uint64_t now = ui_view_now_ns(v), t0, t1;
    ui_tl_window(&v->tl, now, &t0, &t1);
    switch (hit) {
    case UI_HIT_TL_ZOOM_OUT: ui_tl_zoom(&v->tl, +1, now, t1); break;
    case UI_HIT_TL_ZOOM_IN: ui_tl_zoom(&v->tl, -1, now, t1); break;
    case UI_HIT_TL_BACK: ui_tl_scroll(&v->tl, -1.0 / 3, now); break;
    case UI_HIT_TL_FORWARD: ui_tl_scroll(&v->tl, 1.0 / 3, now); break;
    case UI_HIT_TL_LIVE: ui_tl_live(&v->tl); break;
    default: break;
    }
}

/* The virtual time under x in the timeline's track. */
static uint64_t track_time(const struct ui_view *v, int x)
{
    uint64_t t0, t1;
    ui_tl_window(&v->tl, ui_view_now_ns(v), &t0, &t1);
    const struct ui_rect *tr = &v->layout.tl_track;
    double frac = tr->w > 0 ? (double)(x - tr->x) / tr->w : 1;
    return t0 + (uint64_t)((frac < 0 ? 0 : frac > 1 ? 1 : frac) * (double)(t1 - t0));
}

/* Dragging the track moves the strip with the mouse. */
static void drag(struct ui_view *v, int x)
{
    if (!v->dragging || !v->layout.tl_track.w)
        return;
    double frac = (double)(v->drag_x - x) / v->layout.tl_track.w;
    if (frac != 0)
        ui_tl_scroll(&v->tl, frac, ui_view_now_ns(v));
    v->drag_x = x;
}

/* The wheel: over the timeline it zooms around the mouse (with Shift it scrolls), elsewhere it
 * scrolls the console. */
static void wheel(struct ui_view *v, int dy)
{
    if (!ui_rect_contains(v->layout.timeline, v->mouse_x, v->mouse_y) || dy == 0) {
        scroll(v, dy * 3);
        return;
    }
    uint64_t now = ui_view_now_ns(v);
    if (SDL_GetModState() & KMOD_SHIFT)
        ui_tl_scroll(&v->tl, dy > 0 ? -0.1 : 0.1, now);
    else
        ui_tl_zoom(&v->tl, dy > 0 ? -1 : +1, now, track_time(v, v->mouse_x));
}

/* A click on the process table, the footer's toggles or the timeline. */
static void panel_click(struct ui_view *v, enum ui_control hit, unsigned idx, int x)
{
    if (hit == UI_HIT_PROC_ROW && idx < v->procs.n)
        ui_view_select(v, v->procs.rows[idx].slot);
    else if (hit == UI_HIT_PANEL && idx < UI_PANELS)
        v->hidden ^= 1u << idx;
    else if (hit == UI_HIT_TL_TRACK) {
        v->dragging = true;
        v->drag_x = x;
    } else
        timeline_control(v, hit);
}

static enum ui_action mouse_down(struct ui_view *v, int x, int y)
{
    unsigned idx = 0;
    enum ui_control hit = ui_layout_hit(&v->layout, x, y, &idx);
    if (hit != UI_HIT_CONSOLE && v->console_focus)
        set_focus(v, false);
    switch (hit) {
    case UI_HIT_PAUSE: v->paused = !v->paused; break;
    case UI_HIT_STEP: return UI_ACT_STEP;
    case UI_HIT_STEP_INSN: return UI_ACT_STEP_INSN;
    case UI_HIT_SLOWER: ui_view_speed_step(v, -1); break;
    case UI_HIT_FASTER: ui_view_speed_step(v, +1); break;
    case UI_HIT_BUTTON:
        ui_view_button(v, idx, true);
        v->mouse_button = (int)idx;
        break;
    case UI_HIT_PIN: ui_view_toggle_pin(v, idx); break;
    case UI_HIT_CONSOLE: set_focus(v, true); break;
    case UI_HIT_NONE: break;
    default: panel_click(v, hit, idx, x); break;
    }
    return UI_ACT_NONE;
}

/* A right click on a button holds it down until the next right click. */
static void latch(struct ui_view *v, int x, int y)
{
    unsigned idx = 0;
    if (ui_layout_hit(&v->layout, x, y, &idx) == UI_HIT_BUTTON)
        ui_view_button(v, idx, !((v->buttons_down >> idx) & 1));
}

enum ui_action ui_input_event(struct ui_view *v, const SDL_Event *e, float scale)
{
    switch (e->type) {
    case SDL_QUIT:
        return UI_ACT_QUIT;
    case SDL_KEYDOWN: case SDL_KEYUP:
        return key(v, &e->key);
    case SDL_TEXTINPUT:
        if (v->console_focus)
            send(v, e->text.text, SDL_strlen(e->text.text));
        return UI_ACT_NONE;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.button == SDL_BUTTON_LEFT)
            return mouse_down(v, (int)(e->button.x * scale), (int)(e->button.y * scale));
        if (e->button.button == SDL_BUTTON_RIGHT)
            latch(v, (int)(e->button.x * scale), (int)(e->button.y * scale));
        return UI_ACT_NONE;
    case SDL_MOUSEBUTTONUP:
        if (e->button.button == SDL_BUTTON_LEFT && v->mouse_button >= 0) {
            ui_view_button(v, (unsigned)v->mouse_button, false);
            v->mouse_button = -1;
        }
        v->dragging = false;
        return UI_ACT_NONE;
    case SDL_MOUSEMOTION:
        v->mouse_x = (int)(e->motion.x * scale);
        v->mouse_y = (int)(e->motion.y * scale);
        drag(v, v->mouse_x);
        return UI_ACT_NONE;
    case SDL_MOUSEWHEEL:
        wheel(v, e->wheel.y);
        return UI_ACT_NONE;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_FOCUS_LOST)
            ui_view_release_all(v);     /* key-up events go elsewhere now: let go of every button */
        if (e->window.event == SDL_WINDOWEVENT_LEAVE)
            v->mouse_x = v->mouse_y = -1;
        return UI_ACT_NONE;
    default:
        return UI_ACT_NONE;
    }
}
