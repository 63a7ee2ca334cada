# pg_kpi: the two set-up commands are `make demo` and `make test` (see README.md).
.PHONY: setup demo test unit pgtest regress lint install bench fmt clean-clusters

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
PG_CONFIG ?= /usr/bin/pg_config
BENCH_ROWS ?= 10000000
BENCH_REPEAT ?= 5
BENCH_REUSE ?= 0

setup:
	@bash scripts/setup.sh

## make demo: build, install, load the sample CRM dataset into a throwaway cluster, print a KPI report
demo: setup
	@bash scripts/demo.sh

## make test: every test layer (lint, Rust unit + #[pg_test], pg_regress); non-zero on any failure
test: setup
	@bash scripts/test.sh

## make install: build in release mode and install into the PostgreSQL of $(PG_CONFIG)
install: setup
	@bash scripts/install.sh

## make bench: time every aggregate against count(col) and the hand-written SQL (BENCH_ROWS rows)
bench: setup
	@BENCH_ROWS=$(BENCH_ROWS) BENCH_REPEAT=$(BENCH_REPEAT) BENCH_REUSE=$(BENCH_REUSE) bash scripts/bench.sh

fmt:
	cargo fmt

clean-clusters:
	@for d in target/*/data; do [ -d "$$d" ] && bash scripts/cluster.sh stop "$$(basename "$$(dirname "$$d")")"; done; true
