/* board_common: the kernel side both virtual boards share -- the capsule set (system call
 * drivers) and the kernel configuration (scheduler, fault policy, layout from the linker
 * script). Each board.c brings its own chips and addresses. */
#ifndef BOARDS_VIRTUAL_BOARD_COMMON_H
#define BOARDS_VIRTUAL_BOARD_COMMON_H

#include <stddef.h>
#include <stdint.h>

struct hil_alarm;
struct hil_uart;
struct hil_led;
struct hil_button;
struct hil_gpio;
struct hil_rng;
struct hil_radio;
struct hil_process_events;

/* The HILs the capsules drive; NULL gpio, rng or radio: absent, their drivers answer NODEVICE. */
struct board_hils {
    const struct hil_alarm *alarm;
    const struct hil_uart *console;
    const struct hil_led *leds;
    const struct hil_button *buttons;
    const struct hil_gpio *gpio;
    const struct hil_rng *rng;
    const struct hil_radio *radio;
};

/* Where things are: flash for apps, RAM, the kernel's flash; events: kdbg or NULL. */
struct board_layout {
    uintptr_t apps_start;
    size_t apps_size;
    uintptr_t ram_start;
    size_t ram_size;
    uintptr_t kernel_flash_start;
    const struct hil_process_events *events;
};

void board_common_capsules_init(const struct board_hils *hils);
void board_common_kernel_init(const struct board_layout *layout);

#endif
