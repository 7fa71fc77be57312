/* tocksim: the command line. Subcommands run (scenarios) and boot (interactive), the classic
 * flag form (--board/--kernel/--app), and help; see sim/cli/cli.h and doc/cli.md. */
#include <stdio.h>
#include <string.h>

#include "sim/cli/cli.h"
#include "sim/core/host_heap.h"

int main(int argc, char **argv)
{
    host_heap_prefer_huge_pages();                      /* start-up: see host_heap.c */
    /* Consoles and reports go to stdout: line by line even into a pipe or file (a CI log, a
     * `| tee`), not in 4 KiB blocks that may arrive only at exit or be lost to a kill. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *cmd = argc > 1 ? argv[1] : "--help";
    if (strcmp(cmd, "run") == 0)
        return cli_run(argc - 1, argv + 1);             /* scenarios, headless */
    if (strcmp(cmd, "fuzz") == 0)
        return cli_fuzz(argc - 1, argv + 1);            /* the syscall fuzzer */
    if (strcmp(cmd, "boot") == 0)
        return cli_boot(argc - 1, argv + 1);            /* interactive: window or terminal */
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        cli_usage(stdout);
        return argc > 1 ? 0 : EXIT_USAGE;
    }
    if (cmd[0] == '-')
        return cli_flags(argc, argv);                   /* tocksim --board B --kernel K ... */
    fprintf(stderr, "tocksim: unknown command '%s'\n\n", cmd);
    cli_usage(stderr);
    return EXIT_USAGE;
}
