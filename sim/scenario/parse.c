/* Scenario files: JSON text -> struct scenario, with errors that name the file, the line and
 * column, the JSON path and what was expected (doc/scenarios.md). Unknown fields are errors. */
#include "sim/scenario/parse.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boards-virtual/sim_boards.h"
#include "sim/core/units.h"
#include "sim/scenario/json.h"
#include "sim/scenario/matrix.h"

void parse_position(struct parse_ctx *c, const char *path, bool at_key, int *line, int *col)
{
    if (!c->ix)
        c->ix = json_index_new(c->text);
    long off = c->ix ? json_index_locate(c->ix, path, at_key) : -1;
    *line = *col = 1;
    if (off >= 0)
        json_index_line_col(c->ix, (size_t)off, line, col);
}

bool parse_fail(struct parse_ctx *c, const char *path, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    int line, col;
    parse_position(c, path, c->at_key, &line, &col);
    c->at_key = false;
    if (*path)
        snprintf(c->err, c->errlen, "%s:%d:%d: %s: %s", c->file, line, col, path, msg);
    else
        snprintf(c->err, c->errlen, "%s:%d:%d: %s", c->file, line, col, msg);
    return false;
}

static bool in_list(const char *key, const char *const *list)
{
    for (; list && *list; list++)
        if (strcmp(key, *list) == 0)
            return true;
    return false;
}

static void append_list(char *buf, size_t n, const char *const *list)
{
    for (; list && *list; list++) {
        size_t len = strlen(buf);
        snprintf(buf + len, n - len, "%s%s", len ? ", " : "", *list);
    }
}

bool parse_check_fields(struct parse_ctx *c, const cJSON *obj, const char *path,
                        const char *const *allowed, const char *const *more)
{
    for (const cJSON *f = obj->child; f; f = f->next) {
        char fpath[256];
        snprintf(fpath, sizeof(fpath), "%s%s%s", path, *path ? "." : "", f->string);
        if (!in_list(f->string, allowed) && !in_list(f->string, more)) {
            char expected[300] = "";
            append_list(expected, sizeof(expected), allowed);
            append_list(expected, sizeof(expected), more);
            c->at_key = true;
            return parse_fail(c, fpath, "unknown field '%s' (expected one of: %s)", f->string, expected);
        }
        for (const cJSON *g = obj->child; g != f; g = g->next)
            if (strcmp(g->string, f->string) == 0 && (c->at_key = true))
                return parse_fail(c, fpath, "field '%s' given twice", f->string);
    }
    return true;
}

bool parse_string(struct parse_ctx *c, const cJSON *v, const char *path, const char **out)
{
    if (!cJSON_IsString(v))
        return parse_fail(c, path, "expected a string");
    *out = v->valuestring;
    return true;
}

bool parse_time(struct parse_ctx *c, const cJSON *v, const char *path, uint64_t *ns)
{
    const char *s = cJSON_IsString(v) ? v->valuestring : NULL;
    size_t n = s ? strlen(s) : 0;
    char why[200];
    enum units_error e = s && n > 0 && s[n - 1] == 's' ? units_parse_time(s, ns, why, sizeof(why)) : UNITS_SYNTAX;
    if (e == UNITS_SYNTAX)                      /* a bare number is seconds on the command line, not here */
        return parse_fail(c, path, "expected a time with a unit, such as \"500ms\", \"2s\" or \"20us\"");
    if (e == UNITS_RANGE)
        return parse_fail(c, path, "%s", why);
    return true;
}

bool parse_uint(struct parse_ctx *c, const cJSON *v, const char *path, uint64_t max, uint64_t *out)
{
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > (double)max ||
        v->valuedouble != floor(v->valuedouble))
        return parse_fail(c, path, "expected an integer from 0 to %llu", (unsigned long long)max);
    *out = (uint64_t)v->valuedouble;
    return true;
}

bool parse_number(struct parse_ctx *c, const cJSON *v, const char *path, double *out)
{
    if (!cJSON_IsNumber(v))
        return parse_fail(c, path, "expected a number");
    *out = v->valuedouble;
    return true;
}

