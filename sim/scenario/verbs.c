/* Scenario steps: the verb table and one parser per verb (doc/scenarios.md lists them). A step
 * is an object with exactly one verb key, the verb's own fields, and optionally "node", "board"
 * (the boards it runs on; sim/scenario/matrix.c) and "comment". Indexes (buttons, LEDs, pins) are checked against the step's board. */
#include <stdlib.h>
#include <string.h>

#include <strings.h>

#include "boards-virtual/sim_boards.h"
#include "sim/scenario/parse.h"
#include "sim/ui/window/window.h"

typedef bool (*verb_parser)(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path,
                            struct step *s);

struct verb_def {
    const char *name;
    verb_parser parse;
#define VERB_MAX_FIELDS 10
    const char *const fields[VERB_MAX_FIELDS];  /* allowed besides the verb, "node" and "comment" */
};

static const struct verb_def verbs[STEP_NUM_VERBS];

const char *scenario_verb_name(enum step_verb v)
{
    return v < STEP_NUM_VERBS ? verbs[v].name : "?";
}

static const struct board_desc *board_of(struct parse_ctx *c, const struct step *s)
{
    return board_find(c->sc->nodes[s->node].board);
}

/* An index given as a number or as PREFIX<n> (e.g. "LED1", "BTN0"); n < count. */
static bool parse_index(struct parse_ctx *c, const cJSON *v, const char *path, const char *const *prefixes,
                        unsigned count, const char *what, int *out)
{
    long n = -1;
    if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble == (double)(long)v->valuedouble)
        n = (long)v->valuedouble;
    for (int i = 0; cJSON_IsString(v) && prefixes[i] && n < 0; i++) {
        size_t len = strlen(prefixes[i]);
        char *end;
        if (strncasecmp(v->valuestring, prefixes[i], len) == 0 && v->valuestring[len]) {
            long k = strtol(v->valuestring + len, &end, 10);
            n = *end ? -1 : k;
        }
    }
    if (n < 0)
        return parse_fail(c, path, "expected a %s: a number or \"%s0\"", what, prefixes[0]);
    if ((unsigned long)n >= count)
        return parse_fail(c, path, "no %s %ld: the board has %u (%s0..%s%u)", what, n, count, prefixes[0],
                          prefixes[0], count ? count - 1 : 0);
    *out = (int)n;
    return true;
}

static bool parse_button(struct parse_ctx *c, const cJSON *v, const char *path, struct step *s)
{
    static const char *const p[] = { "BTN", "BUTTON", "", NULL };
    return parse_index(c, v, path, p, board_of(c, s)->num_buttons, "button", &s->index);
}

static bool parse_led_name(struct parse_ctx *c, const cJSON *v, const char *path, struct step *s, int *out)
{
    static const char *const p[] = { "LED", "", NULL };
    return parse_index(c, v, path, p, board_of(c, s)->num_leds, "LED", out);
}

static bool parse_pin(struct parse_ctx *c, const cJSON *v, const char *path, struct step *s)
{
    static const char *const p[] = { "GPIO", "PIN", "P", "", NULL };
    return parse_index(c, v, path, p, board_of(c, s)->num_pins, "pin", &s->index);
}

bool parse_opt_time(struct parse_ctx *c, const cJSON *step, const char *path, const char *key, uint64_t *ns)
{
    char fpath[256];
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(step, key);
    snprintf(fpath, sizeof(fpath), "%s.%s", path, key);
    return !v || parse_time(c, v, fpath, ns);
}

static bool req_level(struct parse_ctx *c, const cJSON *step, const char *path, bool *level)
{
    char fpath[256];
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(step, "level");
    snprintf(fpath, sizeof(fpath), "%s.level", path);
    if (!v)
        return parse_fail(c, path, "missing \"level\": \"high\" or \"low\"");
    return parse_level(c, v, fpath, level);
}

static bool dup_text(struct parse_ctx *c, const cJSON *v, const char *path, struct step *s)
{
    const char *t;
    if (!parse_string(c, v, path, &t))
        return false;
    s->text = strdup(t);
    return s->text || parse_fail(c, path, "out of memory");
}

