/* Scenario verbs at run time: one function per verb (doc/scenarios.md). Each returns true on
 * pass; on failure it leaves the reason in r->msg. r->event_ns is the virtual time reported
 * for the step (the decisive event, e.g. when the awaited text arrived). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/ui/glue.h"
#include "sim/ui/window/window.h"
#include "peripherals/kdbg.h"
#include "sim/fuzz/fuzz.h"
#include "sim/scenario/run.h"

static struct node *node_of(struct run *r, const struct step *s)
{
    return &r->nodes[s->node];
}

static bool cond_console(struct run *r, const struct step *s)
{
    struct node *n = node_of(r, s);
    if (!node_console_match(n, s))
        return false;
    r->cond_ns = n->con_match_ns;
    return true;
}

/* A state (LED, pin, process) holds: it was decided by its last change, or by looking, at the
 * step's start, if it held already. */
static bool state_holds(struct run *r, bool holds, uint64_t last_change_ns)
{
    r->cond_ns = last_change_ns > r->step_ns ? last_change_ns : r->step_ns;
    return holds;
}

static bool do_wait_console(struct run *r, const struct step *s)
{
    struct node *n = node_of(r, s);
    char t[32];
    n->con_checked = 0;                         /* a new pattern: look at all unconsumed output */
    enum advance_end e = run_advance(r, run_deadline(r, s->timeout_ns), cond_console, s);
    if (e == ADV_MET) {
        r->event_ns = r->cond_ns;
        return true;
    }
    run_format_ms(s->timeout_ns, t, sizeof(t));
    return run_fail_end(r, e, "%s%s%s", s->is_regex ? "no match" : "text not seen",
                        s->timeout_ns == SCENARIO_NO_TIME ? "" : " within ", s->timeout_ns == SCENARIO_NO_TIME ? "" : t);
}

static bool do_write_console(struct run *r, const struct step *s)
{
    r->input_pending = true;
    if (node_write_console(node_of(r, s), s->text, strlen(s->text)))
        return true;
    snprintf(r->msg, sizeof(r->msg), "out of memory");
    return false;
}

static void set_button(struct run *r, const struct step *s, bool down)
{
    struct node *n = node_of(r, s);
    machine_press_button(n->m, (unsigned)s->index, down);
    n->buttons[s->index] = down;
    if (r->vcd_on) {
        vcd_button(&r->vcd, s->node, (unsigned)s->index, down);
        vcd_sample_pins(&r->vcd, s->node);
    }
}

/* Holds the button for the step's duration (if any), then releases it. */
static bool hold(struct run *r, const struct step *s)
{
    set_button(r, s, true);
    if (!s->duration_ns)
        return true;
    enum advance_end e = run_advance(r, r->now_ns + s->duration_ns, NULL, s);
    set_button(r, s, false);
    return e == ADV_TIME || run_fail_end(r, e, "button released early");
}

static bool do_button(struct run *r, const struct step *s)
{
    switch (s->verb) {
    case STEP_RELEASE: set_button(r, s, false); return true;
    case STEP_TOGGLE: set_button(r, s, !node_of(r, s)->buttons[s->index]); return true;
    default: return hold(r, s);
    }
}

static bool do_set_pin(struct run *r, const struct step *s)
{
    machine_drive_pin(node_of(r, s)->m, (unsigned)s->index, s->level);
    if (r->vcd_on)
        vcd_sample_pins(&r->vcd, s->node);
    return true;
}

static bool cond_pin(struct run *r, const struct step *s)
{
    struct node *n = node_of(r, s);
    return state_holds(r, machine_pin(n->m, (unsigned)s->index) == s->level, n->pin_last_ns);
}

/* All the listed LEDs are in their states (not just one of them). */
static bool cond_leds(struct run *r, const struct step *s)
{
    struct node *n = node_of(r, s);
    bool all = true;
    for (int i = 0; i < s->nleds; i++)
        all = all && machine_led(n->m, (unsigned)s->leds[i].led) == s->leds[i].on;
    return state_holds(r, all, n->led_last_ns);
}

/* Waits up to the step's timeout/within for cond (an expect without "within" only looks); the
 * step's time is the decisive event. */
static enum advance_end wait_state(struct run *r, const struct step *s, run_cond cond)
{
    uint64_t deadline = s->timeout_ns ? run_deadline(r, s->timeout_ns) : r->now_ns;
    enum advance_end e = run_advance(r, deadline, cond, s);
    if (e == ADV_MET)
        r->event_ns = r->cond_ns;
    return e;
}

