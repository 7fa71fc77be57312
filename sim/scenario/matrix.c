/* One scenario file, several boards (doc/scenarios.md, "Boards"): the top-level "board" names one
 * board or a list, and the file is run once per board. What differs between boards is said in
 * the file itself: "vars" gives per-board values that steps use as ${NAME}, and a step with its
 * own "board" runs only on the boards it names. */
#include "sim/scenario/matrix.h"

#include <stdlib.h>
#include <string.h>

#include "boards-virtual/sim_boards.h"

/* "cm4" or ["cm4", "rv32"]: known boards, each once, at least one. */
static bool parse_board_names(struct parse_ctx *c, const cJSON *v, const char *path, const char **names,
                              int *n)
{
    const cJSON *one = cJSON_IsString(v) ? v : NULL;
    if (!one && (!cJSON_IsArray(v) || cJSON_GetArraySize(v) < 1))
        return parse_fail(c, path, "expected a board name or a non-empty list of them (known: %s)",
                          board_names());
    *n = 0;
    for (const cJSON *b = one ? one : v->child; b; b = one ? NULL : b->next) {
        char bpath[300];
        snprintf(bpath, sizeof(bpath), one ? "%s" : "%s[%d]", path, *n);
        const struct board_desc *d = cJSON_IsString(b) ? board_find(b->valuestring) : NULL;
        if (!d)
            return parse_fail(c, bpath, "unknown board %s%s%s (known: %s)", cJSON_IsString(b) ? "'" : "",
                              cJSON_IsString(b) ? b->valuestring : "(not a string)",
                              cJSON_IsString(b) ? "'" : "", board_names());
        for (int i = 0; i < *n; i++)
            if (names[i] == d->name)
                return parse_fail(c, bpath, "board '%s' is listed twice", d->name);
        if (*n == MATRIX_MAX_BOARDS)
            return parse_fail(c, bpath, "at most %d boards", MATRIX_MAX_BOARDS);
        names[(*n)++] = d->name;
    }
    return true;
}

bool matrix_boards(struct parse_ctx *c, const cJSON *doc, const char **names, int *n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, "board");
    if (v)
        return parse_board_names(c, v, "board", names, n);
    names[0] = "cm4";
    *n = 1;
    return true;
}

static bool listed(const char *board, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], board) == 0)
            return true;
    return false;
}

/* "vars": { "<board>": { "NAME": "text", ... }, ... } for known boards. */
static bool check_vars(struct parse_ctx *c, const cJSON *vars)
{
    if (!cJSON_IsObject(vars))
        return parse_fail(c, "vars", "expected {\"<board>\": {\"NAME\": \"value\", ...}, ...}");
    for (const cJSON *b = vars->child; b; b = b->next) {
        char path[300];
        snprintf(path, sizeof(path), "vars.%s", b->string);
        /* Values for the scenario's boards, or for a node's own board. */
        if (!board_find(b->string) && (c->at_key = true))
            return parse_fail(c, path, "'%s' is not a board (known: %s)", b->string, board_names());
        if (!cJSON_IsObject(b))
            return parse_fail(c, path, "expected an object of NAME: \"value\"");
        for (const cJSON *v = b->child; v; v = v->next) {
            snprintf(path, sizeof(path), "vars.%s.%s", b->string, v->string);
            if (!cJSON_IsString(v))
                return parse_fail(c, path, "expected a string (values replace ${%s} in steps)", v->string);
        }
    }
    return true;
}

/* Replaces every ${NAME} of *text by the board's value (values are not expanded again); ${BOARD}
 * is the board's name unless "vars" says otherwise. False with an error at path. */
