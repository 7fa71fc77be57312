/* Empty virtio-mmio transports: slots that answer "no device" as QEMU's virt machine does. */
#ifndef PERIPHERALS_VIRTIO_MMIO_H
#define PERIPHERALS_VIRTIO_MMIO_H

/*
 * Interface
 *   Memory: one 4 KiB window per transport, any number of windows (rv32: 8 from
 *           RV32_VIRTIO_BASE = 0x10001000, 0x1000 apart); only offset % 0x1000 matters.
 *           0x000 MagicValue  0x74726976 ("virt")
 *           0x004 Version     2 (virtio 1.0 transport: QEMU with -global
 *                             virtio-mmio.force-legacy=false, as Tock runs its virt board)
 *           0x008 DeviceID    0: no device behind this transport
 *           0x00c VendorID    0x554d4551 ("QEMU")
 *           other offsets read 0; writes are ignored
 *   IRQs:   none.   Clock: none.
 * Register map: doc/devices/virtio_mmio.md.
 */

#include "sim/core/device.h"

#define VIRTIO_MMIO_MAGIC   0x74726976u
#define VIRTIO_MMIO_VERSION 2u
#define VIRTIO_MMIO_VENDOR  0x554d4551u

struct virtio_mmio {
    struct device_env env;
};

extern const struct device_ops virtio_mmio_ops;

void virtio_mmio_init(struct virtio_mmio *v, const struct device_env *env);

#endif