/* " after 10.000 ms" for a step that waited, "" for one that only looked. */
static const char *waited(const struct step *s, char *buf, size_t n)
{
    char t[32];
    run_format_ms(s->timeout_ns, t, sizeof(t));
    if (s->timeout_ns == 0)
        snprintf(buf, n, "%s", "");
    else if (s->timeout_ns == SCENARIO_NO_TIME)
        snprintf(buf, n, "%s", " at the end");
    else
        snprintf(buf, n, " after %s", t);
    return buf;
}

static bool do_pin(struct run *r, const struct step *s)
{
    struct node *n = node_of(r, s);
    char w[48];
    enum advance_end e = wait_state(r, s, cond_pin);
    return e == ADV_MET || run_fail_end(r, e, "GPIO%d is %s%s", s->index,
                                        machine_pin(n->m, (unsigned)s->index) ? "high" : "low", waited(s, w, sizeof(w)));
}

static bool do_expect_led(struct run *r, const struct step *s)
{
    struct node *n = node_of(r, s);
    char now[160] = "", w[48];
    enum advance_end e = wait_state(r, s, cond_leds);
    if (e == ADV_MET)
        return true;
    for (int i = 0; i < s->nleds; i++)
        snprintf(now + strlen(now), sizeof(now) - strlen(now), "%sLED%d is %s", i ? ", " : "", s->leds[i].led,
                 machine_led(n->m, (unsigned)s->leds[i].led) ? "on" : "off");
    return run_fail_end(r, e, "%s%s", now, waited(s, w, sizeof(w)));
}

/* Frequency from the rising edges of the LED within the last `over`, always a window that ends
 * now: a step early in the scenario first runs until there is `over` of history. The window's
 * end decides (any edge up to it counts), so it is the step's time. */
static bool do_expect_blink(struct run *r, const struct step *s)
{
    struct node *n = node_of(r, s);
    if (r->now_ns < s->duration_ns) {
        enum advance_end e = run_advance(r, s->duration_ns, NULL, s);
        if (e != ADV_TIME)
            return run_fail_end(r, e, "not enough time to measure");
    }
    r->event_ns = r->now_ns;
    uint64_t from = r->now_ns - s->duration_ns, first = 0, last = 0;
    int rises = 0, changes = 0;
    for (size_t i = 0; i < n->leds[s->index].n; i++) {
        const struct led_change *c = &n->leds[s->index].v[i];
        if (c->t_ns < from)
            continue;
        changes++;
        if (c->on && rises++ == 0)
            first = c->t_ns;
        if (c->on)
            last = c->t_ns;
    }
    char over[32];
    run_format_ms(s->duration_ns, over, sizeof(over));
    if (rises < 2) {
        snprintf(r->msg, sizeof(r->msg), "LED%d is not blinking: %d change(s) in the last %s, now %s", s->index,
                 changes, over, machine_led(n->m, (unsigned)s->index) ? "on" : "off");
        return false;
    }
    double hz = (rises - 1) / ((double)(last - first) * 1e-9);
    bool ok = fabs(hz - s->hz) <= s->tolerance * s->hz;
    snprintf(r->msg, sizeof(r->msg), "measured %.3f Hz over %s (%d periods)", hz, over, rises - 1);
    return ok;
}

/* A kdbg-based step found nothing and the kernel never reported: skip or explain. */
static bool kdbg_missing(struct run *r)
{
    if (r->sc->requires_kdbg) {
        r->skip = true;
        snprintf(r->msg, sizeof(r->msg), "the kernel reported no process events (kdbg): scenario requires kdbg");
    } else {
        snprintf(r->msg, sizeof(r->msg), "the kernel reported no process events through kdbg (doc/devices/kdbg.md); "
                 "add \"requires\": [\"kdbg\"] to skip such scenarios on kernels without it");
    }
    return false;
}

static bool cond_process(struct run *r, const struct step *s)
{
    const struct node_proc *p = node_find_proc(node_of(r, s), s->app);
    return p && state_holds(r, (s->state < 0 || p->state == s->state) &&
                                   (s->restarts < 0 || (int)p->restarts == s->restarts), p->changed_ns);
}