static bool p_wait_console(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    static const char *const f[] = { "text", "regex", NULL };
    char vpath[256];
    const cJSON *t = v;
    snprintf(vpath, sizeof(vpath), "%s.wait_console", path);
    if (cJSON_IsObject(v)) {
        if (!parse_check_fields(c, v, vpath, f, NULL))
            return false;
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(v, "text");
        const cJSON *re = cJSON_GetObjectItemCaseSensitive(v, "regex");
        if (!text == !re)
            return parse_fail(c, vpath, "expected exactly one of \"text\" and \"regex\"");
        t = text ? text : re;
        s->is_regex = re != NULL;
        snprintf(vpath, sizeof(vpath), "%s.wait_console.%s", path, text ? "text" : "regex");
    } else if (!cJSON_IsString(v)) {
        return parse_fail(c, vpath, "expected the text to wait for, or {\"regex\": \"...\"}");
    }
    if (!dup_text(c, t, vpath, s))
        return false;
    if (!*s->text)
        return parse_fail(c, vpath, "expected a non-empty text");
    if (s->is_regex) {
        int rc = regcomp(&s->re, s->text, REG_EXTENDED);
        if (rc) {
            char why[160];
            regerror(rc, &s->re, why, sizeof(why));
            s->is_regex = false;
            return parse_fail(c, vpath, "bad regular expression (POSIX extended): %s", why);
        }
    }
    return parse_opt_time(c, step, path, "timeout", &s->timeout_ns);
}

static bool p_text(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    char vpath[256];
    (void)step;
    snprintf(vpath, sizeof(vpath), "%s.%s", path, verbs[s->verb].name);
    return dup_text(c, v, vpath, s);
}

static bool p_button(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    char vpath[256];
    snprintf(vpath, sizeof(vpath), "%s.%s", path, verbs[s->verb].name);
    if (s->verb == STEP_CLICK)
        s->duration_ns = 50000000;              /* a 50 ms click */
    return parse_button(c, v, vpath, s) && parse_opt_time(c, step, path, "for", &s->duration_ns);
}

static bool p_pin(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    char vpath[256];
    snprintf(vpath, sizeof(vpath), "%s.%s", path, verbs[s->verb].name);
    return parse_pin(c, v, vpath, s) && req_level(c, step, path, &s->level) &&
           parse_opt_time(c, step, path, s->verb == STEP_WAIT_PIN ? "timeout" : "within", &s->timeout_ns);
}

static bool p_expect_led(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    char vpath[256], ipath[300];
    snprintf(vpath, sizeof(vpath), "%s.expect_led", path);
    if (!parse_opt_time(c, step, path, "within", &s->timeout_ns))
        return false;
    if (!cJSON_IsObject(v)) {
        const cJSON *state = cJSON_GetObjectItemCaseSensitive(step, "state");
        snprintf(ipath, sizeof(ipath), "%s.state", path);
        if (!state)
            return parse_fail(c, vpath, "expected {\"LED0\": \"on\"} or \"LED0\" with \"state\"");
        s->nleds = 1;
        return parse_led_name(c, v, vpath, s, &s->leds[0].led) && parse_level(c, state, ipath, &s->leds[0].on);
    }
    if (cJSON_GetObjectItemCaseSensitive(step, "state"))
        return parse_fail(c, path, "\"state\" goes with the string form \"expect_led\": \"LED0\"");
    for (const cJSON *i = v->child; i; i = i->next) {
        cJSON name = { .type = cJSON_String, .valuestring = i->string };
        snprintf(ipath, sizeof(ipath), "%s.%s", vpath, i->string);
        if (s->nleds == SCENARIO_MAX_ITEMS)
            return parse_fail(c, ipath, "at most %d LEDs per step", SCENARIO_MAX_ITEMS);
        if (!parse_led_name(c, &name, ipath, s, &s->leds[s->nleds].led) ||
            !parse_level(c, i, ipath, &s->leds[s->nleds].on))
            return false;
        s->nleds++;
    }
    return s->nleds > 0 || parse_fail(c, vpath, "expected at least one LED, e.g. {\"LED0\": \"on\"}");
}

