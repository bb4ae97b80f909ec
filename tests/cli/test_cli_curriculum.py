"""`cetl curriculum validate` and --curriculum / CETL_CURRICULUM."""

from __future__ import annotations


def test_validate_the_shipped_curriculum(cetl):
    r = cetl("curriculum", "validate")
    assert r.exit_code == 0, r.output
    assert "11 modules, 10 skill areas, 66 to-dos, 66 reflection questions and 330 practice questions" in r.stdout


def test_a_broken_curriculum_gives_file_line_errors_and_exit_2(cetl, curriculum_copy):
    m = curriculum_copy / "modules" / "03-strategic-planning.yaml"
    m.write_text(m.read_text().replace("skill_area: I.B", "skill_area: I.Q"))
    (curriculum_copy / "modules" / "05-instructional-focus.yaml").write_text("number: 5\n  bad: indent\n")
    for args, env in (
        (["curriculum", "validate", str(curriculum_copy)], None),
        (["--curriculum", str(curriculum_copy), "progress"], None),
        (["study", "module", "1"], {"CETL_CURRICULUM": str(curriculum_copy)}),
    ):
        r = cetl(*args, env=env)
        assert r.exit_code == 2, (args, r.output)
        assert r.stdout == ""
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 2, lines
        assert any("03-strategic-planning.yaml:" in l and "skill_area: 'I.Q'" in l for l in lines)
        assert any("05-instructional-focus.yaml:2: (yaml): not valid YAML" in l for l in lines)
        assert "Traceback" not in r.output


def test_a_missing_curriculum_folder(cetl, tmp_path):
    r = cetl("--curriculum", str(tmp_path / "none"), "modules")
    assert r.exit_code == 2
    assert "no such curriculum folder" in r.stderr
