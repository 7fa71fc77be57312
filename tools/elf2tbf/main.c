/* elf2tbf: pack app ELFs into a TBF or a Tock Application Bundle (elf2tab's command line), or
 * dump a TBF's or TAB's headers. */
#include <stdio.h>
#include <string.h>

#include "tools/elf2tbf/cmdline.h"
#include "tools/elf2tbf/dump.h"
#include "tools/elf2tbf/pack.h"

int main(int argc, char **argv)
{
    struct elf2tbf_cmdline c;
    char err[600];
    int rc;
    if (elf2tbf_cmdline_parse(argc, argv, &c, err, sizeof(err))) {
        fprintf(stderr, "elf2tbf: %s\n", err);
        rc = 2;
    } else if (c.help) {
        fputs(elf2tbf_usage, stdout);
        rc = 0;
    } else if (c.version) {
        /* The second word is the elf2tab version whose command line this follows: libtock-c
         * checks it ("$(ELF2TAB) --version | cut -d ' ' -f 2"). */
        printf("elf2tbf %s (tocksim; elf2tab-compatible command line)\n", ELF2TBF_ELF2TAB_VERSION);
        rc = 0;
    } else if (c.dump) {
        rc = dump_file(c.dump);
    } else {
        rc = pack_run(&c);
    }
    elf2tbf_cmdline_free(&c);
    return rc;
}
