/* Scenario files, the radio's part: the "radio" block (the medium's model and parameters,
 * explicit links) and each node's "position" (doc/scenarios.md, "Radio"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario/parse.h"

bool parse_node_name(struct parse_ctx *c, const cJSON *v, const char *path, int *out)
{
    const char *name;
    if (!parse_string(c, v, path, &name))
        return false;
    for (int i = 0; i < c->sc->nnodes; i++)
        if (strcmp(c->sc->nodes[i].name, name) == 0) {
            *out = i;
            return true;
        }
    return parse_fail(c, path, "no board named '%s' in \"nodes\"", name);
}

bool parse_node_position(struct parse_ctx *c, const cJSON *v, const char *path, double pos[3])
{
    static const char *const axes[] = { "x", "y", "z", NULL };
    int n = cJSON_IsArray(v) ? cJSON_GetArraySize(v) : -1;
    pos[0] = pos[1] = pos[2] = 0;
    if (cJSON_IsObject(v)) {
        if (!parse_check_fields(c, v, path, axes, NULL))
            return false;
        for (int i = 0; i < 3; i++) {
            const cJSON *a = cJSON_GetObjectItemCaseSensitive(v, axes[i]);
            char apath[300];
            snprintf(apath, sizeof(apath), "%s.%s", path, axes[i]);
            if (a && !parse_number(c, a, apath, &pos[i]))
                return false;
        }
        return true;
    }
    if (n != 2 && n != 3)
        return parse_fail(c, path, "expected a position in metres: [x, y], [x, y, z] or {\"x\": 1, \"y\": 2}");
    int i = 0;
    for (const cJSON *a = v->child; a; a = a->next, i++) {
        char apath[300];
        snprintf(apath, sizeof(apath), "%s[%d]", path, i);
        if (!parse_number(c, a, apath, &pos[i]))
            return false;
    }
    return true;
}

/* A number field of the radio block within [lo, hi]; absent: *out keeps its default. */
static bool radio_number(struct parse_ctx *c, const cJSON *o, const char *key, double lo, double hi, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    char path[64];
    snprintf(path, sizeof(path), "radio.%s", key);
    if (!v)
        return true;
    if (!parse_number(c, v, path, out) || *out < lo || *out > hi)
        return parse_fail(c, path, "expected a number from %g to %g", lo, hi);
    return true;
}

static bool parse_link(struct parse_ctx *c, const cJSON *o, const char *path, struct scenario_radio *r)
{
    static const char *const f[] = { "from", "to", "ratio", "rssi", "both", "comment", NULL };
    char fpath[300];
    if (!cJSON_IsObject(o))
        return parse_fail(c, path, "expected a link {\"from\": \"a\", \"to\": \"b\", \"ratio\": 1, \"rssi\": -60}");
    if (!parse_check_fields(c, o, path, f, NULL))
        return false;
    struct scenario_link l = { -1, -1, 1.0, -60 };
    const cJSON *from = cJSON_GetObjectItemCaseSensitive(o, "from"), *to = cJSON_GetObjectItemCaseSensitive(o, "to");
    if (!from || !to)
        return parse_fail(c, path, "expected \"from\" and \"to\": board names");
    snprintf(fpath, sizeof(fpath), "%s.from", path);
    if (!parse_node_name(c, from, fpath, &l.from))
        return false;
    snprintf(fpath, sizeof(fpath), "%s.to", path);
    if (!parse_node_name(c, to, fpath, &l.to))
        return false;
    if (!parse_link_numbers(c, o, path, &l.ratio, &l.rssi))
        return false;
    const cJSON *both = cJSON_GetObjectItemCaseSensitive(o, "both");
    snprintf(fpath, sizeof(fpath), "%s.both", path);
    if (both && !cJSON_IsBool(both))
        return parse_fail(c, fpath, "expected true or false");
    r->links[r->nlinks++] = l;
    if (cJSON_IsTrue(both))
        r->links[r->nlinks++] = (struct scenario_link){ l.to, l.from, l.ratio, l.rssi };
    return true;
}

