/* Capsule: console (driver 0x1). Tock's capsules/core/console.rs (doc/drivers/console.md):
 *   read-only allow 1: bytes to write; read-write allow 1: buffer to read into;
 *   command 0 exists, 1 write(a0 = length): sends min(length, buffer) bytes, then
 *   upcall 1: (bytes written, 0, 0); 2 read(a0 = length): receives exactly min(length, buffer)
 *   bytes, then upcall 2: (0, bytes read, 0); 3 abort read: upcall 2 (CANCEL, bytes read, 0).
 *   BUSY if a write (or read) of the same process is already pending; RESERVE for a read
 *   without a buffer.
 * Writes are copied in chunks (up to 64 bytes, ending after a newline) into a kernel buffer
 * and sent interrupt-driven; one process's write goes out whole before the next process's
 * (round robin), so lines don't interleave.
 * Reads: the oldest pending reader gets the bytes. Bytes that arrive while nobody reads wait
 * in a 64-byte ring; when it is full the UART is held (backpressure), so nothing is lost. The
 * next read takes them first. Once a live process has read the console it owns the input;
 * until then, the ring goes to the process console when the kernel is idle (console_idle)
 * with no write in flight: bytes typed while apps start up still reach their first read.
 * Kernel messages (kprintf) are sent polled after the chunk in flight: between lines (or
 * inside a line longer than 64 bytes). */
#include <stdint.h>

#include "kernel/capsules/console.h"
#include "kernel/core/grant.h"
#include "kernel/core/process.h"
#include "kernel/core/upcall.h"

#define CHUNK 64
#define RX_RING 64

struct console_grant {
    uint32_t write_len, written, write_pending;
    uint32_t read_len, read_done, read_pending, read_seq, has_read;
};

static const struct hil_uart *uart;
static void (*fallback_rx)(uint8_t byte);
static uint8_t tx_buf[CHUNK];
static uint32_t tx_count;               /* bytes of the chunk in flight */
static int writer = -1;                 /* process index of the write in flight */
static uint32_t writer_id, read_seq;
/* Bytes that arrived while nobody was reading; the UART is held while it is full. */
static uint8_t rx_ring[RX_RING];
static unsigned rx_head, rx_count;
static int rx_held;

static void start_next_write(int after);

/* Sends the next chunk of p's write, or completes it. */
static void continue_write(struct process *p, struct console_grant *g)
{
    uint8_t *buf;
    uint32_t len = grant_buffer(p, &console_driver, BUF_RO, 1, &buf);
    uint32_t end = g->write_len < len ? g->write_len : len;
    if (g->written >= end) {
        g->write_pending = 0;
        writer = -1;
        upcall_schedule(p, &console_driver, 1, g->written, 0, 0);
        start_next_write(p->index);
        return;
    }
    /* A chunk ends after a newline, so kernel messages (which first finish the chunk in
     * flight) come between lines. */
    uint32_t max = end - g->written < CHUNK ? end - g->written : CHUNK;
    tx_count = 0;
    while (tx_count < max) {
        tx_buf[tx_count] = buf[g->written + tx_count];
        if (tx_buf[tx_count++] == '\n')
            break;
    }
    writer = p->index;
    writer_id = p->id;
    uart->transmit(uart->dev, tx_buf, tx_count);
}

/* Starts the first pending write after process index `after`, round robin. */
static void start_next_write(int after)
{
    for (int n = 1; n <= PROCESS_MAX; n++) {
        struct process *p = &processes[(after + n + PROCESS_MAX) % PROCESS_MAX];
        struct console_grant *g = process_alive(p) ? grant_data_peek(p, &console_driver) : 0;
        if (g && g->write_pending) {
            continue_write(p, g);
            return;
        }
    }
}

static void tx_done(void *ctx)
{
    (void)ctx;
    int was = writer;
    struct process *p = writer >= 0 ? process_lookup((unsigned)writer, writer_id) : NULL;
    struct console_grant *g = p ? grant_data_peek(p, &console_driver) : NULL;
    writer = -1;
    if (g && g->write_pending) {
        g->written += tx_count;
        continue_write(p, g);
    } else {
        start_next_write(was);
    }
}

/* The process whose read is oldest, or NULL. */
static struct process *reader(struct console_grant **out)
{
    struct process *best = NULL;
    for (struct process *p = NULL; (p = process_next(p)) != NULL;) {
        struct console_grant *g = grant_data_peek(p, &console_driver);
        if (g && g->read_pending && (!best || (int32_t)(g->read_seq - (*out)->read_seq) < 0)) {
            best = p;
            *out = g;
        }
    }
    return best;
}

