/* Unit tests: every device model's snapshot functions (device_ops.snapshot/restore), without a
 * CPU. Each device is set up mid-activity (a byte in flight, a timer running, an edge latched,
 * a name half written), saved with the clock, then driven by a script of register accesses,
 * host input and clock steps whose every result is logged: read values, IRQ levels and rises,
 * host callbacks, trace lines. Restored, the same script must log the same; restored into a
 * fresh instance (its own clock, wiring only from init), too. */
#include <check.h>
#include <stdarg.h>

#include "devtest.h"
#include "peripherals/virt/clint.h"
#include "peripherals/cmsdk/cmsdk_dualtimer.h"
#include "peripherals/cmsdk/cmsdk_timer.h"
#include "peripherals/cmsdk/cmsdk_uart.h"
#include "peripherals/finisher.h"
#include "peripherals/cmsdk/fpgaio.h"
#include "peripherals/gpio.h"
#include "peripherals/kdbg.h"
#include "peripherals/virt/ns16550a.h"
#include "peripherals/virt/plic.h"
#include "peripherals/rng.h"
#include "peripherals/virt/sifive_test.h"
#include "peripherals/virt/virtio_mmio.h"
#include "sim/cpu/cortexm/armv7m_scs.h"

/* One step of a script: 'w' write off=val, 'r' read off, 't' let val cycles pass, 'i' host
 * input val (the device's own kind: a byte, a pin, a button, a line), 0 ends. */
struct op { char kind; uint32_t off, val; };

/* A device instance on its own clock, with everything it does logged. */
struct bench {
    struct devtest d;
    void *dev;
    struct irq_probe probe[3];
    char log[16384];
    size_t len;
};

struct dut {
    const char *name;
    size_t size;                    /* of the device's state struct */
    const struct device_ops *ops;
    unsigned access;                /* register access size */
    void (*init)(struct bench *b);  /* init the device and wire its lines to the probes */
    void (*input)(struct bench *b, uint32_t v);
    struct op setup[16], script[24];
};

static void note(struct bench *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct bench *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->log + b->len, sizeof(b->log) - b->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        b->len = b->len + (size_t)n < sizeof(b->log) ? b->len + (size_t)n : sizeof(b->log) - 1;
}

/* ---- host callbacks: into the log -------------------------------------------------------- */

static void on_tx(void *ctx, uint8_t byte) { note(ctx, "tx %02x;", byte); }
static void on_led(void *ctx, unsigned led, bool on) { note(ctx, "led%u=%d;", led, on); }
static void on_pin(void *ctx, unsigned pin, bool level) { note(ctx, "pin%u=%d;", pin, level); }
static void log_exit(void *ctx, int code) { note(ctx, "exit %d;", code); }

static void on_proc(void *ctx, const struct proc_event *e)
{
    note(ctx, "proc %d pid %u slot %u name '%s' args %u,%u;", (int)e->kind, e->pid, e->slot, e->name,
         e->args[0], e->args[1]);
}

/* ---- the devices ------------------------------------------------------------------------- */

static void init_uart(struct bench *b)
{
    struct cmsdk_uart *u = b->dev;
    cmsdk_uart_init(u, &b->d.env, CM4_PCLK_HZ, on_tx, b);
    irq_probe_attach(&b->probe[0], &u->irq_tx, &b->d.clock);
    irq_probe_attach(&b->probe[1], &u->irq_rx, &b->d.clock);
    irq_probe_attach(&b->probe[2], &u->irq_ovf, &b->d.clock);
}

static void input_uart(struct bench *b, uint32_t v)
{
    uint8_t bytes[3] = { (uint8_t)v, (uint8_t)(v + 1), (uint8_t)(v + 2) };
    cmsdk_uart_receive(b->dev, bytes, 3);
}

static void init_timer(struct bench *b)
{
    struct cmsdk_timer *t = b->dev;
    cmsdk_timer_init(t, &b->d.env, CM4_PCLK_HZ);
    irq_probe_attach(&b->probe[0], &t->irq, &b->d.clock);
}

static void init_dualtimer(struct bench *b)
{
    struct cmsdk_dualtimer *t = b->dev;
    cmsdk_dualtimer_init(t, &b->d.env, CM4_PCLK_HZ);
    irq_probe_attach(&b->probe[0], &t->irq, &b->d.clock);
    irq_probe_attach(&b->probe[1], &t->irq1, &b->d.clock);
    irq_probe_attach(&b->probe[2], &t->irq2, &b->d.clock);
}

static void init_fpgaio(struct bench *b)
{
    fpgaio_init(b->dev, &b->d.env, CM4_PCLK_HZ, on_led, b);
}

