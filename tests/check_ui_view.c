/* Unit tests: the window's view of a machine and its keyboard/mouse handling (no display:
 * SDL events are built by hand and the layout is computed for a 1100 x 720 window). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim/core/machine.h"
#include "sim/ui/input.h"
#include "sim/ui/png.h"
#include "sim/ui/view.h"
#include "sim/ui/window.h"

static struct machine *m;
static struct ui_view *v;

static void setup(void)
{
    char err[200];
    struct machine_config cfg = { .board = "cm4" };
    m = machine_create(&cfg, err, sizeof(err));
    ck_assert_msg(m != NULL, "%s", err);
    v = ui_view_create(m);
    ck_assert_ptr_nonnull(v);
    struct ui_layout_input in = { .w = 1100, .h = 720, .scale = 1, .leds = machine_num_leds(m),
                                  .buttons = machine_num_buttons(m), .pins = machine_num_pins(m), .text_h = 17 };
    ui_layout_compute(&v->layout, &in);
}

static void teardown(void)
{
    ui_view_destroy(v);
    machine_destroy(m);
}

static enum ui_action key(SDL_Keycode sym, bool down, Uint16 mod)
{
    SDL_Event e = { 0 };
    e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
    e.key.type = e.type;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    return ui_input_event(v, &e, 1);
}

static enum ui_action mouse(struct ui_rect r, bool down, Uint8 button)
{
    SDL_Event e = { 0 };
    e.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
    e.button.button = button;
    e.button.x = r.x + r.w / 2;
    e.button.y = r.y + r.h / 2;
    return ui_input_event(v, &e, 1);
}

static enum ui_action click(struct ui_rect r, bool down)
{
    return mouse(r, down, SDL_BUTTON_LEFT);
}

START_TEST(test_observer_records_console_and_detaches)
{
    ck_assert_ptr_eq(ui_view_of(m), v);
    int n = m->nobservers;
    machine_console_write(m, "boot ok\n", 8);
    unsigned len;
    const char *s = ui_console_line(&v->console, 0, &len);
    ck_assert_uint_eq(len, 7);
    ck_assert_mem_eq(s, "boot ok", 7);
    struct proc_event e = { .kind = PROC_CREATED, .slot = 0, .name = "blink" };
    machine_process_event(m, &e);
    ck_assert_uint_eq(v->procs.n, 1);
    ui_view_destroy(v);
    ck_assert_int_eq(m->nobservers, n - 2);     /* the view and its system call decoder */
    ck_assert_ptr_null(ui_view_of(m));
    machine_console_write(m, "after\n", 6);     /* nobody listening: no crash */
    v = ui_view_create(m);
}
END_TEST

START_TEST(test_speed_table)
{
    char buf[16];
    ck_assert(ui_view_speed(v) == 1.0);
    ui_view_speed_label(v, buf, sizeof(buf));
    ck_assert_str_eq(buf, "1\u00d7");
    key(SDLK_PLUS, true, 0);
    ck_assert(ui_view_speed(v) == 2.0);
    key(SDLK_MINUS, true, 0);
    key(SDLK_MINUS, true, 0);
    ck_assert(ui_view_speed(v) == 0.5);
    v->speed_idx = ui_view_speed_index(3);      /* nearest on a log scale: 2 (not 5) */
    ck_assert(ui_view_speed(v) == 2.0);
    v->speed_idx = ui_view_speed_index(0);      /* 0: real time */
    ck_assert(ui_view_speed(v) == 1.0);
    for (int i = 0; i < 30; i++)
        ui_view_speed_step(v, +1);
    ck_assert(isinf(ui_view_speed(v)));
    ui_view_speed_label(v, buf, sizeof(buf));
    ck_assert_str_eq(buf, "max");
    for (int i = 0; i < 30; i++)
        ui_view_speed_step(v, -1);
    ck_assert(ui_view_speed(v) == 0.01);
}
END_TEST

START_TEST(test_keys_hold_buttons_and_control_the_run)
{
    key(SDLK_2, true, 0);
    ck_assert_uint_eq(v->buttons_down, 2);
    key(SDLK_9, true, 0);                       /* cm4 has 2 buttons: ignored */
    ck_assert_uint_eq(v->buttons_down, 2);
    key(SDLK_2, false, 0);
    ck_assert_uint_eq(v->buttons_down, 0);
    ck_assert(!v->paused);
    key(SDLK_SPACE, true, 0);
    ck_assert(v->paused);
    ck_assert_int_eq(key(SDLK_s, true, 0), UI_ACT_STEP);
    ck_assert_int_eq(key(SDLK_q, true, 0), UI_ACT_NONE);
    ck_assert_int_eq(key(SDLK_q, true, KMOD_LCTRL), UI_ACT_QUIT);
}
END_TEST