static void finish_read(struct process *p, struct console_grant *g, uint32_t status)
{
    g->read_pending = 0;
    upcall_schedule(p, &console_driver, 2, status, g->read_done, 0);
}

/* Whether a live process has ever read the console: then it owns the input. */
static int input_owned(void)
{
    for (struct process *p = NULL; (p = process_next(p)) != NULL;) {
        struct console_grant *g = grant_data_peek(p, &console_driver);
        if (g && g->has_read)
            return 1;
    }
    return 0;
}

/* Gives byte to p's read; completes the read when it is full. */
static void deliver(struct process *p, struct console_grant *g, uint8_t byte)
{
    uint8_t *buf;
    uint32_t len = grant_buffer(p, &console_driver, BUF_RW, 1, &buf);
    uint32_t want = g->read_len < len ? g->read_len : len;
    if (g->read_done < want)
        buf[g->read_done++] = byte;
    if (g->read_done >= want)
        finish_read(p, g, 0);
}

static void rx(void *ctx, uint8_t byte)
{
    (void)ctx;
    struct console_grant *g = NULL;
    struct process *p = reader(&g);
    if (p) {
        deliver(p, g, byte);
        return;
    }
    if (rx_count < RX_RING)         /* always: the UART is held once the ring is full */
        rx_ring[(rx_head + rx_count++) % RX_RING] = byte;
    if (rx_count == RX_RING && !rx_held) {
        rx_held = 1;
        uart->rx_hold(uart->dev, 1);
    }
}

static uint8_t ring_take(void)
{
    uint8_t b = rx_ring[rx_head];
    rx_head = (rx_head + 1) % RX_RING;
    rx_count--;
    return b;
}

/* Lets the UART deliver again once the ring has room. Its bytes may arrive right away:
 * call only after taking from the ring, so they queue behind what is left there. */
static void ring_release(void)
{
    if (rx_held && rx_count < RX_RING) {
        rx_held = 0;
        uart->rx_hold(uart->dev, 0);
    }
}

/* A new read first takes the bytes that arrived while nobody was reading. */
static void drain_ring(struct process *p, struct console_grant *g)
{
    while (rx_count && g->read_pending)
        deliver(p, g, ring_take());
    ring_release();
}

void console_idle(void)
{
    if (!rx_count || !fallback_rx || writer >= 0 || input_owned())
        return;
    while (rx_count)
        fallback_rx(ring_take());
    ring_release();
}

static const struct hil_uart_client client = { tx_done, rx, 0 };

static struct syscall_ret console_command(struct process *p, uint32_t cmd, uint32_t a0,
                                          uint32_t unused)
{
    (void)unused;
    struct console_grant *g = grant_data(p, &console_driver);
    uint8_t *buf;
    switch (cmd) {
    case 0:
        return ret_success();
    case 1:
        if (g->write_pending)
            return ret_failure(ERR_BUSY);
        g->write_len = a0;
        g->written = 0;
        g->write_pending = 1;
        if (writer < 0)
            continue_write(p, g);
        return ret_success();
    case 2:
        if (g->read_pending)
            return ret_failure(ERR_BUSY);
        if (grant_buffer(p, &console_driver, BUF_RW, 1, &buf) == 0)
            return ret_failure(ERR_RESERVE);
        g->read_len = a0;
        g->read_done = 0;
        g->read_pending = 1;
        g->has_read = 1;
        g->read_seq = read_seq++;
        if (a0 == 0)
            finish_read(p, g, 0);
        else
            drain_ring(p, g);
        return ret_success();
    case 3:
        if (g->read_pending)
            finish_read(p, g, ERR_CANCEL);
        return ret_success();
    default:
        return ret_failure(ERR_NOSUPPORT);
    }
}

const struct driver console_driver = {
    .num = CONSOLE_DRIVER_NUM,
    .name = "console",
    .num_upcalls = 3,
    .num_allow_ro = 2,
    .num_allow_rw = 2,
    .grant_size = sizeof(struct console_grant),
    .command = console_command,
};

void console_capsule_init(const struct hil_uart *u, void (*other_rx)(uint8_t byte))
{
    uart = u;
    fallback_rx = other_rx;
    uart->set_client(uart->dev, &client);
}
