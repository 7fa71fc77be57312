/* Fake hardware behind the capsules' HILs (see kernel_fake_hil.h). */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "kernel/capsules/alarm.h"
#include "kernel/capsules/button.h"
#include "kernel/capsules/console.h"
#include "kernel/capsules/gpio.h"
#include "kernel/capsules/ieee802154.h"
#include "kernel/capsules/led.h"
#include "kernel/capsules/rng.h"
#include "kernel/core/syscall.h"
#include "tests/kernel_fake_hil.h"

/* ---- alarm ------------------------------------------------------------------------------- */

struct kf_alarm kf_alarm;

static uint32_t alarm_now(void *dev)
{
    (void)dev;
    return kf_alarm.now;
}

static void alarm_set(void *dev, uint32_t reference, uint32_t dt)
{
    (void)dev;
    kf_alarm.armed = 1;
    kf_alarm.reference = reference;
    kf_alarm.dt = dt;
}

static void alarm_disarm(void *dev)
{
    (void)dev;
    kf_alarm.armed = 0;
}

static void alarm_set_client(void *dev, const struct hil_alarm_client *client)
{
    (void)dev;
    kf_alarm.client = client;
}

/* A capsule that keeps re-arming for a time already past would loop here for ever: stop
 * after a few rounds and let the test's expectations report what went wrong. */
void kf_alarm_advance(uint32_t ticks)
{
    kf_alarm.now += ticks;
    for (int round = 0; round < 8 && kf_alarm.armed; round++) {
        if (kf_alarm.now - kf_alarm.reference < kf_alarm.dt)
            return;
        kf_alarm.armed = 0;
        kf_alarm.fired++;
        kf_alarm.client->fired(kf_alarm.client->ctx);
    }
}

static const struct hil_alarm alarm_hil = { NULL, KF_ALARM_HZ, alarm_now, alarm_set,
                                            alarm_disarm, alarm_set_client };

/* ---- uart -------------------------------------------------------------------------------- */

struct kf_uart kf_uart;

static int uart_transmit(void *dev, const uint8_t *buf, size_t len)
{
    (void)dev;
    ck_assert_msg(kf_uart.tx_buf == NULL, "transmit while a transmission is in flight");
    ck_assert_uint_gt(len, 0);
    kf_uart.tx_buf = buf;
    kf_uart.tx_len = len;
    if (kf_uart.transmits < sizeof kf_uart.tx_lens / sizeof kf_uart.tx_lens[0])
        kf_uart.tx_lens[kf_uart.transmits] = len;
    kf_uart.transmits++;
    return 0;
}

static void wire_put(char c)
{
    ck_assert_uint_lt(kf_uart.wire_len, sizeof kf_uart.wire - 1);
    kf_uart.wire[kf_uart.wire_len++] = c;
    kf_uart.wire[kf_uart.wire_len] = 0;
}

static void uart_putc_polled(void *dev, char c)
{
    (void)dev;
    wire_put(c);
}

static void uart_set_client(void *dev, const struct hil_uart_client *client)
{
    (void)dev;
    kf_uart.client = client;
}

/* Bytes the UART kept while held go to the capsule as soon as it lets them, in order. */
static void deliver_pending(void)
{
    while (kf_uart.pending_len && !kf_uart.held) {
        char c = kf_uart.pending_rx[0];
        memmove(kf_uart.pending_rx, kf_uart.pending_rx + 1, --kf_uart.pending_len);
        kf_uart.client->rx(kf_uart.client->ctx, (uint8_t)c);
    }
}

static void uart_rx_hold(void *dev, int hold)
{
    (void)dev;
    kf_uart.held = hold;
    deliver_pending();
}

void kf_uart_complete(void)
{
    ck_assert_msg(kf_uart.tx_buf != NULL, "no transmission in flight");
    const uint8_t *buf = kf_uart.tx_buf;    /* read now: the capsule must keep it until done */
    for (size_t i = 0; i < kf_uart.tx_len; i++)
        wire_put((char)buf[i]);
    kf_uart.tx_buf = NULL;
    kf_uart.client->tx_done(kf_uart.client->ctx);
}

void kf_uart_drain(void)
{
    for (int i = 0; i < 1000 && kf_uart.tx_buf; i++)
        kf_uart_complete();
    ck_assert_ptr_null(kf_uart.tx_buf);
}

void kf_uart_type(const char *s)
{
    for (; *s; s++) {
        ck_assert_uint_lt(kf_uart.pending_len, sizeof kf_uart.pending_rx);
        kf_uart.pending_rx[kf_uart.pending_len++] = *s;
        deliver_pending();
    }
}

static const struct hil_uart uart_hil = { NULL, uart_transmit, uart_putc_polled,
                                          uart_set_client, uart_rx_hold };

/* ---- LEDs, buttons, GPIO: a bad index is counted, never used --------------------------------- */

unsigned kf_bad_index;

