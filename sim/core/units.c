/* Command-line value parsing (see sim/core/units.h). */
#include "sim/core/units.h"

#include <stdlib.h>
#include <string.h>

bool units_parse_time(const char *s, uint64_t *ns)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || v < 0)
        return false;
    static const struct { const char *unit; double scale; } units[] = {
        { "", 1e9 }, { "s", 1e9 }, { "ms", 1e6 }, { "us", 1e3 }, { "ns", 1 } };
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        if (strcmp(end, units[i].unit) == 0) {
            *ns = (uint64_t)(v * units[i].scale + 0.5);
            return true;
        }
    }
    return false;
}

bool units_parse_size(const char *s, uint32_t *bytes)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    if (end == s)
        return false;
    if (*end == 'K' || *end == 'k')
        v <<= 10, end++;
    else if (*end == 'M' || *end == 'm')
        v <<= 20, end++;
    if (*end || v == 0 || v > 0x10000000ull)
        return false;
    *bytes = (uint32_t)v;
    return true;
}
