# pg_kpi: the two set-up commands are `make demo` and `make test` (see README.md).
.PHONY: setup demo test unit lint pgtest regress install package bench fmt clean-clusters

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
# PostgreSQL versions: PG=15|16|17|18 tests (or benches) one; `make test` alone tests all.
PG ?=
PG_CONFIG ?= $(if $(PG),$(shell bash scripts/pg_versions.sh pg_config $(PG)),/usr/bin/pg_config)
BENCH_ROWS ?= 10000000
BENCH_REPEAT ?= 5
BENCH_REUSE ?= 0

setup:
	@bash scripts/setup.sh

## make demo: build, install, load the sample CRM dataset into a throwaway cluster, print a KPI report
demo: setup
	@bash scripts/demo.sh

## make test: every test layer on PostgreSQL 15, 16, 17 and 18 (PG=18 for one); non-zero on any failure
test: setup
	@PG=$(or $(PG),all) bash scripts/test.sh

## The fast development loop (README, Development): one layer at a time.
## make unit: the Rust unit and property tests, no PostgreSQL (about a second once built); the
## features are those of `make pgtest`'s build, which then reuses this one
unit:
	@cargo test --lib --no-default-features --features "pg15 pg_test" -q -- --skip ::tests::pg_ $(T)

## make lint: cargo fmt --check and clippy -D warnings
lint:
	@cargo fmt --check && cargo clippy --all-targets --features "pg15 pg_test" -q -- -D warnings

## make pgtest [PG=NN]: the #[pg_test]s on one PostgreSQL version (15 by default)
pgtest: setup
	@PG=$(or $(PG),15) bash scripts/test.sh pgtest

## make regress [PG=NN]: install the release build, run the pg_regress golden files (BLESS=1 to update them)
regress: setup
	@PG_CONFIG=$(PG_CONFIG) bash scripts/install.sh && PG_CONFIG=$(PG_CONFIG) bash scripts/regress.sh

## make install: build in release mode and install into the PostgreSQL of $(PG_CONFIG) (or PG=NN)
install: setup
	@PG_CONFIG=$(PG_CONFIG) bash scripts/install.sh

## make package [PG=17]: a Debian package for Debian 12's PostgreSQL 15 (or Debian 13's 17), in target/package/
package: setup
	@PG_CONFIG=$(PG_CONFIG) bash scripts/package.sh

## make bench: time every aggregate against count(col) and the hand-written SQL (BENCH_ROWS rows);
## BENCH_PREVIOUS=<git revision> also against that revision's build, in the same passes;
## BENCH_PERF=1 then samples each KPI and its no-op with perf: where the time goes
bench: setup
	@PG_CONFIG=$(PG_CONFIG) BENCH_ROWS=$(BENCH_ROWS) BENCH_REPEAT=$(BENCH_REPEAT) BENCH_REUSE=$(BENCH_REUSE) BENCH_ONLY="$(BENCH_ONLY)" BENCH_PREVIOUS="$(BENCH_PREVIOUS)" BENCH_PERF="$(BENCH_PERF)" bash scripts/bench.sh

fmt:
	cargo fmt

## make clean-clusters: stop every throwaway cluster of this checkout (fast shutdown), any version
clean-clusters:
	@. scripts/paths.sh; for pid in "$$PG_KPI_RUN"/*/data/postmaster.pid; do [ -f "$$pid" ] && kill -INT "$$(head -1 "$$pid")"; done; true
