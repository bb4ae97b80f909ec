"""The eligibility check itself: pure functions, a fixed `today`, the shipped rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cetl_cli.content import rules as cr
from cetl_cli.content.loader import default_curriculum_dir
from cetl_cli.domain import eligibility as el
from cetl_cli.domain import experience as ex
from cetl_cli.domain import rules as rl
from cetl_cli.domain.errors import UserInputError

D = dt.date
TODAY = D(2026, 11, 28)
ALL = frozenset({"I", "II", "III"})
BOTH_DOCS = frozenset({"waiver_request", "supervisor_letter"})


@pytest.fixture(scope="module")
def rules() -> rl.Rules:
    return cr.load_rules(default_curriculum_dir() / "eligibility.yaml", ["I", "II", "III"])


def check(rules, degree, exp, domains=ALL, docs=frozenset(), today=TODAY) -> el.Verdict:
    return el.evaluate(rules, el.Facts(degree, exp, frozenset(domains), frozenset(docs)), today)


def since(day: dt.date, today: dt.date = TODAY) -> ex.Experience:
    return ex.experience_since(day, today)


def years(n: float) -> ex.Experience:
    return ex.experience_from_years(n)


# -- the shipped rules ------------------------------------------------------------------------

def test_shipped_rules_carry_date_sources_and_both_routes(rules):
    assert rules.as_of <= dt.date.today()
    pages = {s.page for s in rules.sources}
    assert {"cosn.org/certification", "cosn.org/certification/betatest",
            "cosn.org/certification/taking-cetl-exam"} <= pages
    standard, waiver = rules.routes
    assert (standard.verdict, standard.min_years) == ("eligible", 4)
    assert set(standard.degrees) == {"bachelor", "master", "doctorate"}
    assert (waiver.verdict, waiver.min_years) == ("eligible_pending_waiver", 7)
    assert set(waiver.degrees) == {"none", "associate"}
    assert set(standard.domains) == set(waiver.domains) == ALL
    assert {d.id for d in waiver.documents} == BOTH_DOCS
    assert "committee decides" in waiver.verdict_text.lower()


def test_shipped_next_steps_state_no_fee(rules):
    text = " ".join(rules.next_steps.eligible + rules.next_steps.eligible_pending_waiver
                    + rules.next_steps.not_yet_eligible)
    assert "$" not in text and "fee" not in text.lower()
    assert "90 days" in text


# -- routes -----------------------------------------------------------------------------------

@pytest.mark.parametrize("degree", ["bachelor", "master", "doctorate"])
def test_standard_route_with_any_degree_from_bachelor_up(rules, degree):
    v = check(rules, degree, years(5))
    assert (v.status, v.route.id, v.missing, v.eligible_on) == ("eligible", "standard", (), None)


@pytest.mark.parametrize("degree", ["none", "associate"])
def test_no_degree_route_gives_a_waiver_request_never_plain_eligible(rules, degree):
    v = check(rules, degree, years(8), docs=BOTH_DOCS)
    assert v.status == "eligible_pending_waiver"
    assert v.route.id == "no-degree-waiver"
    assert v.missing == ()


def test_no_degree_seven_years_without_the_supervisor_letter(rules):
    v = check(rules, "none", years(7), docs={"waiver_request"})
    assert v.status == "not_yet_eligible"
    assert v.route.id == "no-degree-waiver"
    assert [m.kind for m in v.missing] == ["document"]
    assert "supervisor" in v.missing[0].text
    assert v.eligible_on is None  # not a matter of time


def test_no_degree_missing_both_documents_lists_both(rules):
    v = check(rules, "associate", years(9))
    assert [m.text for m in v.missing] == [d.name for d in rules.routes[1].documents]


def test_no_degree_and_four_years_points_at_the_waiver_route_and_its_seven_years(rules):
    v = check(rules, "none", years(4), docs=BOTH_DOCS)
    assert v.status == "not_yet_eligible" and v.route.id == "no-degree-waiver"
    assert [m.kind for m in v.missing] == ["years"]
    assert "at least 7 years" in v.missing[0].text and "3 more" in v.missing[0].text
    # The standard route is reported too, with the degree it needs.
    standard = v.results[0]
    assert standard.missing[0].kind == "degree"
    assert "a bachelor's degree or higher" in standard.missing[0].text


def test_missing_domains_are_each_named(rules):
    v = check(rules, "master", years(10), domains={"I"})
    assert v.status == "not_yet_eligible" and v.route.id == "standard"
    assert [m.text for m in v.missing] == [
        "experience in domain II, Understanding the Educational Environment",
        "experience in domain III, Managing Technology & Support Resources",
    ]
    assert v.eligible_on is None


def test_a_degree_holder_is_not_sent_to_the_waiver_route(rules):
    v = check(rules, "bachelor", years(2), domains={"I"})
    assert v.route.id == "standard"
    assert v.results[1].over_qualified
    assert not v.results[0].over_qualified


def test_decimal_years_just_short(rules):
    v = check(rules, "bachelor", years(3.99))
    assert v.status == "not_yet_eligible"
    assert "0.01 more to go" in v.missing[0].text
    assert v.eligible_on is None  # a number of years has no date


def test_zero_years_is_a_valid_answer(rules):
    v = check(rules, "bachelor", years(0), domains=set())
    assert v.status == "not_yet_eligible"
    assert len(v.missing) == 4


# -- the time boundaries ----------------------------------------------------------------------

def test_exactly_four_years_today_is_eligible(rules):
    v = check(rules, "bachelor", since(D(2022, 11, 28)))
    assert v.status == "eligible"


def test_one_day_short_is_eligible_tomorrow(rules):
    v = check(rules, "bachelor", since(D(2022, 11, 29)))
    assert v.status == "not_yet_eligible"
    assert v.eligible_on == D(2026, 11, 29)
    assert "3 years and 364 days" in v.missing[0].text  # the third anniversary was 2025-11-29


def test_three_years_ago_is_eligible_one_year_on(rules):
    v = check(rules, "master", since(D(2023, 11, 28)))
    assert (v.status, v.eligible_on) == ("not_yet_eligible", D(2027, 11, 28))


def test_leap_day_start_is_met_on_1_march_in_a_common_year(rules):
    start = D(2020, 2, 29)
    before = check(rules, "none", since(start, D(2027, 2, 28)), docs=BOTH_DOCS, today=D(2027, 2, 28))
    assert before.status == "not_yet_eligible"
    assert before.eligible_on == D(2027, 3, 1)
    on = check(rules, "none", since(start, D(2027, 3, 1)), docs=BOTH_DOCS, today=D(2027, 3, 1))
    assert on.status == "eligible_pending_waiver"


def test_leap_day_start_is_met_on_29_february_in_a_leap_year(rules):
    start = D(2024, 2, 29)
    v = check(rules, "bachelor", since(start, D(2028, 2, 28)), today=D(2028, 2, 28))
    assert v.eligible_on == D(2028, 2, 29)
    assert check(rules, "bachelor", since(start, D(2028, 2, 29)), today=D(2028, 2, 29)).status == "eligible"


def test_time_is_not_the_only_gap_so_no_date(rules):
    v = check(rules, "bachelor", since(D(2023, 11, 28)), domains={"I", "II"})
    assert v.eligible_on is None
    # ...but the years line still says when the years alone are met.
    assert "2027-11-28" in v.missing[0].text


# -- the experience log -----------------------------------------------------------------------

def log(*periods: tuple, today=TODAY) -> ex.Experience:
    return ex.experience_from_log([ex.Period(p[0], p[1], frozenset(p[2] if len(p) > 2 else ())) for p in periods],
                                  today)


def test_overlapping_entries_count_once(rules):
    # Three years, and a year inside them: 3 years, not 4.
    exp = log((D(2021, 1, 1), D(2023, 12, 31)), (D(2023, 1, 1), D(2023, 12, 31)))
    assert exp.days == (D(2024, 1, 1) - D(2021, 1, 1)).days
    assert int(exp.years) == 3
    v = check(rules, "bachelor", exp)
    assert v.status == "not_yet_eligible"
    assert v.eligible_on is None  # no current role: waiting will not help
    assert "none of it in a current role" in v.missing[0].text


def test_overlapping_entries_that_reach_four_years_together(rules):
    exp = log((D(2021, 1, 1), D(2023, 12, 31)), (D(2023, 6, 1), D(2024, 12, 31)))
    assert exp.days == 1461 == ex.days_in_years(TODAY, 4)
    assert check(rules, "bachelor", exp).status == "eligible"


def test_open_entry_with_an_earlier_gap_gives_the_date_it_will_be_met(rules):
    # 366 days in 2020, then from 2024-01-01 to today (1,062 days): 33 days short of 1,461.
    exp = log((D(2020, 1, 1), D(2020, 12, 31)), (D(2024, 1, 1), None))
    assert exp.days == 366 + 1062 and exp.growing
    v = check(rules, "bachelor", exp)
    assert (v.status, v.eligible_on) == ("not_yet_eligible", D(2026, 12, 31))


def test_an_open_entry_runs_to_today_and_equals_since(rules):
    start = D(2022, 11, 29)
    a = check(rules, "bachelor", log((start, None)))
    b = check(rules, "bachelor", since(start))
    assert (a.status, a.eligible_on) == (b.status, b.eligible_on) == ("not_yet_eligible", D(2026, 11, 29))


def test_an_entry_ending_today_counts_like_an_open_one():
    assert log((D(2020, 1, 1), TODAY)).days == log((D(2020, 1, 1), None)).days


def test_log_domains_are_the_union():
    periods = [ex.Period(D(2019, 8, 1), D(2022, 6, 30), frozenset({"I", "III"})),
               ex.Period(D(2022, 7, 1), None, frozenset({"II"}))]
    assert ex.log_domains(periods) == ALL


def test_back_to_back_entries_leave_no_gap():
    assert log((D(2020, 1, 1), D(2020, 12, 31)), (D(2021, 1, 1), D(2021, 12, 31))).days == 731


@st.composite
def periods_and_today(draw):
    today = draw(st.dates(D(2016, 1, 1), D(2030, 12, 31)))
    out = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.dates(D(2012, 1, 1), today))
        end = draw(st.one_of(st.none(), st.dates(start, today)))
        out.append(ex.Period(start, end))
    return out, today


@given(periods_and_today())
def test_covered_days_is_the_number_of_distinct_days_before_today(case):
    periods, today = case
    days: set[int] = set()
    for p in periods:
        last = min(p.end if p.end is not None else today, today - dt.timedelta(days=1))
        days.update(range(p.start.toordinal(), last.toordinal() + 1))
    assert ex.covered_days(periods, today) == len(days)


@given(st.dates(D(1990, 1, 1), D(2040, 12, 31)), st.integers(1, 10), st.integers(0, 12 * 366))
def test_counting_days_agrees_with_the_anniversary_rule(start, n, offset):
    today = start + dt.timedelta(days=offset)
    exp = ex.experience_since(start, today)
    anniversary = ex.add_years(start, n)
    assert ex.meets_years(exp, n) == (today >= anniversary)
    assert (exp.years >= n) == (today >= anniversary)
    if today < anniversary:
        assert ex.date_reaching(exp.days, n, today) == anniversary
        assert ex.date_met(exp, n, today) == anniversary


@given(st.dates(D(1990, 1, 1), D(2030, 12, 31)), st.integers(1, 10), st.integers(0, 12 * 366))
def test_one_closed_period_follows_its_own_anniversary(start, n, length):
    last = start + dt.timedelta(days=length)  # worked start..last inclusive, finished before today
    today = last + dt.timedelta(days=400)
    exp = log((start, last), today=today)
    met = last + dt.timedelta(days=1) >= ex.add_years(start, n)
    assert ex.meets_years(exp, n) == met
    assert ex.date_met(exp, n, today) == (today if met else None)  # a finished role does not grow


def test_seven_calendar_years_of_closed_roles_are_seven_years(rules):
    # 2017-2023 holds one 29 February (2,556 days); the seven years before today hold two.
    exp = log((D(2017, 1, 1), D(2019, 12, 31)), (D(2020, 1, 1), D(2023, 12, 31)))
    assert exp.days == 2556 and exp.words() == "7 years and 0 days"
    assert check(rules, "none", exp, docs=BOTH_DOCS).status == "eligible_pending_waiver"


def test_years_from_days_splits_whole_years_and_days():
    assert ex.years_from_days(1461, TODAY)[:2] == (4, 0)
    assert ex.years_from_days(1460, TODAY)[:2] == (3, 364)  # 2023-11-28..2026-11-28 holds 2024-02-29
    assert ex.years_from_days(0, TODAY) == (0, 0, 0.0)


def test_add_and_sub_years_around_29_february():
    assert ex.add_years(D(2020, 2, 29), 1) == D(2021, 3, 1)
    assert ex.add_years(D(2020, 2, 29), 4) == D(2024, 2, 29)
    assert ex.sub_years(D(2024, 2, 29), 1) == D(2023, 2, 28)
    assert ex.add_years(D(2099, 2, 28), 1) == D(2100, 2, 28)
    assert ex.add_years(D(2096, 2, 29), 4) == D(2100, 3, 1)  # 2100 is not a leap year


# -- answers typed by a person ----------------------------------------------------------------

def test_parse_degree_is_case_insensitive_and_names_the_choices():
    assert ex.parse_degree(" Master ") == "master"
    # the ways people write a degree (issue 15: "Masters" was refused)
    assert ex.parse_degree("Masters") == ex.parse_degree("master's") == "master"
    assert ex.parse_degree("PhD") == "doctorate"
    with pytest.raises(UserInputError, match="none, associate, bachelor, master, doctorate"):
        ex.parse_degree("diploma")


def test_parse_domains():
    codes = ["I", "II", "III"]
    assert ex.parse_domains("i, iii", codes) == {"I", "III"}
    assert ex.parse_domains("I,II,III", codes) == ALL
    assert ex.parse_domains("none", codes) == frozenset()
    with pytest.raises(UserInputError, match="'IV'.*I, II, III"):
        ex.parse_domains("I,IV", codes)


@pytest.mark.parametrize("text", ["4", "4.5", "0", " 7 ", ".5"])
def test_parse_years_accepts_whole_and_decimal(text):
    assert ex.parse_years(text) == float(text)


@pytest.mark.parametrize("text,message", [
    ("-1", "negative"), ("-0.5", "negative"), ("abc", "not a number"), ("nan", "not a number"),
    ("inf", "not a number"), ("1e3", "not a number"), ("120", "working life"),
])
def test_parse_years_rejects(text, message):
    with pytest.raises(UserInputError, match=message):
        ex.parse_years(text)


def test_parse_date_rejects_future_unreal_and_malformed():
    assert ex.parse_date("2026-11-28", "--since", TODAY) == TODAY
    with pytest.raises(UserInputError, match="in the future"):
        ex.parse_date("2026-11-29", "--since", TODAY)
    with pytest.raises(UserInputError, match="not a real date"):
        ex.parse_date("2023-02-29", "--since", TODAY)
    with pytest.raises(UserInputError, match="YYYY-MM-DD"):
        ex.parse_date("20190801", "--since", TODAY)


def test_parse_experience_takes_years_or_a_date():
    assert ex.parse_experience("4.5", TODAY) == 4.5
    assert ex.parse_experience("2019-08-01", TODAY) == D(2019, 8, 1)
    with pytest.raises(UserInputError, match="negative"):
        ex.parse_experience("-3", TODAY)
    with pytest.raises(UserInputError, match="neither"):
        ex.parse_experience("five", TODAY)
    with pytest.raises(UserInputError, match="future"):
        ex.parse_experience("2030-01-01", TODAY)
