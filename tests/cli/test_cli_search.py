"""`cetl search`: hits in the material with the command to open each, answers found as soon as
they are saved, a changed curriculum searched as it is now, and one line for a bad query."""

from __future__ import annotations

import json
import re


def search(cetl, *args, env=None) -> dict:
    r = cetl("search", *args, "--json", env=env)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_ferpa_is_found_in_the_material_with_the_command_that_opens_each_hit(cetl):
    data = search(cetl, "FERPA")
    hits = data["hits"]
    assert data["count"] == len(hits) > 0
    assert {h["in"] for h in hits} <= {"material", "question"}
    modules = {h["module"] for h in hits if h["in"] == "material"}
    assert {4, 11} <= modules  # the ethics module and the data-management module both cover it
    for h in hits:
        assert h["command"] == (f"cetl study module {h['module']}" if h["in"] == "material"
                                else f"cetl reflect {h['ref']}")
        start, end = h["matches"][0]
        assert h["snippet"][start:end].lower() == "ferpa"
        assert "\ue000" not in h["snippet"]
    ranks = [h["rank"] for h in hits]
    assert ranks == sorted(ranks)  # best first (bm25: lower is better)


def test_an_answer_is_found_right_after_it_is_saved(cetl):
    assert search(cetl, "zeppelin", "--in", "answers")["hits"] == []
    assert cetl("reflect", "4.r2", "--text", "Our vendor contracts mention a zeppelin clause.").exit_code == 0
    hits = search(cetl, "zeppelin")["hits"]
    assert [(h["in"], h["ref"], h["command"], h["version"]) for h in hits] == [
        ("answer", "4.r2", "cetl reflect 4.r2", 1)]
    cetl("reflect", "4.r2", "--text", "Rewritten without that word.")
    assert search(cetl, "zeppelin")["hits"] == []  # the latest answer is what is searched
    assert search(cetl, "rewritten", "--in", "material")["hits"] == []


def test_questions_only_and_the_text_view_marks_matches_in_the_output_styles(cetl):
    data = search(cetl, "superintendent", "--in", "questions")
    assert data["hits"] and all(h["in"] == "question" and h["command"].startswith("cetl reflect ")
                                for h in data["hits"])
    r = cetl("search", "FERPA", "-n", "3", env={"NO_COLOR": "", "FORCE_COLOR": "1", "COLUMNS": "60"})
    assert r.exit_code == 0
    assert "\x1b[1;4mFERPA\x1b[0m" in r.stdout  # bold underline, drawn by the output layer
    assert "\ue000" not in r.stdout and "\ue001" not in r.stdout
    plain = re.sub(r"\x1b\[[0-9;]*m", "", r.stdout)
    assert all(len(line) <= 60 for line in plain.splitlines())
    assert plain.rstrip().splitlines()[-1].startswith("Next: open the best match with cetl study module ")


def test_a_changed_curriculum_is_searched_as_it_is_now(cetl, curriculum_copy):
    c = {"CETL_CURRICULUM": str(curriculum_copy)}
    assert search(cetl, "quokka", env=c)["hits"] == []
    m = curriculum_copy / "modules" / "03-strategic-planning.yaml"
    m.write_text(m.read_text().replace("summary: |\n", "summary: |\n  A quokka-sized plan.\n", 1))
    hits = search(cetl, "quokka", env=c)["hits"]
    assert [(h["module"], h["where"], h["command"]) for h in hits] == [(3, "Summary", "cetl study module 3")]


def test_plain_punctuation_works_and_bad_fts5_syntax_is_one_line(cetl):
    assert search(cetl, "E-Rate")["hits"]
    assert search(cetl, "plan*", "-n", "5")["count"] == 5
    for query in ("privacy OR", '"unterminated', "NOT privacy"):
        r = cetl("search", query)
        assert r.exit_code == 1, (query, r.output)
        assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("cetl: ")
        assert "not a search cetl can read" in r.stderr and "Traceback" not in r.stderr
    for args, code in ((["", ], 1), (["x", "--in", "everything"], 2), (["x", "-n", "0"], 2)):
        r = cetl("search", *args)
        assert r.exit_code == code, (args, r.output)


def test_nothing_found_says_what_to_try(cetl):
    r = cetl("search", "xylophonics")
    assert r.exit_code == 0
    assert "Nothing found for 'xylophonics'" in r.stdout and "Next:" in r.stdout


def test_a_database_cetl_cannot_write_now_is_still_searched(cetl, monkeypatch):
    from cetl_cli.domain.errors import StoreReadOnly
    from cetl_cli.store import Store

    cetl("reflect", "4.r2", "--text", "A zeppelin clause.")

    def refuse(self, key, docs):
        raise StoreReadOnly("read-only", "hint")

    monkeypatch.setattr(Store, "rebuild_material", refuse)  # the index cannot be rebuilt
    r = cetl("search", "zeppelin")
    assert r.exit_code == 0, r.output
    assert "cetl reflect 4.r2" in r.stdout
