/* Scenario parsing internals shared by sim/scenario/parse.c (document, boards) and
 * sim/scenario/verbs.c (steps): the parse context and checked getters that report errors. */
#ifndef SIM_SCENARIO_PARSE_H
#define SIM_SCENARIO_PARSE_H

#include <cjson/cJSON.h>

#include "sim/scenario/scenario.h"

struct parse_ctx {
    const char *file;               /* as given, for messages */
    const char *text;               /* the source, for line:column */
    struct json_index *ix;          /* positions in text, built when first needed */
    char dir[512];                  /* the file's folder: relative input paths start here */
    const struct scenario_paths *paths;
    struct scenario *sc;
    char *err;
    size_t errlen;
    bool at_key;                    /* parse_fail points at the path's key, not its value */
    const char *board;              /* the board this instance of the scenario runs on */
    int nboards;                    /* how many boards the scenario names at the top */
    const cJSON *doc;               /* the whole scenario ("vars" for ${NAME}) */
};

/* Line and column of the value at path (its key with at_key); 1:1 if there is none. */
void parse_position(struct parse_ctx *c, const char *path, bool at_key, int *line, int *col);
/* Records "FILE:LINE:COL: PATH: message" (the position of PATH in the source); returns false. */
bool parse_fail(struct parse_ctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* False (with an error) if obj has a key not in the NULL-terminated lists, or a key twice. */
bool parse_check_fields(struct parse_ctx *c, const cJSON *obj, const char *path,
                        const char *const *allowed, const char *const *more);
bool parse_string(struct parse_ctx *c, const cJSON *v, const char *path, const char **out);
/* A time with a unit: "500ms", "2s", "20us", "100ns". */
bool parse_time(struct parse_ctx *c, const cJSON *v, const char *path, uint64_t *ns);
bool parse_uint(struct parse_ctx *c, const cJSON *v, const char *path, uint64_t max, uint64_t *out);
bool parse_number(struct parse_ctx *c, const cJSON *v, const char *path, double *out);
/* "on"/"off", "high"/"low", true/false, 1/0. */
bool parse_level(struct parse_ctx *c, const cJSON *v, const char *path, bool *out);
/* Joins a relative input path to the scenario's folder (malloc'd). */
char *parse_input_path(struct parse_ctx *c, const char *p);

/* sim/scenario/verbs.c: one step object at steps[index]. */
bool parse_step(struct parse_ctx *c, const cJSON *obj, int index, struct step *s);
void step_free(struct step *s);
/* Optional time field `key` of a step; *ns keeps its default when absent. */
bool parse_opt_time(struct parse_ctx *c, const cJSON *step, const char *path, const char *key, uint64_t *ns);

/* sim/scenario/parse_radio.c: the "radio" block (after the nodes) and positions. */
bool parse_radio(struct parse_ctx *c, const cJSON *doc);
void scenario_radio_free(struct scenario_radio *r);
bool parse_node_position(struct parse_ctx *c, const cJSON *v, const char *path, double pos[3]);
/* A board named in "nodes": its index. */
bool parse_node_name(struct parse_ctx *c, const cJSON *v, const char *path, int *out);
/* "ratio" (0..1) and "rssi" (dBm) of a link object at path; absent ones keep their values. */
bool parse_link_numbers(struct parse_ctx *c, const cJSON *o, const char *path, double *ratio, int *rssi);

/* sim/scenario/verbs_radio.c: the radio verbs' parsers. */
bool parse_packet_step(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s);
bool parse_move_step(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s);
bool parse_set_link_step(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s);
bool parse_board_step(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s);
bool parse_jam_step(struct parse_ctx *c, const cJSON *step, const cJSON *v, const char *path, struct step *s);

#endif
