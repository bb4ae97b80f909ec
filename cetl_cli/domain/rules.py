"""CoSN's CETL eligibility rules as records: what eligibility.yaml in a curriculum holds.

Declared once here; cetl_cli/content/rules.py reads and checks the file.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from cetl_cli.domain.fields import NOT_EMPTY, PAST, DomainCode, Slug, Text, between
from cetl_cli.domain.record import Record

# The degree levels cetl asks about, lowest to highest.
DEGREES: tuple[str, ...] = ("none", "associate", "bachelor", "master", "doctorate")
DEGREE_NAMES = {
    "none": "no degree",
    "associate": "an associate degree",
    "bachelor": "a bachelor's degree",
    "master": "a master's degree",
    "doctorate": "a doctorate",
}
# Documents a route can ask for (Document.id). Fixed, because each has its own command-line flag.
DOCUMENT_IDS = ("waiver_request", "supervisor_letter")

Status = Literal["eligible", "eligible_pending_waiver", "not_yet_eligible"]
STATUSES: tuple[str, ...] = ("eligible", "eligible_pending_waiver", "not_yet_eligible")


# -- the rules (eligibility.yaml) ------------------------------------------------------------

class Source(Record):
    title: Text
    page: Text  # where to read it, e.g. cosn.org/certification
    note: Optional[Text] = None


class DomainName(Record):
    code: DomainCode
    name: Text


class Document(Record):
    id: Literal["waiver_request", "supervisor_letter"]
    name: Text  # in plain words, as it appears in "missing: ..."


class Route(Record):
    id: Slug
    name: Text
    degrees: Annotated[list[Literal["none", "associate", "bachelor", "master", "doctorate"]], NOT_EMPTY]
    min_years: Annotated[int, between(0, 60)]
    domains: list[DomainCode] = []
    documents: list[Document] = []
    verdict: Literal["eligible", "eligible_pending_waiver"]
    verdict_text: Text


class NextSteps(Record):
    eligible: Annotated[list[Text], NOT_EMPTY]
    eligible_pending_waiver: Annotated[list[Text], NOT_EMPTY]
    not_yet_eligible: Annotated[list[Text], NOT_EMPTY]


class Application(Record):
    """How long an approved candidate has to sit the exam: CoSN's figure, dated and sourced.
    The study plan counts back from the exam date with it (`cetl plan`)."""

    window_days: Annotated[int, between(1, 3650)]  # days from approval to sit the exam
    as_of: Annotated[dt.date, PAST]
    source: Text  # where CoSN says so, e.g. cosn.org/certification/taking-cetl-exam
    note: Optional[Text] = None


class Rules(Record):
    as_of: Annotated[dt.date, PAST]
    sources: Annotated[list[Source], NOT_EMPTY]
    reminder: Text
    domains: Annotated[list[DomainName], NOT_EMPTY]
    routes: Annotated[list[Route], NOT_EMPTY]
    next_steps: NextSteps
    application: Optional[Application] = None  # optional in a chapter's file: cetl's own is used

    @property
    def domain_codes(self) -> list[str]:
        return [d.code for d in self.domains]

    def domain_name(self, code: str) -> str:
        return next((d.name for d in self.domains if d.code == code), code)
