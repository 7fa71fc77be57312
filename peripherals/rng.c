/*
 * tocksim random number generator.
 *
 * Our own device (no QEMU counterpart; QEMU's mps2-an386 reads 0 here, which firmware takes
 * as "no RNG"). Register map in rng.h and doc/devices/rng.md.
 *
 * Randomness must be reproducible, not secure: the generator is xoshiro128** (Blackman and
 * Vigna, "Scrambled linear pseudorandom number generators", 2018), a 128-bit state with a
 * 32-bit output; its state is expanded from the 64-bit machine seed with splitmix64 (Steele,
 * Lea and Flood, "Fast splittable pseudorandom number generators", 2014), the seeding the
 * xoshiro authors recommend. Both written from the published algorithms.
 *
 * Not modelled: entropy, health tests, a not-ready state (STATUS.ready is always 1).
 */
#include "rng.h"

#include <string.h>

enum { A_ID = 0x000, A_VERSION = 0x004, A_STATUS = 0x008, A_DATA = 0x00c };
enum { STATUS_READY = 1u << 0 };

/* splitmix64: one step of a Weyl sequence through a 64-bit finalising mixer. */
static uint64_t rng_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint32_t rng_rotl(uint32_t x, int k)
{
    return (x << k) | (x >> (32 - k));
}

uint32_t rng_next(struct rng *r)
{
    uint32_t *s = r->s;
    uint32_t result = rng_rotl(s[1] * 5, 7) * 9;
    uint32_t t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rng_rotl(s[3], 11);
    return result;
}

static uint32_t rng_read(void *dev, uint32_t offset, unsigned size)
{
    struct rng *r = dev;
    (void)size;
    switch (offset) {
    case A_ID:
        return RNG_ID;
    case A_VERSION:
        return RNG_VERSION;
    case A_STATUS:
        return STATUS_READY;
    case A_DATA:
        return rng_next(r);
    default:
        break;
    }
    trace_guest_error(r->env.trace, r->env.name, "rng read: bad offset 0x%x", offset);
    return 0;
}

static void rng_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct rng *r = dev;
    (void)value;
    (void)size;
    /* Every register is read-only. */
    trace_guest_error(r->env.trace, r->env.name, "rng write: %s offset 0x%x",
                      offset <= A_DATA && !(offset & 3) ? "read-only" : "bad", offset);
}

void rng_reset(void *dev)
{
    struct rng *r = dev;
    uint64_t x = r->seed;
    uint64_t a = rng_splitmix64(&x), b = rng_splitmix64(&x);
    r->s[0] = (uint32_t)a;
    r->s[1] = (uint32_t)(a >> 32);
    r->s[2] = (uint32_t)b;
    r->s[3] = (uint32_t)(b >> 32);
    if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0)
        r->s[0] = 1;                    /* the all-zero state would only ever give zeros */
}

void rng_init(struct rng *r, const struct device_env *env, uint64_t seed)
{
    memset(r, 0, sizeof(*r));
    r->env = *env;
    r->seed = seed;
    rng_reset(r);
}

/* The seed too: a reset after a restore starts the snapshot's sequence again. */
static void rng_snapshot(const void *dev, struct snap_writer *w)
{
    const struct rng *g = dev;
    snap_put(w, SNAP_TAIL(g, seed));
}

static void rng_restore(void *dev, struct snap_reader *r)
{
    struct rng *g = dev;
    snap_get(r, SNAP_TAIL(g, seed));
}

const struct device_ops rng_ops = {
    .kind = "tocksim-rng",
    .reset = rng_reset,
    .read = rng_read,
    .write = rng_write,
    .snapshot = rng_snapshot,
    .restore = rng_restore,
};
