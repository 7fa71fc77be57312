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
static uint32_t slice_us;                              /* what the slice was armed with */
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

/* What arch_timeslice_stop returns for a slice that goes on (arch.h): a slice is milliseconds,
 * so a real remainder never has bit 31 set. */
#define SLICE_GOES_ON 0x80000000u

void arch_timeslice_start(uint32_t us)
{
    slice_us = us;
    if (!mtime_reg)
        return;
    if (us & SLICE_GOES_ON)
        slice_deadline = paused_deadline;   /* usually still in mtimecmp (unless an alarm moved) */
    else
        slice_deadline = rv32_mtimer_now() + (uint64_t)us * ticks_per_us;
    program();
}

/* Without MTIP, mtime < mtimecmp <= the slice's deadline: the slice goes on, and the kernel's
 * time until the next arch_timeslice_start counts towards it, as it does in Tock (its scheduler
 * timer runs while the kernel handles the call). A system call then reads no mtime and writes
 * no mtimecmp (it read mtime six times and wrote mtimecmp once). */
uint32_t arch_timeslice_stop(void)
{
    if (!mtime_reg)
        return slice_us;            /* no timer: slices never end */
    uint64_t end = slice_deadline;
    slice_deadline = NEVER;             /* mtimecmp keeps it until rv32_mtimer_settle */
    if (!(csr_read(mip) & MIP_MTIP)) {
        paused_deadline = end;
        return SLICE_GOES_ON;
    }
    uint64_t now = rv32_mtimer_now();
    if (now >= end)
        return 0;
    uint64_t left = end - now;          /* a slice is milliseconds: 32-bit division (no libcall) */
    return left <= UINT32_MAX ? (uint32_t)left / ticks_per_us : (uint32_t)(left / ticks_per_us);
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
