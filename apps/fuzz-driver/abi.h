/* The syscall fuzzer's contract between the host (sim/fuzz/) and its two guest apps
 * (apps/fuzz-driver, apps/fuzz-victim). Plain C with fixed-width types only: compiled by the
 * host and by both cross compilers, like the boards' memmap.h.
 *
 * The host finds each app's block by its magic in guest RAM (once, after boot), so no
 * address is agreed in advance and the same contract holds for cm4's position-independent
 * apps and rv32's fixed-address ones. doc/fuzzing.md tells the whole protocol.
 */
#ifndef APPS_FUZZ_DRIVER_ABI_H
#define APPS_FUZZ_DRIVER_ABI_H

#include <stdint.h>

#define FZ_DRIVER_MAGIC "tocksim-fuzz-drv"      /* 16 bytes, no NUL */
#define FZ_VICTIM_MAGIC "tocksim-fuzz-vic"
#define FZ_MAGIC_LEN 16
#define FZ_VERSION 2
#define FZ_MAX_RECORDS 64
#define FZ_OWN_BUF 256                          /* bytes of the driver's own buffer */
#define FZ_VICTIM_GUARD 64                      /* words of the victim's guard pattern */

/* What a record does in the driver. */
enum fz_op {
    FZ_OP_SYSCALL,      /* system call class `cls` with a[0..3] (one of them maybe a pointer) */
    FZ_OP_SLEEP,        /* alarm in a[0] ticks, then yield-wait-for it: time passes, and the
                         * host applies the record's host event when the driver yields */
    FZ_OP_SPIN,         /* busy loop of a[0] iterations: time passes while the driver runs */
    FZ_OP_TOUCH,        /* a[0]: FZ_TOUCH_*; the pointer argument is a[1]: one load or store
                         * there, which memory protection must stop if it is not the driver's;
                         * a[2] nonzero: a 32-bit access at the pointer as it is (unaligned,
                         * it may straddle a protection boundary), else aligned down */
    FZ_NUM_OPS
};

/* Pointer bases: a record's pointer argument is base[ptr_base] + a[ptr_arg] (mod 2^32). The
 * driver fills its own (its layout, tracked break, handler); the host the others. */
enum fz_base {
    FZ_B_ZERO,          /* 0: the argument as given */
    FZ_B_OWN_BUF,       /* driver: its buffer of FZ_OWN_BUF bytes (offsets make it unaligned) */
    FZ_B_BREAK,         /* driver: its break, tracked across brk/sbrk (straddles the end) */
    FZ_B_RAM_START,     /* driver: memop 2 */
    FZ_B_RAM_END,       /* driver: memop 3 (below it: the kernel's grant region) */
    FZ_B_GRANT,         /* driver: memop 6 at start-up */
    FZ_B_FLASH_START,   /* driver: memop 4 (the TBF header: not executable) */
    FZ_B_FLASH_END,     /* driver: memop 5 */
    FZ_B_HANDLER,       /* driver: its upcall handler */
    FZ_B_VICTIM,        /* host: the victim's block */
    FZ_B_KERNEL_RAM,    /* host: the kernel's RAM (start of the board's RAM) */
    FZ_B_KERNEL_FLASH,  /* host: the kernel's flash */
    FZ_B_MMIO,          /* host: the console UART */
    FZ_B_TOP,           /* host: 0xffffff00, so lengths wrap past 2^32 */
    FZ_NUM_BASES
};

#define FZ_NO_PTR 0xffu

enum fz_touch { FZ_TOUCH_LOAD8, FZ_TOUCH_STORE8, FZ_TOUCH_LOAD32, FZ_TOUCH_STORE32 };

/* One step of the program. The host writes op..a; the driver writes r and brk. */
struct fz_record {
    uint8_t op;         /* enum fz_op */
    uint8_t cls;        /* FZ_OP_SYSCALL: the class (svc immediate / a4), any value */
    uint8_t ptr_arg;    /* 0..3, or FZ_NO_PTR */
    uint8_t ptr_base;   /* enum fz_base */
    uint32_t a[4];
    uint32_t r[4];      /* the four return registers after the call; a touch: r[0] what a
                           load read, r[2] and ~r[3] the address, written just before the
                           access (what it did, whatever the program did to the driver) */
    uint32_t brk;       /* the driver's break before the call */
};

/* The driver's block: the header then the program. */
struct fz_driver_block {
    char magic[FZ_MAGIC_LEN];
    uint32_t version;
    uint32_t ready;             /* driver: started, layout filled in, waiting for `go` */
    uint32_t go;                /* host: records [start, count) are there: run them */
    uint32_t start, count;
    uint32_t pos;               /* driver: the record it is executing */
    uint32_t done;              /* driver: every record executed (then it waits for ever) */
    uint32_t upcalls;           /* driver: upcalls its handler ran */
    uint32_t upcall_args[4];    /* driver: the last upcall's arguments */
    uint32_t base[FZ_NUM_BASES];
    struct fz_record rec[FZ_MAX_RECORDS];
};

/* The victim's block: it increments `counter` forever and never writes `guard`. */
struct fz_victim_block {
    char magic[FZ_MAGIC_LEN];
    uint32_t counter;
    uint32_t guard[FZ_VICTIM_GUARD];
};

/* The victim's guard pattern, word i. */
static inline uint32_t fz_guard_word(uint32_t i)
{
    return 0xa5a50000u ^ (i * 0x9e3779b9u);
}

#endif
