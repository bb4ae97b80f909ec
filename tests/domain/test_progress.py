"""Progress maths: tallies per module, skill area and domain; readiness weighted by exam weight."""

from __future__ import annotations

from cetl_cli.domain import progress as prog


def all_ids(module):
    return {t.id for t in module.todos}, {r.id for r in module.reflections}


def test_nothing_done_is_zero_everywhere_and_module_one_is_current(curriculum):
    p = prog.compute(curriculum, set(), set())
    assert p.overall.done == 0 and p.readiness == 0
    assert all(a.tally.percent == 0 for a in p.areas)
    assert prog.current_module(curriculum, set(), set()).number == 1
    assert prog.next_item(curriculum, curriculum.modules[0], set(), set()).ref == "1.t1"


def test_a_done_todo_counts_under_its_skill_area_only(curriculum):
    todo = curriculum.modules[2].todos[0].id  # module 3 = I.B
    p = prog.compute(curriculum, {todo}, set())
    by_code = {a.code: a for a in p.areas}
    assert by_code["I.B"].tally.todos_done == 1
    assert sum(a.tally.todos_done for a in p.areas) == 1


def test_completing_one_area_gives_readiness_equal_to_its_weight(curriculum):
    module = curriculum.modules[1]  # I.A, 15%
    done, answered = all_ids(module)
    p = prog.compute(curriculum, done, answered)
    assert {a.code: a.tally.percent for a in p.areas}["I.A"] == 100.0
    assert p.readiness == 15.0
    domain_i = next(d for d in p.domains if d.code == "I")
    assert domain_i.percent == 37.5  # 15 of the domain's 40 points


def test_everything_done_is_one_hundred_and_no_current_module(curriculum):
    done = {t.id for m in curriculum.modules for t in m.todos}
    answered = {r.id for m in curriculum.modules for r in m.reflections}
    p = prog.compute(curriculum, done | {"stale-id"}, answered | {"old-question"})
    assert p.readiness == 100.0 and p.overall.percent == 100.0
    assert prog.current_module(curriculum, done, answered) is None


def test_next_step_prefers_open_todos_then_unanswered_reflections(curriculum):
    m1 = curriculum.modules[0]
    todos, refls = all_ids(m1)
    item = prog.next_item(curriculum, m1, todos, set())
    assert item.kind == "reflection" and item.ref == "1.r1"
    # With module 1 complete, module 2 becomes current.
    assert prog.current_module(curriculum, todos, refls).number == 2


def test_first_unanswered_wraps_around_from_the_current_module(curriculum):
    answered = {r.id for m in curriculum.modules[3:] for r in m.reflections}
    item = prog.first_unanswered(curriculum, curriculum.modules[3], answered)
    assert item.ref == "1.r1"