/* Whether i < n; counts a call with a bad index (the test asserts there were none). */
static int index_ok(unsigned i, unsigned n)
{
    kf_bad_index += i >= n;
    return i < n;
}

int kf_led[KF_LEDS];

static void led_set(void *dev, unsigned led, int on)
{
    (void)dev;
    if (index_ok(led, KF_LEDS))
        kf_led[led] = on;
}

static int led_get(void *dev, unsigned led)
{
    (void)dev;
    return index_ok(led, KF_LEDS) ? kf_led[led] : 0;
}

static const struct hil_led led_hil = { NULL, KF_LEDS, led_set, led_get };

/* Buttons. */

int kf_button_pressed[KF_BUTTONS], kf_button_watched[KF_BUTTONS];
static const struct hil_button_client *button_client;

static int button_read(void *dev, unsigned b)
{
    (void)dev;
    return index_ok(b, KF_BUTTONS) ? kf_button_pressed[b] : 0;
}

static void button_watch(void *dev, unsigned b, int on)
{
    (void)dev;
    if (index_ok(b, KF_BUTTONS))
        kf_button_watched[b] = on;
}

static void button_set_client(void *dev, const struct hil_button_client *client)
{
    (void)dev;
    button_client = client;
}

void kf_button_set(unsigned b, int pressed)
{
    kf_button_pressed[b] = pressed;
    if (kf_button_watched[b])
        button_client->changed(button_client->ctx, b, pressed);
}

static const struct hil_button button_hil = { NULL, KF_BUTTONS, button_read, button_watch,
                                              button_set_client };

/* GPIO. */

const uint8_t kf_app_pins[KF_APP_PINS] = { 1, 3, 4, 6 };
struct kf_gpio kf_gpio;
static const struct hil_gpio_client *gpio_client;


static int gpio_configure(void *dev, unsigned pin, enum gpio_mode mode)
{
    (void)dev;
    if (!index_ok(pin, KF_HW_PINS))
        return 0;
    if (kf_gpio.no_pulls && (mode == GPIO_INPUT_PULLUP || mode == GPIO_INPUT_PULLDOWN))
        return -1;
    kf_gpio.mode[pin] = mode;
    return 0;
}

static void gpio_write(void *dev, unsigned pin, int level)
{
    (void)dev;
    if (index_ok(pin, KF_HW_PINS))
        kf_gpio.out[pin] = level;
}

static void gpio_toggle(void *dev, unsigned pin)
{
    (void)dev;
    if (index_ok(pin, KF_HW_PINS))
        kf_gpio.out[pin] = !kf_gpio.out[pin];
}

static int gpio_read(void *dev, unsigned pin)
{
    (void)dev;
    if (!index_ok(pin, KF_HW_PINS))
        return 0;
    return kf_gpio.mode[pin] == GPIO_OUTPUT ? kf_gpio.out[pin] : kf_gpio.in[pin];
}

static void gpio_interrupt(void *dev, unsigned pin, enum gpio_edge edge)
{
    (void)dev;
    if (index_ok(pin, KF_HW_PINS))
        kf_gpio.edge[pin] = edge;
}

static void gpio_set_client(void *dev, const struct hil_gpio_client *client)
{
    (void)dev;
    gpio_client = client;
}

void kf_gpio_drive(unsigned hw_pin, int level)
{
    int was = kf_gpio.in[hw_pin];
    enum gpio_edge e = kf_gpio.edge[hw_pin];
    kf_gpio.in[hw_pin] = level;
    if (was == level || e == GPIO_EDGE_NONE)
        return;
    if (e == GPIO_EDGE_BOTH || (e == GPIO_EDGE_RISING) == (level != 0))
        gpio_client->edge(gpio_client->ctx, hw_pin, level);
}

static const struct hil_gpio gpio_hil = { NULL, KF_HW_PINS, gpio_configure, gpio_write,
                                          gpio_toggle, gpio_read, gpio_interrupt,
                                          gpio_set_client };

/* ---- RNG --------------------------------------------------------------------------------- */

int kf_rng_words;
static uint32_t rng_next_byte;

static int rng_read(void *dev, uint32_t *word)
{
    (void)dev;
    if (kf_rng_words == 0)
        return -1;
    if (kf_rng_words > 0)
        kf_rng_words--;
    uint32_t b = rng_next_byte;
    *word = (b & 0xffu) | ((b + 1) & 0xffu) << 8 | ((b + 2) & 0xffu) << 16 |
            ((b + 3) & 0xffu) << 24;
    rng_next_byte += 4;
    return 0;
}

static const struct hil_rng rng_hil = { NULL, rng_read };

/* ---- radio -------------------------------------------------------------------------------- */

struct kf_radio kf_radio;

