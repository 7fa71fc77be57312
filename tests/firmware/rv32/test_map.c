/* Memory map: QEMU virt's empty virtio-mmio transports, and our extra devices in the PCIe
 * MMIO window (all ones on QEMU: printed as QEMU-DIFF lines). */

#include "tests/firmware/rv32/fw.h"
#include "tests/firmware/rv32/rv32.h"

static const struct { const char *name; uint32_t addr, id; } extras[] = {
    { "gpio", RV32_GPIO_BASE, RV32_ID_GPIO },
    { "rng", RV32_RNG_BASE, RV32_ID_RNG },
    { "finisher", RV32_FINISHER_BASE, RV32_ID_FINISHER },
    { "kdbg", RV32_KDBG_BASE, RV32_ID_KDBG },
    { "fpgaio", RV32_FPGAIO_BASE + RV32_FPGAIO_ID_OFFSET, RV32_ID_FPGAIO },
};

void test_map(void)
{
    fw_printf("map\n");
    for (uint32_t i = 0; i < RV32_VIRTIO_COUNT; i++) {
        uint32_t base = RV32_VIRTIO_BASE + i * RV32_VIRTIO_STRIDE;
        check_eq(REG32(base + 0x000), 0x74726976, "virtio%lu magic", i);
        check_eq(REG32(base + 0x008), 0, "virtio%lu device id (none)", i);
    }
    check_eq(REG32(RV32_VIRTIO_BASE + 0x004), 2, "virtio0 version (virtio 1.0, force-legacy=false)");
    check_eq(REG32(RV32_VIRTIO_BASE + 0x00c), 0x554d4551, "virtio0 vendor");
    check_eq(REG32(RV32_TEST_BASE), 0, "sifive_test reads 0");
    for (unsigned i = 0; i < sizeof(extras) / sizeof(extras[0]); i++) {
        uint32_t id = REG32(extras[i].addr);
        fw_printf(QEMU_DIFF "%s id 0x%08lx: %s\n", extras[i].name, id,
                  id == extras[i].id ? "present" : id == RV32_ID_ABSENT ? "absent" : "WRONG");
    }
}