bool parse_level(struct parse_ctx *c, const cJSON *v, const char *path, bool *out)
{
    static const char *const on[] = { "on", "high", "1", "true", NULL };
    static const char *const off[] = { "off", "low", "0", "false", NULL };
    if (cJSON_IsBool(v)) {
        *out = cJSON_IsTrue(v);
        return true;
    }
    if (cJSON_IsNumber(v) && (v->valuedouble == 0 || v->valuedouble == 1)) {
        *out = v->valuedouble == 1;
        return true;
    }
    if (cJSON_IsString(v) && (in_list(v->valuestring, on) || in_list(v->valuestring, off))) {
        *out = in_list(v->valuestring, on);
        return true;
    }
    return parse_fail(c, path, "expected \"on\"/\"off\", \"high\"/\"low\", true/false or 1/0");
}

char *parse_input_path(struct parse_ctx *c, const char *p)
{
    size_t n = strlen(c->dir) + strlen(p) + 2;
    char *out = malloc(n);
    if (!out)
        return NULL;
    if (p[0] == '/' || strcmp(c->dir, ".") == 0)
        snprintf(out, n, "%s", p);
    else
        snprintf(out, n, "%s/%s", c->dir, p);
    return out;
}

/* The default kernel and the named apps live in the build tree. */
static char *build_path(struct parse_ctx *c, const char *fmt, const char *a, const char *b)
{
    char buf[1024];
    snprintf(buf, sizeof(buf), fmt, c->paths && c->paths->build_dir ? c->paths->build_dir : "build", a, b);
    return strdup(buf);
}

static bool check_file(struct parse_ctx *c, const char *path, const char *file, const char *what)
{
    if (access(file, R_OK) == 0)
        return true;
    return parse_fail(c, path, "%s %s: %s%s", what, file, strerror(errno),
                      errno == ENOENT ? " (run make first?)" : "");
}

/* An app named without a path: the build's copy for the node's board (for boards whose apps are
 * linked per flash slot, the copy for the slot it will occupy: its place in the list). */
static char *app_build_path(struct parse_ctx *c, const struct scenario_node *n, const char *name)
{
    const char *build = c->paths && c->paths->build_dir ? c->paths->build_dir : "build";
    return board_app_path(board_find(n->board), build, name, n->napps);
}

static bool parse_apps(struct parse_ctx *c, const cJSON *v, const char *path, struct scenario_node *n)
{
    if (!cJSON_IsArray(v))
        return parse_fail(c, path, "expected an array of app names (\"blink\") or .tbf/.tab paths");
    for (const cJSON *a = v->child; a; a = a->next) {
        char apath[320];
        const char *name = NULL;
        snprintf(apath, sizeof(apath), "%s[%d]", path, n->napps);
        if (!parse_string(c, a, apath, &name))
            return false;
        if (n->napps == SCENARIO_MAX_APPS)
            return parse_fail(c, apath, "at most %d apps per board", SCENARIO_MAX_APPS);
        char *given = matrix_expand(c, n->board, name, apath);
        if (!given)
            return false;
        size_t glen = strlen(given);
        bool is_path = strchr(given, '/') || (glen > 4 && (strcmp(given + glen - 4, ".tbf") == 0 ||
                                                           strcmp(given + glen - 4, ".tab") == 0));
        char *file = is_path ? parse_input_path(c, given) : app_build_path(c, n, given);
        free(given);
        n->apps[n->napps++] = file;
        if (!file || !check_file(c, apath, file, "app"))
            return false;
    }
    return true;
}

/* "app_elfs": apps' ELF files given by hand (--app-elf), for source-level fault reports and
 * GDB's symbols when the ELF is not NAME.elf beside NAME.tbf; relative to the scenario. */
static bool parse_app_elfs(struct parse_ctx *c, const cJSON *v, const char *path, struct scenario_node *n)
{
    if (!cJSON_IsArray(v))
        return parse_fail(c, path, "expected an array of app ELF paths (\"my-apps/hello.elf\")");
    for (const cJSON *a = v->child; a; a = a->next) {
        char apath[320];
        const char *name = NULL;
        snprintf(apath, sizeof(apath), "%s[%d]", path, n->napp_elfs);
        if (!parse_string(c, a, apath, &name))
            return false;
        if (n->napp_elfs == SCENARIO_MAX_APPS)
            return parse_fail(c, apath, "at most %d app ELFs per board", SCENARIO_MAX_APPS);
        char *given = matrix_expand(c, n->board, name, apath);
        if (!given)
            return false;
        char *file = parse_input_path(c, given);
        free(given);
        n->app_elfs[n->napp_elfs++] = file;
        if (!file || !check_file(c, apath, file, "app ELF"))
            return false;
    }
    return true;
}

