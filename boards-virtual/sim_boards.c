/* The table of virtual boards (see sim_boards.h). Each board's sim side lives in
 * boards-virtual/<board>/sim_board.c. */
#include "boards-virtual/sim_boards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boards-virtual/cm4/sim_board.h"
#include "boards-virtual/rv32/sim_board.h"

static const struct board_desc *const boards[] = { &cm4_board, &rv32_board };

const struct board_desc *board_find(const char *name)
{
    for (size_t i = 0; i < sizeof(boards) / sizeof(boards[0]); i++)
        if (name && strcmp(boards[i]->name, name) == 0)
            return boards[i];
    return NULL;
}

char *board_app_path(const struct board_desc *d, const char *build_dir, const char *name, int slot)
{
    size_t n = strlen(build_dir) + strlen(d->apps_dir) + strlen(name) + 32;
    char *p = malloc(n);
    if (p && d->apps_per_slot)
        snprintf(p, n, "%s/%s/slot%d/%s.tbf", build_dir, d->apps_dir, slot, name);
    else if (p)
        snprintf(p, n, "%s/%s/%s.tbf", build_dir, d->apps_dir, name);
    return p;
}

#define NUM_BOARDS (sizeof(boards) / sizeof(boards[0]))

const char *board_names(void)
{
    static char names[128];         /* a constant of the build, made once */
    if (!names[0])
        for (size_t i = 0, k = 0; i < NUM_BOARDS && k < sizeof(names); i++)
            k += (size_t)snprintf(names + k, sizeof(names) - k, "%s%s", i ? ", " : "", boards[i]->name);
    return names;
}

void board_print_list(FILE *f)
{
    fprintf(f, "boards:\n");
    for (size_t i = 0; i < NUM_BOARDS; i++)
        fprintf(f, "  %-6s %s; %llu MHz, %u KiB RAM by default\n", boards[i]->name, boards[i]->description,
                (unsigned long long)(boards[i]->cpu_hz / 1000000), boards[i]->ram_size / 1024);
}
