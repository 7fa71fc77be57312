/* ui_demo: the board window without the tocksim command line, and the screenshot test's tool.
 *
 *   ui_demo --kernel K.elf [--app A.tbf ...] [--speed F] [--paused] [--until T] [--fake-procs]
 *           [--size WxH] [--echo]
 *       opens the window (needs a display); --echo copies the console to stdout; at the end
 *       prints the final LED states and where LEDs, buttons and console were drawn
 *   ui_demo --kernel K.elf [--app A.tbf ...] --until T --screenshot OUT.png [--fake-procs]
 *           [--size WxH] [--scale S] [--select NAME] [--timeline SPAN[@END]] [--hide P,P]
 *           [--hover X,Y] [--trace FILE.jsonl] [--board rv32] [--step-insns N]
 *       runs headless to virtual time T, writes the window's picture, and prints where things
 *       are: "led N on|off X Y W H", "button N X Y W H", "console X Y W H", "row I SLOT NAME X Y
 *       W H" (process table), "memory X Y W H" (the memory view's body), "timeline T0 T1 X Y W
 *       H" (the strip's window in ns and its track), "lane I SLOT NAME Y H" (SLOT -1: the
 *       kernel), "toggle PANEL X Y W H", "tlcontrol I X Y W H", "fault SLOT KIND ADDR pc PC
 *       <SYMBOL> REGION" (each process's latest), "selected SLOT NAME",
 *       "tlstate follow|scrolled SPAN_NS"
 *   ui_demo --pixel FILE.png X Y
 *       prints the pixel's colour as "R G B"
 *   ui_demo --compare FILE.png REF.png TOLERANCE CHANNEL_TOLERANCE
 *       compares two pictures as a scenario's screenshot "compare" does; exit 0 if they match
 *
 * --select shows that process in the memory view; --timeline sets the strip's span and right
 * edge (default: the present); --hide collapses panels (board, processes, memory, timeline,
 * console); --hover puts the mouse there (logical pixels); --trace writes the JSON-lines trace;
 * --step-insns N pauses at T and steps N instructions as the window's "Step insn" does (the CPU
 * panel shows), and prints "cpu PC <WHERE>", each disassembly line as "insn >|- ADDR TEXT" and
 * each register as "reg NAME VALUE changed|same".
 *
 * --fake-procs feeds the process table invented events (every app running, "fault-*" apps with
 * an MPU fault) to show the table before the kernel reports its processes itself.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/units.h"
#include "sim/core/loader.h"
#include "sim/core/machine.h"
#include "sim/ui/window/window.h"
#include "sim/ui/window/png.h"
#include "sim/ui/view.h"

#define MAX_APPS 8

struct demo {
    const char *board, *kernel, *screenshot, *apps[MAX_APPS], *trace;
    int napps, step_insns;
    uint64_t until_ns;
    double speed;
    int width, height;
    float scale;
    bool paused, fake_procs, echo;
    struct ui_shot shot;            /* --select, --timeline, --hide, --hover */
};

/* --timeline SPAN[@END] and --hide board,console: the view a screenshot shows. */
static bool parse_view(const char *a, const char *val, struct demo *d)
{
    char why[200], span[64], *at;
    if (!strcmp(a, "--timeline")) {
        snprintf(span, sizeof(span), "%s", val);
        if ((at = strchr(span, '@')) != NULL)
            *at++ = '\0';
        if (units_parse_time(span, &d->shot.span_ns, why, sizeof(why)) != UNITS_OK ||
            (at && units_parse_time(at, &d->shot.end_ns, why, sizeof(why)) != UNITS_OK)) {
            fprintf(stderr, "ui_demo: --timeline SPAN[@END]: %s\n", why);
            return false;
        }
        return true;
    }
    char list[256];
    snprintf(list, sizeof(list), "%s", val);
    for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
        if (!ui_panel_bit(tok)) {
            fprintf(stderr, "ui_demo: --hide: unknown panel %s\n", tok);
            return false;
        }
        d->shot.hide |= ui_panel_bit(tok);
    }
    return true;
}

