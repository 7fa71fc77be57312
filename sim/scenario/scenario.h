/* Scenarios: JSON scripts that drive virtual boards and check what they do (doc/scenarios.md). */
#ifndef SIM_SCENARIO_H
#define SIM_SCENARIO_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/radio/medium.h"

struct itrace_config;

#define SCENARIO_MAX_APPS 8
#define SCENARIO_MAX_ITEMS 8        /* LEDs in one expect_led */
#define SCENARIO_NO_TIME UINT64_MAX

enum step_verb {
    STEP_WAIT_CONSOLE, STEP_WRITE_CONSOLE, STEP_PRESS, STEP_RELEASE, STEP_CLICK, STEP_TOGGLE,
    STEP_SET_PIN, STEP_EXPECT_PIN, STEP_WAIT_PIN, STEP_EXPECT_LED, STEP_EXPECT_BLINK,
    STEP_EXPECT_PROCESS, STEP_EXPECT_FAULT, STEP_RUN_FOR, STEP_RUN_UNTIL, STEP_EXPECT_NO_OUTPUT,
    STEP_SCREENSHOT, STEP_NOTE,
    /* the radio (sim/scenario/verbs_radio.c, steps_radio.c) */
    STEP_WAIT_PACKET, STEP_EXPECT_PACKET, STEP_EXPECT_NO_PACKET, STEP_EXPECT_DELIVERY, STEP_MOVE, STEP_SET_LINK,
    STEP_RADIO_OFF, STEP_RADIO_ON, STEP_RESET, STEP_JAM,
    STEP_FUZZ,
    STEP_NUM_VERBS
};

/* One board of a scenario. Paths are resolved when the scenario is loaded. */
struct scenario_node {
    char name[32];
    char board[16];
    char *kernel;
    char *apps[SCENARIO_MAX_APPS];
    int napps;
    char *app_elfs[SCENARIO_MAX_APPS];  /* "app_elfs": apps' ELF files given by hand (--app-elf) */
    int napp_elfs;
    uint32_t ram;                   /* 0: the board's default */
    uint64_t seed;
    char *snapshot;                 /* a snapshot file to start from (NULL: reset) */
    double pos[3];                  /* position in metres (the radio medium) */
    int gdb_port;                   /* "gdb": wait for GDB on this port (0: any free one); -1: no */
};

/* The radio medium of a scenario ("radio"). */
struct scenario_link { int from, to; double ratio; int rssi; };
struct scenario_radio {
    struct medium_params params;
    struct scenario_link *links;
    int nlinks;
};

struct step_led { int led; bool on; };

/* Which frames a packet step is about (any field -1 / NULL: any), and its numbers. */
struct step_packet {
    int from, to, channel;
    uint8_t *hex;                   /* payload bytes the frame must contain, or NULL */
    size_t nhex;
    double min, max;                /* expect_delivery: bounds of the ratio; set_link: ratio in min */
    int rssi;                       /* set_link */
    double dbm;                     /* jam */
    double pos[3];                  /* move */
};

struct step {
    enum step_verb verb;
    int line;                       /* line of the step in the file */
    int node;                       /* index into scenario.nodes */
    uint64_t duration_ns;           /* run_for/run_until/no-output window/press for/blink over */
    uint64_t timeout_ns;            /* waits: timeout; expects: "within" (0: now) */
    char *text;                     /* console text/regex/input, note, screenshot/fuzz path */
    bool is_regex;
    regex_t re;
    int index;                      /* button, pin or LED */
    bool level;                     /* pins */
    struct step_led leds[SCENARIO_MAX_ITEMS];
    int nleds;
    double hz, tolerance;           /* expect_blink; screenshot: tolerance */
    char app[32];                   /* expect_process / expect_fault */
    int state;                      /* enum proc_state, -1: any */
    int restarts;                   /* -1: any */
    char fault_kind[16];            /* "" any */
    bool has_addr;
    uint32_t addr;
    char *compare;                  /* screenshot reference image, or NULL */
    /* screenshot: the view's size (logical pixels, 0: default), the process its memory view
     * shows ("" as it is), the timeline's span and right edge (0: as it is / the present), the
     * panels collapsed (bits, sim/ui/window/window.h ui_panel_bit), where the mouse points */
    int shot_w, shot_h, shot_hover_x, shot_hover_y;     /* hover: the mouse there (0, 0: none) */
    char shot_select[32];
    uint64_t shot_span_ns, shot_end_ns;
    unsigned shot_hide;
    bool shot_network;              /* "view": "network": every board in the medium (sim/ui/net.h) */
    struct step_packet pkt;         /* radio verbs; text/is_regex/re: the payload */
    bool fuzz_boot;                 /* fuzz: the boot fuzzer's input, not the syscall one's */
};

