#!/usr/bin/env python3
"""The same benchmark table on two PostgreSQL versions: each KPI's time relative to its no-op
(the executor's own cost of an aggregate over the same arguments; the floor `count(col)` where a
group has no no-op), on each version, and how that ratio moved from the first to the second.

Reads target/bench/results-pgNN.json, written by scripts/bench.py (`make bench PG=NN`), and prints
a markdown table; a KPI more than 10 % slower relative to its no-op on the second version than
on the first is marked, in bold when even the passes' spread says so (the first quartile of
the per-pass ratios on the second more than 1.10 times the third quartile on the first),
otherwise as within the noise. Each ratio is the median of the per-pass ratios (bench.py);
results written before those were kept fall back to the ratio of the medians, with no
quartiles. Beside the ratios, each KPI's own time: the excess of its ratio over 1 times its no-op's
(or floor's) median, in ms over the same rows on both versions; when both runs had
`BENCH_PERF=1` (target/bench/perf-pgNN.json, scripts/bench_perf.py), the time perf found in the
KPI's own code instead (its samples in pg_kpi's library less its no-op's), which leaves out what
the executor does differently around it. A KPI marked worse relative to its no-op whose own time
did not grow is said to be so: the executor got faster, not the KPI slower (the same extra time
is a larger share of a cheaper row). Reports, never fails: timings are not assertions.

    python3 scripts/bench_versions.py [OLD NEW]    (default 15 18)
"""
import json
import os
import sys

LIMIT = 1.10  # the ~1.10x of the no-op the brief asks of a KPI


def load(major):
    path = f"target/bench/results-pg{major}.json"
    if not os.path.exists(path):
        sys.exit(f"bench_versions: {path} is missing: run make bench PG={major} first")
    with open(path) as f:
        data = json.load(f)
    by = {}
    for q in data["queries"]:
        by.setdefault(q["group"], {})[q["role"]] = q
    ratios = {}
    for group, roles in by.items():
        base = roles.get("no-op") or roles.get("floor")
        if "ours" in roles and base:
            ours = roles["ours"]
            m, lo, hi = ours.get("ratio") or (ours["ms"] / base["ms"], None, None)
            # its own time: the paired ratio's excess over the base's median (a difference of
            # two medians taken in different passes would carry the machine's drift)
            ratios[group] = (ours["label"], "no-op" in roles, m, lo, hi, (m - 1) * base["ms"])
    return data, ratios


def perf_own(major):
    """{group: the KPI's own ms by perf}, or None without a perf split of this version's run."""
    path = f"target/bench/perf-pg{major}.json"
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return {g: v["own_ms"] for g, v in json.load(f)["groups"].items()}


def cell(m, lo, hi):
    return f"{m:.2f}x" + ("" if lo is None else f" ({lo:.2f}-{hi:.2f})")


def main():
    old, new = (sys.argv[1:3] if len(sys.argv) >= 3 else ("15", "18"))
    (d_old, r_old), (d_new, r_new) = load(old), load(new)
    p_old, p_new = perf_own(old), perf_own(new)
    by_perf = p_old is not None and p_new is not None
    print(f"PostgreSQL {old}: {d_old['version'].split(' on ')[0]}, {d_old['rows']:,} rows, {d_old['repeat']} runs; "
          f"PostgreSQL {new}: {d_new['version'].split(' on ')[0]}, {d_new['rows']:,} rows, {d_new['repeat']} runs.\n")
    print(f"| group | KPI | against | {old}: vs it (quartiles) | {new}: vs it (quartiles) | {new} / {old} "
          f"| within {LIMIT:.2f}x on both | own time{' (perf)' if by_perf else ''}, {old} -> {new} (ms) |")
    print("|---|---|---|---:|---:|---:|---|---:|")
    worse, noise, faster = [], [], []
    for group in [g for g in r_old if g in r_new] + [g for g in r_new if g not in r_old]:
        if group not in r_old or group not in r_new:
            print(f"| {group} | | | {'missing' if group not in r_old else ''} | {'missing' if group not in r_new else ''} | | | |")
            continue
        label, noop, a, a_lo, a_hi, own_a = r_old[group]
        _, _, b, b_lo, b_hi, own_b = r_new[group]
        if by_perf and group in p_old and group in p_new:
            own_a, own_b = p_old[group], p_new[group]
        moved = b / a
        mark = ""
        if moved > 1.10 and (a_hi is None or b_lo is None or b_lo / a_hi > 1.10):
            mark = " **more than 10 % worse**"
            worse.append(group)
        elif moved > 1.10:
            mark = " more than 10 % worse by the medians, not by the quartiles"
            noise.append(group)
        if mark and own_b <= own_a:
            mark += f", but not its own time: the executor is faster on {new}"
            faster.append(group)
        within = "yes" if max(a, b) <= LIMIT else "no"
        print(f"| {group} | `{label}` | {'no-op' if noop else 'floor'} | {cell(a, a_lo, a_hi)} "
              f"| {cell(b, b_lo, b_hi)} | {moved:.2f}{mark} | {within} | {own_a:.1f} -> {own_b:.1f} |")
    print()
    print(f"More than 10 % worse relative to the no-op on {new} than on {old}, beyond the quartiles: "
          f"{', '.join(worse) if worse else 'none'}; by the medians only: {', '.join(noise) if noise else 'none'}."
          + (f" Of those, the KPI's own time is not longer on {new} (the last column): {', '.join(faster)}."
             if faster else "")
          + (f" Own time: perf's samples in pg_kpi's code, the KPI's less its no-op's ({old} and {new} were both run "
             "with BENCH_PERF=1); a parallel group's, which perf does not sample, its excess over the no-op."
             if by_perf else " Own time: the excess of the KPI's time over its no-op's."))


if __name__ == "__main__":
    main()
