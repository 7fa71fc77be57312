/* One scenario file run on several boards: the board list, per-board ${NAME} values and steps
 * restricted to some boards (scenario_matrix.c). */
#ifndef SIM_SCENARIO_MATRIX_H
#define SIM_SCENARIO_MATRIX_H

#include "scenario_parse.h"

#define MATRIX_MAX_BOARDS SCENARIO_MAX_BOARDS

/* The boards of the top-level "board" (a name or a list; cm4 when absent) into names[],
 * pointing at the board table's names. */
bool matrix_boards(struct parse_ctx *c, const cJSON *doc, const char **names, int *n);
/* A copy of the steps with ${NAME} replaced by "vars".<c->board>.NAME (checks "vars" against
 * the scenario's boards). NULL with an error; cJSON_Delete the result. */
cJSON *matrix_steps(struct parse_ctx *c, const cJSON *doc, const cJSON *steps, const char *const *boards,
                    int nboards);
/* Whether the step at path runs on c->board: its optional "board" names one board or a list. */
bool matrix_step_applies(struct parse_ctx *c, const cJSON *step, const char *path, bool *applies);

#endif