static void input_fpgaio(struct bench *b, uint32_t v)
{
    fpgaio_set_button(b->dev, v & 1, v >> 1);
}

static void init_gpio(struct bench *b)
{
    struct gpio *g = b->dev;
    gpio_init(g, &b->d.env, on_pin, b);
    irq_probe_attach(&b->probe[0], &g->irq, &b->d.clock);
}

static void input_gpio(struct bench *b, uint32_t v)
{
    gpio_set_input(b->dev, v & 31, v >> 5);
}

static void init_rng(struct bench *b) { rng_init(b->dev, &b->d.env, 12345); }
static void init_finisher(struct bench *b) { finisher_init(b->dev, &b->d.env, log_exit, b); }
static void init_kdbg(struct bench *b) { kdbg_init(b->dev, &b->d.env, on_proc, b, 65536); }
static void init_test(struct bench *b) { sifive_test_init(b->dev, &b->d.env, log_exit, b); }
static void init_virtio(struct bench *b) { virtio_mmio_init(b->dev, &b->d.env); }

static void init_ns16550a(struct bench *b)
{
    struct ns16550a *u = b->dev;
    ns16550a_init(u, &b->d.env, 399193, on_tx, b);
    irq_probe_attach(&b->probe[0], &u->irq, &b->d.clock);
}

static void input_ns16550a(struct bench *b, uint32_t v)
{
    uint8_t bytes[4] = { (uint8_t)v, (uint8_t)(v + 1), (uint8_t)(v + 2), (uint8_t)(v + 3) };
    ns16550a_receive(b->dev, bytes, 4);
}

static void init_plic(struct bench *b)
{
    struct plic *p = b->dev;
    plic_init(p, &b->d.env);
    irq_probe_attach(&b->probe[0], &p->irq_ctx[0], &b->d.clock);
    irq_probe_attach(&b->probe[1], &p->irq_ctx[1], &b->d.clock);
}

static void input_plic(struct bench *b, uint32_t v)
{
    plic_irq_sink(b->dev, (int)(v & 0xff), v >> 8);
}

static void init_clint(struct bench *b)
{
    struct clint *c = b->dev;
    clint_init(c, &b->d.env, 10000000);
    irq_probe_attach(&b->probe[0], &c->irq_msi, &b->d.clock);
    irq_probe_attach(&b->probe[1], &c->irq_mti, &b->d.clock);
}

static void init_scs(struct bench *b)
{
    armv7m_scs_init(b->dev, &b->d.env, 32, 3, 1000000, NULL);
}

static void input_scs(struct bench *b, uint32_t v)
{
    armv7m_scs_irq_sink(b->dev, (int)(v & 0xff), v >> 8);
}

#define W(off, v) { 'w', (off), (v) }
#define R(off) { 'r', (off), 0 }
#define T(cycles) { 't', 0, (cycles) }
#define I(v) { 'i', 0, (v) }
#define END { 0, 0, 0 }

enum { UART_DATA = 0, UART_STATE = 4, UART_CTRL = 8, UART_INT = 0xc, UART_BAUD = 0x10 };

