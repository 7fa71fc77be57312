/* fuzz-driver: executes system call programs the host fuzzer writes into its RAM (sim/fuzz/,
 * doc/fuzzing.md). It fills in its layout, waits for `go`, runs records [start, count), one
 * raw system call (or sleep, or busy loop) each, writes back the registers each returned,
 * then says `done` and waits for ever. Nothing here checks anything: the host's oracles do. */
#include <stdbool.h>
#include <stdint.h>

#include "abi.h"
#include "tock.h"

#define DRIVER_ALARM_NUM 0u
#define NO_DRIVER 0xffffffffu       /* yield-wait-for on it never returns */

/* One block, found by the host through its magic. volatile: the host writes it while the
 * driver spins. */
static volatile struct fz_driver_block blk;
static uint8_t own_buf[FZ_OWN_BUF] __attribute__((aligned(8)));

/* Upcalls from anything the program subscribed it to: counted for the host. */
static void handler(int a0, int a1, int a2, void *ud)
{
    blk.upcalls++;
    blk.upcall_args[0] = (uint32_t)a0;
    blk.upcall_args[1] = (uint32_t)a1;
    blk.upcall_args[2] = (uint32_t)a2;
    blk.upcall_args[3] = (uint32_t)(uintptr_t)ud;
}

/* A raw system call of class cls: r[] in, r[] out (all four registers, whatever the variant).
 * Any class may run upcalls (yield does), so every caller-saved register is clobbered. */
#if defined(__riscv)
static void raw_syscall(uint32_t cls, uint32_t r[4])
{
    register uint32_t a0 __asm__("a0") = r[0], a1 __asm__("a1") = r[1];
    register uint32_t a2 __asm__("a2") = r[2], a3 __asm__("a3") = r[3];
    register uint32_t a4 __asm__("a4") = cls;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4)
                     : : "memory", "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a5", "a6",
                       "a7");
    r[0] = a0, r[1] = a1, r[2] = a2, r[3] = a3;
}
#else
/* The class is the svc immediate: one instruction per class (8 and 255 stand for every
 * unknown one). */
#define SVC_CASE(n)                                                                          \
    case n:                                                                                  \
        __asm__ volatile("svc " #n : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)                  \
                         : : "memory", "r12", "lr");                                         \
        break
static void raw_syscall(uint32_t cls, uint32_t r[4])
{
    register uint32_t r0 __asm__("r0") = r[0], r1 __asm__("r1") = r[1];
    register uint32_t r2 __asm__("r2") = r[2], r3 __asm__("r3") = r[3];
    switch (cls) {
    SVC_CASE(0); SVC_CASE(1); SVC_CASE(2); SVC_CASE(3); SVC_CASE(4); SVC_CASE(5);
    SVC_CASE(6); SVC_CASE(7); SVC_CASE(8);
    default:
        __asm__ volatile("svc 255" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
                         : : "memory", "r12", "lr");
        break;
    }
    r[0] = r0, r[1] = r1, r[2] = r2, r[3] = r3;
}
#endif

/* Keeps the break the kernel has, so that pointers relative to it straddle the real end. */
static void track_break(uint32_t cls, const uint32_t in[4], const uint32_t out[4])
{
    if (cls != 5 || out[0] < TOCK_SUCCESS)
        return;
    if (in[0] == MEMOP_BRK)
        blk.base[FZ_B_BREAK] = in[1];
    else if (in[0] == MEMOP_SBRK)
        blk.base[FZ_B_BREAK] = out[1] + in[1];
}

static void run_syscall(volatile struct fz_record *rec)
{
    uint32_t r[4];
    for (int i = 0; i < 4; i++)
        r[i] = rec->a[i];
    if (rec->ptr_arg < 4)
        r[rec->ptr_arg] += blk.base[rec->ptr_base % FZ_NUM_BASES];
    uint32_t in[4] = { r[0], r[1], r[2], r[3] };
    rec->brk = blk.base[FZ_B_BREAK];
    raw_syscall(rec->cls, r);
    for (int i = 0; i < 4; i++)
        rec->r[i] = r[i];
    track_break(rec->cls, in, r);
}