/* "snapshot": a file to start from instead of reset (read when the board is built). */
static bool parse_snapshot(struct parse_ctx *c, const cJSON *obj, const char *prefix, struct scenario_node *n)
{
    char path[300];
    const char *s = NULL;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "snapshot");
    if (!v)
        return true;
    snprintf(path, sizeof(path), "%ssnapshot", prefix);
    char *given = parse_string(c, v, path, &s) ? matrix_expand(c, n->board, s, path) : NULL;
    if (!given)
        return false;
    n->snapshot = parse_input_path(c, given);
    free(given);
    return n->snapshot && check_file(c, path, n->snapshot, "snapshot");
}

/* One board: fields of a "nodes" element (which may name its own board), or the top-level
 * shorthand (whose "board" is the scenario's list). Otherwise the board is the one this
 * instance of the scenario runs on. */
static bool parse_node_fields(struct parse_ctx *c, const cJSON *obj, const char *prefix, struct scenario_node *n,
                              bool own_board)
{
    char path[300];
    const char *s = NULL;
    const cJSON *v;
    snprintf(n->board, sizeof(n->board), "%s", c->board);
    if (own_board && (v = cJSON_GetObjectItemCaseSensitive(obj, "board"))) {
        snprintf(path, sizeof(path), "%sboard", prefix);
        if (!parse_string(c, v, path, &s))
            return false;
        if (!board_find(s))
            return parse_fail(c, path, "unknown board '%s' (known: %s)", s, board_names());
        snprintf(n->board, sizeof(n->board), "%s", s);
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "ram"))) {
        snprintf(path, sizeof(path), "%sram", prefix);
        char why[200];
        enum units_error e = parse_string(c, v, path, &s) ? units_parse_size(s, &n->ram, why, sizeof(why)) : UNITS_SYNTAX;
        if (e == UNITS_SYNTAX)
            return parse_fail(c, path, "expected a size such as \"64K\"");
        if (e == UNITS_RANGE)
            return parse_fail(c, path, "%s", why);
    }
    snprintf(path, sizeof(path), "%skernel", prefix);
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "kernel"))) {
        char *given = parse_string(c, v, path, &s) ? matrix_expand(c, n->board, s, path) : NULL;
        if (!given)
            return false;
        n->kernel = parse_input_path(c, given);
        free(given);
    } else {
        n->kernel = build_path(c, "%s/kernel/%s/kernel.elf", n->board, "");
    }
    if (!n->kernel || !check_file(c, path, n->kernel, "kernel"))
        return false;
    snprintf(path, sizeof(path), "%sapps", prefix);
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "apps")) && !parse_apps(c, v, path, n))
        return false;
    snprintf(path, sizeof(path), "%sapp_elfs", prefix);
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "app_elfs")) && !parse_app_elfs(c, v, path, n))
        return false;
    return parse_snapshot(c, obj, prefix, n);
}

/* "gdb": the port this board waits for GDB on (doc/debugging.md); none: -1. */
static bool parse_node_gdb(struct parse_ctx *c, const cJSON *v, const char *path, struct scenario_node *n)
{
    uint64_t port = 0;
    n->gdb_port = -1;
    if (v && !parse_uint(c, v, path, 65535, &port))
        return false;
    if (v)
        n->gdb_port = (int)port;
    return true;
}