static int radio_start(void *dev) { (void)dev; kf_radio.on = 1; kf_radio.starts++; return 0; }
static int radio_stop(void *dev) { (void)dev; kf_radio.on = 0; return 0; }
static int radio_is_on(void *dev) { (void)dev; return kf_radio.on; }
static void radio_set_channel(void *dev, uint8_t ch) { (void)dev; kf_radio.channel = ch; }
static void radio_set_power(void *dev, int8_t dbm) { (void)dev; kf_radio.power = dbm; }
static void radio_set_address(void *dev, uint16_t a) { (void)dev; kf_radio.short_addr = a; }
static void radio_set_long(void *dev, uint64_t a) { (void)dev; kf_radio.long_addr = a; }
static uint64_t radio_get_long(void *dev) { (void)dev; return kf_radio.long_addr; }
static void radio_set_pan(void *dev, uint16_t pan) { (void)dev; kf_radio.pan = pan; }

static int radio_transmit(void *dev, const uint8_t *frame, uint32_t len)
{
    (void)dev;
    if (kf_radio.refuse)
        return kf_radio.refuse;
    ck_assert_msg(kf_radio.tx == NULL, "transmit while a transmission is in flight");
    ck_assert_uint_le(len, HIL_RADIO_MAX_FRAME);
    kf_radio.tx = frame;
    kf_radio.tx_len = len;
    if (kf_radio.transmits < 8) {
        memcpy(kf_radio.sent[kf_radio.transmits], frame, len);
        kf_radio.sent_len[kf_radio.transmits] = len;
    }
    kf_radio.transmits++;
    return 0;
}

static void radio_set_client(void *dev, const struct hil_radio_client *client)
{
    (void)dev;
    kf_radio.client = client;
}

void kf_radio_tx_done(int status, int acked)
{
    ck_assert_msg(kf_radio.tx != NULL, "no transmission in flight");
    kf_radio.tx = NULL;
    kf_radio.client->tx_done(kf_radio.client->ctx, status, acked);
}

void kf_radio_receive(const uint8_t *frame, uint32_t len, int rssi, uint8_t lqi)
{
    kf_radio.client->rx(kf_radio.client->ctx, frame, len, rssi, lqi);
}

static const struct hil_radio radio_hil = { NULL, radio_start, radio_stop, radio_is_on, radio_set_channel,
                                            radio_set_power, radio_set_address, radio_set_long, radio_get_long,
                                            radio_set_pan, radio_transmit, radio_set_client };

/* ---- the board --------------------------------------------------------------------------- */

char kf_fallback[256];
size_t kf_fallback_len;

static void fallback_rx(uint8_t byte)
{
    if (kf_fallback_len < sizeof kf_fallback)
        kf_fallback[kf_fallback_len++] = (char)byte;
}

const struct driver *const kf_drivers[KF_NUM_DRIVERS] = { &alarm_driver, &console_driver, &led_driver,
                                                          &button_driver, &gpio_driver, &rng_driver,
                                                          &ieee802154_driver };

void kf_setup(void)
{
    static int rng_ready;           /* rng_capsule_init takes a deferred call slot for good */
    kt_setup();
    kt_set_drivers(kf_drivers, KF_NUM_DRIVERS);
    kf_alarm = (struct kf_alarm){ .now = 1000 };
    kf_uart = (struct kf_uart){ .held = 0 };
    memset(kf_led, 0, sizeof kf_led);
    memset(kf_button_pressed, 0, sizeof kf_button_pressed);
    memset(kf_button_watched, 0, sizeof kf_button_watched);
    kf_gpio = (struct kf_gpio){ .no_pulls = 0 };
    kf_rng_words = -1;
    rng_next_byte = 0;
    kf_fallback_len = 0;
    kf_bad_index = 0;
    alarm_capsule_init(&alarm_hil);
    console_capsule_init(&uart_hil, fallback_rx);
    led_capsule_init(&led_hil);
    button_capsule_init(&button_hil);
    gpio_capsule_init(&gpio_hil, kf_app_pins, KF_APP_PINS);
    if (!rng_ready)
        rng_capsule_init(&rng_hil);
    rng_ready = 1;
    kf_radio = (struct kf_radio){ .long_addr = KF_RADIO_EUI64 };
    ieee802154_capsule_init(&radio_hil);
}

/* No test may have made a capsule hand the hardware an index it does not have. */
static void kf_teardown(void)
{
    ck_assert_msg(kf_bad_index == 0, "a capsule passed a bad index to the hardware");
    kt_teardown();
}

void kf_add_fixture(TCase *tc)
{
    tcase_add_checked_fixture(tc, kf_setup, kf_teardown);
}

/* ---- a process using a driver ------------------------------------------------------------- */

void kf_command(struct process *p, uint32_t drv, uint32_t cmd, uint32_t a0, uint32_t a1)
{
    kt_syscall(p, SYSCALL_COMMAND, drv, cmd, a0, a1);
}

void kf_wait_for(struct process *p, uint32_t drv, uint32_t sub)
{
    kt_syscall(p, SYSCALL_YIELD, 2, drv, sub, 0);
}