static bool substitute(struct parse_ctx *c, const cJSON *vars, const char *board, const char *path, char **text)
{
    const char *start;
    size_t pos = 0;
    while ((start = strstr(*text + pos, "${"))) {
        const char *name = start + 2;
        size_t len = strcspn(name, "}");
        if (!name[len])
            return parse_fail(c, path, "'${' without a closing '}'");
        const char *value = len == 5 && strncmp(name, "BOARD", 5) == 0 ? board : NULL;
        for (const cJSON *it = vars ? vars->child : NULL; it; it = it->next)
            if (strlen(it->string) == len && strncmp(it->string, name, len) == 0)
                value = it->valuestring;
        if (!value)
            return parse_fail(c, path, "${%.*s} is not defined for board %s (in \"vars\".%s)", (int)len, name,
                              board, board);
        size_t head = (size_t)(start - *text), rest = strlen(name + len + 1);
        size_t vlen = strlen(value);
        char *out = cJSON_malloc(head + vlen + rest + 1);
        if (!out)
            return parse_fail(c, path, "out of memory");
        memcpy(out, *text, head);
        memcpy(out + head, value, vlen);
        memcpy(out + head + vlen, name + len + 1, rest + 1);
        cJSON_free(*text);
        *text = out;
        pos = head + vlen;
    }
    return true;
}

static bool substitute_tree(struct parse_ctx *c, const cJSON *vars, cJSON *node, const char *path)
{
    if (cJSON_IsString(node))
        return substitute(c, vars, c->board, path, &node->valuestring);
    int i = 0;
    for (cJSON *child = node->child; child; child = child->next, i++) {
        char cpath[300];
        if (cJSON_IsArray(node))
            snprintf(cpath, sizeof(cpath), "%s[%d]", path, i);
        else
            snprintf(cpath, sizeof(cpath), "%s.%s", path, child->string);
        if (!substitute_tree(c, vars, child, cpath))
            return false;
    }
    return true;
}

bool matrix_check_vars(struct parse_ctx *c, const cJSON *doc)
{
    const cJSON *vars = cJSON_GetObjectItemCaseSensitive(doc, "vars");
    return !vars || check_vars(c, vars);
}

/* The "vars" object of a board, or NULL. */
static const cJSON *board_vars(const struct parse_ctx *c, const char *board)
{
    const cJSON *vars = cJSON_GetObjectItemCaseSensitive(c->doc, "vars");
    return vars ? cJSON_GetObjectItemCaseSensitive(vars, board) : NULL;
}

cJSON *matrix_step(struct parse_ctx *c, const cJSON *step, const char *path)
{
    const cJSON *mine = board_vars(c, c->board);
    cJSON *copy = cJSON_Duplicate(step, true);
    if (!copy) {
        parse_fail(c, path, "out of memory");
        return NULL;
    }
    if (!substitute_tree(c, mine, copy, path)) {
        cJSON_Delete(copy);
        return NULL;
    }
    return copy;
}

bool matrix_step_applies(struct parse_ctx *c, const cJSON *step, const char *path, const char *const *boards,
                         int nboards, bool *applies)
{
    const cJSON *v = cJSON_IsObject(step) ? cJSON_GetObjectItemCaseSensitive(step, "board") : NULL;
    const char *names[MATRIX_MAX_BOARDS];
    int n = 0;
    char bpath[300];
    *applies = true;
    if (!v)
        return true;
    snprintf(bpath, sizeof(bpath), "%s.board", path);
    if (!parse_board_names(c, v, bpath, names, &n))
        return false;
    for (int i = 0; i < n; i++)             /* a step for a board the file never runs on would */
        if (!listed(names[i], boards, nboards))     /* be left out silently: say so */
            return parse_fail(c, bpath, "'%s' is not one of the scenario's boards", names[i]);
    *applies = listed(c->board, names, n);
    return true;
}

char *matrix_expand(struct parse_ctx *c, const char *board, const char *text, const char *path)
{
    cJSON *tmp = cJSON_CreateString(text);
    char *out = NULL;
    if (!tmp)
        parse_fail(c, path, "out of memory");
    else if (substitute(c, board_vars(c, board), board, path, &tmp->valuestring) &&
             !(out = strdup(tmp->valuestring)))
        parse_fail(c, path, "out of memory");
    cJSON_Delete(tmp);
    return out;
}