/* Element i of "nodes": fields, board, name (default "node<i>", unique) and seed. */
static bool parse_node_object(struct parse_ctx *c, const cJSON *o, int i)
{
    static const char *const node_fields[] = { "name", "board", "kernel", "apps", "app_elfs", "ram", "seed",
                                               "snapshot", "position", "gdb", "comment", NULL };
    struct scenario *sc = c->sc;
    struct scenario_node *n = &sc->nodes[i];
    char path[64], prefix[64];
    const char *s = NULL;
    uint64_t seed = sc->seed + (uint64_t)i;
    snprintf(path, sizeof(path), "nodes[%d]", i);
    snprintf(prefix, sizeof(prefix), "nodes[%d].", i);
    if (!cJSON_IsObject(o))
        return parse_fail(c, path, "expected a board object {\"name\", \"board\", \"apps\", ...}");
    if (!parse_check_fields(c, o, path, node_fields, NULL) || !parse_node_fields(c, o, prefix, n, true))
        return false;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "name");
    snprintf(path, sizeof(path), "nodes[%d].name", i);
    if (v && !parse_string(c, v, path, &s))
        return false;
    if (v)
        snprintf(n->name, sizeof(n->name), "%s", s);
    else
        snprintf(n->name, sizeof(n->name), "node%d", i);
    for (int k = 0; k < i; k++)
        if (strcmp(sc->nodes[k].name, n->name) == 0)
            return parse_fail(c, path, "two boards are named '%s'", n->name);
    snprintf(path, sizeof(path), "nodes[%d].seed", i);
    if ((v = cJSON_GetObjectItemCaseSensitive(o, "seed")) && !parse_uint(c, v, path, UINT32_MAX, &seed))
        return false;
    n->seed = seed;
    snprintf(path, sizeof(path), "nodes[%d].position", i);
    if ((v = cJSON_GetObjectItemCaseSensitive(o, "position")) && !parse_node_position(c, v, path, n->pos))
        return false;
    snprintf(path, sizeof(path), "nodes[%d].gdb", i);
    return parse_node_gdb(c, cJSON_GetObjectItemCaseSensitive(o, "gdb"), path, n);
}

static bool parse_nodes(struct parse_ctx *c, const cJSON *doc)
{
    static const char *const single[] = { "kernel", "apps", "app_elfs", "ram", "snapshot" };
    struct scenario *sc = c->sc;
    const cJSON *nodes = cJSON_GetObjectItemCaseSensitive(doc, "nodes");
    if (!nodes) {                               /* one board, described at the top */
        if (!(sc->nodes = calloc(1, sizeof(*sc->nodes))))
            return parse_fail(c, "", "out of memory");
        sc->nnodes = 1;
        if (!parse_node_fields(c, doc, "", &sc->nodes[0], false))
            return false;
        snprintf(sc->nodes[0].name, sizeof(sc->nodes[0].name), "%s", sc->nodes[0].board);
        sc->nodes[0].seed = sc->seed;
        sc->nodes[0].gdb_port = -1;             /* --gdb gives one */
        return true;
    }
    for (size_t i = 0; i < sizeof(single) / sizeof(single[0]); i++)
        if (cJSON_GetObjectItemCaseSensitive(doc, single[i]) && (c->at_key = true))
            return parse_fail(c, single[i], "give '%s' inside each element of \"nodes\", not at the top", single[i]);
    if (!cJSON_IsArray(nodes) || cJSON_GetArraySize(nodes) < 1)
        return parse_fail(c, "nodes", "expected a non-empty array of board objects");
    if (!(sc->nodes = calloc((size_t)cJSON_GetArraySize(nodes), sizeof(*sc->nodes))))
        return parse_fail(c, "nodes", "out of memory for %d boards", cJSON_GetArraySize(nodes));
    int own = 0;
    for (const cJSON *o = nodes->child; o; o = o->next) {
        if (!parse_node_object(c, o, sc->nnodes++))
            return false;
        own += cJSON_GetObjectItemCaseSensitive(o, "board") != NULL;
    }
    if (c->nboards > 1 && own == sc->nnodes && (c->at_key = true))
        return parse_fail(c, "board", "every node names its own board, so each of the %d boards listed here "
                          "would run the same scenario: list one board or none", c->nboards);
    return true;
}

static bool parse_requires(struct parse_ctx *c, const cJSON *v)
{
    if (!cJSON_IsArray(v))
        return parse_fail(c, "requires", "expected an array of features: \"kdbg\", \"ui\"");
    int i = 0;
    for (const cJSON *r = v->child; r; r = r->next, i++) {
        char path[64];
        snprintf(path, sizeof(path), "requires[%d]", i);
        if (cJSON_IsString(r) && strcmp(r->valuestring, "kdbg") == 0)
            c->sc->requires_kdbg = true;
        else if (cJSON_IsString(r) && strcmp(r->valuestring, "ui") == 0)
            c->sc->requires_ui = true;
        else
            return parse_fail(c, path, "expected \"kdbg\" (kernel process events) or \"ui\" (the window)");
    }
    return true;
}

