"""Every `--json` mapping in one place. Keys are only ever added (README, "JSON keys")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cetl_cli.services.readiness import DISCLAIMER

if TYPE_CHECKING:  # annotations only: each mapping's types are imported by its own command
    from cetl_cli.domain.eligibility import Verdict
    from cetl_cli.services.exam import HistoryRow
    from cetl_cli.services.exam_review import PastExam
    from cetl_cli.services.experience import Summary
    from cetl_cli.services.progress import ProgressReport
    from cetl_cli.services.recert import Status as RecertStatus
    from cetl_cli.services.reflect import Answer, ReflectionRow
    from cetl_cli.services.review import Overview
    from cetl_cli.services.search import Results
    from cetl_cli.services.study import ModulePage, ModuleRow
    from cetl_cli.services.todos import TodoRow
if TYPE_CHECKING:  # the group's views are imported by group commands only
    from cetl_cli.services.group_view import GroupView, MemberView
if TYPE_CHECKING:  # annotations only: `cetl progress --json` need not import the plan or the stats
    from cetl_cli.domain import plan as pl
    from cetl_cli.domain.models import Curriculum
    from cetl_cli.domain.readiness import Interval
    from cetl_cli.services.assess import AssessmentReport
    from cetl_cli.services.plan import PlanReport
    from cetl_cli.services.readiness import Readiness
    from cetl_cli.services.stats import StatsReport

Json = dict[str, Any]


def answer(a: Answer) -> Json:
    return {"version": a.version, "text": a.text, "at": a.at}


def progress(r: ProgressReport) -> Json:
    p, practice = r.progress, r.practice
    return {
        "skill_areas": [
            {"code": a.code, "name": a.name, "domain": a.domain, "weight": a.weight,
             "modules": list(a.modules), **a.tally.as_dict(),
             "quiz_accuracy": practice[a.code].percent if practice[a.code].asked else None,
             "quiz_answered": practice[a.code].asked}
            for a in p.areas
        ],
        "weakest_areas": [{"code": s.code, "name": s.name, "quiz_accuracy": s.percent} for s in r.weakest],
        "domains": [{"code": d.code, "name": d.name, "weight": d.weight, "percent": d.percent} for d in p.domains],
        "modules": [
            {"number": m.number, "title": m.title, "skill_area": m.skill_area, **p.modules[m.number].as_dict()}
            for m in r.curriculum.modules
        ],
        "overall": {
            **p.overall.as_dict(),
            "items_percent": p.overall.percent,  # every item in every module, unweighted
            "percent": p.readiness,  # skill areas weighted by exam weight
        },
        "coverage": p.readiness,
        "readiness": readiness(r.readiness, r.curriculum),
    }


def _interval(i: Interval | None) -> Json:
    return {"percent": i.point if i else None, "low": i.low if i else None, "high": i.high if i else None,
            "enough_answers": i is not None}


def readiness(r: Readiness, cur: Curriculum) -> Json:
    e, c = r.estimate, r.calibration
    names = {d.code: d.name for d in cur.framework.domains}
    return {
        "coverage": r.coverage.percent,
        "estimate": {
            "what": DISCLAIMER,
            "level": round(r.level * 100),
            "min_answers": e.min_answers,
            "overall": {"questions": sum(r.blueprint.values()), **_interval(e.overall), "lacking": list(e.lacking)},
            "domains": [{"code": g.name, "name": names.get(g.name, g.name), "questions": g.questions,
                         **_interval(g.interval), "lacking": list(g.lacking)} for g in e.domains],
            "skill_areas": [{"code": a.area, "questions": r.blueprint.get(a.area, 0), "answers": a.answers,
                             "effective_answers": a.effective_answers, **_interval(a.interval)} for a in e.areas],
        },
        "calibration": {
            "assessed": r.assessed,
            "over_confident": list(c.over_confident),
            "under_confident": list(c.under_confident),
            "unmeasured": list(c.unmeasured),
            "skill_areas": [{"code": row.area, "knowledge": row.rating, "implied_percent": row.implied_percent,
                             "measured": _interval(row.measured), "verdict": row.verdict} for row in c.rows],
        },
    }


def modules(rows: list[ModuleRow]) -> list[Json]:
    return [{"number": r.module.number, "id": r.module.id, "title": r.module.title,
             "skill_area": r.module.skill_area, **r.tally.as_dict()} for r in rows]


def module(page: ModulePage, history: dict[str, list[Answer]]) -> Json:
    cur, m = page.curriculum, page.module
    area = cur.areas.get(m.skill_area) if m.skill_area else None
    domain = cur.area_domain.get(m.skill_area) if m.skill_area else None
    return {
        "number": m.number,
        "id": m.id,
        "title": m.title,
        "skill_area": {"code": area.code, "name": area.name, "weight": area.weight} if area else None,
        "domain": {"code": domain.code, "name": domain.name, "weight": domain.weight} if domain else None,
        "summary": m.summary,
        "objectives": list(m.objectives),
        "key_concepts": [c.as_json() for c in m.key_concepts],
        "todos": [{"ref": i.ref, **t.as_json(), "done": t.id in page.done,
                   "notes": [{"text": n.text, "at": n.at} for n in page.notes.get(t.id, [])]}
                  for i, t in zip(cur.todos(m), m.todos)],
        "reflections": [
            {"ref": i.ref, **r.as_json(), "answered": r.id in page.answered, "versions": page.versions.get(r.id, 0),
             "answer": page.latest[r.id].text if r.id in page.latest else None,
             "history": [answer(a) for a in history.get(r.id, [])]}
            for i, r in zip(cur.reflections(m), m.reflections)
        ],
        "extending": [e.as_json() for e in m.extending],
        "progress": page.tally.as_dict(),
    }


def todos(rows: list[TodoRow]) -> list[Json]:
    return [{"ref": r.item.ref, "id": r.todo.id, "module": r.item.module.number, "text": r.todo.text,
             "minutes": r.todo.minutes, "done": r.done,
             "notes": [{"text": n.text, "at": n.at} for n in r.notes]} for r in rows]


def reflections(rows: list[ReflectionRow], history: dict[str, list[Answer]]) -> list[Json]:
    return [{"ref": r.item.ref, "id": r.item.id, "module": r.item.module.number, "prompt": r.item.text,
             "answered": r.versions > 0, "versions": r.versions,
             "answer": r.latest.text if r.latest else None,
             "history": [answer(a) for a in history.get(r.item.id, [])]} for r in rows]


def exam_history(rows: list[HistoryRow]) -> list[Json]:
    return [{
        "id": r.attempt.id, "status": r.attempt.status, "seed": r.attempt.seed, "minutes": r.attempt.minutes,
        "started_at": r.attempt.started_at, "finished_at": r.attempt.finished_at,
        "elapsed_seconds": round(r.attempt.elapsed_seconds, 1),
        "questions": r.questions, "answered": r.answered, "right": r.right, "percent": r.percent,
    } for r in rows]


def exam_review(past: PastExam, wrong_only: bool = False) -> Json:
    """A past exam question by question. Letters are as shown to the candidate (`order` maps
    them to the file: order[0] is the file's letter shown as A)."""
    a, o = past.attempt, past.report.overall
    return {
        "exam": {"id": a.id, "status": a.status, "seed": a.seed, "minutes": a.minutes, "started_at": a.started_at,
                 "finished_at": a.finished_at, "elapsed_seconds": round(a.elapsed_seconds, 1),
                 "questions": len(a.question_ids), "answered": o.answered, "right": o.right, "percent": o.percent,
                 "dropped": past.dropped},
        "questions": [{
            "number": r.number, "id": r.question.id, "skill_area": r.question.skill_area, "stem": r.question.stem,
            "choices": [r.question.choice(letter) for letter in r.shown], "order": list(r.shown),
            "choice": r.choice_shown, "key": r.key_shown, "choice_in_file": r.choice,
            "key_in_file": r.question.answer, "right": r.right, "answered": r.choice is not None,
            "flagged": r.flagged, "seconds": r.seconds, "explanation": r.question.explanation,
        } for r in past.questions if not (wrong_only and r.right)],
    }


def review_status(ov: Overview) -> Json:
    st = ov.status

    from cetl_cli.domain import review as rv

    def card(c: rv.Card) -> Json:
        item = ov.items.get(c.key)
        if isinstance(item, rv.Concept):
            area, text, module = item.module.skill_area, item.term, item.module.number
        else:
            area, text, module = getattr(item, "skill_area", None), getattr(item, "stem", None), None
        return {"key": c.key, "kind": c.kind, "skill_area": area, "module": module, "text": text,
                "state": rv.STATE_NAMES[c.state], "due": c.due.isoformat(),
                "last_review": c.last_review.isoformat() if c.last_review else None,
                "stability": c.stability, "difficulty": c.difficulty, "reps": c.reps, "lapses": c.lapses}

    return {
        "now": st.now.isoformat(), "due": len(st.due), "due_questions": st.due_questions,
        "due_concepts": st.due_concepts, "new_today": st.new_today, "new": len(st.new), "cards": st.cards,
        "retired": st.retired, "next_due": st.next_due.isoformat() if st.next_due else None,
        "exam_date": st.exam_date.isoformat() if st.exam_date else None, "final_weeks": st.final,
        "due_cards": [card(c) for c in st.due],
    }


def verdict(v: Verdict) -> Json:
    exp = v.facts.experience
    codes = v.rules.domain_codes
    return {
        "status": v.status,
        "route": v.route.id,
        "route_name": v.route.name,
        "verdict": v.route.verdict_text if v.status != "not_yet_eligible" else None,
        "missing": [m.text for m in v.missing],
        "eligible_on": v.eligible_on.isoformat() if v.eligible_on else None,
        "as_of": v.rules.as_of.isoformat(),
        "sources": [s.as_json() for s in v.rules.sources],
        "reminder": v.rules.reminder,
        "next_steps": list(v.next_steps),
        "answers": {
            "degree": v.facts.degree,
            "experience_from": exp.basis,
            "years": round(exp.years, 2) if exp.days is None else int(exp.years * 100) / 100,
            "days": exp.days,
            "since": exp.since.isoformat() if exp.since else None,
            "domains": [c for c in codes if c in v.facts.domains],
            "documents_ready": sorted(v.facts.documents),
        },
        "routes": [
            {"id": r.route.id, "name": r.route.name, "gives": r.route.verdict, "met": r.met,
             "missing": [m.text for m in r.missing],
             "eligible_on": r.eligible_on.isoformat() if r.eligible_on else None}
            for r in v.results
        ],
    }


def experience(s: Summary) -> Json:
    exp = s.experience
    from cetl_cli.domain import experience as ex

    whole, extra, _ = ex.years_from_days(exp.days or 0, exp.end) if exp.end else (0, 0, 0.0)
    return {
        "entries": [{"id": r.id, "role": r.role, "from": r.start, "to": r.end, "domains": list(r.domains),
                     "employer": r.employer, "supervisor": r.supervisor, "notes": r.notes}
                    for r in s.entries],
        "days": exp.days,
        "years": int(exp.years * 100) / 100,
        "whole_years": whole,
        "extra_days": extra,
        "current": exp.growing,
        "domains": [c for c in s.rules.domain_codes if c in s.domains],
    }


def _marked(snippet: str) -> Any:
    from cetl_cli.domain.search import marked

    return marked(snippet)


def search(r: Results) -> Json:
    hits = []
    for h in r.hits:
        text, matches = "", []
        for part, match in _marked(h.snippet):
            if match:
                matches.append([len(text), len(text) + len(part)])
            text += part
        hits.append({"in": h.kind, "module": h.module, "ref": h.ref, "where": h.label, "snippet": text,
                     "matches": matches, "command": h.command, "rank": round(h.rank, 4),
                     "version": h.version, "at": h.at})
    return {"query": r.query, "searched": r.where, "count": len(hits), "hits": hits}


def recert(st: RecertStatus) -> Json:
    c = st.cycle
    totals = {t.category.id: t for t in c.categories} if c else {}
    counted_ids = {a.id for a in st.activities} - {a.id for a in (c.outside + c.unknown)} if c else set()
    return {
        "started": c is not None,
        "certified": c.certified.isoformat() if c else None,
        "cycle_ends": c.ends.isoformat() if c else None,
        "days_left": c.days_left if c else None,
        "hours_required": st.rules.hours_required,
        "hours_counted": c.counted if c else 0.0,
        "hours_remaining": c.remaining if c else st.rules.hours_required,
        "complete": c.complete if c else False,
        "categories": [
            {"id": cat.id, "name": cat.name, "cap": cat.cap, "earns": cat.earns, "verified": cat.verified,
             "note": cat.note, "logged": totals[cat.id].logged if c else 0.0,
             "counted": totals[cat.id].counted if c else 0.0, "activities": totals[cat.id].activities if c else 0}
            for cat in st.rules.categories
        ],
        "activities": [{"id": a.id, "category": a.category, "hours": a.hours, "date": a.date, "note": a.note,
                        "in_cycle": a.id in counted_ids} for a in st.activities],
        "as_of": st.rules.as_of.isoformat(),
        "sources": [{"title": s.title, "page": s.page, "note": s.note} for s in st.rules.sources],
        "reminder": st.rules.reminder,
    }


def group_status(v: GroupView) -> Json:
    g = v.group
    return {
        "group": {"id": g.id, "name": g.name, "exam_date": g.exam_date.isoformat() if g.exam_date else None,
                  "folder": str(v.folder), "meetings": len(g.meetings)},
        "today": v.today.isoformat(),
        "next_meeting": ({"number": v.meeting_number(v.next_meeting), "date": v.next_meeting.date.isoformat(),
                          "modules": list(v.next_meeting.modules)} if v.next_meeting else None),
        "members": [_group_member(mv) for mv in v.members],
        "weakest_areas": [{"code": s.code, "name": s.name, "accuracy": s.percent, "answered": s.asked}
                          for s in v.weakest],
        "skipped": [{"file": s.file, "reason": s.reason} for s in v.skipped],
    }


def _group_member(mv: MemberView) -> Json:
    m = mv.member
    return {
        "id": m.member, "name": m.name, "you": mv.mine, "file": mv.file, "merged_copies": list(mv.copies),
        "on_track": mv.pace.status if mv.pace else None,
        "due_done": mv.pace.due_done if mv.pace else None, "due_total": mv.pace.due_total if mv.pace else None,
        "done": mv.done, "total": mv.total, "percent": mv.percent,
        "last_active": m.last_active.isoformat() if m.last_active else None, "as_of": m.as_of,
        "modules": [{"number": n, "done": d, "total": t} for n, (d, t) in sorted(mv.counts.items())],
        "practice": [{"code": a.area, "right": a.right, "answered": a.answered} for a in m.practice],
        "mock": ({"date": m.mock.date, "right": m.mock.right, "asked": m.mock.asked, "percent": m.mock.percent,
                  "domains": [d.as_json() for d in m.mock.domains]} if m.mock else None),
        "shared": [{"ref": a.ref, "item": a.item, "version": a.version} for a in m.shared],
        "comments": len(m.comments),
    }


# -- the study plan, the self-assessment, stats ------------------------------------------------

def _item(r: PlanReport, i: pl.WorkItem) -> Json:
    title = next((m.title for m in r.curriculum.modules if m.number == i.module), None) if i.module else None
    return {"kind": i.kind, "minutes": i.minutes, "module": i.module, "title": title, "skill_area": i.area,
            "mock": i.mock}


def _week(r: PlanReport, w: pl.Week) -> Json:
    return {"number": w.index + 1, "start": w.start.isoformat(), "end": w.end.isoformat(), "final": w.final,
            "study_days": w.study_days, "minutes_available": w.minutes_available, "work_minutes": w.work_minutes,
            "items": [_item(r, i) for i in w.items]}


def plan(r: PlanReport) -> Json:
    p, t, rule = r.plan, r.on_track, r.application
    week = r.this_week
    return {
        "exam_date": r.exam_date.isoformat(), "start": r.start.isoformat(), "today": r.today.isoformat(),
        "hours_per_week": r.setting.hours_per_week, "skip": list(r.setting.skip),
        "days_to_exam": r.days_to_exam, "weeks": len(p.weeks), "weeks_left": r.weeks_left,
        "fits": p.fits, "needed_minutes": p.total_needed_minutes, "available_minutes": p.available_minutes,
        "unscheduled": [_item(r, i) for i in p.unscheduled],
        "hours_per_week_needed": p.hours_per_week_needed,
        "earliest_exam_date": p.earliest_exam_date.isoformat() if p.earliest_exam_date else None,
        "on_track": None if t is None else {
            "status": t.status, "expected_minutes": t.expected_minutes, "done_minutes": t.done_minutes,
            "minutes_ahead": t.minutes_ahead, "hours_ahead": t.hours_ahead},
        "this_week": _week(r, week) if week else None,
        "application": {
            "apply_from": p.apply_from.isoformat(), "apply_by": p.apply_by.isoformat(),
            "window_days": rule.window_days, "as_of": rule.as_of.isoformat(), "source": rule.source,
            "margin_days": r.margin_days,
            "margin_note": "apply_by is cetl's suggestion (time for approval and booking), not a CoSN rule"},
        "gaps": [{"code": code, "gap": value, "from": r.gap_sources[code]} for code, value in r.gaps.items()],
        "mocks_done": r.mocks_done,
        "schedule": [_week(r, w) for w in p.weeks],
    }


def _rating(a: Any) -> Json:
    return {"code": a.skill_area, "knowledge": a.knowledge, "experience": a.experience, "at": a.at}


def assessment(r: AssessmentReport, cur: Curriculum) -> Json:
    return {"saved": r.saved, "skill_areas": [_rating(a) for a in r.latest.values()],
            "not_rated": [c for c in cur.areas if c not in r.latest],
            "calibration": readiness(r.readiness, cur)["calibration"]}


def assessment_history(r: AssessmentReport) -> list[Json]:
    return [_rating(a) for a in r.history]


def stats(r: StatsReport) -> Json:
    s, h, w = r.streak, r.heatmap, r.weekly
    return {
        "today": r.today.isoformat(),
        "streak": {"current": s.current, "longest": s.longest,
                   "last_study_day": s.last_study_day.isoformat() if s.last_study_day else None,
                   "allowed_missed_days_per_week": r.allowed_gaps},
        "heatmap": {"first_day": h.first_day.isoformat(), "weeks": [list(row) for row in h.rows],
                    "minutes": {d.isoformat(): m for d, m in sorted(r.minutes.items())}},
        "mock_exams": [{"id": m.attempt_id, "date": m.day.isoformat(), "percent": m.percent} for m in r.mocks],
        "weekly_accuracy": {
            "week_starts": [d.isoformat() for d in w.week_starts],
            "skill_areas": [{"code": a.area, "weeks": [{"right": t.right, "answered": t.answered,
                                                        "percent": t.percent} for t in a.weeks]}
                            for a in w.areas]},
    }
