/* The host fixture of the kernel unit tests (see kernel_fixture.h): fake board, TBF images in
 * memory, and stubs of the arch contract that record what the portable kernel asked of the
 * CPU. */
#define _GNU_SOURCE
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "kernel/arch/arch.h"
#include "kernel/core/grant.h"
#include "kernel/core/kernel.h"
#include "kernel/core/process.h"
#include "kernel/core/tbf.h"
#include "tests/kernel_fixture.h"

uint8_t *kt_flash, *kt_ram;
struct kernel_config kt_config;

uintptr_t kt_init_pc, kt_init_stack_top, kt_upcall_pc;
uint32_t kt_init_args[4], kt_ret[4], kt_upcall_args[4];
int kt_ret_count, kt_upcall_count;

static struct syscall_ret kt_command(struct process *p, uint32_t cmd, uint32_t a0, uint32_t a1)
{
    (void)p;
    (void)a0;
    (void)a1;
    return ret_success_u32(cmd + 1000);
}

const struct driver kt_drv_a = { .num = 0x1, .name = "a", .num_upcalls = 2, .num_allow_ro = 2,
                                 .num_allow_rw = 1, .num_allow_ur = 1, .grant_size = 16,
                                 .command = kt_command };
const struct driver kt_drv_b = { .num = 0x40001, .name = "b", .num_upcalls = 1,
                                 .grant_size = 4, .command = kt_command };
static const struct driver *const kt_drivers[] = { &kt_drv_a, &kt_drv_b };

/* Host memory below 4 GiB, aligned to align. */
static uint8_t *low_alloc(size_t size, size_t align)
{
    uint8_t *m = mmap(NULL, size + align, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    ck_assert_ptr_ne(m, MAP_FAILED);
    return (uint8_t *)(((uintptr_t)m + align - 1) & ~(uintptr_t)(align - 1));
}

void kt_setup(void)
{
    if (!kt_flash) {                /* kept across tests when CK_FORK=no */
        kt_flash = low_alloc(KT_FLASH_SIZE, 0x10000);
        kt_ram = low_alloc(KT_RAM_SIZE, 0x10000);
    }
    memset(kt_flash, 0, KT_FLASH_SIZE);
    memset(kt_ram, 0, KT_RAM_SIZE);
    memset(processes, 0, sizeof processes);
    kt_config = (struct kernel_config){
        .drivers = kt_drivers, .num_drivers = 2,
        .apps_start = (uintptr_t)kt_flash, .apps_size = KT_FLASH_SIZE,
        .app_ram_start = (uintptr_t)kt_ram + 0x1000, .app_ram_size = KT_RAM_SIZE - 0x1000,
        .ram_start = (uintptr_t)kt_ram, .ram_size = KT_RAM_SIZE,
        .fault_policy = FAULT_RESTART, .restart_threshold = 2,
    };
    kernel_init(&kt_config);
    kt_ret_count = kt_upcall_count = 0;
}

void kt_teardown(void)
{
    kernel_init(NULL);
}

void kt_add_fixture(TCase *tc)
{
    tcase_add_checked_fixture(tc, kt_setup, kt_teardown);
}

void kt_set_drivers(const struct driver *const *drivers, unsigned n)
{
    kt_config.drivers = drivers;
    kt_config.num_drivers = n;
}

/* Appends one TLV (type, value of len bytes, padded to 4) at p; returns the end. */
static uint8_t *put_tlv(uint8_t *p, uint16_t type, const void *value, uint16_t len)
{
    memcpy(p, &type, 2);
    memcpy(p + 2, &len, 2);
    memcpy(p + 4, value, len);
    return p + 4 + ((len + 3u) & ~3u);
}

uint16_t kt_tbf(uint8_t *img, uint32_t total, const char *name, uint32_t min_ram,
                int program, const uint8_t *extra, uint16_t extra_len)
{
    memset(img, 0, total);
    const uint32_t main_v[5] = { 0x20, 0, min_ram, total, 1 };   /* init offset 0x20 */
    uint8_t *p = put_tlv(img + 16, program ? TBF_TLV_PROGRAM : TBF_TLV_MAIN, main_v,
                         program ? 20 : 12);
    p = put_tlv(p, TBF_TLV_PACKAGE_NAME, name, (uint16_t)strlen(name));
    if (extra) {
        memcpy(p, extra, extra_len);
        p += (extra_len + 3u) & ~3u;
    }
    uint16_t hs = (uint16_t)(p - img), ver = 2;
    uint32_t flags = TBF_FLAG_ENABLED;
    memcpy(img, &ver, 2);
    memcpy(img + 2, &hs, 2);
    memcpy(img + 4, &total, 4);
    memcpy(img + 8, &flags, 4);
    uint32_t sum = tbf_checksum(img, hs);
    memcpy(img + 12, &sum, 4);
    return hs;
}

struct process *kt_process(const char *name, uint32_t off, uint32_t min_ram)
{
    struct tbf_header h;
    kt_tbf(kt_flash + off, 0x1000, name, min_ram, 0, NULL, 0);
    ck_assert_int_eq(tbf_parse(kt_flash + off, 0x1000, &h), TBF_OK);
    struct process *p = NULL;
    const char *why = process_create(&h, (uintptr_t)kt_flash + off, &p);
    ck_assert_msg(why == NULL, "process_create: %s", why ? why : "");
    return p;
}

/* ---- arch contract stubs ------------------------------------------------------------------ */

void arch_process_init(struct arch_context *ctx, uintptr_t pc, uintptr_t stack_top,
                       const uint32_t a[4])
{
    kt_init_pc = pc;
    kt_init_stack_top = stack_top;
    memcpy(kt_init_args, a, sizeof kt_init_args);
    ctx->psp = (uint32_t)((stack_top & ~7u) - ARCH_FRAME_SIZE);
}

uintptr_t arch_frame_addr(const struct arch_context *ctx)
{
    return ctx->psp;
}

void arch_syscall_return(struct arch_context *ctx, const uint32_t r[4])
{
    (void)ctx;
    memcpy(kt_ret, r, sizeof kt_ret);
    kt_ret_count++;
}

void arch_push_upcall(struct arch_context *ctx, uintptr_t pc, const uint32_t a[4])
{
    (void)ctx;
    kt_upcall_pc = pc;
    memcpy(kt_upcall_args, a, sizeof kt_upcall_args);
    kt_upcall_count++;
}

int arch_interrupts_pending(void)
{
    return 0;
}

void arch_service_interrupts(void)
{
}

void panic(const char *fmt, ...)
{
    (void)fmt;
    abort();
}
