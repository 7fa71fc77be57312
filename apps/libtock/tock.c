/* libtock: decoding system call results, the program break, error names. */
#include "tock.h"

int tock_status(syscall_return_t r)
{
    if (r.variant >= TOCK_SUCCESS && r.variant <= TOCK_SUCCESS_U32_U64)
        return 0;
    if (r.variant <= TOCK_FAILURE_U64)
        return r.data[0] ? -(int)r.data[0] : -TOCK_EFAIL;
    return -TOCK_EBADRVAL;
}

int tock_status_u32(syscall_return_t r, uint32_t *value)
{
    if (r.variant == TOCK_SUCCESS_U32) {
        *value = r.data[0];
        return 0;
    }
    int rc = tock_status(r);
    return rc ? rc : -TOCK_EBADRVAL;
}

bool driver_exists(uint32_t driver)
{
    return tock_status(command(driver, 0, 0, 0)) == 0;
}

void *tock_sbrk(int32_t increment)
{
    uint32_t old;
    if (tock_status_u32(memop(MEMOP_SBRK, (uint32_t)increment), &old))
        return NULL;
    return (void *)old;
}

int tock_brk(void *new_break)
{
    return tock_status(memop(MEMOP_BRK, (uint32_t)new_break));
}

const char *tock_strerror(int rc)
{
    static const char names[][12] = {      /* no pointers: no relocations */
        "SUCCESS", "FAIL", "BUSY", "ALREADY", "OFF", "RESERVE", "INVAL", "SIZE",
        "CANCEL", "NOMEM", "NOSUPPORT", "NODEVICE", "UNINSTALLED", "NOACK",
    };
    int e = rc < 0 ? -rc : rc;
    if (e < (int)(sizeof(names) / sizeof(names[0])))
        return names[e];
    return e == TOCK_EBADRVAL ? "BADRVAL" : "?";
}
