/* libtock: the raw Tock 2.x system calls (TRD104) and their return values. */
#ifndef LIBTOCK_TOCK_H
#define LIBTOCK_TOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Cortex-M: `svc #class`, arguments in r0-r3, results in r0-r3 (r0 = return variant).
 * Classes: yield 0, subscribe 1, command 2, read-write allow 3, read-only allow 4, memop 5,
 * exit 6, userspace-readable allow 7. Upcalls run only inside yield (wait or no-wait).
 */

/* Return variants (TRD104 §3.2). */
enum {
    TOCK_FAILURE = 0,
    TOCK_FAILURE_U32 = 1,
    TOCK_FAILURE_2U32 = 2,
    TOCK_FAILURE_U64 = 3,
    TOCK_SUCCESS = 128,
    TOCK_SUCCESS_U32 = 129,
    TOCK_SUCCESS_2U32 = 130,
    TOCK_SUCCESS_U64 = 131,
    TOCK_SUCCESS_3U32 = 132,
    TOCK_SUCCESS_U32_U64 = 133,
};

/* Kernel ErrorCode values (TRD104 §3.3). Library calls return 0 or the negated value. */
enum {
    TOCK_EFAIL = 1,
    TOCK_EBUSY = 2,
    TOCK_EALREADY = 3,
    TOCK_EOFF = 4,
    TOCK_ERESERVE = 5,
    TOCK_EINVAL = 6,
    TOCK_ESIZE = 7,
    TOCK_ECANCEL = 8,
    TOCK_ENOMEM = 9,
    TOCK_ENOSUPPORT = 10,
    TOCK_ENODEVICE = 11,
    TOCK_EUNINSTALLED = 12,
    TOCK_ENOACK = 13,
    TOCK_EBADRVAL = 1024,       /* library only: the kernel answered with an unexpected variant */
};

/* Driver numbers of Tock's capsules. */
#define DRIVER_ALARM    0x0
#define DRIVER_CONSOLE  0x1
#define DRIVER_LED      0x2
#define DRIVER_BUTTON   0x3
#define DRIVER_GPIO     0x4
#define DRIVER_RNG      0x40001
#define DRIVER_IEEE802154 0x30001

/* memop operations (Tock doc/syscalls/memop.md). */
enum {
    MEMOP_BRK = 0,
    MEMOP_SBRK = 1,
    MEMOP_MEM_START = 2,
    MEMOP_MEM_END = 3,
    MEMOP_FLASH_START = 4,
    MEMOP_FLASH_END = 5,
    MEMOP_GRANT_START = 6,
    MEMOP_FLASH_REGIONS = 7,
    MEMOP_FLASH_REGION_START = 8,
    MEMOP_FLASH_REGION_END = 9,
    MEMOP_STACK_TOP = 10,
    MEMOP_HEAP_START = 11,
};

/* What every non-yield system call returns: the variant and up to three words. */
typedef struct {
    uint32_t variant;
    uint32_t data[3];
} syscall_return_t;

/* What yield-wait-for returns: the three arguments the upcall would have received. */
typedef struct {
    uint32_t data0, data1, data2;
} yield_waitfor_return_t;

/* An upcall: three driver-defined arguments and the userdata given to subscribe. */
typedef void upcall_fn(int arg0, int arg1, int arg2, void *userdata);

/* yield-wait: sleeps until one upcall has run. */
void yield(void);
/* yield-no-wait: runs one pending upcall if any; returns 1 if one ran, else 0. */
int yield_no_wait(void);
/* yield-wait-for: sleeps until the driver schedules upcall `subscribe_num`; that upcall is
 * not invoked, its arguments are returned instead. */
yield_waitfor_return_t yield_wait_for(uint32_t driver, uint32_t subscribe_num);
/* Runs upcalls (yield-wait) until *cond becomes true. */
void yield_for(volatile bool *cond);
/* A yield with any identifier and first argument, for tests of the kernel's boundary: the
 * kernel must survive unknown identifiers and foreign flag addresses. May run upcalls. */
void yield_raw(uint32_t identifier, uint32_t arg0);

syscall_return_t subscribe(uint32_t driver, uint32_t subscribe_num, upcall_fn *fn, void *ud);
syscall_return_t command(uint32_t driver, uint32_t command_num, uint32_t arg0, uint32_t arg1);
syscall_return_t allow_readwrite(uint32_t driver, uint32_t allow_num, void *ptr, size_t len);
syscall_return_t allow_readonly(uint32_t driver, uint32_t allow_num, const void *ptr,
                                size_t len);
syscall_return_t allow_userspace_readable(uint32_t driver, uint32_t allow_num, void *ptr,
                                          size_t len);
syscall_return_t memop(uint32_t op, uint32_t arg);
/* exit-terminate / exit-restart with a completion code; they do not return. */
__attribute__((noreturn)) void tock_exit(uint32_t completion_code);
__attribute__((noreturn)) void tock_restart(uint32_t completion_code);

/* 0 if r is any success variant, else -ErrorCode (-TOCK_EBADRVAL if not a known variant). */
int tock_status(syscall_return_t r);
/* Like tock_status, and stores data[0] of a Success-with-u32 in *value. */
int tock_status_u32(syscall_return_t r, uint32_t *value);
/* True if `driver` is present (its command 0 succeeds). */
bool driver_exists(uint32_t driver);
/* A short name for a library return code (0 or -ErrorCode), e.g. "INVAL". */
const char *tock_strerror(int rc);

/* The program break, moved with memop: return the previous break or NULL; 0 / -ENOMEM. */
void *tock_sbrk(int32_t increment);
int tock_brk(void *new_break);

#endif
