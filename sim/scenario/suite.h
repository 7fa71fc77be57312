/* Running many scenarios: in order or in parallel processes, a shard of them, one summary,
 * a JUnit report. */
#ifndef SIM_SCENARIO_SUITE_H
#define SIM_SCENARIO_SUITE_H

#include <stdbool.h>

#include "sim/scenario/scenario.h"

struct suite_opts {
    int jobs;                       /* scenarios run at once, each in its own process (1: here) */
    int shard, nshards;             /* run the scenarios whose index % nshards == shard - 1 */
    const char *board;              /* only the instances for this board, or NULL: every board */
    const char *junit_path;         /* JUnit XML report, or NULL */
    const char *trace_path;         /* with several scenarios: PATH with ".<scenario>" before the extension */
    const char *vcd_path;           /* the same */
    const char *pcap_path;          /* the radio medium's capture; named as trace_path */
    bool strace, console, strict;   /* decoded syscalls / console copy in the output; --strict */
    double realtime;
    int threads;                    /* a scenario's boards run on up to this many threads */
    bool gdb;                       /* every board waits for GDB: board i on gdb_port + i */
    int gdb_port;
    bool window;                    /* --window: the live window (one scenario) */
    const struct itrace_config *itrace; /* --itrace (NULL: none); its file named as trace_path */
    const char *profile_path;       /* --profile: PATH.NODE per board (PATH named as trace_path) */
    struct scenario_paths paths;
};

/* Runs the scenario files, each once per board it names (scenario.h); prints each one's steps and summary in order, then a suite line.
 * Returns the exit status: 0 all passed (or skipped), 1 a scenario failed, 2 a scenario was
 * malformed or could not be set up. */
int scenario_suite_run(char *const *files, int n, const struct suite_opts *o);

/* PATH with ".<tag>" inserted before its extension ("t.jsonl" -> "t.blink.jsonl"), malloc'd. */
char *scenario_suite_path(const char *path, const char *tag);

#endif
