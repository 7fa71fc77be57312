/* ui_demo: the board window without the tocksim command line, and the screenshot test's tool.
 *
 *   ui_demo --kernel K.elf [--app A.tbf ...] [--speed F] [--paused] [--until T] [--fake-procs]
 *           [--size WxH] [--echo]
 *       opens the window (needs a display); --echo copies the console to stdout; at the end
 *       prints the final LED states and where LEDs, buttons and console were drawn
 *   ui_demo --kernel K.elf [--app A.tbf ...] --until T --screenshot OUT.png [--fake-procs]
 *           [--size WxH] [--scale S]
 *       runs headless to virtual time T, writes the window's picture, and prints where things
 *       are: "led N on|off X Y W H", "button N X Y W H", "console X Y W H"
 *   ui_demo --pixel FILE.png X Y
 *       prints the pixel's colour as "R G B"
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
#include "sim/ui/window.h"
#include "sim/ui/png.h"
#include "sim/ui/view.h"

#define MAX_APPS 8

struct demo {
    const char *board, *kernel, *screenshot, *apps[MAX_APPS];
    int napps;
    uint64_t until_ns;
    double speed;
    int width, height;
    float scale;
    bool paused, fake_procs, echo;
};

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
    bool ok = m && loader_load_elf(&m->bus, d->kernel, m->cpu.ops->elf_machine, NULL, err, sizeof(err));
    uint32_t cursor = m ? m->layout.apps_base : 0;
    for (int i = 0; ok && i < d->napps; i++)
        ok = loader_load_tbf(&m->bus, d->apps[i], &cursor, m->layout.apps_base + m->layout.apps_size, err, sizeof(err));
    if (!ok) {
        fprintf(stderr, "ui_demo: %s\n", err);
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
    if (!ui_screenshot_sized(m, d->screenshot, d->width, d->height, d->scale, err, sizeof(err))) {
        fprintf(stderr, "ui_demo: %s\n", err);
        return 1;
    }
    print_layout(m);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--pixel"))
        return pixel(argc, argv);
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
    machine_destroy(m);
    return rc;
}
