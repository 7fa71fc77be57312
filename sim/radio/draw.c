/* Reproducible draws for the medium: a value that depends only on the medium's seed and the
 * identities involved (sender, frame, receiver), never on the order in which threads ask.
 * Mixing by splitmix64's finaliser (Steele, Lea and Flood 2014); normal values by the
 * Box-Muller transform. */
#include <math.h>

#include "sim/radio/internal.h"

static uint64_t mix(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint64_t hash4(uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
    return mix(mix(mix(mix(seed) ^ a) ^ b) ^ c);
}

/* In [0, 1), 53 bits. */
double medium_uniform(uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
    return (double)(hash4(seed, a, b, c) >> 11) * 0x1.0p-53;
}

double medium_gaussian(uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
    double u1 = medium_uniform(seed, a, b, c), u2 = medium_uniform(seed ^ 0x5bd1e995u, a, b, c);
    return sqrt(-2.0 * log(1.0 - u1)) * cos(2.0 * M_PI * u2);
}