static bool p_expect_blink(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    static const char *const f[] = { "led", "hz", "tolerance", NULL };
    char vpath[256], ipath[300];
    snprintf(vpath, sizeof(vpath), "%s.expect_blink", path);
    if (!cJSON_IsObject(v))
        return parse_fail(c, vpath, "expected {\"led\": \"LED0\", \"hz\": 2, \"tolerance\": 0.05}");
    if (!parse_check_fields(c, v, vpath, f, NULL))
        return false;
    const cJSON *led = cJSON_GetObjectItemCaseSensitive(v, "led");
    const cJSON *hz = cJSON_GetObjectItemCaseSensitive(v, "hz");
    const cJSON *tol = cJSON_GetObjectItemCaseSensitive(v, "tolerance");
    if (!led || !hz)
        return parse_fail(c, vpath, "expected \"led\" and \"hz\"");
    snprintf(ipath, sizeof(ipath), "%s.led", vpath);
    if (!parse_led_name(c, led, ipath, s, &s->index))
        return false;
    snprintf(ipath, sizeof(ipath), "%s.hz", vpath);
    if (!parse_number(c, hz, ipath, &s->hz) || s->hz <= 0)
        return parse_fail(c, ipath, "expected a frequency > 0 in Hz");
    s->tolerance = 0.1;
    snprintf(ipath, sizeof(ipath), "%s.tolerance", vpath);
    if (tol && (!parse_number(c, tol, ipath, &s->tolerance) || s->tolerance < 0 || s->tolerance >= 1))
        return parse_fail(c, ipath, "expected a relative tolerance from 0 to 1 (0.05 = 5%%)");
    s->duration_ns = 2000000000ull;
    return parse_opt_time(c, step, path, "over", &s->duration_ns);
}

static bool parse_state(struct parse_ctx *c, const cJSON *v, const char *path, int *state)
{
    static const char *const names[] = { "running", "yielded", "stopped", "faulted", "terminated" };
    for (int i = 0; cJSON_IsString(v) && i < 5; i++)
        if (strcmp(v->valuestring, names[i]) == 0) {
            *state = i;
            return true;
        }
    return parse_fail(c, path, "expected a state: running, yielded, stopped, faulted or terminated");
}

/* expect_fault's optional "kind" and "addr". */
static bool parse_fault_fields(struct parse_ctx *c, const cJSON *v, const char *vpath, struct step *s)
{
    static const char *const kinds[] = { "mpu", "bus", "usage", "hard", NULL };
    char ipath[300];
    const cJSON *i;
    snprintf(ipath, sizeof(ipath), "%s.kind", vpath);
    if ((i = cJSON_GetObjectItemCaseSensitive(v, "kind"))) {
        int k = 0;
        while (cJSON_IsString(i) && kinds[k] && strcmp(kinds[k], i->valuestring) != 0)
            k++;
        if (!cJSON_IsString(i) || !kinds[k])
            return parse_fail(c, ipath, "expected a fault kind: mpu, bus, usage or hard");
        snprintf(s->fault_kind, sizeof(s->fault_kind), "%s", kinds[k]);
    }
    snprintf(ipath, sizeof(ipath), "%s.addr", vpath);
    if ((i = cJSON_GetObjectItemCaseSensitive(v, "addr"))) {
        char *end = NULL;
        unsigned long a = cJSON_IsString(i) ? strtoul(i->valuestring, &end, 0) : 0;
        if (cJSON_IsNumber(i) && i->valuedouble >= 0 && i->valuedouble <= 0xffffffffu)
            a = (unsigned long)i->valuedouble, end = (char *)"";
        if (!end || *end || a > 0xffffffffu)
            return parse_fail(c, ipath, "expected an address such as \"0x20004000\"");
        s->has_addr = true;
        s->addr = (uint32_t)a;
    }
    return true;
}

static bool p_process(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    static const char *const fp[] = { "app", "state", "restarts", NULL };
    static const char *const ff[] = { "app", "kind", "addr", NULL };
    bool fault = s->verb == STEP_EXPECT_FAULT;
    char vpath[256], ipath[300];
    const char *str = NULL;
    const cJSON *i;
    uint64_t u;
    snprintf(vpath, sizeof(vpath), "%s.%s", path, verbs[s->verb].name);
    s->state = s->restarts = -1;
    if (!cJSON_IsObject(v))
        return parse_fail(c, vpath, fault ? "expected {\"app\": \"name\", \"kind\": \"mpu\", \"addr\": \"0x0\"}"
                                          : "expected {\"app\": \"name\", \"state\": \"running\", \"restarts\": 1}");
    if (!parse_check_fields(c, v, vpath, fault ? ff : fp, NULL) || !parse_opt_time(c, step, path, "within", &s->timeout_ns))
        return false;
    snprintf(ipath, sizeof(ipath), "%s.app", vpath);
    if (!(i = cJSON_GetObjectItemCaseSensitive(v, "app")))
        return parse_fail(c, vpath, "missing \"app\": the process name");
    if (!parse_string(c, i, ipath, &str))
        return false;
    snprintf(s->app, sizeof(s->app), "%s", str);
    snprintf(ipath, sizeof(ipath), "%s.state", vpath);
    if ((i = cJSON_GetObjectItemCaseSensitive(v, "state")) && !parse_state(c, i, ipath, &s->state))
        return false;
    snprintf(ipath, sizeof(ipath), "%s.restarts", vpath);
    if ((i = cJSON_GetObjectItemCaseSensitive(v, "restarts")) && !parse_uint(c, i, ipath, 1000000, &u))
        return false;
    if (i)
        s->restarts = (int)u;
    return parse_fault_fields(c, v, vpath, s);
}