static int pixel(int argc, char **argv)
{
    struct ui_image img;
    char err[300];
    if (argc != 5) {
        fprintf(stderr, "usage: ui_demo --pixel FILE.png X Y\n");
        return 2;
    }
    if (!ui_png_read(argv[2], &img, err, sizeof(err))) {
        fprintf(stderr, "ui_demo: %s\n", err);
        return 1;
    }
    int x = atoi(argv[3]), y = atoi(argv[4]);
    if (x < 0 || y < 0 || x >= img.w || y >= img.h) {
        fprintf(stderr, "ui_demo: (%d, %d) is outside the %dx%d image\n", x, y, img.w, img.h);
        ui_image_free(&img);
        return 1;
    }
    const uint8_t *p = ui_image_pixel(&img, x, y);
    printf("%u %u %u\n", p[0], p[1], p[2]);
    ui_image_free(&img);
    return 0;
}

static int compare(int argc, char **argv)
{
    char msg[300];
    if (argc != 6) {
        fprintf(stderr, "usage: ui_demo --compare FILE.png REF.png TOLERANCE CHANNEL_TOLERANCE\n");
        return 2;
    }
    bool same = ui_screenshot_compare(argv[2], argv[3], atof(argv[4]), atoi(argv[5]), msg, sizeof(msg));
    printf("%s\n", msg);
    return same ? 0 : 1;
}

static bool parse(int argc, char **argv, struct demo *d)
{
    *d = (struct demo){ .board = "cm4", .speed = 1 };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = strcmp(a, "--paused") && strcmp(a, "--fake-procs") && strcmp(a, "--echo");
        if (takes && !val) {
            fprintf(stderr, "ui_demo: %s needs a value\n", a);
            return false;
        }
        if (!strcmp(a, "--board")) d->board = val;
        else if (!strcmp(a, "--kernel")) d->kernel = val;
        else if (!strcmp(a, "--app") && d->napps < MAX_APPS) d->apps[d->napps++] = val;
        else if (!strcmp(a, "--screenshot")) d->screenshot = val;
        else if (!strcmp(a, "--speed")) d->speed = atof(val);
        else if (!strcmp(a, "--scale")) d->scale = strtof(val, NULL);
        else if (!strcmp(a, "--select")) d->shot.select = val;
        else if (!strcmp(a, "--trace")) d->trace = val;
        else if (!strcmp(a, "--step-insns")) d->step_insns = atoi(val);
        else if (!strcmp(a, "--timeline") || !strcmp(a, "--hide")) {
            if (!parse_view(a, val, d)) return false;
        } else if (!strcmp(a, "--hover")) {
            if (sscanf(val, "%d,%d", &d->shot.hover_x, &d->shot.hover_y) != 2) { fprintf(stderr, "ui_demo: --hover X,Y\n"); return false; }
        }
        else if (!strcmp(a, "--size")) {
            if (sscanf(val, "%dx%d", &d->width, &d->height) != 2) { fprintf(stderr, "ui_demo: --size WxH\n"); return false; }
        }
        else if (!strcmp(a, "--until")) {
            char why[200];
            if (units_parse_time(val, &d->until_ns, why, sizeof(why)) != UNITS_OK) { fprintf(stderr, "ui_demo: --until: %s\n", why); return false; }
        } else if (!strcmp(a, "--paused")) d->paused = true;
        else if (!strcmp(a, "--fake-procs")) d->fake_procs = true;
        else if (!strcmp(a, "--echo")) d->echo = true;
        else { fprintf(stderr, "ui_demo: unknown option %s (see tests/ui_demo.c)\n", a); return false; }
        i += takes;
    }
    if (!d->kernel)
        fprintf(stderr, "ui_demo: --kernel FILE.elf is required\n");
    return d->kernel != NULL;
}

