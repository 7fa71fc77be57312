/*
 * Empty virtio-mmio transports.
 *
 * QEMU's virt machine always creates eight virtio-mmio transports; with no backend plugged in
 * (hw/virtio/virtio-mmio.c, virtio_mmio_read with !vdev) they read as zero except the magic
 * value, the version and the vendor ID, and a device ID of 0 tells drivers that nothing is
 * there. Kernels that probe the slots (Tock's qemu_rv32_virt does) carry on. Measured on QEMU
 * 7.2 with `-M virt -bios none`. Writes are ignored, as QEMU does without a backend.
 */
#include "peripherals/virt/virtio_mmio.h"

#include <string.h>

enum { A_MAGIC = 0x000, A_VERSION = 0x004, A_DEVICE_ID = 0x008, A_VENDOR_ID = 0x00c };

static uint32_t virtio_mmio_read(void *dev, uint32_t offset, unsigned size)
{
    (void)dev;
    (void)size;
    switch (offset & 0xfffu) {
    case A_MAGIC: return VIRTIO_MMIO_MAGIC;
    case A_VERSION: return VIRTIO_MMIO_VERSION;
    case A_VENDOR_ID: return VIRTIO_MMIO_VENDOR;
    default: return 0;                  /* DeviceID 0: no device */
    }
}

static void virtio_mmio_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    (void)dev;
    (void)offset;
    (void)value;
    (void)size;
}

static void virtio_mmio_reset(void *dev)
{
    (void)dev;
}

void virtio_mmio_init(struct virtio_mmio *v, const struct device_env *env)
{
    memset(v, 0, sizeof(*v));
    v->env = *env;
}

const struct device_ops virtio_mmio_ops = {
    .kind = "virtio-mmio",
    .reset = virtio_mmio_reset,
    .read = virtio_mmio_read,
    .write = virtio_mmio_write,
    .snapshot = device_snapshot_none,     /* no state */
    .restore = device_restore_none,
};