static bool do_expect_process(struct run *r, const struct step *s)
{
    struct node *n = node_of(r, s);
    enum advance_end e = wait_state(r, s, cond_process);
    if (e == ADV_MET)
        return true;
    if (e != ADV_STOPPED && !n->kdbg_seen)
        return kdbg_missing(r);
    const struct node_proc *p = node_find_proc(n, s->app);
    if (!p)
        return run_fail_end(r, e, "no process named '%s' reported by the kernel", s->app);
    return run_fail_end(r, e, "%s is %s with %u restart(s)", s->app, kdbg_state_name((enum proc_state)p->state),
                        p->restarts);
}

static struct node_fault *matching_fault(struct node *n, const struct step *s)
{
    for (size_t i = 0; i < n->nfaults; i++) {
        struct node_fault *f = &n->faults[i];
        if (!f->consumed && strcmp(f->name, s->app) == 0 && (!s->fault_kind[0] || strcmp(f->kind, s->fault_kind) == 0) &&
            (!s->has_addr || f->addr == s->addr))
            return f;
    }
    return NULL;
}

/* A fault is an event, kept until matched: it may be older than the step. */
static bool cond_fault(struct run *r, const struct step *s)
{
    const struct node_fault *f = matching_fault(node_of(r, s), s);
    if (f)
        r->cond_ns = f->t_ns;
    return f != NULL;
}

static bool do_expect_fault(struct run *r, const struct step *s)
{
    struct node *n = node_of(r, s);
    uint64_t deadline = s->timeout_ns ? run_deadline(r, s->timeout_ns) : r->now_ns;
    enum advance_end e = run_advance(r, deadline, cond_fault, s);
    if (e == ADV_MET) {
        matching_fault(n, s)->consumed = true;
        r->event_ns = r->cond_ns;
        return true;
    }
    if (e != ADV_STOPPED && !n->kdbg_seen)
        return kdbg_missing(r);
    for (size_t i = n->nfaults; i-- > 0;)
        if (strcmp(n->faults[i].name, s->app) == 0)
            return run_fail_end(r, e, "last fault of %s: %s at 0x%08x%s%s", s->app, n->faults[i].kind, n->faults[i].addr,
                                n->faults[i].consumed ? " (already matched by an earlier step)"
                                : n->faults[i].source[0] ? ", " : "",
                                n->faults[i].consumed ? "" : n->faults[i].source);
    return run_fail_end(r, e, "%s did not fault", s->app);
}

static bool do_run(struct run *r, const struct step *s)
{
    uint64_t target = s->verb == STEP_RUN_FOR ? r->now_ns + s->duration_ns : s->duration_ns;
    if (target < r->now_ns) {
        snprintf(r->msg, sizeof(r->msg), "virtual time is already past that");
        return false;
    }
    enum advance_end e = run_advance(r, target, NULL, s);
    r->event_ns = r->now_ns;
    return e == ADV_TIME || run_fail_end(r, e, "stopped early");
}

/* Output since the step began (r->mark: the byte count then). */
static bool cond_output(struct run *r, const struct step *s)
{
    struct node *n = node_of(r, s);
    r->cond_ns = n->con_last_ns;
    return n->con_bytes != r->mark;
}

static bool do_expect_no_output(struct run *r, const struct step *s)
{
    struct node *n = node_of(r, s);
    uint64_t start = r->now_ns;
    r->mark = n->con_bytes;
    enum advance_end e = run_advance(r, start + s->duration_ns, cond_output, s);
    r->event_ns = e == ADV_MET ? n->con_last_ns : r->now_ns;
    if (e == ADV_TIME)
        return true;
    if (e == ADV_MET) {
        char t[32];
        run_format_ms(n->con_last_ns, t, sizeof(t));
        snprintf(r->msg, sizeof(r->msg), "console output at %s", t);
        return false;
    }
    return run_fail_end(r, e, "stopped early");
}

static bool do_screenshot(struct run *r, const struct step *s)
{
    struct ui_shot shot = { .width = s->shot_w, .height = s->shot_h, .select = s->shot_select[0] ? s->shot_select : NULL,
                            .span_ns = s->shot_span_ns, .end_ns = s->shot_end_ns, .hide = s->shot_hide,
                            .hover_x = s->shot_hover_x, .hover_y = s->shot_hover_y };
    if (s->shot_network)
        return ui_glue_net_screenshot(r->net, r->now_ns, s->text, &shot, s->compare, s->tolerance, r->msg,
                                      sizeof(r->msg));
    return ui_glue_screenshot(node_of(r, s)->m, s->text, &shot, s->compare, s->tolerance, r->msg, sizeof(r->msg));
}

static bool do_note(struct run *r, const struct step *s)
{
    (void)r, (void)s;
    return true;
}