/* Fills name, description, seed, timeout and requires. */
static bool parse_header(struct parse_ctx *c, const cJSON *doc)
{
    struct scenario *sc = c->sc;
    const cJSON *v;
    const char *s = NULL;
    if ((v = cJSON_GetObjectItemCaseSensitive(doc, "name"))) {
        if (!parse_string(c, v, "name", &s))
            return false;
        sc->name = strdup(s);
    } else {
        const char *base = strrchr(c->file, '/') ? strrchr(c->file, '/') + 1 : c->file;
        sc->name = strndup(base, strcspn(base, "."));
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(doc, "description"))) {
        if (!parse_string(c, v, "description", &s))
            return false;
        sc->description = strdup(s);
    }
    sc->seed = 1;
    if ((v = cJSON_GetObjectItemCaseSensitive(doc, "seed")) && !parse_uint(c, v, "seed", UINT32_MAX, &sc->seed))
        return false;
    sc->timeout_ns = 10000000000ull;
    if ((v = cJSON_GetObjectItemCaseSensitive(doc, "timeout")) && !parse_time(c, v, "timeout", &sc->timeout_ns))
        return false;
    if ((v = cJSON_GetObjectItemCaseSensitive(doc, "requires")) && !parse_requires(c, v))
        return false;
    return true;
}

/* The steps that run on c->board, each parsed from the board's copy (its ${NAME}s replaced). */
static bool parse_steps(struct parse_ctx *c, const cJSON *doc, const char *const *boards, int nboards)
{
    const cJSON *steps = cJSON_GetObjectItemCaseSensitive(doc, "steps");
    if (!cJSON_IsArray(steps) || cJSON_GetArraySize(steps) == 0)
        return parse_fail(c, steps ? "steps" : "", "expected \"steps\": a non-empty array of step objects");
    c->sc->steps = calloc((size_t)cJSON_GetArraySize(steps), sizeof(struct step));
    if (!c->sc->steps)
        return parse_fail(c, "", "out of memory");
    int i = 0;
    for (const cJSON *o = steps->child; o; o = o->next, i++) {
        char path[64];
        bool applies = true;
        snprintf(path, sizeof(path), "steps[%d]", i);
        if (!matrix_step_applies(c, o, path, boards, nboards, &applies))
            return false;
        if (!applies)
            continue;
        cJSON *mine = matrix_step(c, o, path);
        int k = c->sc->nsteps++;                /* counted first: a half-parsed step is freed too */
        bool ok = mine && parse_step(c, mine, i, &c->sc->steps[k]);
        cJSON_Delete(mine);
        if (!ok)
            return false;
    }
    if (c->sc->nsteps == 0)
        return parse_fail(c, "steps", "no step runs on board %s", c->board);
    return true;
}

/* Chooses the board of this instance: `want`, which must be one of the scenario's, or its first.
 * With several boards, the instance's name says which: "blink [rv32]". */
static bool pick_board(struct parse_ctx *c, const cJSON *doc, const char *want, const char **boards, int *n)
{
    if (!matrix_boards(c, doc, boards, n))
        return false;
    c->nboards = *n;
    c->board = boards[0];
    for (int i = 0; want && i < *n; i++)
        if (strcmp(boards[i], want) == 0)
            c->board = boards[i];
    if (want && strcmp(c->board, want) != 0)
        return parse_fail(c, cJSON_GetObjectItemCaseSensitive(doc, "board") ? "board" : "",
                          "the scenario does not run on board %s", want);
    snprintf(c->sc->board, sizeof(c->sc->board), "%s", c->board);
    if (*n > 1) {
        size_t len = strlen(c->sc->name) + strlen(c->board) + 4;
        char *named = malloc(len);
        if (!named)
            return parse_fail(c, "", "out of memory");
        snprintf(named, len, "%s [%s]", c->sc->name, c->board);
        free(c->sc->name);
        c->sc->name = named;
    }
    return true;
}

