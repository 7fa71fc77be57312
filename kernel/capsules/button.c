/* Capsule: buttons (driver 0x3). Tock's capsules/core/button.rs (doc/drivers/button.md):
 *   command 0 number of buttons, 1 enable interrupts(button), 2 disable interrupts(button),
 *   3 read(button) -> 1 pressed / 0 released; a bad index is INVAL.
 *   upcall 0: (button, pressed, 0) to every process that enabled that button.
 * The hardware watches a button while any process has it enabled. */
#include <stdint.h>

#include "kernel/capsules/button.h"
#include "kernel/core/grant.h"
#include "kernel/core/process.h"
#include "kernel/core/upcall.h"

struct button_grant {
    uint32_t enabled;           /* bit per button */
};

static const struct hil_button *hw;

/* Re-derives which buttons the hardware must watch from every process's mask. */
static void update_watch(void)
{
    uint32_t want = 0;
    for (struct process *p = NULL; (p = process_next(p)) != NULL;) {
        struct button_grant *g = grant_data_peek(p, &button_driver);
        if (g)
            want |= g->enabled;
    }
    for (unsigned b = 0; b < hw->count; b++)
        hw->watch(hw->dev, b, (int)((want >> b) & 1u));
}

static void changed(void *ctx, unsigned button, int pressed)
{
    (void)ctx;
    for (struct process *p = NULL; (p = process_next(p)) != NULL;) {
        struct button_grant *g = grant_data_peek(p, &button_driver);
        if (g && (g->enabled & (1u << button)))
            upcall_schedule(p, &button_driver, 0, button, (uint32_t)pressed, 0);
    }
}

static const struct hil_button_client client = { changed, 0 };

static struct syscall_ret button_command(struct process *p, uint32_t cmd, uint32_t b,
                                         uint32_t unused)
{
    (void)unused;
    struct button_grant *g = grant_data(p, &button_driver);
    if (cmd == 0)
        return ret_success_u32(hw->count);
    if (cmd > 3)
        return ret_failure(ERR_NOSUPPORT);
    if (b >= hw->count)
        return ret_failure(ERR_INVAL);
    if (cmd == 3)
        return ret_success_u32((uint32_t)hw->read(hw->dev, b));
    g->enabled = cmd == 1 ? (g->enabled | 1u << b) : (g->enabled & ~(1u << b));
    update_watch();
    return ret_success();
}

const struct driver button_driver = {
    .num = BUTTON_DRIVER_NUM,
    .name = "button",
    .num_upcalls = 1,
    .grant_size = sizeof(struct button_grant),
    .command = button_command,
};

void button_capsule_init(const struct hil_button *buttons)
{
    hw = buttons;
    hw->set_client(hw->dev, &client);
}
