/* Command-line value parsing shared by the CLI and the scenario engine. */
#ifndef SIM_CORE_UNITS_H
#define SIM_CORE_UNITS_H

#include <stdbool.h>
#include <stdint.h>

/* "5s", "250ms", "20us", "100ns" (a bare number is seconds) → nanoseconds. */
bool units_parse_time(const char *s, uint64_t *ns);
/* "65536", "64K", "1M" → bytes. */
bool units_parse_size(const char *s, uint32_t *bytes);

#endif
