/* Capsule IEEE 802.15.4 (0x30001): the neighbor and key tables, as Tock's ieee802154 driver
 * keeps them (MAX_NEIGHBORS = MAX_KEYS = 4; adding an existing entry returns its index; removing
 * shifts the later ones down; counts and indexes are returned plus one). The key table is only
 * storage: link-layer security is not supported (sending secured frames answers NOSUPPORT).
 *   13 max neighbors, 14 number, 15 short address (a0 = index), 16 long address -> CFG (8),
 *   17 add (a0 = short address, CFG 8 = long address), 18 remove (a0 = index);
 *   19 max keys, 20 number, 21 security level, 22 key ID -> CFG (10: mode, ID bytes),
 *   23 key -> CFG (16), 24 add (CFG 27: level, key ID mode, 9 key ID bytes, 16 key bytes),
 *   25 remove. Long addresses in CFG: most significant byte first, as Tock's [u8; 8]. */
#include <stdint.h>
#include <string.h>

#include "kernel/capsules/ieee802154.h"

#define MAX_NEIGHBORS 4
#define MAX_KEYS 4

struct neighbor {
    uint16_t short_addr;
    uint8_t long_addr[8];
};

struct key {
    uint8_t level, mode;
    uint8_t id[9];                  /* the bytes its mode uses, the rest zero */
    uint8_t key[16];
};

static struct neighbor neighbors[MAX_NEIGHBORS];
static struct key keys[MAX_KEYS];
static uint32_t num_neighbors, num_keys;

void ieee802154_tables_reset(void)
{
    num_neighbors = num_keys = 0;
}

static int same(const void *a, const void *b, uint32_t n)
{
    return memcmp(a, b, n) == 0;
}

static struct syscall_ret add_neighbor(struct process *p, uint32_t short_addr)
{
    struct syscall_ret ret;
    uint8_t *cfg = ieee802154_cfg(p, 8, &ret);
    if (!cfg)
        return ret;
    struct neighbor n = { (uint16_t)short_addr, { 0 } };
    memcpy(n.long_addr, cfg, 8);
    for (uint32_t i = 0; i < num_neighbors; i++)
        if (neighbors[i].short_addr == n.short_addr && same(neighbors[i].long_addr, n.long_addr, 8))
            return ret_success_u32(i + 1);
    if (num_neighbors == MAX_NEIGHBORS)
        return ret_failure(ERR_INVAL);
    neighbors[num_neighbors] = n;
    return ret_success_u32(++num_neighbors);
}

static struct syscall_ret neighbor_long(struct process *p, uint32_t i)
{
    struct syscall_ret ret;
    uint8_t *cfg = ieee802154_cfg(p, 8, &ret);
    if (!cfg)
        return ret;
    if (i >= num_neighbors)
        return ret_failure(ERR_INVAL);
    memcpy(cfg, neighbors[i].long_addr, 8);
    return ret_success();
}

/* Removes entry i of a table of *n entries of size bytes; INVAL if there is none. */
static struct syscall_ret remove_entry(void *table, uint32_t size, uint32_t *n, uint32_t i)
{
    if (i >= *n)
        return ret_failure(ERR_INVAL);
    uint8_t *t = table;
    for (uint32_t k = i; k + 1 < *n; k++)
        memcpy(t + k * size, t + (k + 1) * size, size);
    (*n)--;
    return ret_success();
}

static int key_id_bytes(uint8_t mode)
{
    static const int n[4] = { 0, 1, 5, 9 };
    return n[mode & 3];
}

/* Decodes CFG's 27 bytes into k; 0 if the level or mode is invalid (4 and above 7: no such
 * security level; modes 0-3). */
static int decode_key(const uint8_t *cfg, struct key *k)
{
    memset(k, 0, sizeof(*k));
    if (cfg[0] > 7 || cfg[0] == 4 || cfg[1] > 3)
        return 0;
    k->level = cfg[0];
    k->mode = cfg[1];
    memcpy(k->id, cfg + 2, (uint32_t)key_id_bytes(k->mode));
    memcpy(k->key, cfg + 11, 16);
    return 1;
}

static struct syscall_ret add_key(struct process *p)
{
    struct syscall_ret ret;
    uint8_t *cfg = ieee802154_cfg(p, 27, &ret);
    struct key k;
    if (!cfg)
        return ret;
    if (!decode_key(cfg, &k))
        return ret_failure(ERR_INVAL);
    for (uint32_t i = 0; i < num_keys; i++)
        if (same(&keys[i], &k, sizeof k))
            return ret_success_u32(i + 1);
    if (num_keys == MAX_KEYS)
        return ret_failure(ERR_INVAL);
    keys[num_keys] = k;
    return ret_success_u32(++num_keys);
}

/* 22: the key ID (10 bytes: mode, then its ID bytes) or 23: the key (16 bytes) into CFG. */
static struct syscall_ret key_out(struct process *p, uint32_t i, int whole_key)
{
    struct syscall_ret ret;
    uint8_t *cfg = ieee802154_cfg(p, whole_key ? 16 : 10, &ret);
    if (!cfg)
        return ret;
    if (i >= num_keys)
        return ret_failure(ERR_INVAL);
    if (whole_key) {
        memcpy(cfg, keys[i].key, 16);
    } else {
        memset(cfg, 0, 10);
        cfg[0] = keys[i].mode;
        memcpy(cfg + 1, keys[i].id, (uint32_t)key_id_bytes(keys[i].mode));
    }
    return ret_success();
}

struct syscall_ret ieee802154_table_command(struct process *p, uint32_t cmd, uint32_t a0)
{
    switch (cmd) {
    case 13: return ret_success_u32(MAX_NEIGHBORS + 1);
    case 14: return ret_success_u32(num_neighbors + 1);
    case 15: return a0 < num_neighbors ? ret_success_u32(neighbors[a0].short_addr + 1u) : ret_failure(ERR_INVAL);
    case 16: return neighbor_long(p, a0);
    case 17: return add_neighbor(p, a0);
    case 18: return remove_entry(neighbors, sizeof *neighbors, &num_neighbors, a0);
    case 19: return ret_success_u32(MAX_KEYS + 1);
    case 20: return ret_success_u32(num_keys + 1);
    case 21: return a0 < num_keys ? ret_success_u32(keys[a0].level + 1u) : ret_failure(ERR_INVAL);
    case 22: return key_out(p, a0, 0);
    case 23: return key_out(p, a0, 1);
    case 24: return add_key(p);
    default: return remove_entry(keys, sizeof *keys, &num_keys, a0);     /* 25 */
    }
}
