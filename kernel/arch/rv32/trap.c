/* RISC-V kernel traps: a fault in machine mode is a kernel bug: report it and panic. */
#include <stdint.h>

#include "kernel/arch/rv32/csr.h"
#include "kernel/arch/rv32/rv32.h"
#include "kernel/core/kprintf.h"
#include "kernel/core/panic.h"

void rv32_kernel_trap(const uint32_t regs[32])
{
    static int inside;
    uint32_t cause = csr_read(mcause), tval = csr_read(mtval), epc = csr_read(mepc);
    if (inside)                     /* faulted while reporting a fault: stop here */
        arch_halt();
    inside = 1;
    kprintf("\r\n\r\nKernel fault: %s (mcause 0x%08x), mtval 0x%08x, at pc 0x%08x\r\n",
            rv32_mcause_name(cause), cause, tval, epc);
    kprintf(" ra : 0x%08x  sp : 0x%08x  gp : 0x%08x  tp : 0x%08x\r\n", regs[1], regs[2],
            regs[3], regs[4]);
    kprintf(" a0 : 0x%08x  a1 : 0x%08x  a2 : 0x%08x  a3 : 0x%08x\r\n", regs[10], regs[11],
            regs[12], regs[13]);
    kprintf(" s0 : 0x%08x  s1 : 0x%08x  t0 : 0x%08x  t1 : 0x%08x\r\n", regs[8], regs[9],
            regs[5], regs[6]);
    panic("kernel: fault in the kernel at pc 0x%08x", epc);
}
