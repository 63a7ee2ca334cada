"""Run the README's SQL: every ```sql block, top to bottom, in one fresh database, each through
psql as a user would paste it; where an untagged ``` block follows a SQL block (only blank lines
between), the block's output must be exactly that text. Exits non-zero on the first difference.

Usage: run.py README.md [--bless]   (PGHOST/PGPORT/PGUSER/PGDATABASE name the fresh database)
--bless writes what psql printed into the README's output blocks (review the diff like code).
"""
import re
import subprocess
import sys


def blocks(markdown):
    """(sql, expected output or None, line number of the SQL, line number of the output block)
    for every ```sql block."""
    fence = re.compile(r"^```(\w*)\s*$")
    lines = markdown.split("\n")
    found, i = [], 0
    while i < len(lines):
        m = fence.match(lines[i])
        if not m:
            i += 1
            continue
        lang, start = m.group(1), i + 1
        end = start
        while not fence.match(lines[end]):
            end += 1
        body = "\n".join(lines[start:end])
        found.append((lang, body, start))
        i = end + 1
        # blank lines, then an untagged block: that block is the output
        j = i
        while j < len(lines) and not lines[j].strip():
            j += 1
        found[-1] = (lang, body, start, j if j < len(lines) and lines[j] == "```" else None)
    out = []
    for k, (lang, body, start, next_fence) in enumerate(found):
        if lang != "sql":
            continue
        expected, at = None, None
        if next_fence is not None and k + 1 < len(found) and found[k + 1][0] == "":
            expected, at = found[k + 1][1], found[k + 1][2]
        out.append((body, expected, start, at))
    return out


def main(path, bless=False):
    markdown = open(path).read()
    sql_blocks = blocks(markdown)
    lines = markdown.split("\n")
    compared, replacements = 0, []
    for body, expected, line, at in sql_blocks:
        res = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--pset", "footer=off"],
                             input=body + "\n", text=True, capture_output=True)
        if res.returncode != 0:
            print(f"readme: the SQL block at line {line} fails:\n{body}\n{res.stderr}", file=sys.stderr)
            return 1
        got = "\n".join(l.rstrip() for l in res.stdout.split("\n")).rstrip("\n")
        if expected is not None:
            want = "\n".join(l.rstrip() for l in expected.split("\n")).rstrip("\n")
            if bless:
                replacements.append((at, len(expected.split("\n")) if expected else 0, got))
            elif got != want:
                print(f"readme: the output of the SQL block at line {line} differs from the README.\n"
                      f"--- README\n{want}\n--- psql\n{got}", file=sys.stderr)
                return 1
            compared += 1
    if bless:
        for at, n, got in sorted(replacements, reverse=True):
            lines[at:at + n] = got.split("\n")
        open(path, "w").write("\n".join(lines))
        print(f"readme: wrote {len(replacements)} outputs into {path}; review the diff")
        return 0
    print(f"readme: {len(sql_blocks)} SQL blocks ran top to bottom in a fresh database; "
          f"{compared} outputs equal the README's")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--bless" in sys.argv[2:]))