/* The whole input file (fuzz inputs are small); NULL with a message in r->msg. */
static uint8_t *read_input(struct run *r, const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = f ? malloc(64 * 1024) : NULL;
    *size = buf ? fread(buf, 1, 64 * 1024, f) : 0;
    if (!buf)
        snprintf(r->msg, sizeof(r->msg), "%s: cannot read the fuzz input", path);
    if (f)
        fclose(f);
    return buf;
}

/* The syscall fuzzer's harness on the board: boot to ready, the input's program. */
static bool replay_syscalls(struct run *r, struct node *n, const uint8_t *data, size_t size,
                            struct fuzz_verdict *v)
{
    struct fuzz_harness *h = fuzz_harness_attach(n->m, n->spec->kernel, NULL, r->msg,
                                                 sizeof(r->msg));
    bool ok = h && fuzz_exec_as_fuzzed(h, data, size, v) && v->kind == FUZZ_OK;
    if (h && !ok)
        snprintf(r->msg, sizeof(r->msg), "%s: %.*s", fuzz_kind_name(v->kind),
                 (int)(sizeof(r->msg) - 40), v->message);
    fuzz_harness_free(h);
    return ok;
}

/* The boot fuzzer's: the input's image as the apps region, the boot. */
static bool replay_boot(struct run *r, struct node *n, const uint8_t *data, size_t size,
                        struct fuzz_verdict *v)
{
    struct fuzz_boot *b = fuzz_boot_attach(n->m, r->msg, sizeof(r->msg));
    bool ok = b && fuzz_boot_exec(b, data, size, v) && v->kind == FUZZ_OK;
    if (b && !ok)
        snprintf(r->msg, sizeof(r->msg), "%s: %.*s", fuzz_kind_name(v->kind),
                 (int)(sizeof(r->msg) - 40), v->message);
    fuzz_boot_free(b);
    return ok;
}

/* Replays a fuzz input with the fuzzer's own harness and oracles: boots the board from reset
 * exactly as the fuzzer did before its snapshot (the syscall fuzzer: until fuzz-driver and
 * fuzz-victim are ready; the boot fuzzer: with the input's image as the apps region), so the
 * input runs the same, then passes if no oracle fires. Hence the first step of its board. */
static bool do_fuzz(struct run *r, const struct step *s)
{
    struct node *n = node_of(r, s);
    size_t size;
    struct fuzz_verdict v;
    if (n->m->clock.now != 0) {
        snprintf(r->msg, sizeof(r->msg), "fuzz must be the first step of its board (it boots it)");
        return false;
    }
    uint8_t *data = read_input(r, s->text, &size);
    n->passive = true;              /* the harness's stops only, as when it was fuzzed */
    bool ok = data && (s->fuzz_boot ? replay_boot(r, n, data, size, &v)
                                    : replay_syscalls(r, n, data, size, &v));
    n->passive = false;
    free(data);
    r->event_ns = node_now_ns(n);
    if (!ok)
        r->now_ns = r->event_ns;            /* a failure's time: when the oracle fired */
    return ok && run_advance(r, r->event_ns, NULL, s) == ADV_TIME;
}

static bool (*const exec[STEP_NUM_VERBS])(struct run *r, const struct step *s) = {
    [STEP_WAIT_CONSOLE] = do_wait_console, [STEP_WRITE_CONSOLE] = do_write_console,
    [STEP_PRESS] = do_button, [STEP_RELEASE] = do_button, [STEP_CLICK] = do_button,
    [STEP_TOGGLE] = do_button, [STEP_SET_PIN] = do_set_pin, [STEP_EXPECT_PIN] = do_pin,
    [STEP_WAIT_PIN] = do_pin, [STEP_EXPECT_LED] = do_expect_led, [STEP_EXPECT_BLINK] = do_expect_blink,
    [STEP_EXPECT_PROCESS] = do_expect_process, [STEP_EXPECT_FAULT] = do_expect_fault,
    [STEP_RUN_FOR] = do_run, [STEP_RUN_UNTIL] = do_run, [STEP_EXPECT_NO_OUTPUT] = do_expect_no_output,
    [STEP_SCREENSHOT] = do_screenshot, [STEP_NOTE] = do_note,
    [STEP_WAIT_PACKET] = step_radio, [STEP_EXPECT_PACKET] = step_radio, [STEP_EXPECT_NO_PACKET] = step_radio,
    [STEP_EXPECT_DELIVERY] = step_radio, [STEP_MOVE] = step_radio, [STEP_SET_LINK] = step_radio,
    [STEP_RADIO_OFF] = step_radio, [STEP_RADIO_ON] = step_radio, [STEP_RESET] = step_radio, [STEP_JAM] = step_radio,
    [STEP_FUZZ] = do_fuzz,
};