static bool p_time(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    char vpath[256];
    (void)step;
    snprintf(vpath, sizeof(vpath), "%s.%s", path, verbs[s->verb].name);
    return parse_time(c, v, vpath, &s->duration_ns);
}

/* "hide": ["board", "console"]: panels a screenshot leaves collapsed. */
static bool parse_hide(struct parse_ctx *c, const cJSON *v, const char *path, struct step *s)
{
    const cJSON *item;
    if (!cJSON_IsArray(v))
        return parse_fail(c, path, "expected an array of panel names (board, processes, memory, timeline, console)");
    cJSON_ArrayForEach(item, v) {
        const char *str;
        if (!parse_string(c, item, path, &str))
            return false;
        if (!ui_panel_bit(str))
            return parse_fail(c, path, "unknown panel '%s' (expected board, processes, memory, timeline or console)", str);
        s->shot_hide |= ui_panel_bit(str);
    }
    return true;
}

/* "hover": [x, y]: where the mouse points in a screenshot (logical pixels). */
static bool parse_hover(struct parse_ctx *c, const cJSON *v, const char *path, struct step *s)
{
    const cJSON *x = cJSON_GetArrayItem(v, 0), *y = cJSON_GetArrayItem(v, 1);
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 2 || !cJSON_IsNumber(x) || !cJSON_IsNumber(y) ||
        x->valuedouble < 1 || y->valuedouble < 1 || x->valuedouble > 8192 || y->valuedouble > 8192)
        return parse_fail(c, path, "expected [x, y] in logical pixels, 1 to 8192");
    s->shot_hover_x = (int)x->valuedouble;
    s->shot_hover_y = (int)y->valuedouble;
    return true;
}

/* The view a screenshot shows: "size" "WxH", "select" a process, "timeline" a span with
 * "timeline_end" its right edge, "hide" panels, "hover" the mouse, "view" the board's window or
 * the network of every board. */
static bool parse_shot_view(struct parse_ctx *c, const cJSON *step, const char *path, struct step *s)
{
    char ipath[300];
    const cJSON *v;
    const char *str;
    snprintf(ipath, sizeof(ipath), "%s.size", path);
    if ((v = cJSON_GetObjectItemCaseSensitive(step, "size")) &&
        (!parse_string(c, v, ipath, &str) || sscanf(str, "%dx%d", &s->shot_w, &s->shot_h) != 2 ||
         s->shot_w < 400 || s->shot_h < 300 || s->shot_w > 8192 || s->shot_h > 8192))
        return parse_fail(c, ipath, "expected \"WIDTHxHEIGHT\" in logical pixels, 400x300 to 8192x8192");
    snprintf(ipath, sizeof(ipath), "%s.select", path);
    if ((v = cJSON_GetObjectItemCaseSensitive(step, "select"))) {
        if (!parse_string(c, v, ipath, &str))
            return false;
        snprintf(s->shot_select, sizeof(s->shot_select), "%s", str);
    }
    snprintf(ipath, sizeof(ipath), "%s.timeline", path);
    if ((v = cJSON_GetObjectItemCaseSensitive(step, "timeline")) && !parse_time(c, v, ipath, &s->shot_span_ns))
        return false;
    if (v && (s->shot_span_ns < 10000 || s->shot_span_ns > 20000000000ull))
        return parse_fail(c, ipath, "the timeline's span must be 10us to 20s");
    snprintf(ipath, sizeof(ipath), "%s.timeline_end", path);
    if ((v = cJSON_GetObjectItemCaseSensitive(step, "timeline_end")) && !parse_time(c, v, ipath, &s->shot_end_ns))
        return false;
    snprintf(ipath, sizeof(ipath), "%s.hover", path);
    if ((v = cJSON_GetObjectItemCaseSensitive(step, "hover")) && !parse_hover(c, v, ipath, s))
        return false;
    snprintf(ipath, sizeof(ipath), "%s.view", path);
    if ((v = cJSON_GetObjectItemCaseSensitive(step, "view"))) {
        if (!parse_string(c, v, ipath, &str))
            return false;
        if (strcmp(str, "board") != 0 && strcmp(str, "network") != 0)
            return parse_fail(c, ipath, "expected \"board\" (one board's window) or \"network\" (every board)");
        s->shot_network = strcmp(str, "network") == 0;
    }
    snprintf(ipath, sizeof(ipath), "%s.hide", path);
    return !(v = cJSON_GetObjectItemCaseSensitive(step, "hide")) || parse_hide(c, v, ipath, s);
}

