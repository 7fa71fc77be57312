/* Command-line value parsing shared by the CLI and the scenario engine. */
#ifndef SIM_CLI_ARGS_H
#define SIM_CLI_ARGS_H

#include <stdbool.h>
#include <stdint.h>

/* "5s", "250ms", "20us", "100ns" (a bare number is seconds) → nanoseconds. */
bool args_parse_time(const char *s, uint64_t *ns);
/* "65536", "64K", "1M" → bytes. */
bool args_parse_size(const char *s, uint32_t *bytes);

#endif
