/* Unit tests: the window's view of a machine and its keyboard/mouse handling (no display:
 * SDL events are built by hand and the layout is computed for a 1100 x 720 window). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim/core/machine.h"
#include "sim/ui/window/input.h"
#include "sim/ui/window/png.h"
#include "sim/ui/view.h"
#include "sim/ui/window/window.h"

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

/* Two processes as the kernel would report them, and the layout redone with their rows. */
static void two_processes(void)
{
    const char *names[2] = { "blink", "hello" };
    for (unsigned i = 0; i < 2; i++) {
        struct proc_event e = { .kind = PROC_CREATED, .slot = i, .pid = i };
        strcpy(e.name, names[i]);
        machine_process_event(m, &e);
        e.kind = PROC_LAYOUT;
        e.layout = (struct proc_layout){ .flash_start = 0x40000 + 0x1000 * i, .flash_size = 0x1000,
                                         .app_start = 0x40050 + 0x1000 * i, .ram_start = 0x20002000 + 0x2000 * i,
                                         .ram_size = 0x2000, .app_break = 0x20002800 + 0x2000 * i,
                                         .mpu_break = 0x20002800 + 0x2000 * i, .kernel_break = 0x20003f00 + 0x2000 * i,
                                         .grant_top = 0x20003f40 + 0x2000 * i };
        machine_process_event(m, &e);
    }
    struct ui_layout_input in = { .w = 1100, .h = 720, .scale = 1, .leds = machine_num_leds(m),
                                  .buttons = machine_num_buttons(m), .pins = machine_num_pins(m), .procs = 2,
                                  .text_h = 17, .hidden = v->hidden };
    ui_layout_compute(&v->layout, &in);
}

static void wheel_at(int x, int y, int dy)
{
    SDL_Event e = { 0 };
    e.type = SDL_MOUSEMOTION;
    e.motion.x = x;
    e.motion.y = y;
    ui_input_event(v, &e, 1);
    memset(&e, 0, sizeof(e));
    e.type = SDL_MOUSEWHEEL;
    e.wheel.y = dy;
    ui_input_event(v, &e, 1);
}

/* A click on a process row shows its memory; the footer's toggles collapse panels; the
 * timeline's buttons zoom, scroll back and return to the present; the wheel zooms under the
 * mouse and a drag moves the strip. */
START_TEST(test_panel_clicks_select_collapse_and_scroll)
{
    two_processes();
    ck_assert_str_eq(ui_procs_selected(&v->procs)->name, "blink");
    click(v->layout.rows[1], true);
    click(v->layout.rows[1], false);
    ck_assert_str_eq(ui_procs_selected(&v->procs)->name, "hello");
    click(v->layout.panel_toggles[UI_PANEL_MEMORY], true);
    ck_assert_uint_eq(v->hidden, 1u << UI_PANEL_MEMORY);
    click(v->layout.panel_toggles[UI_PANEL_MEMORY], true);
    ck_assert_uint_eq(v->hidden, 0);
    m->clock.now = clock_cycles_from_ns(&m->clock, 3000000000ull);     /* 3 s in */
    click(v->layout.tl_controls[UI_TL_CTL_BACK], true);
    ck_assert(!v->tl.follow);
    ck_assert(v->tl.end_ns + 1 >= 2666666666ull && v->tl.end_ns <= 2666666667ull);  /* a third back */
    click(v->layout.tl_controls[UI_TL_CTL_LIVE], true);
    ck_assert(v->tl.follow);
    click(v->layout.tl_controls[UI_TL_CTL_ZOOM_IN], true);
    ck_assert_uint_eq(v->tl.span_ns, 500000000ull);
    struct ui_rect tr = v->layout.tl_track;
    wheel_at(tr.x + tr.w / 2, tr.y + 2, 1);                             /* zoom in around the middle */
    ck_assert_uint_eq(v->tl.span_ns, 200000000ull);
    ck_assert(!v->tl.follow);
    ck_assert_uint_eq(v->tl.end_ns, 2750000000ull + 100000000ull);
    click((struct ui_rect){ tr.x + tr.w / 2, tr.y, 1, 1 }, true);       /* drag right: back in time */
    SDL_Event e = { 0 };
    e.type = SDL_MOUSEMOTION;
    e.motion.x = tr.x + tr.w / 2 + tr.w / 4;
    e.motion.y = tr.y;
    ui_input_event(v, &e, 1);
    ck_assert(v->tl.end_ns > 2799000000ull && v->tl.end_ns < 2801000000ull);    /* a quarter span back */
    click((struct ui_rect){ tr.x, tr.y, 1, 1 }, false);
    ck_assert(!v->dragging);
}
END_TEST

/* The observers feed the timeline: a switch runs the process, an exception from it the kernel;
 * a fault the CPU saw and the kernel then reported gets the registers and its region. */
