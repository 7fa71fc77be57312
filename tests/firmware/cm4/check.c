/* Checks that print their outcome: one transcript line each. */

#include "tests/firmware/cm4/fw.h"
#include "tests/firmware/cm4/order.h"

static int checks, failures;

void check_eq(uint32_t got, uint32_t want, const char *fmt, ...)
{
    va_list ap;

    checks++;
    fw_printf("  ");
    va_start(ap, fmt);
    fw_vprintf(fmt, ap);
    va_end(ap);
    if (got == want) {
        fw_printf(" = 0x%08lx ok\n", got);
    } else {
        failures++;
        fw_printf(" = 0x%08lx FAIL (want 0x%08lx)\n", got, want);
    }
}

void check_true(int cond, const char *fmt, ...)
{
    va_list ap;

    checks++;
    fw_printf("  ");
    va_start(ap, fmt);
    fw_vprintf(fmt, ap);
    va_end(ap);
    if (cond) {
        fw_printf(": ok\n");
    } else {
        failures++;
        fw_printf(": FAIL\n");
    }
}

int check_failures(void)
{
    return failures;
}

int check_count(void)
{
    return checks;
}

static char order[96];
static unsigned order_len;

void order_reset(void)
{
    order_len = 0;
    order[0] = '\0';
}

void order_log(char a, char b)
{
    if (order_len + 3 < sizeof(order)) {
        order[order_len++] = a;
        order[order_len++] = b;
        order[order_len++] = ' ';
        order[order_len] = '\0';
    }
}

void order_check(const char *what, const char *want)
{
    char seen[sizeof(order)];
    int same = 1;

    /* Snapshot first: a late interrupt arriving while the line prints must not change it. */
    for (unsigned i = 0; i < sizeof(order); i++)
        seen[i] = order[i];
    for (unsigned i = 0; want[i] || seen[i]; i++)
        if (want[i] != seen[i])
            same = 0;
    check_true(same, "%s: order %s", what, seen);
}
