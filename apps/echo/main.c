/* echo: reads console input a character at a time (blocking getch) and echoes each line. */
#include <stdio.h>

#include "console.h"

int main(void)
{
    char line[80];
    size_t len = 0;
    printf("echo: type a line\n");
    for (;;) {
        int c = getch();
        if (c < 0) {
            printf("echo: read failed: %d\n", c);
            return 0;
        }
        if (c == '\r' || c == '\n') {
            line[len] = 0;
            printf("echo: \"%s\"\n", line);
            len = 0;
        } else if (len + 1 < sizeof(line)) {
            line[len++] = (char)c;
        }
    }
}
