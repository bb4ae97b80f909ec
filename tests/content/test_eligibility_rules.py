"""eligibility.yaml: validated like the rest of the curriculum, and replaceable by a chapter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cetl_cli.content import rules as cr
from cetl_cli.domain.errors import CurriculumError

SHIPPED_TEXT = (cr.rules_path(None)).read_text(encoding="utf-8")


def write(folder: Path, text: str) -> Path:
    path = folder / "eligibility.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str, nth: int = 1) -> int:
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            count += 1
            if count == nth:
                return number
    raise AssertionError(f"{needle!r} not in the file")


def problems(path: Path, framework=None) -> list[str]:
    with pytest.raises(CurriculumError) as info:
        cr.load_rules(path, framework)
    return info.value.problems


def test_the_shipped_file_loads():
    rules = cr.load_rules(cr.rules_path(None), ["I", "II", "III"])
    assert [r.id for r in rules.routes] == ["standard", "no-degree-waiver"]


def test_schema_problems_come_with_file_line_and_field(tmp_path):
    text = (SHIPPED_TEXT.replace("min_years: 4", "min_years: four")
            .replace("degrees: [none, associate]", "degrees: [none, phd]")
            .replace("as_of: 2026-11-28", "as_of: 2999-01-01", 1))  # the top one only
    path = write(tmp_path, text)
    found = problems(path)
    assert f"{path}:{line_of(text, 'min_years: four')}: routes[0].min_years: " in "\n".join(found)
    assert any(p.startswith(f"{path}:{line_of(text, 'degrees: [none, phd]')}: routes[1].degrees[1]:") for p in found)
    assert any(p.startswith(f"{path}:{line_of(text, 'as_of: 2999')}: as_of:") and "in the future" in p for p in found)
    assert len(found) == 3  # all at once


def test_missing_and_unknown_fields(tmp_path):
    text = SHIPPED_TEXT.replace("reminder: >-", "remindr: >-")
    found = problems(write(tmp_path, text))
    assert any(": reminder: required field is missing" in p for p in found)
    assert any(": remindr: unknown field" in p for p in found)


def test_cross_checks_domains_routes_and_framework(tmp_path):
    text = (SHIPPED_TEXT.replace("    domains: [I, II, III]\n    verdict: eligible\n",
                                 "    domains: [I, IV, I]\n    verdict: eligible\n")
            .replace("  - code: III\n", "  - code: IX\n")
            .replace("id: no-degree-waiver", "id: standard"))
    path = write(tmp_path, text)
    found = problems(path, ["I", "II", "III"])
    joined = "\n".join(found)
    assert f"{path}:{line_of(text, 'code: IX')}: domains[2].code: IX is not a domain in framework.yaml" in joined
    assert ("routes[0].domains[1]: IV is not one of the domains listed at the top of the file "
            "(valid: I, II, IX)") in joined
    assert "routes[0].domains[2]: I is listed twice" in joined
    assert f"{path}:{line_of(text, 'id: standard', 2)}: routes[1].id: duplicate route id 'standard'" in joined


def test_document_ids_are_limited_to_those_with_a_flag(tmp_path):
    text = SHIPPED_TEXT.replace("id: supervisor_letter", "id: reference_letter")
    found = problems(write(tmp_path, text))
    assert any("routes[1].documents[1].id:" in p and "supervisor_letter" in p for p in found)


def test_broken_yaml_is_one_line(tmp_path):
    found = problems(write(tmp_path, "as_of: [2026\n"))
    assert len(found) == 1 and "not valid YAML" in found[0]


def test_curriculum_validate_reports_eligibility_problems_with_the_rest(cetl, curriculum_copy):
    text = SHIPPED_TEXT.replace("min_years: 7", "min_years: -7")
    write(curriculum_copy, text)
    module = curriculum_copy / "modules" / "03-strategic-planning.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("number: 3", "number: 33"), encoding="utf-8")
    r = cetl("curriculum", "validate", str(curriculum_copy))
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert any("03-strategic-planning.yaml" in line for line in lines)
    assert f"{curriculum_copy / 'eligibility.yaml'}:{line_of(text, 'min_years: -7')}: routes[1].min_years:" in r.stderr


def test_curriculum_validate_mentions_good_rules(cetl):
    r = cetl("curriculum", "validate")
    assert r.exit_code == 0, r.output
    assert "eligibility.yaml has 2 routes, rules as of" in r.stdout


def test_a_chapter_folder_without_eligibility_yaml_validates_and_uses_the_shipped_rules(cetl, curriculum_copy):
    (curriculum_copy / "eligibility.yaml").unlink()
    r = cetl("curriculum", "validate", str(curriculum_copy))
    assert r.exit_code == 0, r.output
    assert "eligibility.yaml" not in r.stdout
    r = cetl("--curriculum", str(curriculum_copy), "check-eligibility", "--degree", "bachelor",
             "--years", "5", "--domains", "I,II,III", "--json")
    assert json.loads(r.stdout)["status"] == "eligible"


def test_a_chapter_can_ship_its_own_rules(cetl, curriculum_copy):
    write(curriculum_copy, SHIPPED_TEXT.replace("min_years: 4", "min_years: 3")
          .replace("as_of: 2026-11-28", "as_of: 2025-01-15"))
    args = ["check-eligibility", "--degree", "bachelor", "--years", "3", "--domains", "I,II,III", "--json"]
    assert json.loads(cetl(*args).stdout)["status"] == "not_yet_eligible"
    data = json.loads(cetl("--curriculum", str(curriculum_copy), *args).stdout)
    assert (data["status"], data["as_of"]) == ("eligible", "2025-01-15")


def test_check_eligibility_stops_on_broken_chapter_rules(cetl, curriculum_copy):
    write(curriculum_copy, SHIPPED_TEXT.replace("verdict: eligible\n", "verdict: maybe\n"))
    r = cetl("--curriculum", str(curriculum_copy), "check-eligibility", "--degree", "bachelor",
             "--years", "5", "--domains", "I,II,III")
    assert r.exit_code == 2
    assert "eligibility.yaml:" in r.stderr and "routes[0].verdict" in r.stderr
    assert "Traceback" not in r.output
