/* The stub's TCP side: one listening socket on 127.0.0.1, one connection at a time. */
#ifndef SIM_GDB_SOCK_H
#define SIM_GDB_SOCK_H

#include <stdbool.h>
#include <stddef.h>

/* Listens on 127.0.0.1:port (0: a free port the system picks); returns the socket and the
 * port in *bound, or -1 with the reason in err. */
int gdb_sock_listen(int port, int *bound, char *err, size_t errlen);
/* Waits for GDB to connect; the connection, or -1 with the reason in err. */
int gdb_sock_accept(int listen_fd, char *err, size_t errlen);
/* Waits up to timeout_ms (-1: for ever) for bytes; reads what is there into buf. Returns the
 * count, 0 if none came in time, -1 when the connection is closed or broken. */
long gdb_sock_read(int fd, char *buf, size_t cap, int timeout_ms);
/* Writes all of buf; false if the connection is gone. */
bool gdb_sock_write(int fd, const char *buf, size_t len);
void gdb_sock_close(int fd);

#endif
