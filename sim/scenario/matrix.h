/* One scenario file run on several boards: the board list, per-board ${NAME} values and steps
 * restricted to some boards (sim/scenario/matrix.c). */
#ifndef SIM_SCENARIO_MATRIX_H
#define SIM_SCENARIO_MATRIX_H

#include "sim/scenario/parse.h"

#define MATRIX_MAX_BOARDS SCENARIO_MAX_BOARDS

/* The boards of the top-level "board" (a name or a list; cm4 when absent) into names[],
 * pointing at the board table's names. */
bool matrix_boards(struct parse_ctx *c, const cJSON *doc, const char **names, int *n);
/* Checks "vars": an object of known boards, each an object of NAME: "value". */
bool matrix_check_vars(struct parse_ctx *c, const cJSON *doc);
/* Whether the step at path runs on c->board: its optional "board" names one of the scenario's
 * boards or a list of them. Decided on the step as written, before ${NAME}s are replaced. */
bool matrix_step_applies(struct parse_ctx *c, const cJSON *step, const char *path, const char *const *boards,
                         int nboards, bool *applies);
/* A copy of the step with ${NAME} replaced by "vars".<c->board>.NAME (${BOARD}: the board's
 * name). NULL with an error; cJSON_Delete the result. */
cJSON *matrix_step(struct parse_ctx *c, const cJSON *step, const char *path);
/* The same for one string of a board's description (its kernel or an app path), with the
 * values of that board (a node may name its own), malloc'd; NULL with an error. */
char *matrix_expand(struct parse_ctx *c, const char *board, const char *text, const char *path);

#endif
