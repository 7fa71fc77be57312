/* Scenario files from disk: read whole, then parsed by sim/scenario/parse.c (scenario.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario/scenario.h"

/* The whole file, NUL-terminated (malloc'd), or NULL with an error. */
static char *read_text(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    char buf[4096];
    size_t n;
    while (mem && (n = fread(buf, 1, sizeof(buf), f)) > 0)
        fwrite(buf, 1, n, mem);
    fclose(f);
    if (!mem) {
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    fclose(mem);
    return text;
}

struct scenario *scenario_load_board(const char *path, const char *board, const struct scenario_paths *paths,
                                     char *err, size_t errlen)
{
    char *text = read_text(path, err, errlen);
    struct scenario *sc = text ? scenario_parse_board(path, text, board, paths, err, errlen) : NULL;
    free(text);
    return sc;
}

struct scenario *scenario_load(const char *path, const struct scenario_paths *paths, char *err, size_t errlen)
{
    return scenario_load_board(path, NULL, paths, err, errlen);
}

int scenario_load_boards(const char *path, const char **boards, char *err, size_t errlen)
{
    char *text = read_text(path, err, errlen);
    int n = text ? scenario_parse_boards(path, text, boards, err, errlen) : -1;
    free(text);
    return n;
}
