/* The terminal's keys (see sim/cli/cli.h): everything typed goes to the guest's UART except
 * Ctrl-C and what follows the escape Ctrl-A. Ctrl-A, as in QEMU's and picocom's consoles, because
 * guests rarely need it; the buttons sit behind it as Ctrl-A 1-9 so that digits still reach the
 * guest. A terminal has no key-up event, so a button key toggles the button (press, then the next
 * Ctrl-A N releases it), like a right-click on a button in the window. */
#include "sim/cli/cli.h"

#define CTRL_A 0x01
#define CTRL_C 0x03

static struct cli_key after_escape(char in)
{
    if (in >= '1' && in <= '9')
        return (struct cli_key){ CLI_KEY_BUTTON, 0, (unsigned)(in - '1') };
    switch (in) {
    case 'x': case 'X': return (struct cli_key){ CLI_KEY_QUIT, 0, 0 };
    case 'c': return (struct cli_key){ CLI_KEY_SEND, CTRL_C, 0 };
    case CTRL_A: return (struct cli_key){ CLI_KEY_SEND, CTRL_A, 0 };
    default: return (struct cli_key){ CLI_KEY_NONE, 0, 0 };       /* unknown: dropped */
    }
}

struct cli_key cli_key_decode(bool *escape, char in)
{
    if (*escape) {
        *escape = false;
        return after_escape(in);
    }
    if (in == CTRL_A) {
        *escape = true;
        return (struct cli_key){ CLI_KEY_NONE, 0, 0 };
    }
    if (in == CTRL_C)
        return (struct cli_key){ CLI_KEY_QUIT, 0, 0 };
    return (struct cli_key){ CLI_KEY_SEND, in, 0 };
}
