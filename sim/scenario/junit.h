/* JUnit XML reports (the format CI systems read: one testsuite, one testcase per scenario). */
#ifndef SIM_JUNIT_H
#define SIM_JUNIT_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/scenario/scenario.h"

struct junit_case {
    const char *name;               /* the scenario's name */
    const char *file;               /* its path (classname: path without ".json", dots for /) */
    struct scenario_result result;
    const char *output;             /* step lines, or NULL */
};

/* Writes the report; false with a message if the file cannot be written. */
bool junit_write(const char *path, const struct junit_case *cases, int n, double wall_s, char *err, size_t errlen);

#endif
