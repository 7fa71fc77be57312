/* Guest: the ePMP sequences of Tock's RISC-V kernel protection with machine-mode lockdown, as
 * Tock's qemu_rv32_virt runs them (facts from Tock's arch/rv32i/src/pmp.rs, module
 * kernel_protection_mml_epmp: KernelProtectionMMLEPMP::new, configure_pmp, enable_user_pmp,
 * disable_user_pmp), on 16 entries:
 *  1. every entry: not locked, its R/W/X bits flip (the entry is implemented), then A = OFF;
 *  2. pmpaddr before pmpcfg (a lock locks both), each entry's octet read-modify-written:
 *     0 OFF|L and 1 TOR|R|X|L (kernel .text), 15 NAPOT|R|W|L (MMIO), 14 NAPOT|R|W|L (RAM),
 *     13 NAPOT|R|L (flash);
 *  3. mseccfg = MML|MMWP, read back;
 *  4. a process: user TOR regions at entries 2-3 (code, R|X) and 4-5 (RAM, R|W), their octets
 *     written as Tock pairs them (pmpcfg0's upper half, pmpcfg1's lower half); mret to U;
 *  5. at each trap from U the user octets go OFF (so machine mode may touch the process's RAM
 *     through the locked RAM rule), and on again before the return.
 * The process writes its RAM and makes an ecall (the kernel reads the value back), loads from
 * kernel RAM (a load access fault, mtval = the address) and makes a last ecall. The guest
 * checks each step itself and exits 0 (1 on the first difference): tests/fw_epmp_rv32.sh runs it
 * on QEMU with Smepmp (-cpu rv32,x-epmp=true) and on tocksim. */
#include "rv32_common.inc"
    .equ URAM, 0x80214000       /* the process's RAM */
    .equ URAM_END, 0x80215000
    .equ KDATA, 0x80200100      /* kernel RAM the process must not read */
    .equ MAGIC, 0x1234

/* Step 1 for the four octets of one pmpcfg CSR. */
    .macro probe_cfg csr
    li s1, 0                    /* the octet's shift */
1:  csrr t0, \csr
    srl t1, t0, s1
    andi t1, t1, 0x80
    bnez t1, fail               /* locked: Tock refuses to go on */
    li t2, 7
    sll t2, t2, s1
    xor t3, t0, t2
    csrw \csr, t3
    csrr t4, \csr
    beq t4, t0, fail            /* unchanged: the entry is not implemented */
    li t2, 0x18
    sll t2, t2, s1
    not t2, t2
    and t3, t0, t2
    csrw \csr, t3               /* A = OFF */
    addi s1, s1, 8
    li t2, 32
    bne s1, t2, 1b
    .endm

/* Step 2: one entry, address first, then its octet (shift) of pmpcfg. */
    .macro set_entry addr_csr, cfg_csr, shift, cfg
    csrw \addr_csr, t5
    csrr t0, \cfg_csr
    li t1, 0xff << \shift
    not t1, t1
    and t0, t0, t1
    li t1, \cfg << \shift
    or t0, t0, t1
    csrw \cfg_csr, t0
    .endm

/* Two octets of pmpcfg at shift (0 or 16) become OFF then cfg (a user TOR region). */
    .macro set_pair cfg_csr, shift, cfg
    csrr t0, \cfg_csr
    li t1, 0xffff << \shift
    not t1, t1
    and t0, t0, t1
    li t1, (\cfg << 8) << \shift
    or t0, t0, t1
    csrw \cfg_csr, t0
    .endm

    .section .text.start
    .globl _start
_start:
    la t0, handler
    csrw mtvec, t0
    probe_cfg pmpcfg0
    probe_cfg pmpcfg1
    probe_cfg pmpcfg2
    probe_cfg pmpcfg3
    la t5, _start
    srli t5, t5, 2
    set_entry pmpaddr0, pmpcfg0, 0, 0x80            /* OFF|L: the .text TOR's base */
    la t5, ucode
    srli t5, t5, 2
    set_entry pmpaddr1, pmpcfg0, 8, 0x8d            /* TOR|R|X|L: kernel .text */
    li t5, 0x03ffffff
    set_entry pmpaddr15, pmpcfg3, 24, 0x9b          /* NAPOT|R|W|L: MMIO, [0, 512 MiB) */
    li t5, 0x200bffff
    set_entry pmpaddr14, pmpcfg3, 16, 0x9b          /* NAPOT|R|W|L: RAM, 0x80200000 2 MiB */
    li t5, 0x2003ffff
    set_entry pmpaddr13, pmpcfg3, 8, 0x99           /* NAPOT|R|L: flash, 0x80000000 2 MiB */
    li t0, 3
    csrw 0x747, t0                                  /* mseccfg = MML|MMWP, RLB clear */
    csrr t1, 0x747
    bne t0, t1, fail
    la t0, ucode                                    /* configure_pmp: addresses ... */
    srli t0, t0, 2
    csrw pmpaddr2, t0
    la t0, ucode_end
    srli t0, t0, 2
    csrw pmpaddr3, t0
    li t0, URAM >> 2
    csrw pmpaddr4, t0
    li t0, URAM_END >> 2
    csrw pmpaddr5, t0
    call enable_user_pmp                            /* ... then the octets */
    la t0, ucode
    csrw mepc, t0
    li t0, 0x1800
    csrc mstatus, t0                                /* MPP = U */
    mret

enable_user_pmp:
    set_pair pmpcfg0, 16, 0x0d                      /* entries 2 OFF, 3 TOR|R|X */
    set_pair pmpcfg1, 0, 0x0b                       /* entries 4 OFF, 5 TOR|R|W */
    ret

disable_user_pmp:
    set_pair pmpcfg0, 16, 0
    set_pair pmpcfg1, 0, 0
    ret

    .align 2
handler:
    log_trap
    call disable_user_pmp       /* a PMP CSR write right after a trap from U */
    csrr t0, mcause
    li t1, 8
    beq t0, t1, on_ecall
    li t1, 5                    /* else only the load from kernel RAM may trap */
    bne t0, t1, fail
    csrr t0, mtval
    li t1, KDATA
    bne t0, t1, fail
    j back                      /* (the load is 4 bytes: not a compressible register) */

on_ecall:
    li t0, URAM
    lw t1, 0(t0)                /* machine mode reads the process's RAM */
    li t2, MAGIC
    bne t1, t2, fail
    li t6, LOG
    lw t5, 0(t6)
    li t4, 3
    beq t5, t4, done
back:
    call enable_user_pmp
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret

done:                           /* three traps: ecall, load access fault, ecall */
    li t6, LOG
    lw t5, 4(t6)
    li t4, 8
    bne t5, t4, fail
    lw t5, 20(t6)
    li t4, 5
    bne t5, t4, fail
    lw t5, 36(t6)
    li t4, 8
    bne t5, t4, fail
    pass
fail:
    fail_exit

    .balign 4
ucode:                          /* the process: only its own code and RAM */
    li t0, URAM
    li t1, MAGIC
    sw t1, 0(t0)
    ecall
    li t0, KDATA
    lw t1, 0(t0)
    ecall
1:  j 1b
    .balign 4
ucode_end:
