"""BI tools parse the SQL they send: Superset's SQL Lab (and other Python tools) with sqlglot. Every
query of the README, the demo and the regress files goes through sqlglot's `postgres` dialect: it
must parse, its transpiled text must run, and its answer (rows, or the error's SQLSTATE) must equal
the original's. Every function of the API must be called by at least one query that passed.

Usage: sqlglot_check.py DSN   (a cluster with pg_kpi installed and pg_cron preloaded; it creates
one database per source). Run by scripts/sqlglot_test.sh. Exits non-zero on any failure.
"""
import re
import sys

import psycopg
import sqlglot

QUERY = re.compile(r"^\s*(SELECT|WITH|VALUES|TABLE)\b", re.I)
# a psql variable (:'name', :"name", :name), not a cast (::type)
PSQL_VAR = re.compile(r"(?<![:\w]):['\"A-Za-z_]")
# the function rollup( (lowercase, as pg_kpi's SQL writes it), not GROUP BY ROLLUP (...)
ROLLUP = re.compile(r"\brollup(\s*\()")
LITERAL = re.compile(r"'(?:[^']|'')*'|--[^\n]*")


def calls_rollup(sql):
    return bool(ROLLUP.search(LITERAL.sub("''", sql)))


def with_combine(sql):
    """sql with every call rollup( outside string literals and comments written combine("""
    parts, last = [], 0
    for m in LITERAL.finditer(sql):
        parts += [ROLLUP.sub(r"combine\1", sql[last:m.start()]), m.group(0)]
        last = m.end()
    return "".join(parts + [ROLLUP.sub(r"combine\1", sql[last:])])


