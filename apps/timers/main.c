/* timers: several virtual alarms on the one kernel alarm: two periodic, two one-shot. */
#include <stdio.h>

#include "alarm.h"

static tock_timer_t fast, slow, once, last;
static int fast_count, slow_count;
static uint32_t start;

static uint32_t ms_since_start(uint32_t now)
{
    return alarm_ticks_to_ms(now - start);
}

static void on_fast(uint32_t now, uint32_t expiration, void *ud)
{
    (void)expiration, (void)ud;
    fast_count++;
    printf("timers: fast #%d at %u ms\n", fast_count, (unsigned)ms_since_start(now));
    if (fast_count == 10)
        timer_cancel(&fast);
}

static void on_slow(uint32_t now, uint32_t expiration, void *ud)
{
    (void)expiration, (void)ud;
    slow_count++;
    printf("timers: slow #%d at %u ms\n", slow_count, (unsigned)ms_since_start(now));
    if (slow_count == 3)
        timer_cancel(&slow);
}

static void on_once(uint32_t now, uint32_t expiration, void *ud)
{
    (void)expiration;
    printf("timers: one-shot \"%s\" at %u ms\n", (const char *)ud,
           (unsigned)ms_since_start(now));
}

static void on_last(uint32_t now, uint32_t expiration, void *ud)
{
    (void)expiration, (void)ud;
    printf("timers: done at %u ms: fast %d, slow %d\n", (unsigned)ms_since_start(now),
           fast_count, slow_count);
}

int main(void)
{
    printf("timers: alarm at %u Hz\n", (unsigned)alarm_frequency());
    start = alarm_now();
    timer_every(100, on_fast, NULL, &fast);
    timer_every(370, on_slow, NULL, &slow);
    timer_in(650, on_once, "650 ms", &once);
    timer_in(1250, on_last, NULL, &last);
    return 0;
}
