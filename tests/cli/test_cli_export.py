"""`cetl export markdown|json|csv` and `cetl import`: the round trip into a fresh CETL_HOME,
importing twice, files never overwritten unasked, and files from outside checked."""

from __future__ import annotations

import csv
import io
import json

import pytest


def record(cetl, folder, tmp_path) -> None:
    """A study record with something of every kind, made through the commands themselves."""
    c = ["--curriculum", str(folder)]
    assert cetl(*c, "todo", "done", "1.t1", "1.t2", "3.t1").exit_code == 0
    assert cetl(*c, "todo", "undo", "1.t2").exit_code == 0
    assert cetl(*c, "todo", "note", "3.t1", "Gap analysis: https://example.org/gap").exit_code == 0
    assert cetl(*c, "reflect", "1.r1", "--text", "First thoughts").exit_code == 0
    assert cetl(*c, "reflect", "1.r1", "--text", "Second, better thoughts").exit_code == 0
    assert cetl(*c, "reflect", "4.r2", "--stdin", input="Our FERPA notice\nis sent each August.\n").exit_code == 0
    failing = tmp_path / "fail.py"
    failing.write_text("import sys\nopen(sys.argv[1], 'w').write('Half a draft')\nsys.exit(1)\n")
    cetl(*c, "reflect", "2.r1", env={"EDITOR": f"python3 {failing}"})  # leaves a draft
    assert cetl(*c, "quiz", "-n", "3", "--seed", "4", input="A\nB\nC\n").exit_code == 0
    assert cetl(*c, "exam", "--seed", "5", input="A\nB\nC\n").exit_code == 0  # paused after 3
    assert cetl(*c, "experience", "add", "--role", "CTO", "--from", "2020-07-01", "--domains", "all",
                "--employer", "Example USD", "--supervisor", "Dr. A. Rivera").exit_code == 0
    assert cetl(*c, "recert", "start", "--certified", "2025-03-15").exit_code == 0
    assert cetl(*c, "recert", "add", "-c", "teaching", "--hours", "2", "--date", "2025-09-01").exit_code == 0


def views(cetl, folder) -> dict:
    c = ["--curriculum", str(folder)]
    out = {}
    for name, args in (("progress", ["progress", "--json"]), ("reflections", ["reflections", "--json"]),
                       ("todos", ["todo", "list", "--json"]), ("exams", ["exam", "history", "--json"]),
                       ("experience", ["experience", "list", "--json"]), ("recert", ["recert", "--json"]),
                       ("everything", ["export", "json"])):
        r = cetl(*c, *args)
        assert r.exit_code == 0, r.output
        out[name] = json.loads(r.stdout)
    del out["everything"]["exported_at"]
    return out


def test_export_then_import_into_a_fresh_home_gives_the_same_record_and_twice_adds_nothing(
        cetl, folder, tmp_path):
    record(cetl, folder, tmp_path)
    before = views(cetl, folder)
    assert before["reflections"][0]["versions"] == 2  # history to carry over
    assert len(before["everything"]["drafts"]) == 1 and before["exams"][0]["status"] == "in_progress"
    exported = tmp_path / "cetl-export.json"
    r = cetl("export", "json", "--out", str(exported))
    assert r.exit_code == 0, r.output
    assert "Wrote everything you recorded" in r.stdout and "Next: " in r.stdout

    fresh = {"CETL_HOME": str(tmp_path / "fresh-home")}
    r = cetl("import", str(exported), env=fresh)
    assert r.exit_code == 0, r.output
    assert "added" in r.stdout and "answer versions" in r.stdout
    after = views(lambda *a, **k: cetl(*a, env=fresh, **k), folder)
    assert after == before  # progress, answers with every version and its date, to-dos, exams, ...

    r = cetl("import", str(exported), env=fresh)
    assert r.exit_code == 0
    assert "Nothing new" in r.stdout
    assert views(lambda *a, **k: cetl(*a, env=fresh, **k), folder) == before
    assert cetl("import", str(exported)).stdout.startswith("Nothing new")  # into the database it came from