bool parse_link_numbers(struct parse_ctx *c, const cJSON *o, const char *path, double *ratio, int *rssi)
{
    char fpath[300];
    const cJSON *v;
    snprintf(fpath, sizeof(fpath), "%s.ratio", path);
    if ((v = cJSON_GetObjectItemCaseSensitive(o, "ratio")) && (!parse_number(c, v, fpath, ratio) || *ratio < 0 || *ratio > 1))
        return parse_fail(c, fpath, "expected a reception ratio from 0 to 1");
    double dbm = *rssi;
    snprintf(fpath, sizeof(fpath), "%s.rssi", path);
    if ((v = cJSON_GetObjectItemCaseSensitive(o, "rssi")) && (!parse_number(c, v, fpath, &dbm) || dbm < -127 || dbm > 20))
        return parse_fail(c, fpath, "expected an RSSI in dBm from -127 to 20");
    *rssi = (int)lround(dbm);
    return true;
}

static bool parse_links(struct parse_ctx *c, const cJSON *v, struct scenario_radio *r)
{
    if (!cJSON_IsArray(v))
        return parse_fail(c, "radio.links", "expected an array of links");
    if (!(r->links = calloc(2 * (size_t)cJSON_GetArraySize(v) + 1, sizeof(*r->links))))
        return parse_fail(c, "radio.links", "out of memory");
    int i = 0;
    for (const cJSON *o = v->child; o; o = o->next, i++) {
        char path[64];
        snprintf(path, sizeof(path), "radio.links[%d]", i);
        if (!parse_link(c, o, path, r))
            return false;
    }
    return true;
}

static bool parse_model(struct parse_ctx *c, const cJSON *v, enum medium_model *m)
{
    for (int i = MEDIUM_UNIT_DISK; cJSON_IsString(v) && i <= MEDIUM_LINKS; i++)
        if (strcmp(v->valuestring, medium_model_name((enum medium_model)i)) == 0) {
            *m = (enum medium_model)i;
            return true;
        }
    return parse_fail(c, "radio.model", "expected a model: \"unit-disk\", \"log-distance\" or \"links\"");
}

/* The fields a model takes, besides model, seed, noise and comment. */
static const char *const *model_fields(enum medium_model m)
{
    static const char *const udgm[] = { "tx_range", "interference_range", "success_tx", "success_rx", NULL };
    static const char *const logd[] = { "path_loss", "d0", "exponent", "shadowing", "sensitivity", NULL };
    static const char *const links[] = { "links", NULL };
    return m == MEDIUM_UNIT_DISK ? udgm : m == MEDIUM_LOG_DISTANCE ? logd : links;
}

static bool radio_numbers(struct parse_ctx *c, const cJSON *o, struct medium_params *p)
{
    uint64_t seed = p->seed;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "seed");
    if (v && !parse_uint(c, v, "radio.seed", UINT32_MAX, &seed))
        return false;
    p->seed = seed;
    return radio_number(c, o, "noise", -150, 0, &p->noise_dbm) &&
           radio_number(c, o, "tx_range", 0, 1e6, &p->tx_range) &&
           radio_number(c, o, "interference_range", 0, 1e6, &p->interference_range) &&
           radio_number(c, o, "success_tx", 0, 1, &p->success_tx) &&
           radio_number(c, o, "success_rx", 0, 1, &p->success_rx) &&
           radio_number(c, o, "path_loss", 0, 200, &p->pl_d0_db) && radio_number(c, o, "d0", 1e-3, 1e6, &p->d0_m) &&
           radio_number(c, o, "exponent", 0.1, 10, &p->exponent) &&
           radio_number(c, o, "shadowing", 0, 30, &p->shadowing_db) &&
           radio_number(c, o, "sensitivity", -150, 0, &p->sensitivity_dbm);
}

bool parse_radio(struct parse_ctx *c, const cJSON *doc)
{
    static const char *const common[] = { "model", "seed", "noise", "comment", NULL };
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(doc, "radio");
    if (!o)
        return true;
    if (!cJSON_IsObject(o))
        return parse_fail(c, "radio", "expected {\"model\": \"unit-disk\", ...}");
    struct scenario_radio *r = c->sc->radio = calloc(1, sizeof(*r));
    if (!r)
        return parse_fail(c, "radio", "out of memory");
    enum medium_model m = MEDIUM_UNIT_DISK;
    const cJSON *model = cJSON_GetObjectItemCaseSensitive(o, "model");
    if (model && !parse_model(c, model, &m))
        return false;
    medium_params_default(&r->params, m);
    r->params.seed = c->sc->seed;
    if (!parse_check_fields(c, o, "radio", common, model_fields(m)) || !radio_numbers(c, o, &r->params))
        return false;
    const cJSON *links = cJSON_GetObjectItemCaseSensitive(o, "links");
    return !links || parse_links(c, links, r);
}

void scenario_radio_free(struct scenario_radio *r)
{
    if (r)
        free(r->links);
    free(r);
}
