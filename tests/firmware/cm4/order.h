/* An execution-order log: handlers and thread code append tokens, tests compare the string. */
#ifndef FW_ORDER_H
#define FW_ORDER_H

void order_reset(void);
/* Appends the two-character token `a``b` and a space. */
void order_log(char a, char b);
/* Checks (one printed line) that the log reads exactly `want`. */
void order_check(const char *what, const char *want);

#endif
