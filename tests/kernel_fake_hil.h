/* Fake hardware behind the capsules' HILs (kernel/hil/), for the capsule unit tests: each
 * fake records what the capsule asked of it and lets the test play the outside world (time
 * passing, a transmission completing, a byte arriving, a button pressed, a pin driven).
 *
 * kf_add_fixture gives every test the kernel fixture (kernel_fixture.h) with all capsules
 * installed on these fakes, in the order of kf_drivers. */
#ifndef TESTS_KERNEL_FAKE_HIL_H
#define TESTS_KERNEL_FAKE_HIL_H

#include <check.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/hil/alarm.h"
#include "kernel/hil/button.h"
#include "kernel/hil/gpio.h"
#include "kernel/hil/led.h"
#include "kernel/hil/radio.h"
#include "kernel/hil/rng.h"
#include "kernel/hil/uart.h"
#include "tests/kernel_fixture.h"

void kf_add_fixture(TCase *tc);
void kf_setup(void);

/* ---- alarm: a 32-bit counter the test moves ------------------------------------------------ */

#define KF_ALARM_HZ 32768u
struct kf_alarm {
    uint32_t now;
    int armed;                  /* set() called, not yet fired or disarmed */
    uint32_t reference, dt;     /* fires when now - reference >= dt */
    unsigned fired;             /* times it called the client */
    const struct hil_alarm_client *client;
};
extern struct kf_alarm kf_alarm;
/* Moves time on by ticks (wrapping at 2^32); if that reaches the armed expiration, the alarm
 * fires, once, as hardware does (again if the client re-arms it for a time already past). */
void kf_alarm_advance(uint32_t ticks);

/* ---- uart: transmissions complete when the test says --------------------------------------- */

struct kf_uart {
    char wire[8192];            /* every byte that went out, in order */
    size_t wire_len;
    const uint8_t *tx_buf;      /* the transmission in flight (NULL: none) */
    size_t tx_len;
    unsigned transmits;
    size_t tx_lens[64];         /* length of each transmission */
    int held;                   /* rx_hold(1) in force */
    char pending_rx[256];       /* bytes waiting in the "UART" while held */
    size_t pending_len;
    const struct hil_uart_client *client;
};
extern struct kf_uart kf_uart;
/* The transmission in flight goes out (onto the wire) and completes. */
void kf_uart_complete(void);
/* Completes transmissions until none is in flight. */
void kf_uart_drain(void);
/* Bytes arrive; while the capsule holds reception they wait in the UART. */
void kf_uart_type(const char *s);

/* ---- LEDs, buttons, GPIO, RNG ------------------------------------------------------------- */

/* Calls with an LED, button or pin index the hardware does not have: counted and ignored (the
 * fixture's teardown fails the test if any). */
extern unsigned kf_bad_index;

#define KF_LEDS 3
extern int kf_led[KF_LEDS];

#define KF_BUTTONS 2
extern int kf_button_pressed[KF_BUTTONS], kf_button_watched[KF_BUTTONS];
/* The button changes; the hardware reports it if watched. */
void kf_button_set(unsigned b, int pressed);

/* Eight hardware pins; processes get kf_app_pins[] (KF_APP_PINS of them). */
#define KF_HW_PINS 8
#define KF_APP_PINS 4
extern const uint8_t kf_app_pins[KF_APP_PINS];
struct kf_gpio {
    enum gpio_mode mode[KF_HW_PINS];
    enum gpio_edge edge[KF_HW_PINS];
    int out[KF_HW_PINS], in[KF_HW_PINS];
    int no_pulls;               /* configure() refuses pull-up/down */
};
extern struct kf_gpio kf_gpio;
/* Something outside drives hardware pin hw_pin; an enabled edge is reported. */
void kf_gpio_drive(unsigned hw_pin, int level);

/* Words 0x03020100, 0x07060504, ...: the bytes count up from 0. After kf_rng_words words
 * (-1: never) the generator is dry until the test adds more. */
extern int kf_rng_words;

/* ---- radio: transmissions complete and frames arrive when the test says ------------------- */

