/* hello: prints a greeting, its memory layout and a few formatted numbers, then stays idle. */
#include <stdio.h>

#include "tock.h"

/* Pointers stored in data need crt0's relocation pass: flash pointers (the strings) and a RAM
 * pointer (to counter). If relocation were broken, the first two lines would be wrong. They
 * are global (not static const) so the compiler cannot fold them away. */
const char *hello_words[] = { "Hello", "World" };
int hello_counter = 41;
int *hello_counter_ptr = &hello_counter;

int main(void)
{
    printf("%s, %s!\n", hello_words[0], hello_words[1]);
    (*hello_counter_ptr)++;
    printf("hello: relocated data %s (%d)\n", hello_counter == 42 ? "ok" : "BROKEN",
           hello_counter);
    printf("hello: flash 0x%08x-0x%08x ram 0x%08x-0x%08x\n",
           (unsigned)memop(MEMOP_FLASH_START, 0).data[0],
           (unsigned)memop(MEMOP_FLASH_END, 0).data[0],
           (unsigned)memop(MEMOP_MEM_START, 0).data[0],
           (unsigned)memop(MEMOP_MEM_END, 0).data[0]);
    printf("hello: %d %u %x %s %c [%5d] [%-4s] [%04x]\n", -42, 42u, 0xbeefu, "str", '!', 7,
           "ab", 0x2a);
    printf("hello: done\n");
    return 0;
}
