/* Fuzz inputs as programs (program.h). Each 8-byte group is one record:
 *
 *   b0  what: a system call class (weighted towards command and allow), a sleep with or
 *       without a host event, a busy loop, a load or store somewhere (memory protection)
 *   b1  driver: alarm, console, LED, button, GPIO, RNG, a missing one, or b1 itself
 *   b2  number: command, subscribe or allow number, memop operation, yield kind
 *   b3  pointer base (enum fz_base) in the low nibble; bits 4-5 modes (allows: a buffer
 *       ending at the base; sbrk: a boundary increment); commands: bit 6, a small number
 *   b4-5  a signed 16-bit offset or value
 *   b6-7  an unsigned 16-bit value; with bit 15 set, one of the boundary values below
 *
 * The mapping is a table, not a parser: every input is a valid program, and neighbouring
 * inputs are neighbouring programs, which is what coverage-guided mutation needs. */
#include "sim/fuzz/program.h"

#include <string.h>

enum { CLS_YIELD, CLS_SUBSCRIBE, CLS_COMMAND, CLS_ALLOW_RW, CLS_ALLOW_RO, CLS_MEMOP, CLS_EXIT,
       CLS_ALLOW_UR };

/* What b0 % 64 selects: the weights of each kind of record. */
enum pick { P_COMMAND, P_ALLOW_RW, P_ALLOW_RO, P_ALLOW_UR, P_SUBSCRIBE, P_MEMOP, P_YIELD,
            P_EXIT, P_RAW, P_SLEEP, P_BUTTON, P_CONSOLE, P_PIN, P_SPIN, P_TOUCH };
static const uint8_t picks[64] = {
    P_COMMAND, P_COMMAND, P_COMMAND, P_COMMAND, P_COMMAND, P_COMMAND, P_COMMAND,
    P_ALLOW_RW, P_ALLOW_RW, P_ALLOW_RW, P_ALLOW_RO, P_ALLOW_RO, P_ALLOW_UR,
    P_SUBSCRIBE, P_SUBSCRIBE, P_SUBSCRIBE, P_SUBSCRIBE,
    P_MEMOP, P_MEMOP, P_MEMOP, P_YIELD, P_YIELD, P_YIELD, P_EXIT, P_RAW,
    P_SLEEP, P_SLEEP, P_BUTTON, P_BUTTON, P_CONSOLE, P_PIN, P_SPIN,
    P_TOUCH, P_TOUCH, P_TOUCH, P_TOUCH, P_TOUCH, P_TOUCH,
    P_COMMAND, P_COMMAND, P_COMMAND, P_COMMAND, P_COMMAND, P_COMMAND,
    P_ALLOW_RW, P_ALLOW_RW, P_ALLOW_RW, P_ALLOW_RO, P_ALLOW_RO, P_ALLOW_UR,
    P_SUBSCRIBE, P_SUBSCRIBE, P_SUBSCRIBE, P_MEMOP, P_MEMOP, P_MEMOP, P_YIELD, P_YIELD,
    P_EXIT, P_SLEEP, P_CONSOLE, P_BUTTON, P_SPIN, P_RAW,
};

static const uint32_t drivers[8] = { 0x0, 0x1, 0x2, 0x3, 0x4, 0x40001, 0x7f000000u, 0 };

/* Boundary values for lengths and arguments (b6-7 with bit 15 set: value + small delta). */
static const uint32_t specials[16] = {
    0, 1, 4, 16, 64, 256, 1024, 0x1000, 0x10000, 0x7fffffffu, 0x80000000u, 0xfffff000u,
    0xfffffff0u, 0xffffffffu, FZ_OWN_BUF, 0x20000000u,
};

static int16_t s16(const uint8_t *b)
{
    return (int16_t)(b[0] | b[1] << 8);
}

static uint32_t u16v(const uint8_t *b)
{
    uint32_t v = (uint32_t)(b[0] | b[1] << 8);
    if (!(v & 0x8000u))
        return v;
    return specials[(v >> 8) & 15] + (uint32_t)(int32_t)((int8_t)(v & 0xff) / 16);
}

static uint32_t driver_of(uint8_t b)
{
    uint32_t d = drivers[b & 7];
    return (b & 7) == 7 ? b : (b & 7) == 6 ? d | b : d;
}

static void set_ptr(struct fz_record *r, unsigned arg, unsigned base, int32_t off)
{
    r->ptr_arg = (uint8_t)arg;
    r->ptr_base = (uint8_t)(base % FZ_NUM_BASES);
    r->a[arg] = (uint32_t)off;
}

/* An upcall function: the driver's handler, or one the kernel must refuse (null is allowed:
 * it unsubscribes). Offsets never land inside the driver's code, whose other addresses would
 * make the driver run anywhere in itself. */
