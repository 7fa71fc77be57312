/* Scenario steps about the radio: one parser per verb (doc/scenarios.md, "Radio"). Packet
 * steps name frames by sender, receiver, channel and payload; the others change the medium
 * (positions, links, antennas, jamming) or reset a board. */
#include <stdlib.h>
#include <string.h>

#include "sim/scenario/parse.h"

static bool need_radio(struct parse_ctx *c, const char *path, const char *verb)
{
    return c->sc->radio || parse_fail(c, path, "%s needs the scenario's \"radio\" block (the medium)", verb);
}

static int hex_digit(char ch)
{
    return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
}

static bool parse_hex(struct parse_ctx *c, const cJSON *v, const char *path, struct step_packet *p)
{
    const char *t;
    if (!parse_string(c, v, path, &t))
        return false;
    size_t n = strlen(t);
    if (n == 0 || n % 2)
        return parse_fail(c, path, "expected an even number of hex digits, e.g. \"c0ffee\"");
    if (!(p->hex = malloc(n / 2)))
        return parse_fail(c, path, "out of memory");
    for (size_t i = 0; i < n; i += 2) {
        int hi = hex_digit(t[i]), lo = hex_digit(t[i + 1]);
        if (hi < 0 || lo < 0)
            return parse_fail(c, path, "expected hex digits, found '%c'", hi < 0 ? t[i] : t[i + 1]);
        p->hex[p->nhex++] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

/* "payload": "text", {"regex": "..."} or {"hex": "c0ffee"}. */
static bool parse_payload(struct parse_ctx *c, const cJSON *v, const char *path, struct step *s)
{
    static const char *const f[] = { "regex", "hex", NULL };
    char ipath[400];
    const char *t;
    if (cJSON_IsString(v)) {
        s->text = strdup(v->valuestring);
        return s->text || parse_fail(c, path, "out of memory");
    }
    if (!cJSON_IsObject(v) || !parse_check_fields(c, v, path, f, NULL) || cJSON_GetArraySize(v) != 1)
        return parse_fail(c, path, "expected the payload's text, {\"regex\": \"...\"} or {\"hex\": \"c0ffee\"}");
    const cJSON *re = cJSON_GetObjectItemCaseSensitive(v, "regex");
    snprintf(ipath, sizeof(ipath), "%s.%s", path, re ? "regex" : "hex");
    if (!re)
        return parse_hex(c, cJSON_GetObjectItemCaseSensitive(v, "hex"), ipath, &s->pkt);
    if (!parse_string(c, re, ipath, &t) || !(s->text = strdup(t)))
        return false;
    int rc = regcomp(&s->re, s->text, REG_EXTENDED);
    if (rc) {
        char why[160];
        regerror(rc, &s->re, why, sizeof(why));
        return parse_fail(c, ipath, "bad regular expression (POSIX extended): %s", why);
    }
    s->is_regex = true;
    return true;
}

static bool packet_channel(struct parse_ctx *c, const cJSON *v, const char *path, int *out)
{
    uint64_t ch;
    if (!parse_uint(c, v, path, 26, &ch) || ch < 11)
        return parse_fail(c, path, "expected a channel from 11 to 26");
    *out = (int)ch;
    return true;
}

/* The frame selector shared by the packet verbs: from, to, channel, payload. */
static bool parse_selector(struct parse_ctx *c, const cJSON *v, const char *vpath, struct step *s)
{
    static const char *const kv[] = { "from", "to", "channel", "payload", "min", "max", NULL };
    char ipath[300];
    const cJSON *i;
    s->pkt.from = s->pkt.to = s->pkt.channel = -1;
    if (!cJSON_IsObject(v))
        return parse_fail(c, vpath, "expected {\"from\": \"a\", \"to\": \"b\", \"channel\": 11, \"payload\": \"...\"}");
    if (!parse_check_fields(c, v, vpath, kv, NULL))
        return false;
    snprintf(ipath, sizeof(ipath), "%s.from", vpath);
    if ((i = cJSON_GetObjectItemCaseSensitive(v, "from")) && !parse_node_name(c, i, ipath, &s->pkt.from))
        return false;
    snprintf(ipath, sizeof(ipath), "%s.to", vpath);
    if ((i = cJSON_GetObjectItemCaseSensitive(v, "to")) && !parse_node_name(c, i, ipath, &s->pkt.to))
        return false;
    snprintf(ipath, sizeof(ipath), "%s.channel", vpath);
    if ((i = cJSON_GetObjectItemCaseSensitive(v, "channel")) && !packet_channel(c, i, ipath, &s->pkt.channel))
        return false;
    snprintf(ipath, sizeof(ipath), "%s.payload", vpath);
    return !(i = cJSON_GetObjectItemCaseSensitive(v, "payload")) || parse_payload(c, i, ipath, s);
}

/* expect_delivery's bounds: "min" (required), "max" (default 1). */
static bool delivery_bounds(struct parse_ctx *c, const cJSON *v, const char *vpath, struct step *s)
{
    char ipath[300];
    const cJSON *min = cJSON_GetObjectItemCaseSensitive(v, "min"), *max = cJSON_GetObjectItemCaseSensitive(v, "max");
    s->pkt.max = 1;
    snprintf(ipath, sizeof(ipath), "%s.min", vpath);
    if (!min)
        return parse_fail(c, vpath, "missing \"min\": the lowest delivery ratio that passes (0 to 1)");
    if (!parse_number(c, min, ipath, &s->pkt.min) || s->pkt.min < 0 || s->pkt.min > 1)
        return parse_fail(c, ipath, "expected a ratio from 0 to 1");
    snprintf(ipath, sizeof(ipath), "%s.max", vpath);
    if (max && (!parse_number(c, max, ipath, &s->pkt.max) || s->pkt.max < s->pkt.min || s->pkt.max > 1))
        return parse_fail(c, ipath, "expected a ratio from \"min\" to 1");
    if (s->pkt.from < 0 || s->pkt.to < 0)
        return parse_fail(c, vpath, "expected \"from\" and \"to\": the link whose delivery is measured");
    return true;
}

/* A time field the verb requires. */
static bool req_time(struct parse_ctx *c, const cJSON *step, const char *path, const char *key, uint64_t *ns)
{
    char fpath[256];
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(step, key);
    snprintf(fpath, sizeof(fpath), "%s.%s", path, key);
    if (!v)
        return parse_fail(c, path, "missing \"%s\": how long, e.g. \"100ms\"", key);
    return parse_time(c, v, fpath, ns);
}

bool parse_packet_step(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    const char *verb = scenario_verb_name(s->verb);
    char vpath[256];
    snprintf(vpath, sizeof(vpath), "%s.%s", path, verb);
    if (!need_radio(c, vpath, verb) || !parse_selector(c, v, vpath, s))
        return false;
    bool delivery = s->verb == STEP_EXPECT_DELIVERY;
    if (!delivery && (cJSON_GetObjectItemCaseSensitive(v, "min") || cJSON_GetObjectItemCaseSensitive(v, "max")))
        return parse_fail(c, vpath, "\"min\" and \"max\" belong to expect_delivery");
    if (!cJSON_GetObjectItemCaseSensitive(step, "node"))
        s->node = s->pkt.to >= 0 ? s->pkt.to : s->pkt.from >= 0 ? s->pkt.from : s->node;
    switch (s->verb) {
    case STEP_WAIT_PACKET: return parse_opt_time(c, step, path, "timeout", &s->timeout_ns);
    case STEP_EXPECT_PACKET:
        s->timeout_ns = 0;                      /* looks back unless given "within" */
        return parse_opt_time(c, step, path, "within", &s->timeout_ns);
    case STEP_EXPECT_NO_PACKET: return req_time(c, step, path, "for", &s->duration_ns);
    default: return delivery_bounds(c, v, vpath, s) && req_time(c, step, path, "over", &s->duration_ns);
    }
}

bool parse_move_step(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    char vpath[256];
    (void)step;
    snprintf(vpath, sizeof(vpath), "%s.move", path);
    return need_radio(c, vpath, "move") && parse_node_position(c, v, vpath, s->pkt.pos);
}

bool parse_set_link_step(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    static const char *const f[] = { "from", "to", "ratio", "rssi", NULL };
    char vpath[256], ipath[300];
    (void)step;
    snprintf(vpath, sizeof(vpath), "%s.set_link", path);
    if (!need_radio(c, vpath, "set_link"))
        return false;
    if (c->sc->radio->params.model != MEDIUM_LINKS)
        return parse_fail(c, vpath, "set_link needs \"model\": \"links\" in the radio block");
    if (!cJSON_IsObject(v) || !parse_check_fields(c, v, vpath, f, NULL))
        return parse_fail(c, vpath, "expected {\"from\": \"a\", \"to\": \"b\", \"ratio\": 0.5, \"rssi\": -70}");
    const cJSON *from = cJSON_GetObjectItemCaseSensitive(v, "from"), *to = cJSON_GetObjectItemCaseSensitive(v, "to");
    if (!from || !to)
        return parse_fail(c, vpath, "expected \"from\" and \"to\": board names");
    snprintf(ipath, sizeof(ipath), "%s.from", vpath);
    if (!parse_node_name(c, from, ipath, &s->pkt.from))
        return false;
    snprintf(ipath, sizeof(ipath), "%s.to", vpath);
    s->pkt.min = 1;
    s->pkt.rssi = -60;
    return parse_node_name(c, to, ipath, &s->pkt.to) && parse_link_numbers(c, v, vpath, &s->pkt.min, &s->pkt.rssi);
}

/* radio_off, radio_on, reset: the value names the board. */
bool parse_board_step(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    char vpath[256];
    snprintf(vpath, sizeof(vpath), "%s.%s", path, scenario_verb_name(s->verb));
    if (s->verb != STEP_RESET && !need_radio(c, vpath, scenario_verb_name(s->verb)))
        return false;
    if (cJSON_GetObjectItemCaseSensitive(step, "node"))
        return parse_fail(c, path, "the board is the value of \"%s\"; \"node\" is not needed", scenario_verb_name(s->verb));
    return parse_node_name(c, v, vpath, &s->node);
}

bool parse_jam_step(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s)
{
    static const char *const f[] = { "channel", "dbm", NULL };
    char vpath[256], ipath[300];
    snprintf(vpath, sizeof(vpath), "%s.jam", path);
    if (!need_radio(c, vpath, "jam"))
        return false;
    if (!cJSON_IsObject(v) || !parse_check_fields(c, v, vpath, f, NULL) || !cJSON_GetObjectItemCaseSensitive(v, "channel"))
        return parse_fail(c, vpath, "expected {\"channel\": 15, \"dbm\": -40}");
    snprintf(ipath, sizeof(ipath), "%s.channel", vpath);
    if (!packet_channel(c, cJSON_GetObjectItemCaseSensitive(v, "channel"), ipath, &s->pkt.channel))
        return false;
    const cJSON *dbm = cJSON_GetObjectItemCaseSensitive(v, "dbm");
    snprintf(ipath, sizeof(ipath), "%s.dbm", vpath);
    s->pkt.dbm = -40;
    if (dbm && (!parse_number(c, dbm, ipath, &s->pkt.dbm) || s->pkt.dbm < -127 || s->pkt.dbm > 30))
        return parse_fail(c, ipath, "expected a power in dBm from -127 to 30");
    return req_time(c, step, path, "for", &s->duration_ns);
}