static bool p_screenshot(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    char ipath[300];
    const cJSON *cmp = cJSON_GetObjectItemCaseSensitive(step, "compare");
    const cJSON *tol = cJSON_GetObjectItemCaseSensitive(step, "tolerance");
    const char *str;
    if (!p_text(c, step, v, path, s))
        return false;
    snprintf(ipath, sizeof(ipath), "%s.compare", path);
    if (cmp) {
        if (!parse_string(c, cmp, ipath, &str))
            return false;
        s->compare = parse_input_path(c, str);
    }
    snprintf(ipath, sizeof(ipath), "%s.tolerance", path);
    if (tol && (!parse_number(c, tol, ipath, &s->tolerance) || s->tolerance < 0 || s->tolerance > 1))
        return parse_fail(c, ipath, "expected the fraction of pixels that may differ, 0 to 1");
    return parse_shot_view(c, step, path, s);
}

/* A fuzz input to replay (tocksim fuzz, doc/fuzzing.md): a file, relative to the scenario,
 * and which fuzzer it is for ("target": "syscall", the default, or "boot"). */
static bool p_fuzz(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    char vpath[256];
    const char *str;
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(step, "target");
    snprintf(vpath, sizeof(vpath), "%s.target", path);
    if (t && (!parse_string(c, t, vpath, &str) ||
              (strcmp(str, "boot") != 0 && strcmp(str, "syscall") != 0)))
        return parse_fail(c, vpath, "expected \"syscall\" or \"boot\"");
    s->fuzz_boot = t && strcmp(t->valuestring, "boot") == 0;
    snprintf(vpath, sizeof(vpath), "%s.fuzz", path);
    if (!parse_string(c, v, vpath, &str))
        return false;
    s->text = parse_input_path(c, str);
    return s->text || parse_fail(c, vpath, "out of memory");
}

static const struct verb_def verbs[STEP_NUM_VERBS] = {
    [STEP_WAIT_CONSOLE] = { "wait_console", p_wait_console, { "timeout" } },
    [STEP_WRITE_CONSOLE] = { "write_console", p_text, { 0 } },
    [STEP_PRESS] = { "press", p_button, { "for" } },
    [STEP_RELEASE] = { "release", p_button, { 0 } },
    [STEP_CLICK] = { "click", p_button, { "for" } },
    [STEP_TOGGLE] = { "toggle", p_button, { 0 } },
    [STEP_SET_PIN] = { "set_pin", p_pin, { "level" } },
    [STEP_EXPECT_PIN] = { "expect_pin", p_pin, { "level", "within" } },
    [STEP_WAIT_PIN] = { "wait_pin", p_pin, { "level", "timeout" } },
    [STEP_EXPECT_LED] = { "expect_led", p_expect_led, { "state", "within" } },
    [STEP_EXPECT_BLINK] = { "expect_blink", p_expect_blink, { "over" } },
    [STEP_EXPECT_PROCESS] = { "expect_process", p_process, { "within" } },
    [STEP_EXPECT_FAULT] = { "expect_fault", p_process, { "within" } },
    [STEP_RUN_FOR] = { "run_for", p_time, { 0 } },
    [STEP_RUN_UNTIL] = { "run_until", p_time, { 0 } },
    [STEP_EXPECT_NO_OUTPUT] = { "expect_no_output", p_time, { 0 } },
    [STEP_SCREENSHOT] = { "screenshot", p_screenshot, { "compare", "tolerance", "size", "select", "timeline",
                                                         "timeline_end", "hide", "hover", "view" } },
    [STEP_NOTE] = { "note", p_text, { 0 } },
    [STEP_WAIT_PACKET] = { "wait_packet", parse_packet_step, { "timeout" } },
    [STEP_EXPECT_PACKET] = { "expect_packet", parse_packet_step, { "within" } },
    [STEP_EXPECT_NO_PACKET] = { "expect_no_packet", parse_packet_step, { "for" } },
    [STEP_EXPECT_DELIVERY] = { "expect_delivery", parse_packet_step, { "over" } },
    [STEP_MOVE] = { "move", parse_move_step, { 0 } },
    [STEP_SET_LINK] = { "set_link", parse_set_link_step, { 0 } },
    [STEP_RADIO_OFF] = { "radio_off", parse_board_step, { 0 } },
    [STEP_RADIO_ON] = { "radio_on", parse_board_step, { 0 } },
    [STEP_RESET] = { "reset", parse_board_step, { 0 } },
    [STEP_JAM] = { "jam", parse_jam_step, { "for" } },
    [STEP_FUZZ] = { "fuzz", p_fuzz, { "target" } },
};

