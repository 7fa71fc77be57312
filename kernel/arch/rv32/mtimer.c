/* RISC-V machine timer: timeslices and one alarm on the single mtimecmp.
 *
 * mtime counts up at a fixed rate; the timer interrupt (mip.MTIP) is pending while
 * mtime >= mtimecmp (privileged spec 3.2.1). The port keeps two deadlines, the running
 * process's timeslice and the chip's alarm (the alarm HIL, kernel/chips/rv32/clint.c), and
 * loads mtimecmp with the earlier one. A deadline is due when mtime >= it, the same test as
 * the hardware's, so MTIP always means some deadline is due. */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/arch/rv32/csr.h"
#include "kernel/arch/rv32/rv32.h"

#define NEVER UINT64_MAX

static volatile uint32_t *mtime_reg, *mtimecmp_reg;    /* [0] low word, [1] high word */
static uint32_t ticks_per_us;
static uint64_t slice_deadline = NEVER, alarm_deadline = NEVER;
static uint64_t loaded;                                /* what mtimecmp holds */
static uint64_t paused_deadline;                       /* a slice that goes on (stop, start) */
static void (*alarm_fn)(void *ctx);
static void *alarm_ctx;

uint64_t rv32_mtimer_now(void)
{
    uint32_t hi, lo;
    do {                            /* a carry between the two reads: read again */
        hi = mtime_reg[1];
        lo = mtime_reg[0];
    } while (mtime_reg[1] != hi);
    return (uint64_t)hi << 32 | lo;
}

/* mtimecmp := the earlier deadline, if it holds another value: the register is an MMIO write
 * (three of them) the simulator and real buses make dear, and a system call programs it
 * once. Within one high word a single write of the low word is atomic; otherwise the high
 * word goes to all ones first, so no value in between lies in the past (privileged spec
 * 3.2.1's sequence for RV32). */
static void program(void)
{
    uint64_t t = slice_deadline < alarm_deadline ? slice_deadline : alarm_deadline;
    if (t == loaded)
        return;
    if (t >> 32 == loaded >> 32) {
        mtimecmp_reg[0] = (uint32_t)t;
    } else {
        mtimecmp_reg[1] = 0xffffffffu;
        mtimecmp_reg[0] = (uint32_t)t;
        mtimecmp_reg[1] = (uint32_t)(t >> 32);
    }
    loaded = t;
}

/* A stopped slice leaves mtimecmp at its deadline (timeslice_stop does not write it: the kernel
 * runs with mstatus.MIE = 0, so an MTIP raised meanwhile interrupts nothing). Before anything
 * could take or wait for MTIP (a process, wfi) it is brought back to the earlier live deadline.
 * mtimecmp never exceeds the alarm's deadline (every alarm change programs it), so no MTIP
 * means no alarm due. */
void rv32_mtimer_settle(void)
{
    if (mtime_reg)
        program();
}

void rv32_mtimer_init(uintptr_t mtime, uintptr_t mtimecmp, uint32_t hz)
{
    mtime_reg = (volatile uint32_t *)mtime;
    mtimecmp_reg = (volatile uint32_t *)mtimecmp;
    ticks_per_us = hz / 1000000u ? hz / 1000000u : 1u;
    slice_deadline = alarm_deadline = NEVER;
    loaded = 0;                     /* mtimecmp resets to 0 on QEMU: MTIP would be pending */
    program();
    csr_set(mie, MIP_MTIP);
}

/* A slice that ran out in the kernel is not noticed here (that would read mtime): MTIP traps
 * the process at once, and arch_timeslice_stop sees the deadline passed. */
int arch_timeslice_start(uint32_t us)
{
    if (!mtime_reg)
        return 1;
    if (us & ARCH_SLICE_GOES_ON)
        slice_deadline = paused_deadline;   /* usually still in mtimecmp (unless an alarm moved) */
    else
        slice_deadline = rv32_mtimer_now() + (uint64_t)us * ticks_per_us;
    program();
    return 1;
}

/* Without MTIP, mtime < mtimecmp <= the slice's deadline: the slice goes on (arch.h). A system
 * call then reads no mtime and writes no mtimecmp (it read mtime six times and wrote mtimecmp
 * once). With MTIP, mtime says whether it was the slice's deadline. */
uint32_t arch_timeslice_stop(void)
{
    if (!mtime_reg)
        return ARCH_SLICE_GOES_ON;  /* no timer: slices never end */
    uint64_t end = slice_deadline;
    slice_deadline = NEVER;             /* mtimecmp keeps it until rv32_mtimer_settle */
    paused_deadline = end;
    if ((csr_read(mip) & MIP_MTIP) && rv32_mtimer_now() >= end)
        return 0;
    return ARCH_SLICE_GOES_ON;
}

/* Nothing to write: the deadline left in mtimecmp is withdrawn before the next process runs or
 * the hart waits (rv32_mtimer_settle). */
void arch_timeslice_end(void)
{
}

int rv32_mtimer_slice_over(void)
{
    return mtime_reg && rv32_mtimer_now() >= slice_deadline;
}

void rv32_mtimer_alarm(uint64_t deadline, void (*fn)(void *ctx), void *ctx)
{
    alarm_fn = fn;
    alarm_ctx = ctx;
    alarm_deadline = deadline;
    program();
}

void rv32_mtimer_alarm_off(void)
{
    alarm_deadline = NEVER;
    program();
}

/* Asked at every turn of the kernel's loop: mtime (three MMIO reads) only when MTIP says a
 * deadline may have passed. */
int rv32_mtimer_alarm_due(void)
{
    if (!mtime_reg || alarm_deadline == NEVER || !(csr_read(mip) & MIP_MTIP))
        return 0;
    return rv32_mtimer_now() >= alarm_deadline;
}

void rv32_mtimer_service(void)
{
    if (!rv32_mtimer_alarm_due()) {
        rv32_mtimer_settle();           /* an MTIP of a stopped slice's deadline: withdrawn */
        return;
    }
    alarm_deadline = NEVER;
    program();
    if (alarm_fn)
        alarm_fn(alarm_ctx);
}
