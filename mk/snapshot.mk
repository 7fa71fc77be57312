# Machine snapshots (sim/core/snapshot/snapshot.c, doc/snapshots.md): the benchmark's harness, the
# benchmark, and the command-line test.
$(B)/tools/snapshot-bench: $(B)/host/sim/bench/snapshot-bench.o $(B)/libtocksim.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) -no-pie -o $@ $^ $(SIM_LIBS)

ALL_TARGETS   += $(B)/tools/snapshot-bench
BENCH_SCRIPTS += tools/bench-snapshot.sh
TEST_SCRIPTS  += tests/snapshot_cli.sh