def test_a_file_is_never_overwritten_without_force(cetl, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("keep me")
    r = cetl("export", "json", "--out", str(target))
    assert r.exit_code == 1
    assert "already exists" in r.stderr and "--force" in r.stderr
    assert target.read_text() == "keep me"
    assert cetl("export", "json", "--out", str(target), "--force").exit_code == 0
    assert json.loads(target.read_text())["format"] == "cetl-export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind
    r = cetl("export", "markdown", "--out", str(tmp_path / "missing-folder" / "p.md"))
    assert r.exit_code == 1 and "There is no folder" in r.stderr


@pytest.mark.parametrize(("content", "message"), [
    ("not json at all", "is not JSON cetl can read"),
    ('{"format": "cetl-export", "version": 9}', "newer cetl (format version 9; this cetl reads up to 1)"),
    ('{"format": "cetl-export", "version": 1, "reflection_answers": [{"item_id": "r"}]}',
     "reflection_answers[0].version"),
    ('{"format": "cetl-export", "version": 1, "x": NaN}', "NaN is not allowed"),
    ("[" * 100_000, "is not JSON cetl can read"),
])
def test_a_bad_file_is_one_line_and_changes_nothing(cetl, tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    cetl("reflect", "1.r1", "--text", "mine")
    r = cetl("import", str(bad))
    assert r.exit_code == 1, r.output
    assert message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert json.loads(cetl("reflections", "-m", "1", "--json").stdout)[0]["versions"] == 1


def test_a_file_over_the_size_limit_is_refused_unread(cetl, tmp_path, monkeypatch):
    from cetl_cli.services import export

    monkeypatch.setattr(export, "MAX_IMPORT", 100)
    big = tmp_path / "big.json"
    big.write_text('{"format": "cetl-export", "version": 1, "settings": {"k": "' + "x" * 200 + '"}}')
    r = cetl("import", str(big))
    assert r.exit_code == 1 and "too large" in r.stderr


def test_the_portfolio_has_answers_dates_todos_notes_standing_and_exams(cetl, folder, tmp_path):
    record(cetl, folder, tmp_path)
    cetl("--curriculum", str(folder), "reflect", "3.r1", "--text", "<script>alert(1)</script>\n# not a heading")
    r = cetl("--curriculum", str(folder), "export", "markdown")
    assert r.exit_code == 0, r.output
    md = r.stdout
    assert md.startswith("# CETL study portfolio\n")
    assert "## Module 1 · " in md and "## Module 4 · " in md
    assert "> Second, better thoughts" in md and "> First thoughts" not in md  # the latest only
    assert "*Version 2 of 2, " in md
    assert "> Our FERPA notice\n> is sent each August." in md
    assert "- **1.t1** (done " in md and "1.t2" not in md.split("## Module 2")[0].split("### To-dos")[1]
    assert "  - Note, " in md and "https://example.org/gap" in md
    assert "&lt;script>" in md and "<script>" not in md  # no HTML from outside reaches a renderer
    assert "> # not a heading" in md
    assert "## Where I stand" in md and "| I.A " in md
    assert "## Mock exams" in md and "in progress" in md
    assert "Next:" not in md  # piped: the file is only the portfolio
    hist = cetl("--curriculum", str(folder), "export", "markdown", "--module", "1", "--history").stdout
    assert "> First thoughts" in hist and "*Version 1 of 2, " in hist and "## Module 2" not in hist


def test_csv_tables_are_for_spreadsheets_and_never_formulas(cetl, tmp_path):
    cetl("reflect", "1.r1", "--text", "=HYPERLINK(\"http://evil.example\")")
    cetl("todo", "done", "1.t1")
    r = cetl("export", "csv", "answers")
    assert r.exit_code == 0
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert rows[0] == ["ref", "module", "id", "question", "version", "latest", "saved_at", "answer"]
    assert rows[1][0] == "1.r1" and rows[1][-1].startswith("'=HYPERLINK")
    todos = list(csv.reader(io.StringIO(cetl("export", "csv", "todos").stdout.lstrip("\ufeff"))))
    assert todos[1][:5] == ["1.t1", "1", todos[1][2], todos[1][3], "yes"] and todos[1][5]
    r = cetl("export", "csv", "grades")
    assert r.exit_code == 2 and "answers, todos, notes" in r.stderr
    for kind in ("notes", "practice", "exams", "experience", "recert"):
        assert cetl("export", "csv", kind).exit_code == 0


def test_export_help_and_the_format_document_agree():
    from pathlib import Path

    from cetl_cli.domain import transfer

    doc = (Path(__file__).resolve().parents[2] / "docs" / "export-format.md").read_text()
    assert f'"version": {transfer.VERSION}' in doc
    for kind in transfer.KINDS:
        assert f"`{kind}`" in doc, kind