static struct machine *boot(const struct demo *d)
{
    char err[512];
    struct machine_config cfg = { .board = d->board, .seed = 1 };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    if (!m || !machine_load_images(m, d->kernel, (char *const *)d->apps, d->napps, err, sizeof(err))) {
        fprintf(stderr, "ui_demo: %s\n", err);
        machine_destroy(m);
        return NULL;
    }
    if (d->trace && !(m->trace.jsonl = fopen(d->trace, "w"))) {
        fprintf(stderr, "ui_demo: %s: cannot write\n", d->trace);
        machine_destroy(m);
        return NULL;
    }
    machine_reset(m);
    return m;
}

/* Invented process events: what the table shows once the kernel reports them. */
static void fake_procs(struct machine *m, const struct demo *d)
{
    for (int i = 0; i < d->napps; i++) {
        struct proc_event e = { .kind = PROC_CREATED, .pid = (unsigned)i, .slot = (unsigned)i };
        const char *base = strrchr(d->apps[i], '/') ? strrchr(d->apps[i], '/') + 1 : d->apps[i];
        snprintf(e.name, sizeof(e.name), "%.*s", (int)strcspn(base, "."), base);
        machine_process_event(m, &e);
        e.kind = PROC_STATE;
        e.state = PROC_YIELDED;
        machine_process_event(m, &e);
        if (!strncmp(e.name, "fault", 5)) {
            e.kind = PROC_FAULT;
            snprintf(e.fault_kind, sizeof(e.fault_kind), "mpu");
            machine_process_event(m, &e);
        }
    }
}

/* The process table, memory view, timeline and toggles as drawn, and the view's state. */
static void print_panels(struct machine *m)
{
    struct ui_view *v = ui_view_of(m);
    const struct ui_layout *l = &v->layout;
    for (unsigned i = 0; i < v->procs.n && i < UI_MAX_ROWS; i++)
        printf("row %u %u %s %d %d %d %d\n", i, v->procs.rows[i].slot, v->procs.rows[i].name, l->rows[i].x,
               l->rows[i].y, l->rows[i].w, l->rows[i].h);
    printf("memory %d %d %d %d\n", l->memory_body.x, l->memory_body.y, l->memory_body.w, l->memory_body.h);
    for (unsigned i = 0; i < l->nlanes; i++)
        printf("lane %u %d %s %d %d\n", i, i ? (int)v->procs.rows[i - 1].slot : -1,
               i ? v->procs.rows[i - 1].name : "kernel", l->tl_track.y + (int)i * l->lane_h, l->lane_h);
    for (int i = 0; i < UI_PANELS; i++)
        printf("toggle %s %d %d %d %d\n", ui_layout_panel_name((enum ui_panel)i), l->panel_toggles[i].x,
               l->panel_toggles[i].y, l->panel_toggles[i].w, l->panel_toggles[i].h);
    for (int i = 0; i < UI_TL_CONTROLS; i++)
        printf("tlcontrol %d %d %d %d %d\n", i, l->tl_controls[i].x, l->tl_controls[i].y, l->tl_controls[i].w,
               l->tl_controls[i].h);
    for (unsigned i = 0; i < v->procs.n; i++) {
        const struct ui_fault *f = ui_procs_fault(&v->procs.rows[i], 0);
        if (f)
            printf("fault %u %s 0x%08x pc 0x%08x <%s> %s\n", v->procs.rows[i].slot, f->kind, f->addr,
                   f->have_cpu ? f->pc : 0, f->symbol, f->region);
    }
    const struct ui_proc *sel = ui_procs_selected(&v->procs);
    printf("selected %d %s\n", sel ? (int)sel->slot : -1, sel ? sel->name : "-");
    printf("tlstate %s %llu\n", v->tl.follow ? "follow" : "scrolled", (unsigned long long)v->tl.span_ns);
}

/* The timeline's window as a screenshot with these options drew it. */
static void print_timeline(struct machine *m, const struct ui_shot *o)
{
    struct ui_view *v = ui_view_of(m);
    struct ui_timeline tl = v->tl;
    uint64_t t0, t1;
    if (o->span_ns)
        tl.span_ns = o->span_ns;
    if (o->end_ns) {
        tl.follow = false;
        tl.end_ns = o->end_ns;
    }
    ui_tl_window(&tl, ui_view_now_ns(v), &t0, &t1);
    const struct ui_rect *r = &v->layout.tl_track;
    printf("timeline %llu %llu %d %d %d %d\n", (unsigned long long)t0, (unsigned long long)t1, r->x, r->y, r->w, r->h);
}

