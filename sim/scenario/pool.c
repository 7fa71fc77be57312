/* Worker pool (see pool.h): workers sleep on a condition variable between rounds; a round is
 * numbered, and its indexes are handed out through a shared counter under the lock, so the
 * only cost per round is a wake-up and one lock per index (boards run for much longer). */
#include "sim/scenario/pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t start, done;
    pthread_t *threads;
    int nthreads;                   /* workers, not counting the caller */
    unsigned round;                 /* incremented for each pool_run */
    bool quit;
    /* The current round: */
    void (*fn)(void *ctx, int i);
    void *ctx;
    int n, next, busy;
};

/* Takes indexes of the current round until none is left; called with the lock held. */
static void work(struct pool *p)
{
    while (p->next < p->n) {
        int i = p->next++;
        p->busy++;
        pthread_mutex_unlock(&p->lock);
        p->fn(p->ctx, i);
        pthread_mutex_lock(&p->lock);
        if (--p->busy == 0 && p->next >= p->n)
            pthread_cond_broadcast(&p->done);
    }
}

static void *worker(void *arg)
{
    struct pool *p = arg;
    unsigned seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->quit && p->round == seen)
            pthread_cond_wait(&p->start, &p->lock);
        if (p->quit)
            break;
        seen = p->round;
        work(p);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

struct pool *pool_new(int threads)
{
    if (threads < 2)
        return NULL;
    struct pool *p = calloc(1, sizeof(*p));
    if (!p || !(p->threads = calloc((size_t)threads - 1, sizeof(*p->threads)))) {
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->start, NULL);
    pthread_cond_init(&p->done, NULL);
    while (p->nthreads < threads - 1 && pthread_create(&p->threads[p->nthreads], NULL, worker, p) == 0)
        p->nthreads++;
    if (p->nthreads == 0) {
        pool_free(p);
        return NULL;
    }
    return p;
}

void pool_run(struct pool *p, int n, void (*fn)(void *ctx, int i), void *ctx)
{
    pthread_mutex_lock(&p->lock);
    p->fn = fn, p->ctx = ctx, p->n = n, p->next = 0, p->busy = 0;
    p->round++;
    pthread_cond_broadcast(&p->start);
    work(p);
    while (p->busy > 0 || p->next < p->n)
        pthread_cond_wait(&p->done, &p->lock);
    pthread_mutex_unlock(&p->lock);
}

void pool_free(struct pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->quit = true;
    pthread_cond_broadcast(&p->start);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->start);
    pthread_cond_destroy(&p->done);
    free(p->threads);
    free(p);
}