struct kf_radio {
    int on, starts;
    uint8_t channel;
    int8_t power;
    uint16_t short_addr, pan;
    uint64_t long_addr;             /* the factory address at setup: KF_RADIO_EUI64 */
    const uint8_t *tx;              /* the transmission in flight (NULL: none) */
    uint32_t tx_len;
    uint8_t sent[8][128];           /* every frame handed over, in order */
    uint32_t sent_len[8];
    unsigned transmits;
    int refuse;                     /* transmit() answers this ErrorCode (0: accepts) */
    const struct hil_radio_client *client;
};
#define KF_RADIO_EUI64 0x0200000000000007ull
extern struct kf_radio kf_radio;
/* The transmission in flight ends with status and acked. */
void kf_radio_tx_done(int status, int acked);
/* A frame (MAC header and payload) arrives. */
void kf_radio_receive(const uint8_t *frame, uint32_t len, int rssi, uint8_t lqi);

/* Bytes the console handed to its fallback (the process console's place). */
extern char kf_fallback[256];
extern size_t kf_fallback_len;

/* The drivers, as the board installs them: alarm, console, led, button, gpio, rng, 802.15.4. */
#define KF_NUM_DRIVERS 7
extern const struct driver *const kf_drivers[KF_NUM_DRIVERS];

/* ---- a process using a driver ------------------------------------------------------------- */

/* p calls command cmd(a0, a1) of driver drv; the result is in kt_frame(p). */
void kf_command(struct process *p, uint32_t drv, uint32_t cmd, uint32_t a0, uint32_t a1);
/* p allows [ram_start + off, + len) as buffer num (cls: SYSCALL_ALLOW_RO or _RW); asserts
 * success; evaluates to the buffer. */
#define kf_allow(p, cls, drv, num, off, len)                                                 \
    ({                                                                                       \
        uint8_t *kf_b_ = (uint8_t *)((p)->ram_start + (off));                                \
        kt_syscall(p, cls, drv, num, (uint32_t)(uintptr_t)kf_b_, len);                       \
        ck_assert_uint_eq(kt_frame(p)[KT_R0], RET_SUCCESS_2U32);                             \
        kf_b_;                                                                               \
    })
/* p subscribes a function at offset 0x201 of its code to (drv, sub); asserts success;
 * evaluates to the function pointer. */
#define kf_subscribe(p, drv, sub)                                                            \
    ({                                                                                       \
        uint32_t kf_fn_ = kt_fn(p, 0x201);                                                   \
        kt_syscall(p, SYSCALL_SUBSCRIBE, drv, sub, kf_fn_, 0);                               \
        ck_assert_uint_eq(kt_frame(p)[KT_R0], RET_SUCCESS_2U32);                             \
        kf_fn_;                                                                              \
    })
/* p waits in yield-wait-for for upcall (drv, sub). */
void kf_wait_for(struct process *p, uint32_t drv, uint32_t sub);

#define kf_assert_r0(p, r0) ck_assert_uint_eq(kt_frame(p)[KT_R0], (r0))
#define kf_assert_r0_r1(p, r0, r1)                                                           \
    do {                                                                                     \
        ck_assert_uint_eq(kt_frame(p)[KT_R0], (r0));                                         \
        ck_assert_uint_eq(kt_frame(p)[KT_R1], (r1));                                         \
    } while (0)
#define kf_assert_failure(p, e) kf_assert_r0_r1(p, RET_FAILURE, e)
/* Asserts p, waiting with kf_wait_for, woke with the upcall values (a0, a1, a2). */
#define kf_assert_woke(p, a0, a1, a2)                                                        \
    do {                                                                                     \
        ck_assert_int_eq((p)->state, PROC_RUNNING);                                          \
        ck_assert_uint_eq(kt_frame(p)[KT_R0], (a0));                                         \
        ck_assert_uint_eq(kt_frame(p)[KT_R1], (a1));                                         \
        ck_assert_uint_eq(kt_frame(p)[KT_R2], (a2));                                         \
    } while (0)
#define kf_assert_waiting(p) ck_assert_int_eq((p)->state, PROC_YIELDED_FOR)

#endif
