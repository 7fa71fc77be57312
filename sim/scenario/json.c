/* Source positions in JSON text (see sim/scenario/json.h). cJSON keeps no positions, so a small
 * scanner walks the (already validated) text along a path of keys and indexes. */
#include "sim/scenario/json.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void json_line_col(const char *text, size_t offset, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < offset && text[i]; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

/* p is on the opening quote; returns the position after the closing one. */
static const char *skip_string(const char *p)
{
    for (p++; *p && *p != '"'; p++)
        if (*p == '\\' && p[1])
            p++;
    return *p ? p + 1 : p;
}

/* Skips one value (string, number, literal, object or array) starting at p. */
static const char *skip_value(const char *p)
{
    p = skip_ws(p);
    if (*p == '"')
        return skip_string(p);
    if (*p != '{' && *p != '[') {
        while (*p && !strchr(",]} \t\r\n", *p))
            p++;
        return p;
    }
    int depth = 0;
    while (*p) {
        if (*p == '"') {
            p = skip_string(p);
            continue;
        }
        if (*p == '{' || *p == '[')
            depth++;
        else if ((*p == '}' || *p == ']') && --depth == 0)
            return p + 1;
        p++;
    }
    return p;
}

/* In the object at p, the value (or with at_key, the key) of key[0..len); NULL if absent. */
static const char *object_member(const char *p, const char *key, size_t len, bool at_key)
{
    p = skip_ws(p + 1);
    while (*p == '"') {
        const char *k = p + 1, *end = skip_string(p);
        bool match = (size_t)(end - 1 - k) == len && strncmp(k, key, len) == 0;
        if (match && at_key)
            return p;
        p = skip_ws(end);
        if (*p != ':')
            return NULL;
        p = skip_ws(p + 1);
        if (match)
            return p;
        p = skip_ws(skip_value(p));
        if (*p != ',')
            return NULL;
        p = skip_ws(p + 1);
    }
    return NULL;
}

/* In the array at p, element idx; NULL if absent. */
static const char *array_element(const char *p, long idx)
{
    p = skip_ws(p + 1);
    for (long i = 0; *p && *p != ']'; i++) {
        if (i == idx)
            return p;
        p = skip_ws(skip_value(p));
        if (*p != ',')
            return NULL;
        p = skip_ws(p + 1);
    }
    return NULL;
}

long json_locate(const char *text, const char *path, bool at_key)
{
    const char *p = skip_ws(text);
    while (p && *path) {
        if (*path == '.')
            path++;
        if (*path == '[') {
            char *end;
            long idx = strtol(path + 1, &end, 10);
            p = *p == '[' ? array_element(p, idx) : NULL;
            path = *end == ']' ? end + 1 : end;
        } else {
            size_t len = strcspn(path, ".[");
            p = *p == '{' ? object_member(p, path, len, at_key && !path[len]) : NULL;
            path += len;
        }
    }
    return p ? (long)(p - text) : -1;
}
