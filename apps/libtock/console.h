/* libtock: the console driver (0x1): write, read, a character at a time. */
#ifndef LIBTOCK_CONSOLE_H
#define LIBTOCK_CONSOLE_H

#include <stddef.h>

/*
 * Driver 0x1 (Tock doc/syscalls/00001_console.md): read-only allow 1 = bytes to write,
 * command 1 (len) = write, upcall 1 (bytes written); read-write allow 1 = receive buffer,
 * command 2 (len) = read, upcall 2 (statuscode, bytes read); command 3 = abort the read.
 * The calls below are synchronous: they wait with yield-wait-for, so no other upcall runs
 * while they wait and they need no subscribed upcall.
 */

/* Writes len bytes; returns len, or -ErrorCode. */
int console_write(const void *buf, size_t len);
/* Reads up to len bytes (at least 1); returns the count, or -ErrorCode. */
int console_read(void *buf, size_t len);
/* Writes a string without a newline; returns its length or -ErrorCode. */
int console_puts(const char *s);
/* Blocks until one character arrives; returns it (0..255) or -ErrorCode. */
int getch(void);
/* Same as console_write (libtock-c's name). */
int putnstr(const char *s, size_t len);

#endif
