/* A pool of worker threads that runs one function over indexes 0..n-1, the caller taking part.
 * The scenario engine uses it to bring independent boards to the same virtual time at once. */
#ifndef SIM_SCENARIO_POOL_H
#define SIM_SCENARIO_POOL_H

struct pool;

/* A pool of `threads` threads in all (the caller counts as one); NULL if threads < 2 or the
 * threads cannot be started (then run the work in the caller). */
struct pool *pool_new(int threads);
/* Runs fn(ctx, i) once for every i in [0, n), spread over the threads; returns when all are
 * done. Which thread runs which index is not fixed: fn must touch only index i's data. */
void pool_run(struct pool *p, int n, void (*fn)(void *ctx, int i), void *ctx);
void pool_free(struct pool *p);

#endif
