/* Capsule: IEEE 802.15.4 (driver 0x30001), compatible with Tock's ieee802154 driver as
 * libtock-c calls it (doc/drivers/ieee802154.md). */
#ifndef KERNEL_CAPSULES_IEEE802154_H
#define KERNEL_CAPSULES_IEEE802154_H

#include <stdint.h>

#include "kernel/core/driver.h"
#include "kernel/core/syscall.h"
#include "kernel/hil/radio.h"

#define IEEE802154_DRIVER_NUM 0x30001

extern const struct driver ieee802154_driver;

/* Takes the radio, sets the defaults (channel 26, PAN 0xabcd, short address 0xffff, 0 dBm, the
 * radio's factory extended address) and switches it on, as Tock boards do. */
void ieee802154_capsule_init(const struct hil_radio *radio);

/* ---- between the capsule's files (ieee802154.c: commands, sending, receiving;
 *      ieee802154_tables.c: the neighbor and key tables, commands 13-25) -------------------- */
struct process;
struct syscall_ret ieee802154_table_command(struct process *p, uint32_t cmd, uint32_t a0);
/* The read-write CFG buffer (allow 1) if it is exactly len bytes (else *ret = SIZE / INVAL). */
uint8_t *ieee802154_cfg(struct process *p, uint32_t len, struct syscall_ret *ret);
void ieee802154_tables_reset(void);

#endif
