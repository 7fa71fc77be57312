/* Source positions in JSON text, for error messages that name a line and column. cJSON keeps
 * no positions, so an index of the text is built once (one pass) and then answers each
 * question in time independent of the document's size: a scenario of n steps asks n times. */
#ifndef SIM_SCENARIO_JSON_H
#define SIM_SCENARIO_JSON_H

#include <stdbool.h>
#include <stddef.h>

struct json_index;

/* Indexes text, which must be valid JSON (cJSON parsed it). NULL if out of memory. The index
 * points into text: keep it alive as long as the index. */
struct json_index *json_index_new(const char *text);
void json_index_free(struct json_index *ix);
/* Byte offset of the value at `path` ("steps[3].press", "" = the whole document), or -1 if the
 * path does not exist. Keys are compared without unescaping. With at_key and a path ending in
 * a key, the offset of that key instead of its value. */
long json_index_locate(const struct json_index *ix, const char *path, bool at_key);
/* 1-based line and column of byte `offset` of the indexed text. */
void json_index_line_col(const struct json_index *ix, size_t offset, int *line, int *col);

/* The same for text that may not be valid JSON (a syntax error's place): one scan from the
 * start, so for a single question. */
void json_line_col(const char *text, size_t offset, int *line, int *col);

#endif
