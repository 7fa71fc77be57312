/* CPU benchmark workload: CRC, matrix multiply, linked-list sort, state machine. */
#ifndef BENCH_WORKLOAD_H
#define BENCH_WORKLOAD_H

#include <stdint.h>

#define MAT_N   16
#define LIST_N  256
#define TEXT_N  1024

struct list_node {
    uint16_t next;      /* index of the next node, LIST_END at the end */
    uint16_t key;
    int32_t value;
};

/* Everything the workload writes lives here, so the MPU variant can give the workload a single
 * data region. */
struct bench_state {
    int32_t ma[MAT_N * MAT_N], mb[MAT_N * MAT_N], mc[MAT_N * MAT_N];
    struct list_node nodes[LIST_N];
    uint16_t list_head;
    uint8_t text[TEXT_N];
    uint32_t crc32_table[256];
    uint32_t rng;
    uint32_t state_counts[8];
};

/* Runs `iterations` rounds of every kernel on `s` and returns a checksum of all results.
 * Deterministic: the same iterations give the same checksum on any correct CPU. */
uint32_t workload_run(struct bench_state *s, uint32_t iterations);

#endif
