/* The host fixture of the kernel unit tests (see kernel_fixture.h): fake board, TBF images in
 * memory, processes' system calls, and the fake part of the arch contract. */
#define _GNU_SOURCE
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "kernel/arch/arch.h"
#include "kernel/core/grant.h"
#include "kernel/core/kernel.h"
#include "kernel/core/kprintf.h"
#include "kernel/core/process.h"
#include "kernel/core/tbf.h"
#include "tests/kernel_fixture.h"

uint8_t *kt_flash, *kt_ram;
struct kernel_config kt_config;

/* One of each TRD104 return variant, every value distinct. */
const struct syscall_ret kt_variants[KT_NUM_VARIANTS] = {
    { RET_FAILURE, ERR_BUSY, { 0, 0, 0 } },
    { RET_FAILURE_U32, ERR_SIZE, { 0xa1, 0, 0 } },
    { RET_FAILURE_2U32, ERR_INVAL, { 0xa1, 0xa2, 0 } },
    { RET_FAILURE_U64, ERR_FAIL, { 0xa1, 0xa2, 0 } },
    { RET_SUCCESS, 0, { 0, 0, 0 } },
    { RET_SUCCESS_U32, 0, { 0xb1, 0, 0 } },
    { RET_SUCCESS_2U32, 0, { 0xb1, 0xb2, 0 } },
    { RET_SUCCESS_U64, 0, { 0xb1, 0xb2, 0 } },
    { RET_SUCCESS_3U32, 0, { 0xb1, 0xb2, 0xb3 } },
    { RET_SUCCESS_U32_U64, 0, { 0xb1, 0xb2, 0xb3 } },
};

static struct syscall_ret kt_command(struct process *p, uint32_t cmd, uint32_t a0, uint32_t a1)
{
    (void)p;
    (void)a0;
    (void)a1;
    return ret_success_u32(cmd + 1000);
}

static struct syscall_ret kt_command_a(struct process *p, uint32_t cmd, uint32_t a0, uint32_t a1)
{
    if (cmd - KT_CMD_VARIANT < KT_NUM_VARIANTS)
        return kt_variants[cmd - KT_CMD_VARIANT];
    return kt_command(p, cmd, a0, a1);
}

const struct driver kt_drv_a = { .num = 0x1, .name = "a", .num_upcalls = 2, .num_allow_ro = 2,
                                 .num_allow_rw = 1, .num_allow_ur = 1, .grant_size = 16,
                                 .command = kt_command_a };
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

static void reset_fake_cpu(void);

