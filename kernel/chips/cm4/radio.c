/* cm4 chip: the tocksim IEEE 802.15.4 radio driver (absent on QEMU: detected by its ID
 * register). Register map: doc/devices/radio802154.md.
 *
 * The radio does CSMA-CA, ACK waiting with retries and automatic ACKs itself (CONFIG), so this
 * driver only moves frames: TX from the caller's buffer, RX into rx_buf, which the radio may not
 * overwrite until RX_DONE is cleared (after the client has taken the frame). start() switches
 * on; the READY interrupt then puts the radio in RX, where it stays (it comes back to RX after
 * each transmission). */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/chips/cm4/radio.h"
#include "kernel/core/syscall.h"

#define ID           0x000u
#define STATE        0x008u
#define COMMAND      0x00cu
#define CONFIG       0x010u
#define CHANNEL      0x014u
#define TX_POWER     0x018u
#define PAN_ID       0x01cu
#define SHORT_ADDR   0x020u
#define LONG_LO      0x024u
#define LONG_HI      0x028u
#define TX_ADDR      0x034u
#define TX_LEN       0x038u
#define TX_STATUS    0x03cu
#define RX_ADDR      0x040u
#define RX_LEN       0x044u
#define RX_INFO      0x048u
#define IRQ_STATUS   0x054u
#define IRQ_MASK     0x058u

enum { CMD_ON = 1, CMD_OFF = 2, CMD_RX = 3, CMD_TX = 5 };
enum { CFG_AUTO_ACK = 1u << 0, CFG_CSMA = 1u << 2, CFG_ACK_WAIT = 1u << 3 };
enum { IRQ_TX_DONE = 1u << 0, IRQ_RX_DONE = 1u << 1, IRQ_READY = 1u << 3 };
enum { TX_OK = 1, TX_ACKED = 2, TX_NOACK = 3, TX_BUSY = 4 };
enum { STATE_OFF = 0 };

static volatile uint32_t *reg(const struct cm4_radio *r, uint32_t off)
{
    return (volatile uint32_t *)(r->base + off);
}

static int radio_start(void *dev)
{
    struct cm4_radio *r = dev;
    if (*reg(r, STATE) == STATE_OFF)
        *reg(r, COMMAND) = CMD_ON;          /* READY comes after the startup: then RX */
    return 0;
}

static int radio_stop(void *dev)
{
    struct cm4_radio *r = dev;
    *reg(r, COMMAND) = CMD_OFF;             /* a transmission in flight ends (TX_DONE) */
    return 0;
}

static int radio_is_on(void *dev)
{
    return *reg(dev, STATE) != STATE_OFF;
}

static void radio_set_channel(void *dev, uint8_t channel) { *reg(dev, CHANNEL) = channel; }
static void radio_set_tx_power(void *dev, int8_t dbm) { *reg(dev, TX_POWER) = (uint32_t)(int32_t)dbm; }
static void radio_set_address(void *dev, uint16_t addr) { *reg(dev, SHORT_ADDR) = addr; }
static void radio_set_pan(void *dev, uint16_t pan) { *reg(dev, PAN_ID) = pan; }

static void radio_set_address_long(void *dev, uint64_t addr)
{
    *reg(dev, LONG_LO) = (uint32_t)addr;
    *reg(dev, LONG_HI) = (uint32_t)(addr >> 32);
}

static uint64_t radio_get_address_long(void *dev)
{
    return (uint64_t)*reg(dev, LONG_HI) << 32 | *reg(dev, LONG_LO);
}

static int radio_transmit(void *dev, const uint8_t *frame, uint32_t len)
{
    struct cm4_radio *r = dev;
    if (len == 0 || len > HIL_RADIO_MAX_FRAME)
        return ERR_SIZE;
    if (*reg(r, STATE) == STATE_OFF)
        return ERR_OFF;
    if (r->tx_busy)
        return ERR_BUSY;
    r->tx_busy = 1;
    *reg(r, TX_ADDR) = (uint32_t)(uintptr_t)frame;
    *reg(r, TX_LEN) = len;
    *reg(r, COMMAND) = CMD_TX;              /* waits for a startup or an ACK in progress */
    return 0;
}

static void radio_set_client(void *dev, const struct hil_radio_client *client)
{
    struct cm4_radio *r = dev;
    r->client = client;
}

static void tx_done(struct cm4_radio *r)
{
    uint32_t st = *reg(r, TX_STATUS) & 0xfu;
    int status = st == TX_OK || st == TX_ACKED ? 0 : st == TX_NOACK ? ERR_NOACK : st == TX_BUSY ? ERR_BUSY : ERR_FAIL;
    r->tx_busy = 0;
    if (r->client)
        r->client->tx_done(r->client->ctx, status, st == TX_ACKED);
}

static void rx_done(struct cm4_radio *r)
{
    uint32_t info = *reg(r, RX_INFO);
    if (r->client)
        r->client->rx(r->client->ctx, r->rx_buf, *reg(r, RX_LEN), (int8_t)(info >> 8), (uint8_t)info);
    *reg(r, IRQ_STATUS) = IRQ_RX_DONE;      /* only now may the radio write rx_buf again */
}

static void radio_irq(void *ctx)
{
    struct cm4_radio *r = ctx;
    uint32_t st = *reg(r, IRQ_STATUS);
    *reg(r, IRQ_STATUS) = st & ~IRQ_RX_DONE;
    if (st & IRQ_READY)
        *reg(r, COMMAND) = CMD_RX;
    if (st & IRQ_TX_DONE)
        tx_done(r);
    if (st & IRQ_RX_DONE)
        rx_done(r);
}

int cm4_radio_init(struct cm4_radio *r, uintptr_t base, unsigned irq, uint32_t id)
{
    r->base = base;
    r->tx_busy = 0;
    r->client = 0;
    r->present = *(volatile uint32_t *)base == id;
    r->hil = (struct hil_radio){ r, radio_start, radio_stop, radio_is_on, radio_set_channel, radio_set_tx_power,
                                 radio_set_address, radio_set_address_long, radio_get_address_long, radio_set_pan, radio_transmit,
                                 radio_set_client };
    if (!r->present)
        return 0;
    *reg(r, CONFIG) = CFG_AUTO_ACK | CFG_CSMA | CFG_ACK_WAIT;
    *reg(r, RX_ADDR) = (uint32_t)(uintptr_t)r->rx_buf;
    *reg(r, IRQ_STATUS) = 0xffffffffu;
    *reg(r, IRQ_MASK) = IRQ_TX_DONE | IRQ_RX_DONE | IRQ_READY;
    arch_irq_register(irq, radio_irq, r);
    arch_irq_enable(irq);
    return 1;
}