bool step_execute(struct run *r, const struct step *s)
{
    return exec[s->verb](r, s);
}

/* Text for messages: quotes, backslashes and control characters escaped, at most 60 bytes. */
static void quote(const char *in, char *out, size_t n)
{
    size_t o = 0;
    for (; *in && o + 8 < n && o < 64; in++) {
        unsigned char ch = (unsigned char)*in;
        const char *esc = ch == '\n' ? "\\n" : ch == '\r' ? "\\r" : ch == '\t' ? "\\t" : ch == '"' ? "\\\"" : ch == '\\' ? "\\\\" : NULL;
        if (esc)
            o += (size_t)snprintf(out + o, n - o, "%s", esc);
        else if (ch < 0x20 || ch == 0x7f)
            o += (size_t)snprintf(out + o, n - o, "\\x%02x", ch);
        else
            out[o++] = (char)ch;
    }
    snprintf(out + o, n - o, "%s", *in ? "..." : "");
}

static void describe_process(const struct step *s, char *buf, size_t n)
{
    size_t len = (size_t)snprintf(buf, n, "%s %s", scenario_verb_name(s->verb), s->app);
    if (s->state >= 0)
        len += (size_t)snprintf(buf + len, n - len, " state=%s", kdbg_state_name((enum proc_state)s->state));
    if (s->restarts >= 0)
        len += (size_t)snprintf(buf + len, n - len, " restarts=%d", s->restarts);
    if (s->fault_kind[0])
        len += (size_t)snprintf(buf + len, n - len, " kind=%s", s->fault_kind);
    if (s->has_addr)
        snprintf(buf + len, n - len, " addr=0x%08x", s->addr);
}

void step_describe(const struct step *s, const struct scenario *sc, char *buf, size_t n)
{
    const char *verb = scenario_verb_name(s->verb);
    char q[100], t[32];
    size_t len = 0;
    run_format_ms(s->duration_ns, t, sizeof(t));
    if (sc->nnodes > 1)
        len = (size_t)snprintf(buf, n, "%s: ", sc->nodes[s->node].name);
    buf += len, n -= len;
    switch (s->verb) {
    case STEP_WAIT_CONSOLE: case STEP_WRITE_CONSOLE: case STEP_SCREENSHOT: case STEP_NOTE:
    case STEP_FUZZ:
        quote(s->text, q, sizeof(q));
        snprintf(buf, n, s->is_regex ? "%s /%s/" : "%s \"%s\"", verb, q);
        break;
    case STEP_PRESS: case STEP_CLICK:
        snprintf(buf, n, "%s BTN%d%s%s", verb, s->index, s->duration_ns ? " for " : "", s->duration_ns ? t : "");
        break;
    case STEP_RELEASE: case STEP_TOGGLE:
        snprintf(buf, n, "%s BTN%d", verb, s->index);
        break;
    case STEP_SET_PIN: case STEP_EXPECT_PIN: case STEP_WAIT_PIN:
        snprintf(buf, n, "%s GPIO%d %s", verb, s->index, s->level ? "high" : "low");
        break;
    case STEP_EXPECT_LED:
        len = (size_t)snprintf(buf, n, "%s", verb);
        for (int i = 0; i < s->nleds; i++)
            len += (size_t)snprintf(buf + len, n - len, " LED%d=%s", s->leds[i].led, s->leds[i].on ? "on" : "off");
        break;
    case STEP_EXPECT_BLINK:
        snprintf(buf, n, "%s LED%d %g Hz +-%g%%", verb, s->index, s->hz, s->tolerance * 100);
        break;
    case STEP_EXPECT_PROCESS: case STEP_EXPECT_FAULT:
        describe_process(s, buf, n);
        break;
    case STEP_WAIT_PACKET: case STEP_EXPECT_PACKET: case STEP_EXPECT_NO_PACKET: case STEP_EXPECT_DELIVERY:
    case STEP_MOVE: case STEP_SET_LINK: case STEP_RADIO_OFF: case STEP_RADIO_ON: case STEP_RESET: case STEP_JAM:
        step_describe_radio(sc, s, buf, n);
        break;
    default:
        snprintf(buf, n, "%s %s", verb, t);
        break;
    }
}
