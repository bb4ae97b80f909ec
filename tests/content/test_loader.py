"""The curriculum loader: the shipped curriculum loads; broken ones report file:line problems."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from quizbank import minimal

from cetl_cli.content.loader import load_curriculum
from cetl_cli.domain.errors import CurriculumError

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<path>[^:]+): (?P<msg>.+)$")


def problems_of(directory: Path) -> list[str]:
    with pytest.raises(CurriculumError) as info:
        load_curriculum(directory)
    return info.value.problems


def test_shipped_curriculum_has_eleven_modules_in_framework_order(curriculum):
    assert [m.number for m in curriculum.modules] == list(range(1, 12))
    assert curriculum.modules[0].skill_area is None
    codes = [a.code for d in curriculum.framework.domains for a in d.skill_areas]
    assert [m.skill_area for m in curriculum.modules[1:]] == codes


def test_block_scalar_text_is_reflowed_but_paragraphs_are_kept(curriculum):
    summary = curriculum.modules[2].summary
    assert "\n\n" in summary or "\n" not in summary
    assert all("\n" not in para for para in summary.split("\n\n"))


def test_a_broken_value_is_reported_with_its_file_and_line(curriculum_copy):
    path = curriculum_copy / "modules" / "03-strategic-planning.yaml"
    lines = path.read_text().splitlines()
    n = next(i for i, l in enumerate(lines) if l.startswith("todos:"))
    # the first to-do's id line is right after `todos:` (as "  - id: ...")
    assert lines[n + 1].lstrip().startswith("- id:")
    lines[n + 1] = lines[n + 1].split("id:")[0] + "id: Not A Slug"
    path.write_text("\n".join(lines) + "\n")
    problems = problems_of(curriculum_copy)
    assert len(problems) == 1
    m = LINE.match(problems[0])
    assert m, problems[0]
    assert m["file"].endswith("03-strategic-planning.yaml")
    assert int(m["line"]) == n + 2
    assert m["path"] == "todos[0].id"


def test_all_problems_in_all_files_are_reported_at_once(curriculum_copy):
    (curriculum_copy / "modules" / "02-leadership-vision.yaml").write_text("number: [unclosed\n")
    m4 = curriculum_copy / "modules" / "04-ethics-policies.yaml"
    m4.write_text(m4.read_text().replace("skill_area: I.C", "skill_area: I.Z") + "colour: blue\n")
    fw = curriculum_copy / "framework.yaml"
    fw.write_text(fw.read_text().replace("weight: 15\n", "weight: 16\n", 1))
    problems = problems_of(curriculum_copy)
    text = "\n".join(problems)
    assert "02-leadership-vision.yaml:2: (yaml): not valid YAML" in text
    assert re.search(r"04-ethics-policies.yaml:\d+: skill_area: 'I.Z' is not a skill area", text)
    assert re.search(r"04-ethics-policies.yaml:\d+: colour: unknown field", text)
    assert re.search(r"framework.yaml:\d+: domains\[0\].weight: is 40 but its skill areas' weights add up to 41", text)
    assert "domain weights add up to" not in text  # the domains still add up to 100
    assert all(LINE.match(p) for p in problems), problems


def test_duplicate_ids_and_gaps_in_numbering_are_caught(curriculum_copy):
    m5 = curriculum_copy / "modules" / "05-instructional-focus.yaml"
    m6 = curriculum_copy / "modules" / "06-team-building.yaml"
    first_id = re.search(r"- id: (\S+)", m5.read_text()).group(1)
    m6.write_text(re.sub(r"- id: \S+", f"- id: {first_id}", m6.read_text(), count=1))
    (curriculum_copy / "modules" / "07-stakeholder-focus.yaml").unlink()
    text = "\n".join(problems_of(curriculum_copy))
    assert f"id '{first_id}' is already used at" in text
    assert "module numbers must run 1..10 with no gaps (missing 7)" in text


def test_file_number_must_match_the_number_field(curriculum_copy):
    src = curriculum_copy / "modules" / "11-data-management.yaml"
    src.rename(curriculum_copy / "modules" / "12-data-management.yaml")
    text = "\n".join(problems_of(curriculum_copy))
    assert "12-data-management.yaml:1: number: is 11 but the file name starts with 12" in text


def test_missing_folder_and_missing_framework(tmp_path):
    assert "no such curriculum folder" in problems_of(tmp_path / "nope")[0]
    (tmp_path / "modules").mkdir()
    text = "\n".join(problems_of(tmp_path))
    assert "framework.yaml:0: (file): missing" in text
    assert "no module files" in text


def test_future_as_of_is_rejected(curriculum_copy):
    m = curriculum_copy / "modules" / "08-it-management.yaml"
    text = m.read_text()
    assert "as_of:" in text
    m.write_text(re.sub(r"as_of: \S+", "as_of: 2999-01-01", text, count=1))
    assert "date 2999-01-01 is in the future" in "\n".join(problems_of(curriculum_copy))


def test_a_minimal_curriculum_loads(tmp_path):
    cur = load_curriculum(minimal(tmp_path, textwrap.dedent("""\
        number: 1
        id: one
        title: One
        skill_area: I.A
        summary: s
        todos: [{id: t-one, text: "Do [bold]this[/]"}]
        reflections: [{id: r-one, prompt: Why?}]
    """)))
    assert cur.items["t-one"].ref == "1.t1"
    assert cur.items["t-one"].text == "Do [bold]this[/]"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_module_text_either_loads_or_gives_located_problems(tmp_path, text):
    directory = minimal(tmp_path, text)
    try:
        load_curriculum(directory)
    except CurriculumError as err:
        assert err.problems
        for p in err.problems:
            assert LINE.match(p) or p.count(":") >= 3, p