START_TEST(test_watch_feeds_timeline_and_faults)
{
    two_processes();
    struct proc_event e = { .kind = PROC_SWITCH, .slot = 1, .pid = 1 };
    machine_process_event(m, &e);
    ck_assert_uint_eq(ui_tl_running_at(&v->tl, 0), 2);                 /* lane of slot 1 */
    struct cpu_exception x = { .number = 4, .cls = CPU_EXC_FAULT, .from_thread = true, .pc = 0x41080, .nregs = 17 };
    x.regs[0] = 0x27;
    machine_exception(m, &x);
    ck_assert_uint_eq(ui_tl_running_at(&v->tl, 0), UI_TL_KERNEL);
    e = (struct proc_event){ .kind = PROC_FAULT, .slot = 1, .pid = 1, .fault_kind = "mpu", .fault_addr = 0 };
    machine_process_event(m, &e);
    const struct ui_fault *f = ui_procs_fault(ui_procs_row(&v->procs, 1), 0);
    ck_assert(f->have_cpu);
    ck_assert_uint_eq(f->pc, 0x41080);
    ck_assert_uint_eq(f->regs[0], 0x27);
    ck_assert_str_eq(f->region, "outside: kernel flash");
    e.fault_addr = 0x20004010;                                          /* in its own Data... */
    machine_process_event(m, &e);
    f = ui_procs_fault(ui_procs_row(&v->procs, 1), 0);
    ck_assert(!f->have_cpu);                                            /* no CPU fault to match */
    ck_assert_str_eq(f->region, "App memory (offset 16)");
    e.fault_addr = 0x20002010;                                          /* ...or blink's */
    machine_process_event(m, &e);
    ck_assert_str_eq(ui_procs_fault(ui_procs_row(&v->procs, 1), 0)->region, "outside: blink's memory");
    ck_assert_uint_eq(ui_tl_count(&v->tl, 2, UI_TL_FAULT, 0, 1), 3);
    ck_assert_uint_eq(ui_tl_count(&v->tl, 2, UI_TL_SWITCH, 0, 1), 1);
}
END_TEST

/* Pixels of colour (r, g, b) in rect of img. */
static size_t count_color(const struct ui_image *img, struct ui_rect r, uint8_t cr, uint8_t cg, uint8_t cb)
{
    size_t n = 0;
    for (int y = r.y; y < r.y + r.h && y < img->h; y++)
        for (int x = r.x; x < r.x + r.w && x < img->w; x++) {
            const uint8_t *p = ui_image_pixel(img, x, y);
            n += p[0] == cr && p[1] == cg && p[2] == cb;
        }
    return n;
}

/* The memory view follows the kernel's reports: an allowed buffer appears as a band in its
 * driver's colour, a larger break grows the heap; a withdrawn buffer disappears. */
START_TEST(test_memory_view_follows_allows_and_brk)
{
    struct ui_image before, allowed, grown, withdrawn;
    two_processes();
    struct proc_event e = { .kind = PROC_LAYOUT, .slot = 0, .pid = 0, .name = "blink" };
    e.layout = ui_procs_row(&v->procs, 0)->layout;
    e.layout.stack_start = e.layout.ram_start + 0x400;
    e.layout.heap_start = e.layout.ram_start + 0x480;
    machine_process_event(m, &e);
    shot(&before);
    struct proc_event a = { .kind = PROC_ALLOW, .slot = 0, .pid = 0, .allow = { 1, 4, 1, 0x20002500, 0x200 } };
    machine_process_event(m, &a);
    shot(&allowed);
    struct ui_rect body = v->layout.memory_body;
    ck_assert_uint_eq(count_color(&before, body, 0x4b, 0xd6, 0xf2), 0);     /* driver 1's colour */
    ck_assert_uint_gt(count_color(&allowed, body, 0x4b, 0xd6, 0xf2), 100);
    size_t heap = count_color(&allowed, body, 0x4f, 0x9a, 0x4a);
    e.layout.app_break += 0x400;                                            /* sbrk(1024) */
    e.layout.mpu_break = e.layout.app_break;
    machine_process_event(m, &e);
    shot(&grown);
    ck_assert_uint_gt(count_color(&grown, body, 0x4f, 0x9a, 0x4a), heap + 500);
    a.allow.len = 0;
    machine_process_event(m, &a);
    shot(&withdrawn);
    ck_assert_uint_eq(count_color(&withdrawn, body, 0x4b, 0xd6, 0xf2), 0);
    ui_image_free(&before);
    ui_image_free(&allowed);
    ui_image_free(&grown);
    ui_image_free(&withdrawn);
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
    tcase_add_test(tc, test_panel_clicks_select_collapse_and_scroll);
    tcase_add_test(tc, test_watch_feeds_timeline_and_faults);
    tcase_add_test(tc, test_memory_view_follows_allows_and_brk);
    suite_add_tcase(s, tc);
    return s;
}