/* The verb of a step object: exactly one of its keys names a verb. */
static bool find_verb(struct parse_ctx *c, const cJSON *obj, const char *path, struct step *s, const cJSON **value)
{
    int found = 0;
    for (const cJSON *f = obj->child; f; f = f->next)
        for (int v = 0; v < STEP_NUM_VERBS; v++)
            if (strcmp(f->string, verbs[v].name) == 0) {
                if (found++ && s->verb == (enum step_verb)v) {
                    char fpath[256];
                    snprintf(fpath, sizeof(fpath), "%s.%s", path, f->string);
                    c->at_key = true;
                    return parse_fail(c, fpath, "field '%s' given twice", f->string);
                }
                if (found > 1)
                    return parse_fail(c, path, "two verbs in one step ('%s' and '%s')",
                                      verbs[s->verb].name, verbs[v].name);
                s->verb = (enum step_verb)v;
                *value = f;
            }
    if (found)
        return true;
    char list[700] = "";
    for (int v = 0; v < STEP_NUM_VERBS; v++)
        snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", v ? ", " : "", verbs[v].name);
    const char *first = obj->child ? obj->child->string : NULL;
    if (first)
        return parse_fail(c, path, "no verb in this step (first key is '%s'); expected one of: %s", first, list);
    return parse_fail(c, path, "empty step; expected one of: %s", list);
}

static bool parse_step_node(struct parse_ctx *c, const cJSON *obj, const char *path, struct step *s)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "node");
    char npath[256];
    const char *name;
    if (!v)
        return true;
    snprintf(npath, sizeof(npath), "%s.node", path);
    if (!parse_string(c, v, npath, &name))
        return false;
    for (int i = 0; i < c->sc->nnodes; i++)
        if (strcmp(c->sc->nodes[i].name, name) == 0) {
            s->node = i;
            return true;
        }
    return parse_fail(c, npath, "no board named '%s' in \"nodes\"", name);
}

bool parse_step(struct parse_ctx *c, const cJSON *obj, int index, struct step *s)
{
    static const char *const common[] = { "node", "board", "comment", NULL };
    char path[64];
    const cJSON *value = NULL;
    snprintf(path, sizeof(path), "steps[%d]", index);
    memset(s, 0, sizeof(*s));
    s->timeout_ns = SCENARIO_NO_TIME;
    int col;
    parse_position(c, path, false, &s->line, &col);
    if (!cJSON_IsObject(obj))
        return parse_fail(c, path, "expected a step object such as {\"wait_console\": \"ready\"}");
    if (!find_verb(c, obj, path, s, &value) || !parse_step_node(c, obj, path, s))
        return false;
    const struct verb_def *d = &verbs[s->verb];
    const char *allowed[VERB_MAX_FIELDS + 2] = { d->name };     /* the verb, the fields, the end */
    for (int i = 0; i < VERB_MAX_FIELDS && d->fields[i]; i++)
        allowed[i + 1] = d->fields[i];
    if (!parse_check_fields(c, obj, path, allowed, common))
        return false;
    if ((s->verb == STEP_EXPECT_LED || s->verb == STEP_EXPECT_PIN || s->verb == STEP_EXPECT_PROCESS ||
         s->verb == STEP_EXPECT_FAULT))
        s->timeout_ns = 0;                      /* expects look now unless given "within" */
    return d->parse(c, obj, value, path, s);
}

void step_free(struct step *s)
{
    if (s->is_regex)
        regfree(&s->re);
    free(s->text);
    free(s->compare);
    free(s->pkt.hex);
}