static const struct dut duts[] = {
    { "cmsdk-uart", sizeof(struct cmsdk_uart), &cmsdk_uart_ops, 4, init_uart, input_uart,
      { W(UART_BAUD, 16), W(UART_CTRL, 0x3f), W(UART_DATA, 0x41), I(0x61),
        T(3000), W(UART_DATA, 0x42), END },
      { R(UART_STATE), R(UART_INT), T(5000), R(UART_STATE), R(UART_DATA),
        W(UART_INT, 0xf), W(UART_DATA, 0x43), W(UART_DATA, 0x44), T(20000),
        R(UART_DATA), R(UART_DATA), R(UART_STATE), I(0x70), T(40000),
        R(UART_DATA), R(UART_INT), END } },
    { "cmsdk-timer", sizeof(struct cmsdk_timer), &cmsdk_timer_ops, 4, init_timer, NULL,
      { W(8, 700), W(0, 9), T(1000), END },
      { R(4), R(0xc), T(2500), R(4), R(0xc), W(0xc, 1),
        W(8, 300), T(777), R(4), R(0xc), W(0, 0), T(5000),
        R(4), END } },
    { "cmsdk-dualtimer", sizeof(struct cmsdk_dualtimer), &cmsdk_dualtimer_ops, 4, init_dualtimer, NULL,
      { W(0x00, 1000), W(0x08, 0xe2), W(0x20, 333), W(0x28, 0xe7), T(900), END },
      { R(0x04), R(0x24), T(4000), R(0x10), R(0x30), W(0x0c, 1),
        R(0x04), W(0x18, 50), T(9000), R(0x14), R(0x34), R(0x24), END } },
    { "fpgaio", sizeof(struct fpgaio), &fpgaio_ops, 4, init_fpgaio, input_fpgaio,
      { W(0x00, 1), W(0x1c, 99), I(3), T(12345), W(0x14, 7), END },
      { R(0x00), R(0x08), R(0x10), R(0x14), R(0x18), R(0x20),
        T(2500000), R(0x14), R(0x18), R(0x20), W(0x00, 2), I(2),
        R(0x08), END } },
    { "gpio", sizeof(struct gpio), &gpio_ops, 4, init_gpio, input_gpio,
      { W(0x08, 0x0f), W(0x0c, 0x05), W(0x20, 0xf0), W(0x24, 0x30),
        I(4 | 32), END },
      { R(0x10), R(0x28), I(5 | 32), I(4), R(0x28), W(0x28, 0xff),
        W(0x1c, 0xff), R(0x10), R(0x0c), END } },
    { "rng", sizeof(struct rng), &rng_ops, 4, init_rng, NULL,
      { R(0x0c), R(0x0c), END },
      { R(0x0c), R(0x0c), R(0x08), R(0x0c), END } },
    { "finisher", sizeof(struct finisher), &finisher_ops, 4, init_finisher, NULL,
      { END },
      { R(0x00), W(0x08, 3), END } },
    { "kdbg", sizeof(struct kdbg), &kdbg_ops, 4, init_kdbg, NULL,
      { W(0x08, 4), W(0x0c, 2), W(0x10, 77), W(0x20, 'a'), END },
      { R(0x20), W(0x20, 'b'), W(0x20, 'c'), W(0x24, 1), W(0x10, 0),
        W(0x24, 2), R(0x24), R(0x28), END } },
    { "ns16550a", sizeof(struct ns16550a), &ns16550a_ops, 1, init_ns16550a, input_ns16550a,
      { W(3, 0x80), W(0, 1), W(3, 0x03), W(2, 0x01), W(1, 0x03),
        I(0x30), T(4000), END },
      { R(5), R(2), R(0), T(3000), R(5), R(0), W(0, 0x5a),
        R(2), T(60000), R(2), R(0), R(0), R(5), END } },
    { "plic", sizeof(struct plic), &plic_ops, 4, init_plic, input_plic,
      { W(4 * 10, 3), W(4 * 11, 2), W(0x2000, 3u << 10), I(10 | 256),
        I(11 | 256), END },
      { R(0x1000), R(0x200004), R(0x200004), W(0x200004, 10), I(10),
        R(0x1000), W(0x200000, 2), W(0x200004, 11), R(0x200004), END } },
    { "clint", sizeof(struct clint), &clint_ops, 4, init_clint, NULL,
      { W(0x4000, 500), W(0x4004, 0), W(0x0, 1), T(1000), END },
      { R(0xbff8), T(20000), R(0xbff8), W(0x0, 0), W(0x4000, 3000),
        T(50000), R(0xbff8), W(0xbff8, 7), R(0xbff8), END } },
    { "sifive-test", sizeof(struct sifive_test), &sifive_test_ops, 4, init_test, NULL,
      { END },
      { W(0, 0x5555), W(0, 0x23333), END } },
    { "virtio-mmio", sizeof(struct virtio_mmio), &virtio_mmio_ops, 4, init_virtio, NULL,
      { END },
      { R(0), R(4), R(8), R(0x100c), END } },
    { "armv7m-scs", sizeof(struct armv7m_scs), &armv7m_scs_ops, 4, init_scs, input_scs,
      { W(0x014, 999), W(0x010, 7), W(0x100, 5), I(2 | 256), W(0xd98, 1),
        W(0xd9c, 0x20000000), W(0xda0, 0x0300001f), T(1500), END },
      { R(0xd04), R(0x018), R(0x200), T(4000), R(0x010), R(0x018),
        I(0 | 256), R(0x200), W(0x280, 4), R(0xda0), R(0xd9c), R(0xd24),
        END } },
};

/* ---- the bench --------------------------------------------------------------------------- */

static struct bench *bench_new(const struct dut *t)
{
    struct bench *b = calloc(1, sizeof(*b));
    devtest_init(&b->d, t->name);
    b->dev = calloc(1, t->size);
    t->init(b);
    return b;
}

static void bench_free(struct bench *b)
{
    devtest_free(&b->d);
    free(b->dev);
    free(b);
}