START_TEST(test_console_focus_sends_keys_to_the_uart)
{
    key(SDLK_TAB, true, 0);
    ck_assert(v->console_focus);
    key(SDLK_1, true, 0);                       /* typed, not a button */
    ck_assert_uint_eq(v->buttons_down, 0);
    key(SDLK_SPACE, true, 0);
    ck_assert(!v->paused);
    ck_assert_int_eq(key(SDLK_F6, true, 0), UI_ACT_STEP);   /* F-keys work in both modes */
    key(SDLK_ESCAPE, true, 0);
    ck_assert(!v->console_focus);
    click(v->layout.console, true);
    ck_assert(v->console_focus);
    click(v->layout.board, true);
    ck_assert(!v->console_focus);
}
END_TEST

START_TEST(test_mouse_buttons_pins_and_controls)
{
    click(v->layout.buttons[0], true);
    ck_assert_uint_eq(v->buttons_down, 1);
    ck_assert_int_eq(v->mouse_button, 0);
    click(v->layout.buttons[0], false);
    ck_assert_uint_eq(v->buttons_down, 0);
    mouse(v->layout.buttons[1], true, SDL_BUTTON_RIGHT);      /* right click latches */
    mouse(v->layout.buttons[1], false, SDL_BUTTON_RIGHT);
    ck_assert_uint_eq(v->buttons_down, 2);
    mouse(v->layout.buttons[1], true, SDL_BUTTON_RIGHT);
    ck_assert_uint_eq(v->buttons_down, 0);
    ck_assert(!machine_pin(m, 20));
    click(v->layout.pins[20], true);            /* pins reset as inputs: the level follows */
    ck_assert_uint_eq(v->driven, 1u << 20);
    ck_assert(machine_pin(m, 20));
    click(v->layout.pins[20], true);
    ck_assert(!machine_pin(m, 20));
    click(v->layout.pause, true);
    ck_assert(v->paused);
    ck_assert_int_eq(click(v->layout.step, true), UI_ACT_STEP);
    click(v->layout.faster, true);
    ck_assert(ui_view_speed(v) == 2.0);
    click(v->layout.buttons[1], true);          /* focus lost while held: released */
    SDL_Event e = { 0 };
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_FOCUS_LOST;
    ui_input_event(v, &e, 1);
    ck_assert_uint_eq(v->buttons_down, 0);
}
END_TEST

/* The window's picture of m now, as a screenshot read back. */
static void shot(struct ui_image *img)
{
    char path[64], err[300];
    snprintf(path, sizeof(path), "/tmp/check_ui_view.%d.png", (int)getpid());
    ck_assert_msg(ui_screenshot(m, path, err, sizeof(err)), "%s", err);
    ck_assert_msg(ui_png_read(path, img, err, sizeof(err)), "%s", err);
    unlink(path);
}

static bool inside(struct ui_rect r, int x, int y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

/* Pixels that differ between a and b: all of them, and those inside r. */
static void count_changes(const struct ui_image *a, const struct ui_image *b, struct ui_rect r,
                          size_t *all, size_t *in_r)
{
    *all = *in_r = 0;
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++)
            if (memcmp(ui_image_pixel(a, x, y), ui_image_pixel(b, x, y), 3)) {
                ++*all;
                *in_r += inside(r, x, y);
            }
}

/* A button held by someone else than the window (a scenario's `press`, the terminal) is drawn
 * held: the window used to draw only the buttons it held itself. */
START_TEST(test_held_buttons_are_drawn_held_whoever_holds_them)
{
    struct ui_image up, down, again;
    size_t all, in_button, in_board;
    shot(&up);
    machine_press_button(m, 0, true);
    shot(&down);
    ck_assert_uint_eq(v->buttons_down, 0);          /* not the window's own hold */
    count_changes(&up, &down, v->layout.buttons[0], &all, &in_button);
    ck_assert_msg(in_button > 100, "only %zu pixels of BTN0 changed when it was pressed", in_button);
    count_changes(&up, &down, v->layout.board, &all, &in_board);
    ck_assert_uint_eq(all, in_board);       /* the button and the GPIO pin it drives, no more */
    machine_press_button(m, 0, false);
    shot(&again);
    count_changes(&up, &again, v->layout.buttons[0], &all, &in_button);
    ck_assert_uint_eq(all, 0);
    ui_image_free(&up);
    ui_image_free(&down);
    ui_image_free(&again);
}
END_TEST

Suite *ui_view_suite(void)
{
    Suite *s = suite_create("ui_view");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_observer_records_console_and_detaches);
    tcase_add_test(tc, test_speed_table);
    tcase_add_test(tc, test_keys_hold_buttons_and_control_the_run);
    tcase_add_test(tc, test_console_focus_sends_keys_to_the_uart);
    tcase_add_test(tc, test_mouse_buttons_pins_and_controls);
    tcase_add_test(tc, test_held_buttons_are_drawn_held_whoever_holds_them);
    suite_add_tcase(s, tc);
    return s;
}