void kt_setup(void)
{
    if (!kt_flash) {                /* kept across tests when CK_FORK=no */
        kt_flash = low_alloc(KT_FLASH_SIZE, 0x10000);
        kt_ram = low_alloc(KT_RAM_SIZE, 0x10000);
    }
    memset(kt_flash, 0, KT_FLASH_SIZE);
    memset(kt_ram, 0, KT_RAM_SIZE);
    memset(processes, 0, sizeof processes);
    process_slots_used = 0;
    kt_config = (struct kernel_config){
        .drivers = kt_drivers, .num_drivers = 2,
        .apps_start = (uintptr_t)kt_flash, .apps_size = KT_FLASH_SIZE,
        .app_ram_start = (uintptr_t)kt_ram + 0x1000, .app_ram_size = KT_RAM_SIZE - 0x1000,
        .ram_start = (uintptr_t)kt_ram, .ram_size = KT_RAM_SIZE,
        .fault_policy = FAULT_RESTART, .restart_threshold = 2,
    };
    kernel_init(&kt_config);
    reset_fake_cpu();
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

/* ---- a process's registers and system calls ----------------------------------------------- */

uint32_t *kt_frame(const struct process *p)
{
    return (uint32_t *)(uintptr_t)arch_frame_addr(&p->ctx);
}

uint32_t kt_svc_return(const struct process *p)
{
    return (uint32_t)p->flash_start + KT_SVC_OFF + 2;
}

uint32_t kt_fn(const struct process *p, uint32_t off)
{
    return ((uint32_t)p->flash_start + off) | 1u;
}

void kt_trap(struct process *p, uint32_t cls, uint32_t a0, uint32_t a1, uint32_t a2,
             uint32_t a3)
{
    uint16_t svc = (uint16_t)(0xdf00u | (cls & 0xffu));     /* Thumb `svc #imm8` */
    memcpy((void *)(p->flash_start + KT_SVC_OFF), &svc, 2);
    uint32_t *f = kt_frame(p);
    const uint32_t regs[8] = { a0, a1, a2, a3, KT_R12_MARK, KT_LR_MARK, kt_svc_return(p),
                               1u << 24 /* Thumb */ };
    memcpy(f, regs, sizeof regs);
}

int kt_syscall(struct process *p, uint32_t cls, uint32_t a0, uint32_t a1, uint32_t a2,
               uint32_t a3)
{
    kt_trap(p, cls, a0, a1, a2, a3);
    return syscall_handle(p);
}

/* ---- the fake rest of the CPU ------------------------------------------------------------- */

enum arch_return (*kt_run)(struct process *p);
uint32_t kt_slice_left, kt_slice_us;
unsigned kt_slices, kt_slice_ends, kt_wfi_count;
int kt_slice_used_up;
int kt_irq_pending;
void (*kt_irq_handler)(void);
const struct arch_mpu_config *kt_mpu_applied;
struct arch_fault kt_fault;
jmp_buf *kt_panic_jmp;
char kt_panic_msg[256];

static char output[16384];
static size_t output_len;

static void capture(char c)
{
    if (output_len + 1 < sizeof output)
        output[output_len++] = c;
}

const char *kt_output_take(void)
{
    static char copy[sizeof output];
    memcpy(copy, output, output_len);
    copy[output_len] = 0;
    output_len = 0;
    return copy;
}

static void reset_fake_cpu(void)
{
    kt_run = NULL;
    kt_slice_left = kt_slice_us = 0;
    kt_slices = kt_slice_ends = kt_wfi_count = 0;
    kt_slice_used_up = 0;
    kt_irq_pending = 0;
    kt_irq_handler = NULL;
    kt_mpu_applied = NULL;
    kt_fault = (struct arch_fault){ .kind = ARCH_FAULT_MPU, .detail = "data access" };
    kt_panic_jmp = NULL;
    output_len = 0;
    kprintf_set_output(capture);
}

enum arch_return arch_switch_to_process(struct arch_context *ctx)
{
    ck_assert_msg(kt_run != NULL, "a process ran but the test did not set kt_run");
    return kt_run((struct process *)((char *)ctx - offsetof(struct process, ctx)));
}

int arch_timeslice_start(uint32_t us)
{
    kt_slices++;
    if (kt_slice_used_up) {
        kt_slice_used_up = 0;
        return 0;
    }
    kt_slice_us = kt_slice_left = us;
    return 1;
}

uint32_t arch_timeslice_stop(void)
{
    return kt_slice_left;
}

void arch_timeslice_end(void)
{
    kt_slice_ends++;
}

void arch_mpu_apply(const struct arch_mpu_config *cfg)
{
    kt_mpu_applied = cfg;
}

void arch_mpu_print(const struct arch_mpu_config *cfg)
{
    (void)cfg;
    kprintf(" (fake MPU)\r\n");
}

int arch_interrupts_pending(void)
{
    return kt_irq_pending;
}

void arch_service_interrupts(void)
{
    if (!kt_irq_pending)
        return;
    kt_irq_pending = 0;
    if (kt_irq_handler)
        kt_irq_handler();
}

uint32_t arch_irq_save(void)
{
    return 0;
}

void arch_irq_restore(uint32_t state)
{
    (void)state;
}

void arch_wait_for_interrupt(void)
{
    kt_wfi_count++;
}

void arch_fault_read(struct arch_fault *f)
{
    *f = kt_fault;
}

void arch_fault_print(const struct arch_fault *f)
{
    kprintf(" (fake fault status, kind %d)\r\n", (int)f->kind);
}

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(kt_panic_msg, sizeof kt_panic_msg, fmt, ap);
    va_end(ap);
    if (kt_panic_jmp)
        longjmp(*kt_panic_jmp, 1);
    ck_abort_msg("kernel panic: %s", kt_panic_msg);
    abort();                        /* ck_abort_msg does not return; panic must not either */
}