def split(text):
    """(line, statement) for each SQL statement of a psql script; psql meta-commands (a backslash
    outside quotes, to the end of the line) end a statement and are left out."""
    out, buf, line, i, n = [], [], 1, 0, len(text)
    start = None

    def flush():
        nonlocal buf, start
        stmt = "".join(buf).strip()
        if stmt and not all(l.strip().startswith("--") or not l.strip() for l in stmt.split("\n")):
            out.append((start, stmt))
        buf, start = [], None

    while i < n:
        c = text[i]
        if start is None and not c.isspace():
            start = line
        if c == "-" and text.startswith("--", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            buf.append(text[i:j])
            i = j
            continue
        if c == "/" and text.startswith("/*", i):
            j = text.find("*/", i) + 2
            buf.append(text[i:j])
            line += text[i:j].count("\n")
            i = j
            continue
        if c in "'\"":
            j = i + 1
            while j < n:
                if text[j] == c:
                    if j + 1 < n and text[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            buf.append(text[i:j + 1])
            line += text[i:j + 1].count("\n")
            i = j + 1
            continue
        if c == "$":
            m = re.match(r"\$[A-Za-z_]*\$", text[i:])
            if m:
                tag = m.group(0)
                j = text.find(tag, i + len(tag)) + len(tag)
                buf.append(text[i:j])
                line += text[i:j].count("\n")
                i = j
                continue
        if c == "\\":
            j = text.find("\n", i)
            j = n if j < 0 else j
            flush()
            i = j
            continue
        if c == ";":
            flush()
            i += 1
            continue
        if c == "\n":
            line += 1
        buf.append(c)
        i += 1
    flush()
    return out


def readme_sql(path):
    text, found, inside, body, at = open(path).read().split("\n"), [], False, [], 0
    for k, l in enumerate(text, 1):
        if l.strip() == "```sql":
            inside, body, at = True, [], k + 1
        elif inside and l.strip() == "```":
            inside = False
            found += [(at + ln - 1, s) for ln, s in split("\n".join(body))]
        elif inside:
            body.append(l)
    return found


def outcome(conn, sql):
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
            if cur.description is None:
                return ("ok", None)
            return ("rows", len(cur.description), cur.fetchall())
    except psycopg.Error as e:
        return ("error", e.sqlstate)


class Check:
    def __init__(self, dsn):
        self.dsn, self.failures, self.passed, self.skipped, self.ddl = dsn, [], [], 0, 0
        self.rollups = self.rollup_refused = self.rollup_rewritten = 0

    def source(self, name, statements, db, before=None):
        with psycopg.connect(self.dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{db}"')
            admin.execute(f'CREATE DATABASE "{db}"')
        dsn = re.sub(r"dbname=\S+", f"dbname={db}", self.dsn)
        if before:
            before(dsn)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_kpi")
            for line, stmt in statements:
                where = f"{name}:{line}"
                if PSQL_VAR.search(re.sub(r"'(?:[^']|'')*'", "''", stmt)):
                    self.skipped += 1  # needs a psql variable set by \gset
                    continue
                if not QUERY.match(re.sub(r"^(\s*--[^\n]*\n)*", "", stmt)):
                    self.ddl += 1
                    outcome(conn, stmt)
                    continue
                sent = stmt
                if calls_rollup(stmt):
                    # rollup is a reserved word to sqlglot (GROUP BY ROLLUP): it refuses a nested
                    # rollup(x) and reads a top-level one as a column `rollup` with an alias list,
                    # a query that no longer runs. The same query with combine(), its alias, must
                    # parse and give rollup()'s answer.
                    try:
                        wrong = sqlglot.transpile(stmt, read="postgres", write="postgres")
                        self.rollup_rewritten += outcome(conn, wrong[0]) != outcome(conn, stmt)
                    except sqlglot.errors.SqlglotError:
                        self.rollup_refused += 1
                    sent = with_combine(stmt)
                    self.rollups += 1
                try:
                    back = sqlglot.transpile(sent, read="postgres", write="postgres")
                except sqlglot.errors.SqlglotError as e:
                    self.failures.append(f"{where}: sqlglot cannot parse it: {str(e).splitlines()[0]}\n    {sent}")
                    outcome(conn, stmt)
                    continue
                if len(back) != 1:
                    self.failures.append(f"{where}: sqlglot read {len(back)} statements\n    {stmt}")
                    continue
                want, got = outcome(conn, stmt), outcome(conn, back[0])  # rollup()'s answer: the original
                if want != got:
                    self.failures.append(f"{where}: the transpiled query answers differently\n"
                                         f"    original:   {stmt}\n    transpiled: {back[0]}\n"
                                         f"    {str(want)[:300]}\n    {str(got)[:300]}")
                else:
                    self.passed.append(sent)


def main(dsn):
    c = Check(dsn)
    c.source("README.md", readme_sql("README.md"), "sqlglot_readme")

    def load_demo(demo_dsn):
        import subprocess
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", demo_dsn, "-f", "demo/load.sql"],
                       check=True, capture_output=True)
    c.source("demo/report.sql", split(open("demo/report.sql").read()), "sqlglot_demo", before=load_demo)
    schedule = open("tests/pg_regress/schedule").read().split()
    files = [f for f in schedule if f != "test:" and f not in ("setup", "trusted", "fuzz", "catalog")]
    for f in files:
        path = f"tests/pg_regress/sql/{f}.sql"
        c.source(path, split(open(path).read()), f"sqlglot_{f}")

    with psycopg.connect(re.sub(r"dbname=\S+", "dbname=sqlglot_readme", dsn)) as conn:
        api = [r[0] for r in conn.execute(
            "SELECT DISTINCT p.proname FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass "
            "AND d.objid = p.oid AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_kpi' "
            "WHERE p.pronamespace <> 'kpi_internal'::regnamespace ORDER BY 1")]
    called = " ".join(c.passed).lower()
    # rollup() cannot pass: sqlglot reads it as GROUP BY ROLLUP; combine(), its alias, stands for it
    uncovered = [f for f in api if f != "rollup" and not re.search(rf"\b{f}\s*\(", called)]
    for f in c.failures:
        print("sqlglot: FAILED " + f, file=sys.stderr)
    print(f"sqlglot {sqlglot.__version__}: {len(c.passed)} queries parsed, transpiled and answered as the originals; "
          f"{c.rollups} of them call rollup() and passed with combine() in its place (sqlglot refused "
          f"{c.rollup_refused} of them with rollup() and rewrote {c.rollup_rewritten} into a query that "
          f"answers differently); "
          f"{c.ddl} other statements run as written; {c.skipped} skipped (psql variables); {len(c.failures)} failures")
    print(f"sqlglot: {len(api) - len(uncovered)} of the {len(api)} API functions called by a query that passed")
    if uncovered:
        print("sqlglot: FAILED, no passing query calls: " + ", ".join(uncovered), file=sys.stderr)
    return 1 if c.failures or uncovered else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
