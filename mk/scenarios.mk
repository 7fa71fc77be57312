# Scenarios: the regression suite (scenarios/*.json) run headless by tests/scenarios.sh.
# sim/cli_ui.c compiles the window glue only when sim/ui.c exists: rebuild it when that changes.
$(B)/host/sim/cli_ui.o: $(wildcard sim/ui.c sim/ui.h sim/ui_png.h)

TEST_SCRIPTS += tests/scenarios.sh