static bool parse_document(struct parse_ctx *c, const cJSON *doc, const char *want_board)
{
    static const char *const top_fields[] = { "$schema", "name", "description", "comment", "seed", "timeout",
        "requires", "board", "vars", "kernel", "apps", "app_elfs", "ram", "snapshot", "nodes", "radio", "steps", NULL };
    const char *boards[MATRIX_MAX_BOARDS];
    int nboards = 0;
    if (!cJSON_IsObject(doc))
        return parse_fail(c, "", "expected a scenario object {\"name\": ..., \"steps\": [...]}");
    c->doc = doc;
    return parse_check_fields(c, doc, "", top_fields, NULL) && parse_header(c, doc) &&
           pick_board(c, doc, want_board, boards, &nboards) && matrix_check_vars(c, doc) &&
           parse_nodes(c, doc) && parse_radio(c, doc) && parse_steps(c, doc, boards, nboards);
}

/* A JSON syntax error: cJSON reports where it stopped. */
static void syntax_error(struct parse_ctx *c, const char *where)
{
    int line, col;
    size_t off = where ? (size_t)(where - c->text) : 0;
    json_line_col(c->text, off, &line, &col);
    if (where && *where)
        snprintf(c->err, c->errlen, "%s:%d:%d: JSON syntax error near '%.12s'", c->file, line, col, where);
    else
        snprintf(c->err, c->errlen, "%s:%d:%d: JSON syntax error: unexpected end of file", c->file, line, col);
}

static void parse_ctx_init(struct parse_ctx *c, const char *path, const char *text,
                           const struct scenario_paths *paths, char *err, size_t errlen)
{
    *c = (struct parse_ctx){ .file = path, .text = text, .paths = paths, .err = err, .errlen = errlen };
    const char *slash = strrchr(path, '/');
    snprintf(c->dir, sizeof(c->dir), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
}

static cJSON *parse_json(struct parse_ctx *c)
{
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithOpts(c->text, &end, true);
    if (!doc)
        syntax_error(c, end ? end : cJSON_GetErrorPtr());
    return doc;
}

struct scenario *scenario_parse_board(const char *path, const char *text, const char *board,
                                      const struct scenario_paths *paths, char *err, size_t errlen)
{
    struct parse_ctx c;
    parse_ctx_init(&c, path, text, paths, err, errlen);
    cJSON *doc = parse_json(&c);
    if (!doc)
        return NULL;
    c.sc = calloc(1, sizeof(*c.sc));
    bool ok = c.sc && (c.sc->path = strdup(path)) && parse_document(&c, doc, board);
    cJSON_Delete(doc);
    json_index_free(c.ix);
    if (!ok) {
        if (!c.sc)
            snprintf(err, errlen, "%s: out of memory", path);
        scenario_free(c.sc);
        return NULL;
    }
    return c.sc;
}

struct scenario *scenario_parse(const char *path, const char *text, const struct scenario_paths *paths,
                                char *err, size_t errlen)
{
    return scenario_parse_board(path, text, NULL, paths, err, errlen);
}

int scenario_parse_boards(const char *path, const char *text, const char **boards, char *err, size_t errlen)
{
    struct parse_ctx c;
    int n = -1;
    parse_ctx_init(&c, path, text, NULL, err, errlen);
    cJSON *doc = parse_json(&c);
    if (doc && cJSON_IsObject(doc) && !matrix_boards(&c, doc, boards, &n))
        n = -1;
    else if (doc && !cJSON_IsObject(doc))
        parse_fail(&c, "", "expected a scenario object {\"name\": ..., \"steps\": [...]}");
    cJSON_Delete(doc);
    json_index_free(c.ix);
    return n;
}

void scenario_free(struct scenario *sc)
{
    if (!sc)
        return;
    for (int i = 0; i < sc->nsteps; i++)
        step_free(&sc->steps[i]);
    free(sc->steps);
    for (int i = 0; sc->nodes && i < sc->nnodes; i++) {
        free(sc->nodes[i].kernel);
        free(sc->nodes[i].snapshot);
        for (int j = 0; j < sc->nodes[i].napps; j++)
            free(sc->nodes[i].apps[j]);
        for (int j = 0; j < sc->nodes[i].napp_elfs; j++)
            free(sc->nodes[i].app_elfs[j]);
    }
    free(sc->nodes);
    scenario_radio_free(sc->radio);
    free(sc->path);
    free(sc->name);
    free(sc->description);
    free(sc);
}
