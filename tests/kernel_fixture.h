/* The host fixture every tests/check_kernel_*.c shares: a fake board for the portable kernel.
 *
 * Flash and RAM are host memory below 4 GiB, so the 32-bit addresses processes pass in system
 * call registers reach it. Each test starts (checked fixture: kt_add_fixture) with both zeroed,
 * an empty process table and a kernel configuration holding two fake drivers; a test file may
 * install other drivers (the real capsules) with kt_set_drivers from its own setup.
 *
 * Processes are real as far as the kernel can tell: the Cortex-M port's process-state code
 * (kernel/arch/cortex-m/context.c) runs on the host, so a process's trap frame lies in its RAM
 * and a system call is an `svc` instruction in its flash with arguments in the frame
 * (kt_syscall). The rest of the arch contract (switching, timeslices, interrupts, faults) is
 * a fake the tests drive: kt_run plays the process while "it runs".
 *
 * Assertion helpers are macros, so a failure names the line of the test that used them. */
#ifndef TESTS_KERNEL_FIXTURE_H
#define TESTS_KERNEL_FIXTURE_H

#include <check.h>
#include <setjmp.h>
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/core/driver.h"
#include "kernel/core/kernel.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"

#define KT_FLASH_SIZE 0x40000u
#define KT_RAM_SIZE   0x10000u

extern uint8_t *kt_flash, *kt_ram;          /* 64 KiB aligned */
extern struct kernel_config kt_config;      /* what kernel points to during a test */

/* Driver A (0x1): 2 upcalls, 2 RO, 1 RW, 1 UR buffers, 16 bytes of grant data. Driver B
 * (0x40001): 1 upcall, 4 bytes. Their command n returns Success u32 (n + 1000), except
 * commands KT_CMD_VARIANT + i on driver A, which return kt_variants[i]. */
extern const struct driver kt_drv_a, kt_drv_b;
#define KT_CMD_VARIANT 100u
#define KT_NUM_VARIANTS 10
extern const struct syscall_ret kt_variants[KT_NUM_VARIANTS];

/* Registers kt_setup / kt_teardown as tc's checked fixture (run around every test, inside the
 * test's process when CK_FORK=yes). */
void kt_add_fixture(TCase *tc);
void kt_setup(void);
void kt_teardown(void);
/* Replaces the kernel's driver table for this test. */
void kt_set_drivers(const struct driver *const *drivers, unsigned n);

/* Writes a TBF image at img: base header, Main (or Program) TLV, package name, extra TLV
 * bytes; total bytes long; correct checksum; init function at offset 0x20 of the binary.
 * Returns the header size. */
uint16_t kt_tbf(uint8_t *img, uint32_t total, const char *name, uint32_t min_ram, int program,
                const uint8_t *extra, uint16_t extra_len);
/* A started process for a 4 KiB image named name at flash offset off. */
struct process *kt_process(const char *name, uint32_t off, uint32_t min_ram);

/* ---- a process's registers and system calls ----------------------------------------------- */

/* Words of the Cortex-M exception frame (ARMv7-M B1.5.6) at the process's stack pointer. */
enum { KT_R0, KT_R1, KT_R2, KT_R3, KT_R12, KT_LR, KT_PC, KT_XPSR };
uint32_t *kt_frame(const struct process *p);

/* Where a process's `svc` is (offset in its image), and the PC a system call resumes at. */
#define KT_SVC_OFF 0x800u
uint32_t kt_svc_return(const struct process *p);
/* A function pointer into p's code, as an app passes it (Thumb bit set). */
uint32_t kt_fn(const struct process *p, uint32_t off);

/* Values the fixture leaves in r12 and lr of a process making a system call: a system call
 * must not change them. */
#define KT_R12_MARK 0x12121212u
#define KT_LR_MARK  0x1e1e1e1fu

/* Puts p where its code would be after executing `svc cls` with r0-r3 = a0-a3: the svc in
 * its flash, the frame holding the arguments. */