/* Time passes asleep: the alarm in `ticks`, then wait for exactly its upcall. */
static void sleep_ticks(volatile struct fz_record *rec)
{
    uint32_t r[4] = { DRIVER_ALARM_NUM, 5, rec->a[0], 0 };
    raw_syscall(2, r);
    rec->r[0] = r[0];
    uint32_t w[4] = { 2, DRIVER_ALARM_NUM, 0, 0 };
    raw_syscall(0, w);
}

static void spin(uint32_t n)
{
    for (volatile uint32_t i = 0; i < n; i++)
        ;
}

/* The address a touch goes to, told to the host just before the access: a program can write
 * the driver's own memory (its stack, through a yield-no-wait flag; its records, through a
 * buffer it allowed), and then the driver may not run the record the host wrote. */
static void witness(volatile struct fz_record *rec, uintptr_t at)
{
    rec->r[2] = (uint32_t)at;
    rec->r[3] = ~(uint32_t)at;
}

/* One access where the record points: the fuzzer's test of memory protection (the host
 * knows which addresses must fault). Stores write the byte/word the pointer's low bits give,
 * so a store that should have faulted leaves a trace. */
static void touch(volatile struct fz_record *rec)
{
    uintptr_t at = rec->a[1];
    if (rec->ptr_arg < 4)
        at += blk.base[rec->ptr_base % FZ_NUM_BASES];
    bool word = rec->a[0] % 4 >= FZ_TOUCH_LOAD32, unaligned = rec->a[2] && word;
    witness(rec, word && !unaligned ? at & ~(uintptr_t)3 : at);
    if (unaligned) {
        /* one lw/sw or ldr/str at any address: unaligned word accesses are legal on both
         * CPUs, and one that straddles the end of the process's memory must fault */
        if (rec->a[0] % 4 == FZ_TOUCH_LOAD32)
            rec->r[0] = *(volatile uint32_t *)at;
        else
            *(volatile uint32_t *)at = (uint32_t)at;
        return;
    }
    switch (rec->a[0] % 4) {
    case FZ_TOUCH_LOAD8: rec->r[0] = *(volatile uint8_t *)at; break;
    case FZ_TOUCH_STORE8: *(volatile uint8_t *)at = (uint8_t)at; break;
    case FZ_TOUCH_LOAD32: rec->r[0] = *(volatile uint32_t *)(at & ~(uintptr_t)3); break;
    default: *(volatile uint32_t *)(at & ~(uintptr_t)3) = (uint32_t)at; break;
    }
}

static void run_record(volatile struct fz_record *rec)
{
    switch (rec->op) {
    case FZ_OP_SYSCALL:
        run_syscall(rec);
        break;
    case FZ_OP_SLEEP:
        sleep_ticks(rec);
        break;
    case FZ_OP_SPIN:
        spin(rec->a[0]);
        break;
    case FZ_OP_TOUCH:
        touch(rec);
        break;
    default:
        break;
    }
}

/* The layout the host's pointer bases and oracles need. */
static void fill_layout(void)
{
    blk.base[FZ_B_OWN_BUF] = (uint32_t)(uintptr_t)own_buf;
    blk.base[FZ_B_BREAK] = (uint32_t)(uintptr_t)tock_sbrk(0);
    blk.base[FZ_B_RAM_START] = memop(MEMOP_MEM_START, 0).data[0];
    blk.base[FZ_B_RAM_END] = memop(MEMOP_MEM_END, 0).data[0];
    blk.base[FZ_B_GRANT] = memop(MEMOP_GRANT_START, 0).data[0];
    blk.base[FZ_B_FLASH_START] = memop(MEMOP_FLASH_START, 0).data[0];
    blk.base[FZ_B_FLASH_END] = memop(MEMOP_FLASH_END, 0).data[0];
    blk.base[FZ_B_HANDLER] = (uint32_t)(uintptr_t)handler;
    blk.version = FZ_VERSION;
    for (int i = 0; i < FZ_MAGIC_LEN; i++)
        blk.magic[i] = FZ_DRIVER_MAGIC[i];
}

int main(void)
{
    fill_layout();
    blk.ready = 1;
    while (!blk.go)
        ;
    uint32_t count = blk.count < FZ_MAX_RECORDS ? blk.count : FZ_MAX_RECORDS;
    for (uint32_t i = blk.start; i < count; i++) {
        blk.pos = i;
        run_record(&blk.rec[i]);
    }
    blk.pos = count;
    blk.done = 1;
    for (;;)
        yield_wait_for(NO_DRIVER, 0);
}
