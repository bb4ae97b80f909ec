"""Start-up benchmark for cetl: every command against a bare Typer app, as whole processes.

    python bench/run.py              # the full run quoted in BENCHMARKS.md (a few minutes)
    python bench/run.py --quick      # fewer runs, smaller scaling steps (about a minute)

Run it with the Python of the environment cetl is installed in. It needs nothing beyond cetl's
own dependencies. Everything happens in a temporary CETL_HOME that is deleted at the end, so
your own data is never read or touched.

What it does:
1. Builds a heavy user: a database with 50,000 to-do events, 5,000 reflection answers,
   20,000 practice answers and a few experience entries, on the shipped curriculum.
2. Times each command as a whole process, paired run by run with a minimal Typer app (one
   command that prints "ok") started by the same interpreter, in alternating order. It prints
   the median of the per-pair ratios and the peak memory (max RSS) of each.
3. Builds synthetic curricula (up to 200 modules of 50 items each) and histories (up to 200,000
   events) and times `cetl curriculum validate` and `cetl progress` on them, to show how the
   cost grows with size.

Commands that this cetl does not have yet (for example `check-eligibility` before it is merged)
are listed as skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HELLO = '''\
import typer

app = typer.Typer()


@app.command()
def main() -> None:
    print("ok")


if __name__ == "__main__":
    app()
'''

TARGET_RATIO = 1.25
# Timed, but not held to the target: it reads the whole history (the longest streak), and it is
# run now and then, not several times a day.
STATS = "cetl stats (no target)"
TARGET_MIB = 80
TARGET_BIG_PROGRESS = 1.5


# -- running processes ---------------------------------------------------------------------------

# The processes are started by this small runner, not by the benchmark itself: on Linux a child's
# peak-memory figure starts from its parent's size at fork, and the benchmark grows to tens of MiB
# while it builds databases. The runner stays under 10 MiB, below anything cetl or Python needs.
RUNNER = r"""
import json, os, subprocess, sys, time
job = json.loads(sys.stdin.read())
out = []
for step in job["steps"]:
    if "touch" in step:
        os.utime(step["touch"], (step["mtime"], step["mtime"]))
        continue
    start = time.perf_counter()
    p = subprocess.Popen(step["argv"], env=job["env"], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if hasattr(os, "wait4"):
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        rss = ru.ru_maxrss // 1024 if sys.platform == "darwin" else ru.ru_maxrss
        cpu = ru.ru_utime + ru.ru_stime
    else:
        code = p.wait()
        wall, rss, cpu = time.perf_counter() - start, None, None
    out.append([step["tag"], wall, rss, cpu, code])
json.dump(out, sys.stdout)
"""


def run_steps(steps: list[dict], env: dict[str, str]) -> list[list]:
    """Run steps ({"tag", "argv"} or {"touch", "mtime"}) one after another in the runner:
    [tag, wall seconds, peak RSS KiB or None, CPU seconds or None, exit code] for each process."""
    r = subprocess.run([sys.executable, "-S", "-c", RUNNER], input=json.dumps({"steps": steps, "env": env}),
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def check(argv: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run once with output captured: exit code and the first line of stderr."""
    r = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    first = (r.stderr.strip().splitlines() or [""])[0]
    return r.returncode, first


@dataclass
class Result:
    label: str
    times: list[float] = field(default_factory=list)
    hello: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    hello_cpu: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    skipped: str = ""

    @property
    def ratio(self) -> float:
        return statistics.median(t / h for t, h in zip(self.times, self.hello))

    @property
    def cpu_ratio(self) -> float | None:
        if not self.cpu or len(self.cpu) != len(self.hello_cpu):
            return None
        return statistics.median(t / h for t, h in zip(self.cpu, self.hello_cpu))

    @property
    def ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def hello_ms(self) -> float:
        return statistics.median(self.hello) * 1000

    @property
    def peak_mib(self) -> float | None:
        return max(self.rss_kib) / 1024 if self.rss_kib else None


def paired(label: str, steps: list[list[str]], hello: list[str], env: dict[str, str], runs: int,
           touch: Path | None = None) -> Result:
    """`runs` pairs of (cetl, hello); the order alternates so drift hits both sides alike.

    `steps` are run back to back and count as one sample (e.g. `todo done` + `todo undo`); the
    hello app runs as many times, so the ratio compares like with like. With `touch`, that file
    gets a new (past) timestamp before each cetl sample: "the curriculum changed since the last run".
    """
    plan: list[dict] = []
    stamp = time.time() - 7200.0
    for i in range(runs):
        cetl_part: list[dict] = []
        if touch is not None:
            stamp -= 1.0
            cetl_part.append({"touch": str(touch), "mtime": stamp})
        cetl_part += [{"tag": f"c{i}", "argv": argv} for argv in steps]
        hello_part = [{"tag": f"h{i}", "argv": hello} for _ in steps]
        plan += cetl_part + hello_part if i % 2 == 0 else hello_part + cetl_part
    res = Result(label)
    samples: dict[str, list] = {}
    for tag, wall, rss, cpu, code in run_steps(plan, env):
        if code != 0 and tag.startswith("c"):
            argv = steps[0]
            code, line = check(argv, env)
            raise SystemExit(f"bench: {' '.join(argv)} failed (exit {code}): {line}")
        acc = samples.setdefault(tag, [0.0, 0, 0.0])
        acc[0] += wall
        acc[1] = max(acc[1], rss or 0)
        acc[2] += cpu or 0.0
    for i in range(runs):
        c, h = samples[f"c{i}"], samples[f"h{i}"]
        res.times.append(c[0])
        res.hello.append(h[0])
        if c[1]:
            res.rss_kib.append(c[1])
        if c[2] and h[2]:
            res.cpu.append(c[2])
            res.hello_cpu.append(h[2])
    return res


# -- building the heavy user ----------------------------------------------------------------------

def load_yaml(path: Path):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def curriculum_ids(root: Path) -> tuple[list[str], list[str], list[tuple[str, str]], list[str]]:
    """To-do ids, reflection ids, (question id, skill area) pairs and skill-area codes."""
    todos, refls = [], []
    for f in sorted((root / "modules").glob("*.y*ml")):
        data = load_yaml(f)
        todos += [t["id"] for t in data.get("todos") or []]
        refls += [r["id"] for r in data.get("reflections") or []]
    fw = load_yaml(root / "framework.yaml")
    areas = [a["code"] for d in fw["domains"] for a in d["skill_areas"]]
    questions = []
    for f in sorted((root / "questions").glob("*.y*ml")) if (root / "questions").is_dir() else []:
        data = load_yaml(f) or {}
        for q in data.get("questions") or []:
            if isinstance(q, dict) and "id" in q:
                questions.append((q["id"], q.get("skill_area") or random.choice(areas)))
    if not questions:  # no question bank yet: made-up ids, spread over the skill areas
        questions = [(f"q-{a.lower()}-{n:02d}", a) for a in areas for n in range(1, 31)]
    return todos, refls, questions, areas


def iso(base: float, offset_s: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(base + offset_s, dt.timezone.utc).isoformat(timespec="microseconds")


def fill_database(db: Path, todos: list[str], refls: list[str], questions: list[tuple[str, str]],
                  events: int, answers: int, practice: int) -> None:
    """A history like a long-time user's: migrated by cetl itself, then filled with sqlite3."""
    from cetl_cli.store import Store

    Store.open(db).close()  # creates the file and applies cetl's migrations
    rnd = random.Random(6)
    base = time.time() - 2 * 365 * 86400  # two years of use
    conn = sqlite3.connect(db)
    with conn:
        # Done/undone events, alternating per item, so every item has a real history.
        state: dict[str, bool] = {}
        rows = []
        for n in range(events):
            item = rnd.choice(todos)
            state[item] = not state.get(item, False)
            rows.append((item, "done" if state[item] else "undone", iso(base, n * 600)))
        conn.executemany("INSERT INTO todo_events (item_id, action, at) VALUES (?, ?, ?)", rows)
        version: dict[str, int] = {}
        rows = []
        para = ("In my district the technology plan is reviewed each spring by cabinet; this year "
                "I would bring the help-desk data and the device refresh budget to that meeting. ")
        for n in range(answers):
            item = rnd.choice(refls)
            version[item] = version.get(item, 0) + 1
            rows.append((item, version[item], para * rnd.randint(2, 8), iso(base, n * 3000)))
        conn.executemany(
            "INSERT INTO reflection_answers (item_id, version, text, at) VALUES (?, ?, ?, ?)", rows)
        rows = []
        for n in range(practice):
            qid, area = rnd.choice(questions)
            choice = rnd.choice("ABCD")
            rows.append((qid, area, choice, int(rnd.random() < 0.6), rnd.uniform(20, 120), "quiz",
                         None, iso(base, n * 900)))
        conn.executemany(
            "INSERT INTO practice_answers (question_id, skill_area, choice, correct, seconds, mode, "
            "attempt_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        roles = [("Network manager, Example USD", "2012-07-01", "2016-06-30", "III"),
                 ("Director of technology, Example USD", "2016-07-01", "2021-06-30", "I,III"),
                 ("Chief technology officer, Example County Schools", "2021-07-01", None, "I,II,III")]
        for role, start, end, domains in roles:
            conn.execute('INSERT INTO experience (role, start, "end", domains, created_at) '
                         "VALUES (?, ?, ?, ?, ?)", [role, start, end, domains, iso(base, 0)])
        # A study plan (started four weeks ago, the exam sixteen weeks ahead) and a self-assessment,
        # so the dashboard works out the pace and this week's step as a planning user's does.
        import datetime as dt

        today = dt.date.today()
        plan = {"exam_date": (today + dt.timedelta(weeks=16)).isoformat(), "hours_per_week": 14,
                "start": (today - dt.timedelta(weeks=4)).isoformat(), "skip": []}
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'self_assessments'").fetchone():
            conn.execute("INSERT INTO settings (key, value) VALUES ('plan', ?)", [json.dumps(plan)])
            conn.executemany("INSERT INTO self_assessments (skill_area, knowledge, experience, at) VALUES (?, ?, ?, ?)",
                             [(a, rnd.randint(1, 4), rnd.randint(1, 4), iso(base, 0))
                              for a in sorted({area for _, area in questions})])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


# -- synthetic curricula ---------------------------------------------------------------------------

def synthetic_curriculum(dest: Path, shipped: Path, modules: int, items: int) -> None:
    """`modules` modules of `items` items each (half to-dos, half reflections), built from the
    shipped text so each file is as long as a real one would be."""
    import yaml

    (dest / "modules").mkdir(parents=True)
    shutil.copy(shipped / "framework.yaml", dest / "framework.yaml")
    fw = load_yaml(shipped / "framework.yaml")
    areas = [a["code"] for d in fw["domains"] for a in d["skill_areas"]]
    templates = [load_yaml(f) for f in sorted((shipped / "modules").glob("*.y*ml"))]
    all_todos = [t for m in templates for t in m["todos"]]
    all_refls = [r for m in templates for r in m["reflections"]]
    n_todos = items // 2
    for n in range(1, modules + 1):
        data = dict(templates[(n - 1) % len(templates)])
        data["number"] = n
        data["id"] = f"synthetic-{n}"
        data["title"] = f"Synthetic module {n}: {data['title']}"
        data["skill_area"] = None if n == 1 else areas[(n - 2) % len(areas)]
        data["todos"] = [dict(all_todos[k % len(all_todos)], id=f"s{n}-t{k + 1}") for k in range(n_todos)]
        data["reflections"] = [dict(all_refls[k % len(all_refls)], id=f"s{n}-r{k + 1}")
                               for k in range(items - n_todos)]
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        (dest / "modules" / f"{n:03d}-synthetic-{n}.yaml").write_text(text, encoding="utf-8")
    backdate(dest)


def backdate(root: Path, seconds: float = 3600) -> None:
    """Files written seconds ago are not cached yet (their timestamps may not have settled); a
    curriculum is normally older than that, so give these files an hour-old timestamp."""
    past = time.time() - seconds
    for p in root.rglob("*"):
        os.utime(p, (past, past))


# -- reporting -----------------------------------------------------------------------------------

def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} CPUs{mem}; {platform.system()} {platform.release()}"


def versions() -> str:
    from importlib.metadata import version

    import cetl_cli

    bits = [f"cetl {cetl_cli.__version__}", f"Python {platform.python_version()}"]
    for dist in ("typer", "pydantic", "rich", "PyYAML", "sqlite-utils"):
        try:
            bits.append(f"{dist} {version(dist)}")
        except Exception:  # noqa: BLE001 - informational only
            pass
    bits.append(f"SQLite {sqlite3.sqlite_version}")
    return ", ".join(bits)


def fmt_row(cols: list[str], widths: list[int]) -> str:
    return "| " + " | ".join(c.ljust(w) for c, w in zip(cols, widths)) + " |"


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = [fmt_row(headers, widths), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += [fmt_row(r, widths) for r in rows]
    return "\n".join(lines)


def verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def make_group(tmp: Path, cetl: list[str], env: dict[str, str], refls: list[str], members: int = 30) -> bool:
    """A study group in a folder: the heavy user joined, and `members - 1` other member files,
    each sharing three 1,000-character answers. False when this cetl has no `group` command."""
    if check(cetl + ["group", "--help"], env)[0] != 0:
        return False
    folder = tmp / "group"
    for argv in (["group", "create", str(folder), "--name", "Bench Cohort", "--exam-date", "2027-06-01",
                  "--first-meeting", "2026-09-01", "--every", "2w"],
                 ["group", "join", str(folder), "--as", "Bench User"]):
        code, line = check(cetl + argv, env)
        if code != 0:
            raise SystemExit(f"cetl {' '.join(argv[:2])} failed: {line}")
    mine = next((folder / "members").glob("*.json"))
    data = json.loads(mine.read_text(encoding="utf-8"))
    text = ("We would start with a survey of every principal and then a plan. " * 16)[:1000]
    for n in range(members - 1):
        shared = [{"item": refls[(n + k) % len(refls)], "ref": "1.r1", "version": 1, "text": text,
                   "at": data["written_at"]} for k in range(3)]
        other = dict(data, member=f"m-{n:016x}", name=f"Member {n + 1}", shared=shared)
        (folder / "members" / f"member-{n + 1}.json").write_text(json.dumps(other), encoding="utf-8")
    return True


# -- main ---------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=21, help="paired runs per command (default 21)")
    ap.add_argument("--quick", action="store_true", help="7 runs and smaller scaling steps")
    ap.add_argument("--json", metavar="FILE", help="also write the raw results as JSON")
    ap.add_argument("--eligibility-args", default="--json --degree master",
                    help="arguments after 'cetl check-eligibility' (default: --json --degree master; "
                         "the years and domains come from the experience log the benchmark fills)")
    args = ap.parse_args()
    runs = 7 if args.quick else args.runs

    from cetl_cli.content import default_curriculum_dir

    shipped = default_curriculum_dir()
    py = sys.executable
    script = Path(py).with_name("cetl.exe" if os.name == "nt" else "cetl")
    cetl = [str(script)] if script.exists() else [py, "-m", "cetl_cli"]

    tmp = Path(tempfile.mkdtemp(prefix="cetl-bench-"))
    try:
        hello_py = tmp / "hello.py"
        hello_py.write_text(HELLO)
        hello = [py, str(hello_py)]
        home = tmp / "home"
        # PYTHONDONTWRITEBYTECODE would make every run compile cetl's source again, which an
        # installed cetl never does (pip writes the .pyc files); the warm-up runs write them.
        env = {k: v for k, v in os.environ.items()
               if k not in ("CETL_CURRICULUM", "CETL_DEBUG", "PYTHONPROFILEIMPORTTIME", "PYTHONDEVMODE",
                            "PYTHONDONTWRITEBYTECODE")}
        env.update({"CETL_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100", "PAGER": "cat"})

        print(f"cetl start-up benchmark: {runs} paired runs per command")
        print(f"Machine: {machine()}")
        print(f"Software: {versions()}")
        print(f"cetl command: {' '.join(cetl)}")
        print(f"Hello app: {' '.join(hello)} (a Typer app with one command that prints 'ok')\n")

        t0 = time.perf_counter()
        todos, refls, questions, _ = curriculum_ids(shipped)
        fill_database(home / "cetl.db", todos, refls, questions, 50_000, 5_000, 20_000)
        size = (home / "cetl.db").stat().st_size / 2**20
        print(f"Heavy user: 50,000 to-do events, 5,000 reflection answers, 20,000 practice answers "
              f"({size:.1f} MiB database), built in {time.perf_counter() - t0:.1f} s\n")

        commands: list[tuple[str, list[list[str]]]] = [
            ("cetl --help", [["--help"]]),
            ("cetl", [[]]),
            ("cetl study module 3", [["study", "module", "3"]]),
            ("cetl progress", [["progress"]]),
            ("cetl progress --json", [["progress", "--json"]]),
            ("cetl plan", [["plan"]]),
            (STATS, [["stats"]]),
            ("cetl todo done 3.t1 + undo", [["todo", "done", "3.t1"], ["todo", "undo", "3.t1"]]),
            (f"cetl check-eligibility {args.eligibility_args}".strip(),
             [["check-eligibility", *args.eligibility_args.split()]]),
        ]
        if make_group(tmp, cetl, env, refls):
            commands += [("cetl group status (30 members)", [["group", "status"]]),
                         ("cetl group status --json (30 members)", [["group", "status", "--json"]])]
        # Warm-up: the first runs write the curriculum cache and the .pyc files.
        run_steps([{"tag": "w", "argv": a} for a in (cetl + ["progress"], hello) for _ in range(2)], env)
        results: list[Result] = []
        for label, steps in commands:
            if steps[0]:
                code, _ = check(cetl + [steps[0][0], "--help"], env)
                if code != 0:
                    results.append(Result(label, skipped="not in this cetl yet"))
                    print(f"  {label:<34} skipped: not in this cetl yet")
                    continue
            code, line = check(cetl + steps[0], env)
            if code != 0:
                results.append(Result(label, skipped=f"FAILED, exit {code}: {line}"))
                print(f"  {label:<34} FAILED, exit {code}: {line}")
                continue
            r = paired(label, [cetl + s for s in steps], hello, env, runs)
            results.append(r)
            print(f"  {label:<34} {r.ms:7.1f} ms vs {r.hello_ms:6.1f} ms  ratio {r.ratio:.2f}  "
                  f"(CPU {r.cpu_ratio or 0:.2f})  peak {r.peak_mib or 0:.1f} MiB")

        if any(label.startswith("cetl group") for label, _ in commands):
            # With --auto, every command that writes also rewrites the member file.
            check(cetl + ["group", "share", "--auto"], env)
            label = "cetl todo done 3.t1 + undo, group --auto"
            r = paired(label, [cetl + ["todo", "done", "3.t1"], cetl + ["todo", "undo", "3.t1"]], hello, env, runs)
            results.append(r)
            print(f"  {label:<34} {r.ms:7.1f} ms vs {r.hello_ms:6.1f} ms  ratio {r.ratio:.2f}  "
                  f"(CPU {r.cpu_ratio or 0:.2f})  peak {r.peak_mib or 0:.1f} MiB")
            check(cetl + ["group", "share", "--no-auto"], env)

        # -- how cost grows with the curriculum ---------------------------------------------
        print("\nScaling with curriculum size (50 items per module; empty history):")
        sizes = [25, 50, 100, 200] if not args.quick else [50, 100, 200]
        scale_runs = max(5, runs // 2)
        scale: list[dict] = []
        for n in sizes:
            cur = tmp / f"curriculum-{n}"
            synthetic_curriculum(cur, shipped, n, 50)
            shome = tmp / f"home-{n}"
            senv = dict(env, CETL_HOME=str(shome), CETL_CURRICULUM=str(cur))
            first_module = next((cur / "modules").glob("001-*.yaml"))
            validate = paired(f"validate {n}", [cetl + ["curriculum", "validate"]], hello, senv, scale_runs)
            cold = paired(f"progress {n} changed", [cetl + ["progress"]], hello, senv, scale_runs,
                          touch=first_module)
            run_steps([{"tag": "w", "argv": cetl + ["progress"]}], senv)  # writes the cache again
            warm = paired(f"progress {n}", [cetl + ["progress"]], hello, senv, scale_runs)
            row = {"modules": n, "items": n * 50, "validate": validate, "cold": cold, "warm": warm}
            scale.append(row)
            print(f"  {n:4d} modules, {n * 50:6d} items:  validate {validate.ms:7.1f} ms ({validate.ratio:.2f}x)"
                  f"  progress after a change {cold.ms:7.1f} ms ({cold.ratio:.2f}x)"
                  f"  progress unchanged {warm.ms:6.1f} ms ({warm.ratio:.2f}x, peak {warm.peak_mib or 0:.1f} MiB)")

        print("\nScaling with history size (shipped curriculum; events : answers : practice = 10 : 1 : 4):")
        hist: list[dict] = []
        for events in ([0, 50_000, 100_000, 200_000] if not args.quick else [0, 50_000, 200_000]):
            hhome = tmp / f"hist-{events}"
            fill_database(hhome / "cetl.db", todos, refls, questions, events, events // 10, events * 2 // 5)
            henv = dict(env, CETL_HOME=str(hhome))
            run_steps([{"tag": "w", "argv": cetl + ["progress"]}], henv)
            r = paired(f"progress {events} events", [cetl + ["progress"]], hello, henv, scale_runs)
            hist.append({"events": events, "progress": r})
            print(f"  {events:7d} events: progress {r.ms:6.1f} ms ({r.ratio:.2f}x, peak {r.peak_mib or 0:.1f} MiB)")

        # -- summary ----------------------------------------------------------------------
        print("\nSummary (targets: median ratio <= 1.25 on the heavy database; peak memory < 80 MiB)\n")
        rows = []
        for r in results:
            if r.skipped:
                rows.append([f"`{r.label}`", "skipped", "", "", "", "", r.skipped])
                continue
            ok = r.ratio <= TARGET_RATIO and (r.peak_mib or 0) < TARGET_MIB
            rows.append([f"`{r.label}`", f"{r.ms:.0f}", f"{r.hello_ms:.0f}", f"{r.ratio:.2f}",
                         f"{r.cpu_ratio:.2f}" if r.cpu_ratio else "n/a",
                         f"{r.peak_mib:.1f}" if r.peak_mib else "n/a", "no target" if r.label == STATS else verdict(ok)])
        print(table(["command", "cetl ms", "hello ms", "median ratio", "CPU ratio", "peak MiB", "meets target"],
                    rows))

        print("\nCurriculum size (target: `cetl progress` on 200 modules, unchanged since the last run, <= 1.5x;")
        print("cost over the hello app per 1,000 items stays about level when it grows linearly)\n")
        rows = []
        for row in scale:
            v, c, w = row["validate"], row["cold"], row["warm"]
            ok = w.ratio <= TARGET_BIG_PROGRESS if row["modules"] == 200 else True
            per_k = 1000 / row["items"]
            rows.append([str(row["modules"]), str(row["items"]), f"{v.ms:.0f} ({v.ratio:.2f}x)",
                         f"{(v.ms - v.hello_ms) * per_k:.0f}", f"{c.ms:.0f} ({c.ratio:.2f}x)",
                         f"{w.ms:.0f} ({w.ratio:.2f}x)", f"{(w.ms - w.hello_ms) * per_k:.1f}",
                         f"{w.peak_mib or 0:.1f}", verdict(ok)])
        print(table(["modules", "items", "validate ms", "validate, over hello per 1k items",
                     "progress after a change ms", "progress unchanged ms", "unchanged, over hello per 1k items",
                     "peak MiB", "meets target"], rows))

        print("\nHistory size (`cetl progress`, shipped curriculum)\n")
        rows = [[f"{h['events']:,}", f"{h['progress'].ms:.0f}", f"{h['progress'].ratio:.2f}",
                 f"{h['progress'].ms - h['progress'].hello_ms:.0f}", f"{h['progress'].peak_mib or 0:.1f}"]
                for h in hist]
        print(table(["to-do events", "progress ms", "ratio", "over hello ms", "peak MiB"], rows))

        if args.json:
            def dump(r: Result) -> dict:
                return {"label": r.label, "skipped": r.skipped, "times": r.times, "hello": r.hello,
                        "cpu": r.cpu, "hello_cpu": r.hello_cpu, "rss_kib": r.rss_kib}
            Path(args.json).write_text(json.dumps({
                "machine": machine(), "versions": versions(), "runs": runs,
                "commands": [dump(r) for r in results],
                "scale": [{"modules": s["modules"], **{k: dump(s[k]) for k in ("validate", "cold", "warm")}}
                          for s in scale],
                "history": [{"events": h["events"], "progress": dump(h["progress"])} for h in hist],
            }, indent=1))
        failed = [r for r in results if r.skipped.startswith("FAILED") or not r.skipped and r.label != STATS and (
            r.ratio > TARGET_RATIO or (r.peak_mib or 0) >= TARGET_MIB)]
        big = next((s["warm"] for s in scale if s["modules"] == 200), None)
        if big is not None and big.ratio > TARGET_BIG_PROGRESS:
            failed.append(big)
        print("\nAll targets met." if not failed else
              "\nTargets missed: " + ", ".join(r.label for r in failed))
        return 1 if failed else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
