/* A CoreMark-like CPU workload (written for tocksim, not derived from CoreMark's code): each
 * round multiplies matrices, sorts and walks a linked list, runs a text-scanning state machine
 * and folds everything through CRC16 and CRC32. Plenty of loads and stores, integer only. */

#include "tests/firmware/cm4/bench/workload.h"

#define LIST_END 0xffffu

// Linear congruential generator (Numerical Recipes constants).
static uint32_t rng_next(struct bench_state *s)
{
    s->rng = s->rng * 1664525u + 1013904223u;
    return s->rng;
}

// CRC-16/CCITT-FALSE of `n` bytes, bit by bit, continuing from `crc`.
static uint16_t crc16(uint16_t crc, const uint8_t *p, uint32_t n)
{
    while (n--) {
        crc ^= (uint16_t)(*p++ << 8);
        for (int b = 0; b < 8; b++)
            crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
    }
    return crc;
}

// Table for the reflected CRC-32 (polynomial 0xEDB88320).
static void crc32_init(struct bench_state *s)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int b = 0; b < 8; b++)
            c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
        s->crc32_table[i] = c;
    }
}

static uint32_t crc32(const struct bench_state *s, uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    while (n--)
        crc = s->crc32_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

// mc = ma x mb, then feeds the product back into ma so every round differs.
static uint32_t matrix_round(struct bench_state *s)
{
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t acc = 0;
            for (int k = 0; k < MAT_N; k++)
                acc += s->ma[i * MAT_N + k] * s->mb[k * MAT_N + j];
            s->mc[i * MAT_N + j] = acc;
        }
    for (int i = 0; i < MAT_N * MAT_N; i++)
        s->ma[i] = (s->mc[i] >> 7) ^ (int32_t)(rng_next(s) & 0xff);
    return crc32(s, 0, (const uint8_t *)s->mc, sizeof(s->mc));
}

// Merges two sorted lists (by key, then value) and returns the head.
static uint16_t list_merge(struct list_node *n, uint16_t a, uint16_t b)
{
    uint16_t head = LIST_END, *tail = &head;

    while (a != LIST_END && b != LIST_END) {
        int a_first = n[a].key < n[b].key || (n[a].key == n[b].key && n[a].value <= n[b].value);
        uint16_t *take = a_first ? &a : &b;
        *tail = *take;
        tail = &n[*take].next;
        *take = n[*take].next;
    }
    *tail = (a != LIST_END) ? a : b;
    return head;
}

// Bottom-up merge sort of the list at `head`; `scratch` holds LIST_N sublist heads.
static uint16_t list_sort(struct list_node *n, uint16_t head)
{
    uint16_t bins[16];
    int used = 0;

    for (int i = 0; i < 16; i++)
        bins[i] = LIST_END;
    while (head != LIST_END) {
        uint16_t one = head;
        head = n[head].next;
        n[one].next = LIST_END;
        int i = 0;
        for (; i < 16 && bins[i] != LIST_END; i++) {
            one = list_merge(n, bins[i], one);
            bins[i] = LIST_END;
        }
        bins[i < 16 ? i : 15] = one;
        if (i >= used)
            used = i + 1;
    }
    uint16_t out = LIST_END;
    for (int i = 0; i < used; i++)
        out = list_merge(n, bins[i], out);
    return out;
}

// Rekeys some nodes, sorts, then walks the list checking order and summing values.
static uint32_t list_round(struct bench_state *s)
{
    struct list_node *n = s->nodes;

    for (int i = 0; i < LIST_N / 4; i++) {
        uint32_t r = rng_next(s);
        n[r % LIST_N].key = (uint16_t)(r >> 16);
        n[(r >> 8) % LIST_N].value += (int32_t)(r & 0xfff) - 0x800;
    }
    s->list_head = list_sort(n, s->list_head);
    uint32_t sum = 0, inversions = 0, count = 0;
    uint16_t prev = 0;
    for (uint16_t i = s->list_head; i != LIST_END; i = n[i].next) {
        inversions += n[i].key < prev;
        prev = n[i].key;
        sum = sum * 31 + (uint32_t)n[i].value + n[i].key;
        count++;
    }
    return sum ^ (inversions << 24) ^ (count << 12);
}

enum scan_state { S_START, S_INT, S_FRAC, S_EXP, S_HEX, S_WORD, S_BAD, S_COUNT };

// Classifies one character for the scanner: digit, letter, '.', 'e', 'x', separator, other.
static enum scan_state scan_step(enum scan_state st, uint8_t c)
{
    int digit = c >= '0' && c <= '9';
    int sep = c == ' ' || c == ',';

    if (sep)
        return S_START;
    switch (st) {
    case S_START: return digit ? S_INT : (c >= 'a' && c <= 'z') ? S_WORD : S_BAD;
    case S_INT:   return digit ? S_INT : c == '.' ? S_FRAC : c == 'x' ? S_HEX : S_BAD;
    case S_FRAC:  return digit ? S_FRAC : c == 'e' ? S_EXP : S_BAD;
    case S_EXP:   return digit ? S_EXP : S_BAD;
    case S_HEX:   return (digit || (c >= 'a' && c <= 'f')) ? S_HEX : S_BAD;
    case S_WORD:  return (c >= 'a' && c <= 'z') ? S_WORD : S_BAD;
    default:      return S_BAD;
    }
}

// Regenerates part of the text, scans it, and returns the CRC16 of the text and the counts.
static uint32_t text_round(struct bench_state *s)
{
    static const char alphabet[] = "0123456789abcdefx.e ,,  +-";

    for (int i = 0; i < TEXT_N / 8; i++) {
        uint32_t r = rng_next(s);
        s->text[(r >> 4) % TEXT_N] = (uint8_t)alphabet[(r >> 24) % (sizeof(alphabet) - 1)];
    }
    enum scan_state st = S_START;
    for (int i = 0; i < TEXT_N; i++) {
        enum scan_state next = scan_step(st, s->text[i]);
        if (next != st)
            s->state_counts[next]++;
        st = next;
    }
    uint16_t crc = crc16(0xffff, s->text, TEXT_N);
    crc = crc16(crc, (const uint8_t *)s->state_counts, sizeof(s->state_counts));
    return crc;
}

static void workload_init(struct bench_state *s)
{
    s->rng = 0x2545f491u;
    crc32_init(s);
    for (int i = 0; i < MAT_N * MAT_N; i++) {
        s->ma[i] = (int32_t)(rng_next(s) % 200) - 100;
        s->mb[i] = (int32_t)(rng_next(s) % 200) - 100;
    }
    for (int i = 0; i < LIST_N; i++) {
        s->nodes[i].next = (uint16_t)(i + 1 < LIST_N ? (uint32_t)i + 1 : LIST_END);
        s->nodes[i].key = (uint16_t)rng_next(s);
        s->nodes[i].value = (int32_t)(rng_next(s) % 10000);
    }
    s->list_head = 0;
    for (int i = 0; i < TEXT_N; i++)
        s->text[i] = ' ';
    for (int i = 0; i < S_COUNT; i++)
        s->state_counts[i] = 0;
}

uint32_t workload_run(struct bench_state *s, uint32_t iterations)
{
    uint32_t check = 0;

    workload_init(s);
    for (uint32_t it = 0; it < iterations; it++) {
        uint32_t r[3] = { matrix_round(s), list_round(s), text_round(s) };
        check = crc32(s, check, (const uint8_t *)r, sizeof(r));
    }
    return check;
}