static void set_upcall_fn(struct fz_record *r, unsigned base, int32_t off)
{
    base %= FZ_NUM_BASES;
    if (base == FZ_B_HANDLER || base == FZ_B_ZERO)
        off = 0;
    else if (base == FZ_B_FLASH_START)
        off = (off < 0 ? -off : off) % 16;      /* the TBF header: never code */
    else if (base == FZ_B_FLASH_END && off < 0)
        off = -off;
    set_ptr(r, 2, base, off);
}

static void syscall(struct fz_record *r, uint8_t cls, uint32_t a0, uint32_t a1)
{
    r->op = FZ_OP_SYSCALL;
    r->cls = cls;
    r->a[0] = a0;
    r->a[1] = a1;
}

/* A memop: brk takes a pointer (around the break, the grant, another base), the others a
 * value; operations 0..11 mostly, any number sometimes. */
static void memop(struct fz_record *r, const uint8_t *b)
{
    uint32_t op = b[2] < 0xf0 ? b[2] % 12u : b[2];
    syscall(r, CLS_MEMOP, op, 0);
    if (op == 0)
        set_ptr(r, 1, b[3], s16(b + 4));
    else if (op == 1 && (b[3] & 0x20))
        r->a[1] = u16v(b + 6);      /* increments that wrap the break past 0 or 2^32 */
    else
        r->a[1] = op == 1 ? (uint32_t)(int32_t)s16(b + 4) * (b[3] & 0x10 ? 16u : 1u)
                          : u16v(b + 6);
}

/* A yield: no-wait with a flag pointer, wait, wait-for (driver, number), or reserved. */
static void yield(struct fz_record *r, const uint8_t *b)
{
    uint32_t kind = b[2] < 0xf0 ? b[2] % 4u : b[2];
    syscall(r, CLS_YIELD, kind, driver_of(b[1]));
    if (kind == 0)
        set_ptr(r, 1, b[3], s16(b + 4));
    else
        r->a[2] = b[3] % 4u;
}

/* An allow. With b3's bits 4-5 both set, a buffer that ends within 2 bytes of its base
 * (base - n, n - 2 .. n + 2 bytes): the boundaries of the break, the RAM's and flash's ends,
 * where off-by-one checks live, which random offsets and lengths would seldom meet. */
static void allow(struct fz_record *r, uint8_t cls, const uint8_t *b)
{
    syscall(r, cls, driver_of(b[1]), b[2] < 0xf0 ? b[2] % 4u : b[2]);
    if ((b[3] & 0x30) == 0x30) {
        int32_t n = b[4] % 64, len = n + b[5] % 5 - 2;
        set_ptr(r, 2, b[3], -n);
        r->a[3] = (uint32_t)(len < 0 ? 0 : len);
        return;
    }
    set_ptr(r, 2, b[3], s16(b + 4));
    r->a[3] = u16v(b + 6);
    if (!(b[7] & 0x80))
        r->a[3] &= 0x1ff;           /* lengths mostly near the buffers' sizes */
}

static void subscribe(struct fz_record *r, const uint8_t *b)
{
    syscall(r, CLS_SUBSCRIBE, driver_of(b[1]), b[2] < 0xf0 ? b[2] % 4u : b[2]);
    set_upcall_fn(r, b[3], s16(b + 4));
    r->a[3] = u16v(b + 6);
}

/* The host event of a sleep record. */
static void event(struct fz_event *e, enum pick what, const uint8_t *b)
{
    memset(e, 0, sizeof(*e));
    if (what == P_BUTTON) {
        *e = (struct fz_event){ .kind = FZ_EV_BUTTON, .index = b[1] & 1, .level = b[2] & 1 };
    } else if (what == P_PIN) {
        *e = (struct fz_event){ .kind = FZ_EV_PIN, .index = b[1] & 31, .level = b[2] & 1 };
    } else if (what == P_CONSOLE) {
        *e = (struct fz_event){ .kind = FZ_EV_CONSOLE, .len = (uint8_t)(b[2] % 4 + 1) };
        memcpy(e->bytes, b + 4, 4);
    }
}

