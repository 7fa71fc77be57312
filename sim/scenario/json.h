/* Source positions in JSON text, for error messages that name a line and column. */
#ifndef SIM_SCENARIO_JSON_H
#define SIM_SCENARIO_JSON_H

#include <stdbool.h>
#include <stddef.h>

/* 1-based line and column of byte `offset` of text. */
void json_line_col(const char *text, size_t offset, int *line, int *col);
/* Byte offset of the value at `path` ("steps[3].press", "" = the whole document) in text,
 * or -1 if the path does not exist. Keys are compared without unescaping. With at_key and a
 * path ending in a key, the offset of that key instead of its value. */
long json_locate(const char *text, const char *path, bool at_key);

#endif
