/* libtock: the console driver (0x1): write, read, a character at a time. */
#include "console.h"

#include "tock.h"

#define CONSOLE_ALLOW_WRITE     1
#define CONSOLE_ALLOW_READ      1
#define CONSOLE_CMD_WRITE       1
#define CONSOLE_CMD_READ        2
#define CONSOLE_UPCALL_WRITE    1
#define CONSOLE_UPCALL_READ     2

/* One write transaction: share, start, wait for the write-done upcall, unshare. */
static int write_once(const char *buf, size_t len)
{
    int rc = tock_status(allow_readonly(DRIVER_CONSOLE, CONSOLE_ALLOW_WRITE, buf, len));
    if (rc)
        return rc;
    rc = tock_status(command(DRIVER_CONSOLE, CONSOLE_CMD_WRITE, len, 0));
    if (rc == 0) {
        yield_waitfor_return_t r = yield_wait_for(DRIVER_CONSOLE, CONSOLE_UPCALL_WRITE);
        rc = (int)r.data0;
    }
    allow_readonly(DRIVER_CONSOLE, CONSOLE_ALLOW_WRITE, NULL, 0);
    return rc;
}

int console_write(const void *buf, size_t len)
{
    const char *p = buf;
    size_t done = 0;
    while (done < len) {
        int n = write_once(p + done, len - done);
        if (n < 0)
            return n;
        if (n == 0)
            return -TOCK_EFAIL;
        done += (size_t)n;
    }
    return (int)len;
}

int putnstr(const char *s, size_t len)
{
    return console_write(s, len);
}

int console_puts(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return console_write(s, n);
}

int console_read(void *buf, size_t len)
{
    int rc = tock_status(allow_readwrite(DRIVER_CONSOLE, CONSOLE_ALLOW_READ, buf, len));
    if (rc)
        return rc;
    rc = tock_status(command(DRIVER_CONSOLE, CONSOLE_CMD_READ, len, 0));
    if (rc == 0) {
        yield_waitfor_return_t r = yield_wait_for(DRIVER_CONSOLE, CONSOLE_UPCALL_READ);
        rc = r.data0 ? -(int)r.data0 : (int)r.data1;
    }
    allow_readwrite(DRIVER_CONSOLE, CONSOLE_ALLOW_READ, NULL, 0);
    return rc;
}

int getch(void)
{
    unsigned char c;
    int n = console_read(&c, 1);
    if (n < 0)
        return n;
    return n == 1 ? c : -TOCK_EFAIL;
}