static void run_ops(struct bench *b, const struct dut *t, const struct op *ops)
{
    for (const struct op *o = ops; o->kind; o++) {
        if (o->kind == 'w')
            t->ops->write(b->dev, o->off, o->val, t->access);
        else if (o->kind == 'r')
            note(b, "r %x=%x;", o->off, t->ops->read(b->dev, o->off, t->access));
        else if (o->kind == 't')
            clock_advance_to(&b->d.clock, b->d.clock.now + o->val);
        else if (o->kind == 'i')
            t->input(b, o->val);
        note(b, "@%llu irq", (unsigned long long)b->d.clock.now);
        for (int i = 0; i < 3; i++)
            note(b, " %d/%d/%llu", b->probe[i].level, b->probe[i].rises, (unsigned long long)b->probe[i].last_rise);
        note(b, ";\n");
    }
}

/* The script's log (device actions and trace lines), from the bench's current state. */
static char *script_log(struct bench *b, const struct dut *t)
{
    size_t trace_at = strlen(devtest_trace_text(&b->d));
    b->len = 0;
    b->log[0] = '\0';
    for (int i = 0; i < 3; i++)
        b->probe[i].rises = 0;
    run_ops(b, t, t->script);
    note(b, "trace:%s", devtest_trace_text(&b->d) + trace_at);
    return strdup(b->log);
}

static void save(struct bench *b, const struct dut *t, struct snap_writer *w)
{
    clock_snapshot(&b->d.clock, w);
    t->ops->snapshot(b->dev, w);
}

static void restore(struct bench *b, const struct dut *t, const struct snap_writer *w)
{
    struct snap_reader r = { .buf = w->buf, .len = w->len };
    clock_restore_begin(&b->d.clock, &r);
    t->ops->restore(b->dev, &r);
    clock_restore_end(&b->d.clock, &r);
    ck_assert_msg(snap_ok(&r), "%s: %s", t->name, r.error);
    ck_assert_msg(r.pos == r.len, "%s: %zu of %zu bytes read back", t->name, r.pos, r.len);
}

/* Restoring the line levels: the probes (the lines' sinks) are told nothing by a restore, so
 * they are put back by hand, as their own owners (a controller) would restore themselves. */
static void restore_probes(struct bench *b, const struct irq_probe saved[3])
{
    for (int i = 0; i < 3; i++)
        b->probe[i] = saved[i];
}

START_TEST(test_device_snapshot)
{
    const struct dut *t = &duts[_i];
    struct bench *b = bench_new(t);
    struct snap_writer w = { 0 };
    run_ops(b, t, t->setup);
    save(b, t, &w);
    struct irq_probe probes[3];
    memcpy(probes, b->probe, sizeof(probes));
    char *first = script_log(b, t);
    restore(b, t, &w);
    restore_probes(b, probes);
    char *again = script_log(b, t);
    ck_assert_msg(strcmp(first, again) == 0, "%s: after a restore:\n%s\nwant:\n%s", t->name, again, first);
    struct bench *fresh = bench_new(t);
    clock_advance_to(&fresh->d.clock, 777);             /* elsewhere in time */
    restore(fresh, t, &w);
    for (int i = 0; i < 3; i++)
        fresh->probe[i].level = probes[i].level, fresh->probe[i].last_rise = probes[i].last_rise;
    char *other = script_log(fresh, t);
    ck_assert_msg(strcmp(first, other) == 0, "%s: in a fresh instance:\n%s\nwant:\n%s", t->name, other, first);
    ck_assert_msg(strstr(first, "r ") || strstr(first, "exit"), "%s: the script does something", t->name);
    free(first);
    free(again);
    free(other);
    snap_writer_free(&w);
    bench_free(b);
    bench_free(fresh);
}
END_TEST

/* The snapshot of an idle device is small and has no host addresses: the same bytes from two
 * instances at two places in memory. */
START_TEST(test_device_snapshot_has_no_addresses)
{
    const struct dut *t = &duts[_i];
    struct bench *a = bench_new(t), *b = bench_new(t);
    struct snap_writer wa = { 0 }, wb = { 0 };
    t->ops->snapshot(a->dev, &wa);
    t->ops->snapshot(b->dev, &wb);
    ck_assert_uint_eq(wa.len, wb.len);
    ck_assert_msg(wa.len == 0 || memcmp(wa.buf, wb.buf, wa.len) == 0, "%s: snapshots differ", t->name);
    snap_writer_free(&wa);
    snap_writer_free(&wb);
    bench_free(a);
    bench_free(b);
}
END_TEST

Suite *device_snapshot_suite(void)
{
    Suite *s = suite_create("device_snapshot");
    TCase *tc = tcase_create("devices");
    int n = (int)(sizeof(duts) / sizeof(duts[0]));
    tcase_add_loop_test(tc, test_device_snapshot, 0, n);
    tcase_add_loop_test(tc, test_device_snapshot_has_no_addresses, 0, n);
    suite_add_tcase(s, tc);
    return s;
}
