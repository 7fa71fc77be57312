/* libtock libc subset: assert() prints the failed condition and ends the process. */
#ifndef LIBTOCK_ASSERT_H
#define LIBTOCK_ASSERT_H

__attribute__((noreturn)) void libtock_assert_fail(const char *cond, const char *file, int line);

#ifdef NDEBUG
#define assert(c) ((void)0)
#else
#define assert(c) ((c) ? (void)0 : libtock_assert_fail(#c, __FILE__, __LINE__))
#endif

#endif
