"""How fast `cetl search` is on the heavy benchmark database (the one bench/run.py builds).

    python bench/search.py            # 15 runs of each search; about half a minute

A measurement, not a test: it prints figures to quote in BENCHMARKS.md. It works in a temporary
CETL_HOME that it deletes at the end, so your own data is never read or touched. It times:
- the first search after the curriculum changed, which rebuilds the curriculum's index;
- searches with the index current, as whole `cetl` processes against a bare Typer app;
- the query alone (in-process: the service call, the FTS5 query and the snippets).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import HELLO, curriculum_ids, fill_database  # noqa: E402  (bench/run.py, beside this file)

SEARCHES = [["FERPA"], ["FERPA", "--json"], ["technology plan", "--in", "answers"],
            ["budget", "--in", "material"], ["plan*"]]


def wall(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    from cetl_cli.content import default_curriculum_dir

    shipped = default_curriculum_dir()
    script = Path(sys.executable).with_name("cetl")
    cetl = [str(script)] if script.exists() else [sys.executable, "-m", "cetl_cli"]
    tmp = Path(tempfile.mkdtemp(prefix="cetl-search-bench-"))
    try:
        home = tmp / "home"
        todos, refls, questions, _ = curriculum_ids(shipped)
        fill_database(home / "cetl.db", todos, refls, questions, 50_000, 5_000, 20_000)
        env = {k: v for k, v in os.environ.items() if not k.startswith("CETL_")}
        env.update({"CETL_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100", "PAGER": "cat"})
        hello = tmp / "hello.py"
        hello.write_text(HELLO)
        size = (home / "cetl.db").stat().st_size / 2**20
        print(f"Heavy user: 50,000 to-do events, 5,000 answer versions, 20,000 practice answers ({size:.1f} MiB)")
        wall(cetl + ["progress"], env)  # the curriculum cache, the .pyc files
        first = wall(cetl + ["search", "FERPA"], env)  # builds the curriculum's index
        print(f"First search (builds the curriculum index): {first * 1000:.0f} ms")
        bare = [sys.executable, str(hello)]
        for words in SEARCHES:
            ours, theirs = [], []
            for n in range(args.runs):  # paired, in alternating order, so a busy moment hits both
                pair = [(ours, cetl + ["search", *words]), (theirs, bare)]
                for into, argv in (pair if n % 2 else pair[::-1]):
                    into.append(wall(argv, env))
            ms = statistics.median(ours) * 1000
            ratio = statistics.median(a / b for a, b in zip(ours, theirs))
            print(f"  cetl search {' '.join(words):<36} {ms:6.0f} ms  (bare Typer app "
                  f"{statistics.median(theirs) * 1000:.0f} ms; median ratio {ratio:.2f})")
        os.environ["CETL_HOME"] = str(home)
        from cetl_cli.services.search import search
        from cetl_cli.services.session import Session

        session = Session()
        search(session, "FERPA")  # opens the store and the curriculum once
        for words in (["FERPA", None], ["technology plan", "answers"], ["plan*", None]):
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                found = search(session, words[0], words[1])
                times.append(time.perf_counter() - start)
            print(f"  query only: {words[0]!r} in {words[1] or 'everything'}: "
                  f"{statistics.median(times) * 1000:.1f} ms, {len(found.hits)} hits")
        session.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
