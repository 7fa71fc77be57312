# The board window (sim/ui/*.c; the SDL part becomes build/libtocksim-ui.so, see the Makefile),
# a stand-alone demo/screenshot program, and the headless screenshot test.
PKG_CFLAGS += $(shell pkg-config --cflags SDL2_ttf 2>/dev/null)

# tests/ui_demo.c: opens the window on a kernel + apps, or writes a screenshot (see doc/window.md).
$(B)/ui_demo: $(B)/host/tests/ui_demo.o $(UI_LIB_OBJS) $(B)/libtocksim.a
	$(Q)$(CC) -no-pie -Wl,--as-needed -o $@ $^ $(SIM_LIBS) $(UI_LIBS)

ALL_TARGETS  += $(B)/ui_demo
TEST_SCRIPTS += tests/ui_screenshot.sh tests/ui_views.sh tests/ui_live.sh

# The pictures of doc/window.md, from a fixed scenario at fixed virtual times: run it again after
# changing the window (the same build gives the same bytes).
.PHONY: doc-pictures
doc-pictures: $(B)/tocksim $(B)/ui_demo $(B)/libtocksim-ui.so $(APP_TBFS) $(RV_APP_TBFS) $(KERNEL_CM4_ELF) $(KERNEL_RV32_ELF)
	$(Q)$(B)/tocksim run doc/window-pictures.json
	$(Q)env -u DISPLAY SDL_VIDEODRIVER=dummy $(B)/ui_demo --kernel $(KERNEL_CM4_ELF) --app $(B)/apps/hello.tbf \
	    --until 400us --step-insns 7 --screenshot doc/window-cpu.png >/dev/null
