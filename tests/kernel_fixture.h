/* The host fixture every tests/check_kernel_*.c shares: a fake board for the portable kernel.
 *
 * Flash and RAM are host memory below 4 GiB, so the 32-bit addresses processes pass in system
 * call registers reach it. Each test starts (checked fixture: kt_add_fixture) with both zeroed,
 * an empty process table and a kernel configuration holding two fake drivers; a test file may
 * install other drivers (the real capsules) with kt_set_drivers from its own setup.
 *
 * Assertion helpers are macros, so a failure names the line of the test that used them. */
#ifndef TESTS_KERNEL_FIXTURE_H
#define TESTS_KERNEL_FIXTURE_H

#include <check.h>
#include <stdint.h>

#include "kernel/core/driver.h"
#include "kernel/core/kernel.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"

#define KT_FLASH_SIZE 0x40000u
#define KT_RAM_SIZE   0x10000u

extern uint8_t *kt_flash, *kt_ram;          /* 64 KiB aligned */
extern struct kernel_config kt_config;      /* what kernel points to during a test */

/* Driver A (0x1): 2 upcalls, 2 RO, 1 RW, 1 UR buffers, 16 bytes of grant data. Driver B
 * (0x40001): 1 upcall, 4 bytes. Their command returns Success u32 (command + 1000). */
extern const struct driver kt_drv_a, kt_drv_b;

/* What the arch stubs saw. */
extern uintptr_t kt_init_pc, kt_init_stack_top, kt_upcall_pc;
extern uint32_t kt_init_args[4], kt_ret[4], kt_upcall_args[4];
extern int kt_ret_count, kt_upcall_count;

/* Registers kt_setup / kt_teardown as tc's checked fixture (run around every test, inside the
 * test's process when CK_FORK=yes). */
void kt_add_fixture(TCase *tc);
void kt_setup(void);
void kt_teardown(void);
/* Replaces the kernel's driver table for this test. */
void kt_set_drivers(const struct driver *const *drivers, unsigned n);

/* Writes a TBF image at img: base header, Main (or Program) TLV, package name, extra TLV
 * bytes; total bytes long; correct checksum. Returns the header size. */
uint16_t kt_tbf(uint8_t *img, uint32_t total, const char *name, uint32_t min_ram, int program,
                const uint8_t *extra, uint16_t extra_len);
/* A started process for a 4 KiB image named name at flash offset off. */
struct process *kt_process(const char *name, uint32_t off, uint32_t min_ram);

/* Asserts a syscall_ret: variant and error or values. */
#define kt_assert_ret(ret, var, e0, v0)                                                      \
    do {                                                                                     \
        struct syscall_ret kt_r_ = (ret);                                                    \
        ck_assert_uint_eq(kt_r_.variant, (var));                                             \
        if (kt_r_.variant < RET_SUCCESS)                                                     \
            ck_assert_uint_eq(kt_r_.err, (e0));                                              \
        ck_assert_uint_eq(kt_r_.v[0], (v0));                                                 \
    } while (0)
#define kt_assert_success_u32(ret, value) kt_assert_ret(ret, RET_SUCCESS_U32, 0, value)
#define kt_assert_failure(ret, e)         kt_assert_ret(ret, RET_FAILURE, e, 0)

/* Asserts four register values (r[0..3]). */
#define kt_assert_regs(r, r0, r1, r2, r3)                                                    \
    do {                                                                                     \
        const uint32_t *kt_g_ = (r);                                                         \
        ck_assert_uint_eq(kt_g_[0], (r0));                                                   \
        ck_assert_uint_eq(kt_g_[1], (r1));                                                   \
        ck_assert_uint_eq(kt_g_[2], (r2));                                                   \
        ck_assert_uint_eq(kt_g_[3], (r3));                                                   \
    } while (0)

#endif