static void decode_one(const uint8_t *b, struct fz_record *r, struct fz_event *e)
{
    enum pick what = picks[b[0] % 64];
    memset(r, 0, sizeof(*r));
    memset(e, 0, sizeof(*e));
    r->ptr_arg = FZ_NO_PTR;
    switch (what) {
    case P_COMMAND:     /* b3 bit 6: a number the drivers have (0-7); else any byte */
        syscall(r, CLS_COMMAND, driver_of(b[1]), b[3] & 0x40 ? b[2] % 8u : b[2]);
        r->a[2] = (uint32_t)(int32_t)s16(b + 4);
        r->a[3] = u16v(b + 6);
        break;
    case P_ALLOW_RW: allow(r, CLS_ALLOW_RW, b); break;
    case P_ALLOW_RO: allow(r, CLS_ALLOW_RO, b); break;
    case P_ALLOW_UR: allow(r, CLS_ALLOW_UR, b); break;
    case P_SUBSCRIBE: subscribe(r, b); break;
    case P_MEMOP: memop(r, b); break;
    case P_YIELD: yield(r, b); break;
    case P_EXIT: syscall(r, CLS_EXIT, b[2] < 0xc0 ? 1u : b[2] < 0xf0 ? 0u : b[2], u16v(b + 6)); break;
    case P_RAW: syscall(r, (uint8_t)(8 + b[2] % 248), driver_of(b[1]), u16v(b + 6)); break;
    case P_SPIN: r->op = FZ_OP_SPIN; r->a[0] = u16v(b + 6) & 0x3ff; break;
    case P_TOUCH:       /* b1 bit 7: a word access left unaligned */
        r->op = FZ_OP_TOUCH;
        r->a[0] = b[2] % 4u;
        r->a[2] = b[1] >> 7;
        set_ptr(r, 1, b[3], s16(b + 4));
        break;
    default:
        r->op = FZ_OP_SLEEP;
        r->a[0] = 1 + (u16v(b + 6) & 0x3ff);
        event(e, what, b);
        break;
    }
}

void fz_program_decode(const uint8_t *data, size_t size, struct fz_program *p)
{
    p->count = 0;
    for (size_t off = 0; off + FZ_RECORD_BYTES <= size && p->count < FZ_MAX_RECORDS;
         off += FZ_RECORD_BYTES, p->count++)
        decode_one(data + off, &p->rec[p->count], &p->ev[p->count]);
}

const char *fz_class_name(uint32_t cls)
{
    static const char *const names[] = { "yield", "subscribe", "command", "allow-rw",
                                         "allow-ro", "memop", "exit", "allow-ur" };
    return cls < 8 ? names[cls] : "class";
}

const char *fz_base_name(unsigned base)
{
    static const char *const names[FZ_NUM_BASES] = {
        [FZ_B_ZERO] = "0", [FZ_B_OWN_BUF] = "own_buf", [FZ_B_BREAK] = "break",
        [FZ_B_RAM_START] = "ram_start", [FZ_B_RAM_END] = "ram_end", [FZ_B_GRANT] = "grant",
        [FZ_B_FLASH_START] = "flash_start", [FZ_B_FLASH_END] = "flash_end",
        [FZ_B_HANDLER] = "handler", [FZ_B_VICTIM] = "victim", [FZ_B_KERNEL_RAM] = "kernel_ram",
        [FZ_B_KERNEL_FLASH] = "kernel_flash", [FZ_B_MMIO] = "mmio", [FZ_B_TOP] = "top",
    };
    return base < FZ_NUM_BASES ? names[base] : "?";
}

/* "ptr=own_buf+3" style text for argument i of r, else its value. */
static void arg_text(const struct fz_record *r, unsigned i, char *buf, size_t len)
{
    if (r->ptr_arg == i)
        snprintf(buf, len, "%s%+d", fz_base_name(r->ptr_base), (int32_t)r->a[i]);
    else
        snprintf(buf, len, "0x%x", r->a[i]);
}

void fz_record_describe(const struct fz_program *p, unsigned i, char *buf, size_t len)
{
    static const char *const evs[] = { "", "button", "console", "pin" };
    const struct fz_record *r = &p->rec[i];
    const struct fz_event *e = &p->ev[i];
    char a[4][40];
    for (unsigned k = 0; k < 4; k++)
        arg_text(r, k, a[k], sizeof(a[k]));
    static const char *const touches[] = { "load8", "store8", "load32", "store32" };
    if (r->op == FZ_OP_SPIN)
        snprintf(buf, len, "spin %u", r->a[0]);
    else if (r->op == FZ_OP_TOUCH)
        snprintf(buf, len, "%s%s %s", touches[r->a[0] % 4],
                 r->a[2] && r->a[0] % 4 >= FZ_TOUCH_LOAD32 ? " unaligned" : "", a[1]);
    else if (r->op == FZ_OP_SLEEP && !e->kind)
        snprintf(buf, len, "sleep %u ticks", r->a[0]);
    else if (r->op == FZ_OP_SLEEP)
        snprintf(buf, len, "sleep %u ticks, then %s %u %u", r->a[0], evs[e->kind % 4],
                 e->kind == FZ_EV_CONSOLE ? e->len : e->index, e->level);
    else
        snprintf(buf, len, "%s(%u) %s %s %s %s", fz_class_name(r->cls), r->cls, a[0], a[1],
                 a[2], a[3]);
}
