/* Time and size values as people write them, for every command line and scenario: "250ms",
 * "64K". Parsing is exact (decimal digits, no floating point) and refuses what does not fit
 * instead of wrapping around. */
#ifndef SIM_CORE_UNITS_H
#define SIM_CORE_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Times are below 2^63 ns (292 years): a sum of two times (now + a step's timeout) then still
 * fits in 64 bits below UINT64_MAX, which the scenario engine uses for "no time", and so does a
 * time in cycles at any clock below 2 GHz. */
#define UNITS_TIME_LIMIT_NS (UINT64_C(1) << 63)
/* Sizes are RAM sizes: at most 256 MiB. */
#define UNITS_SIZE_MAX (UINT32_C(256) << 20)

enum units_error {
    UNITS_OK,
    UNITS_SYNTAX,                   /* not a number with a known unit */
    UNITS_RANGE,                    /* a number, but negative, zero (sizes) or beyond the limit */
};

/* "5s", "250ms", "1.5us", "100ns" (a bare number is seconds) -> nanoseconds, rounded to the
 * nearest. On failure, `why` (if not NULL) says what is wrong, e.g. "time '100000000000s' is
 * too long: the limit is 9223372036.854 s (2^63 ns)". */
enum units_error units_parse_time(const char *s, uint64_t *ns, char *why, size_t n);
/* "65536", "0x10000", "64K", "1M" -> bytes, 1 to UNITS_SIZE_MAX. */
enum units_error units_parse_size(const char *s, uint32_t *bytes, char *why, size_t n);

#endif