/* Where things were drawn (for tests that look at pictures or click into the window). */
static void print_layout(struct machine *m)
{
    const struct ui_layout *l = &ui_view_of(m)->layout;
    for (unsigned i = 0; i < l->nleds; i++)
        printf("led %u %s %d %d %d %d\n", i, machine_led(m, i) ? "on" : "off",
               l->leds[i].x, l->leds[i].y, l->leds[i].w, l->leds[i].h);
    for (unsigned i = 0; i < l->nbuttons; i++)
        printf("button %u %d %d %d %d\n", i, l->buttons[i].x, l->buttons[i].y, l->buttons[i].w, l->buttons[i].h);
    printf("console %d %d %d %d\n", l->console.x, l->console.y, l->console.w, l->console.h);
    print_panels(m);
}

/* --step-insns: paused, n instructions stepped as "Step insn" steps them; what the panel shows. */
static void step_insns(struct machine *m, int n)
{
    struct ui_view *v = ui_view_of(m);
    v->paused = true;
    for (int i = 0; i < n; i++)
        ui_cpu_step(v, UI_CPU_WAIT_NS, UI_CPU_BEFORE, UI_CPU_AFTER);
    printf("cpu %08x <%s>\n", (unsigned)v->cpu.pc, v->cpu.where);
    for (int i = 0; i < v->cpu.nlines; i++)
        printf("insn %s %08x %s\n", v->cpu.lines[i].current ? ">" : "-", (unsigned)v->cpu.lines[i].addr,
               v->cpu.lines[i].text);
    for (int i = 0; i < v->cpu.nregs; i++)
        printf("reg %s %08x %s\n", v->cpu.regs[i].name, (unsigned)v->cpu.regs[i].value,
               v->cpu.regs[i].changed ? "changed" : "same");
}

static int screenshot(struct machine *m, const struct demo *d)
{
    char err[400];
    enum machine_status st = machine_run(m, clock_cycles_from_ns(&m->clock, d->until_ns));
    if (st == MACHINE_ERROR) {
        fprintf(stderr, "ui_demo: %s\n", m->error);
        return 1;
    }
    if (d->fake_procs)
        fake_procs(m, d);
    if (d->step_insns > 0)
        step_insns(m, d->step_insns);
    struct ui_shot o = d->shot;
    o.width = d->width;
    o.height = d->height;
    o.scale = d->scale;
    if (!ui_screenshot_with(m, d->screenshot, &o, err, sizeof(err))) {
        fprintf(stderr, "ui_demo: %s\n", err);
        return 1;
    }
    print_layout(m);
    print_timeline(m, &o);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--pixel"))
        return pixel(argc, argv);
    if (argc > 1 && !strcmp(argv[1], "--compare"))
        return compare(argc, argv);
    struct demo d;
    if (!parse(argc, argv, &d))
        return 2;
    struct machine *m = boot(&d);
    if (!m || !ui_attach(m)) {
        machine_destroy(m);
        return 2;
    }
    int rc;
    if (d.screenshot) {
        rc = screenshot(m, &d);
    } else if (!ui_available()) {
        fprintf(stderr, "ui_demo: no display (set DISPLAY, or use --screenshot FILE.png)\n");
        rc = 2;
    } else {
        if (d.fake_procs)
            fake_procs(m, &d);
        struct ui_options o = { .speed = d.speed, .paused = d.paused, .until_ns = d.until_ns,
                                .width = d.width, .height = d.height, .echo_console = d.echo };
        rc = ui_run(m, &o);
        print_layout(m);
    }
    ui_detach(m);
    FILE *trace = m->trace.jsonl;
    machine_destroy(m);
    if (trace)
        fclose(trace);
    return rc;
}