struct scenario {
    char *path;
    char *name;                     /* with several boards: "<name> [<board>]" */
    char board[16];                 /* the board this instance runs on (one of the file's list) */
    char *description;
    uint64_t seed;
    uint64_t timeout_ns;
    bool requires_kdbg, requires_ui;
    struct scenario_node *nodes;    /* nnodes of them: no fixed limit */
    int nnodes;
    struct step *steps;
    int nsteps;
    struct scenario_radio *radio;   /* the "radio" block, or NULL: no medium */
};

/* Where defaults come from: the build tree holding kernel/<board>/kernel.elf and apps/. */
struct scenario_paths {
    const char *build_dir;
};

/* Parses and checks a scenario file. NULL on error, with "FILE:LINE:COL: PATH: what was
 * expected" in err. */
struct scenario *scenario_load(const char *path, const struct scenario_paths *paths, char *err,
                               size_t errlen);
/* The same from text already in memory (path names it in messages and anchors relative paths). */
struct scenario *scenario_parse(const char *path, const char *text, const struct scenario_paths *paths,
                                char *err, size_t errlen);
/* A file names one board or a list ("board": ["cm4", "rv32"]); it is loaded once per board.
 * These load the instance for `board` (NULL: the file's first board; an error if the file does
 * not name it). */
struct scenario *scenario_load_board(const char *path, const char *board, const struct scenario_paths *paths,
                                     char *err, size_t errlen);
struct scenario *scenario_parse_board(const char *path, const char *text, const char *board,
                                      const struct scenario_paths *paths, char *err, size_t errlen);
/* The boards a scenario file names, into boards[SCENARIO_MAX_BOARDS] (static names); their
 * number, or -1 with an error. */
#define SCENARIO_MAX_BOARDS 8
int scenario_load_boards(const char *path, const char **boards, char *err, size_t errlen);
int scenario_parse_boards(const char *path, const char *text, const char **boards, char *err, size_t errlen);
void scenario_free(struct scenario *sc);
const char *scenario_verb_name(enum step_verb v);

enum scenario_verdict { SCENARIO_PASS, SCENARIO_FAIL, SCENARIO_SKIP, SCENARIO_ERROR };

struct scenario_result {
    enum scenario_verdict verdict;
    int steps_run, steps_passed;
    uint64_t virtual_ns;
    double wall_s;
    char message[512];              /* why it failed, was skipped or could not run */
};

struct scenario_opts {
    FILE *out;                      /* step lines and the summary line */
    const char *trace_path;         /* JSON-lines trace, or NULL */
    const char *vcd_path;           /* VCD of LEDs, buttons and pins, or NULL */
    FILE *strace;                   /* decoded system calls, or NULL */
    FILE *console;                  /* copy of every node's console output, or NULL */
    double realtime;                /* 0: as fast as possible; else virtual s per wall s */
    bool strict;                    /* guest errors fail the scenario */
    int threads;                    /* boards run on up to this many threads (0 or 1: one) */
    const char *pcap_path;          /* capture of the radio medium, or NULL */
    bool gdb;                       /* --gdb: every board waits for GDB, board i on gdb_port + i */
    int gdb_port;                   /* (0: any free port each); else only the boards whose "gdb" says */
    bool window;                    /* --window: watch it live (doc/window.md), paced by realtime */
    const struct itrace_config *itrace; /* --itrace: every board's instructions (NULL: none) */
    const char *profile_path;       /* --profile: one file per board, PATH.NODE (NULL: none) */
};

/* Runs one scenario; returns the verdict (also in *res). */
enum scenario_verdict scenario_run(const struct scenario *sc, const struct scenario_opts *o,
                                   struct scenario_result *res);

#endif
