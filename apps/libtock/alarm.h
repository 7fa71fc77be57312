/* libtock: the alarm driver (0x0) and any number of virtual alarms and timers on it. */
#ifndef LIBTOCK_ALARM_H
#define LIBTOCK_ALARM_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Driver 0x0 gives each process one alarm: command 1 = frequency (Hz), 2 = now (ticks),
 * 3 = stop, 5 (dt) = fire dt ticks from now, 6 (reference, dt) = fire at reference + dt;
 * upcall 0 = (now, reference + dt, 0). Ticks are 32 bits and wrap.
 *
 * Like libtock-c, this library multiplexes that one alarm in userspace: alarms sit in a list
 * ordered by time left, the kernel alarm is always set for the first one, and the upcall runs
 * every alarm that is due. Callbacks run inside yield. The alarm_t / tock_timer_t storage
 * belongs to the caller and must stay valid until the alarm fires or is cancelled.
 */

typedef void alarm_cb(uint32_t now, uint32_t expiration, void *ud);

typedef struct alarm {
    uint32_t reference, dt;         /* fires when now - reference >= dt */
    alarm_cb *cb;
    void *ud;
    struct alarm *next;
    bool pending;
} alarm_t;

typedef struct tock_timer {
    alarm_t alarm;
    uint32_t interval;              /* ticks; 0 = one-shot */
    alarm_cb *cb;
    void *ud;
} tock_timer_t;

uint32_t alarm_frequency(void);     /* Hz (cached); 0 if there is no alarm driver */
uint32_t alarm_now(void);           /* current tick count */
uint32_t alarm_ms_to_ticks(uint32_t ms);
uint32_t alarm_ticks_to_ms(uint32_t ticks);

/* Schedules cb at reference + dt (ticks). 0 or -ErrorCode. */
int alarm_at(uint32_t reference, uint32_t dt, alarm_cb *cb, void *ud, alarm_t *a);
/* Cancels a pending alarm (no effect if it already fired). */
void alarm_cancel(alarm_t *a);

/* One-shot timer ms from now / periodic timer every ms (drift-free). 0 or -ErrorCode. */
int timer_in(uint32_t ms, alarm_cb *cb, void *ud, tock_timer_t *t);
int timer_every(uint32_t ms, alarm_cb *cb, void *ud, tock_timer_t *t);
void timer_cancel(tock_timer_t *t);

/* Sleeps ms milliseconds; other upcalls (other timers, buttons) keep running meanwhile. */
int delay_ms(uint32_t ms);

#endif