void kt_trap(struct process *p, uint32_t cls, uint32_t a0, uint32_t a1, uint32_t a2,
             uint32_t a3);
/* kt_trap, then the kernel's system call path (syscall_handle). Returns whether p still runs;
 * the result is in kt_frame(p). */
int kt_syscall(struct process *p, uint32_t cls, uint32_t a0, uint32_t a1, uint32_t a2,
               uint32_t a3);

/* Asserts four register values r[0..3]. */
#define kt_assert_regs(r, r0, r1, r2, r3)                                                    \
    do {                                                                                     \
        const uint32_t *kt_g_ = (r);                                                         \
        ck_assert_uint_eq(kt_g_[0], (r0));                                                   \
        ck_assert_uint_eq(kt_g_[1], (r1));                                                   \
        ck_assert_uint_eq(kt_g_[2], (r2));                                                   \
        ck_assert_uint_eq(kt_g_[3], (r3));                                                   \
    } while (0)
/* Asserts p's r0-r3. */
#define kt_assert_frame(p, r0, r1, r2, r3) kt_assert_regs(kt_frame(p), r0, r1, r2, r3)

/* Asserts that p runs the upcall fn(a0, a1, a2, userdata) when resumed, returning to where
 * its system call would have (the svc's next instruction). */
#define kt_assert_upcall(p, fn, a0, a1, a2, userdata)                                        \
    do {                                                                                     \
        const uint32_t *kt_f_ = kt_frame(p);                                                 \
        ck_assert_uint_eq(kt_f_[KT_PC], (fn) & ~1u);                                         \
        ck_assert_uint_eq(kt_f_[KT_LR], kt_svc_return(p) | 1u);                              \
        kt_assert_regs(kt_f_, a0, a1, a2, userdata);                                         \
    } while (0)

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

/* ---- the fake rest of the CPU ------------------------------------------------------------- */

/* arch_switch_to_process calls kt_run(p): the test's stand-in for p running until it traps
 * (e.g. kt_trap, then return ARCH_RETURN_SYSCALL). NULL fails the test. */
extern enum arch_return (*kt_run)(struct process *p);
/* arch_timeslice_start(us) sets kt_slice_left = us and counts kt_slices; arch_timeslice_stop
 * returns kt_slice_left (kt_run sets it to 0 for an expired slice); arch_timeslice_end counts
 * kt_slice_ends. */
extern uint32_t kt_slice_left, kt_slice_us;
extern unsigned kt_slices, kt_slice_ends;
/* Set: the next arch_timeslice_start returns 0 (the slice ran out in the kernel), once. */
extern int kt_slice_used_up;
/* An interrupt line: while kt_irq_pending, arch_interrupts_pending says so; servicing clears
 * it and calls kt_irq_handler (if any). */
extern int kt_irq_pending;
extern void (*kt_irq_handler)(void);
extern unsigned kt_wfi_count;               /* arch_wait_for_interrupt calls */
extern const struct arch_mpu_config *kt_mpu_applied;
extern struct arch_fault kt_fault;          /* what arch_fault_read reports */

/* Everything kprintf printed since the last kt_output_take; takes it (and empties it). */
const char *kt_output_take(void);

/* panic() in a test: records the message and jumps back to kt_assert_panics. */
extern jmp_buf *kt_panic_jmp;
extern char kt_panic_msg[256];
#define kt_assert_panics(stmt)                                                               \
    do {                                                                                     \
        jmp_buf kt_j_;                                                                       \
        kt_panic_jmp = &kt_j_;                                                               \
        if (!setjmp(kt_j_)) {                                                                \
            stmt;                                                                            \
            kt_panic_jmp = NULL;                                                             \
            ck_abort_msg("no panic from " #stmt);                                            \
        }                                                                                    \
        kt_panic_jmp = NULL;                                                                 \
    } while (0)

#endif
