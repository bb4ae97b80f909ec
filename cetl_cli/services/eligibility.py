"""`cetl check-eligibility`: gather the facts, then check them against CoSN's rules.

Each fact comes from, in order: its flag; the experience log (experience and domains); a
question, when the CLI can ask one; the answer remembered from last time. The service never
asks: `Check.questions()` says what is still open, the CLI asks (or not) and hands the typed
text back with `answer()`, and `decide()` gives the verdict and remembers the answers.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Callable, Optional

from cetl_cli.domain import eligibility as el
from cetl_cli.domain import experience as ex
from cetl_cli.domain.errors import UsageError, UserInputError
from cetl_cli.domain.record import Record
from cetl_cli.domain.rules import DEGREES, Document, Rules
from cetl_cli.services.experience import periods
from cetl_cli.services.session import Session

SETTING = "eligibility.answers"
DOCUMENT_FLAGS = {"waiver_request": "--waiver", "supervisor_letter": "--supervisor-letter"}
DOCUMENT_QUESTIONS = {
    "waiver_request": "Is your written waiver request to CoSN's committee ready?",
    "supervisor_letter": "Is your supervisor's signed recommendation ready?",
}
EXAMPLE = "cetl check-eligibility --degree bachelor --years 5 --domains I,II,III"


class From(enum.Enum):
    """Where an answer came from."""

    FLAG = "flag"
    LOG = "your experience log"
    ANSWER = "your answer"
    REMEMBERED = "remembered"
    NOT_CONFIRMED = "not confirmed"


class Flags(Record):
    degree: Optional[str] = None
    years: Optional[str] = None
    since: Optional[str] = None
    domains: Optional[str] = None
    waiver: Optional[bool] = None
    letter: Optional[bool] = None

    def any(self) -> bool:
        return any(v is not None for v in (self.degree, self.years, self.since, self.domains,
                                           self.waiver, self.letter))


class Question(Record):
    key: str  # degree, experience or domains
    text: str
    default: Optional[str]  # the remembered answer, when it still fits
    parse: Callable[[str], Any]
    need: str  # the flag that answers it without a question
    show_domains: bool = False


class Picked(Record):
    value: Any
    source: From
    flag: str = ""  # for From.FLAG: which flag


class Check(Record):
    session: Session
    flags: Flags
    rules: Rules
    today: dt.date
    remembered: dict[str, Any]
    log: list[ex.Period]
    picked: dict[str, Picked] = {}
    remember: dict[str, Any] = {}
    documents: dict[str, Picked] = {}

    # -- the three facts ---------------------------------------------------------------------
    def _parse_experience(self, text: str) -> ex.Experience:
        value = ex.parse_experience(text, self.today)
        if isinstance(value, float):
            return ex.experience_from_years(value)
        return ex.experience_since(value, self.today)

    def _parse_domains(self, text: str) -> frozenset[str]:
        return ex.parse_domains(text, self.rules.domain_codes)

    def questions(self) -> list[Question]:
        """The facts still open, as questions (remembered answers as defaults)."""
        out = []
        specs = [
            ("degree", "Highest degree (" + ", ".join(DEGREES) + ")", ex.parse_degree, "--degree LEVEL", False),
            ("experience", "Years of education-technology experience, or the date it started (YYYY-MM-DD)",
             self._parse_experience, "--years N or --since YYYY-MM-DD", False),
            ("domains", "Which domains does that experience cover? (e.g. I,II,III, all, or none)",
             self._parse_domains, "--domains I,II,III", True),
        ]
        for key, text, parse, need, show in specs:
            if key not in self.picked:
                default = self.remembered.get(key)
                out.append(Question(key, text, default if _valid(parse, default) else None, parse, need, show))
        return out

    def answer(self, q: Question, text: str) -> None:
        """A typed answer (UserInputError when it does not parse: ask again)."""
        value = q.parse(text)
        self.picked[q.key] = Picked(value, From.ANSWER)
        self.remember[q.key] = self._canonical(q.key, value, text)

    def use_remembered(self) -> None:
        """Without a terminal: the remembered answers, else UsageError naming the missing flags."""
        need = []
        for q in self.questions():
            if q.default is not None:
                self.picked[q.key] = Picked(q.parse(q.default), From.REMEMBERED)
                self.remember[q.key] = q.default
            else:
                need.append(q.need)
        if need:
            raise UsageError(f"check-eligibility needs {', '.join(need)} (cetl cannot ask: this is not a "
                             "terminal, or --json is on).", f"Example: {EXAMPLE}")

    def _canonical(self, key: str, value: Any, text: str) -> str:
        if key == "degree":
            return str(value)
        if key == "domains":
            return ",".join(c for c in self.rules.domain_codes if c in value) or "none"
        return text.strip()

    # -- documents, for the routes open to this degree ---------------------------------------
    def open_documents(self) -> list[Document]:
        degree = self.picked["degree"].value
        seen: dict[str, Document] = {}
        for route in self.rules.routes:
            if degree in route.degrees:
                for doc in route.documents:
                    seen.setdefault(doc.id, doc)
        return list(seen.values())

    def document_flag(self, doc_id: str) -> Optional[bool]:
        return {"waiver_request": self.flags.waiver, "supervisor_letter": self.flags.letter}.get(doc_id)

    def remembered_document(self, doc_id: str) -> Optional[bool]:
        docs = self.remembered.get("documents")
        value = docs.get(doc_id) if isinstance(docs, dict) else None
        return value if isinstance(value, bool) else None

    def set_document(self, doc_id: str, ready: bool, source: From) -> None:
        self.documents[doc_id] = Picked(ready, source)

    def settle_documents(self) -> None:
        """Documents the CLI did not ask about: their flag, else remembered, else not ready."""
        for doc in self.open_documents():
            if doc.id in self.documents:
                continue
            flag = self.document_flag(doc.id)
            if flag is not None:
                self.documents[doc.id] = Picked(flag, From.FLAG, DOCUMENT_FLAGS[doc.id])
            elif (value := self.remembered_document(doc.id)) is not None:
                self.documents[doc.id] = Picked(value, From.REMEMBERED)
            else:
                self.documents[doc.id] = Picked(False, From.NOT_CONFIRMED, DOCUMENT_FLAGS[doc.id])

    # -- the verdict -------------------------------------------------------------------------
    def decide(self) -> el.Verdict:
        self.settle_documents()
        ready = frozenset(d for d, p in self.documents.items() if p.value)
        facts = el.Facts(degree=self.picked["degree"].value, experience=self.picked["experience"].value,
                         domains=self.picked["domains"].value, documents=ready)
        verdict = el.evaluate(self.rules, facts, self.today)
        docs = dict(self.remembered.get("documents") or {}) if isinstance(self.remembered.get("documents"), dict) else {}
        docs.update({d: p.value for d, p in self.documents.items() if p.source in (From.FLAG, From.ANSWER)})
        memory = {**self.remembered, **self.remember}
        if docs:
            memory["documents"] = docs
        self.session.store.set_json(SETTING, memory)
        return verdict


def _valid(parse: Callable[[str], Any], value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parse(value)
    except UserInputError:
        return False
    return True


def begin(s: Session, flags: Flags, reset: bool = False) -> Check:
    """Check every flag (before any question is asked) and take what the flags and log give."""
    if flags.years is not None and flags.since is not None:
        raise UsageError("give --years or --since, not both (--since is the date your experience started).")
    today = s.clock.today()
    if reset:
        s.store.set_setting(SETTING, None)
    rules = s.rules()
    check = Check(s, flags, rules, today, s.store.get_json(SETTING), periods(s, today))
    if flags.degree is not None:
        check.picked["degree"] = Picked(ex.parse_degree(flags.degree), From.FLAG, "--degree")
        check.remember["degree"] = check.picked["degree"].value
    if flags.years is not None:
        check.picked["experience"] = Picked(ex.experience_from_years(ex.parse_years(flags.years)), From.FLAG, "--years")
        check.remember["experience"] = flags.years.strip()
    elif flags.since is not None:
        since = ex.parse_date(flags.since, "--since", today)
        check.picked["experience"] = Picked(ex.experience_since(since, today), From.FLAG, "--since")
        check.remember["experience"] = flags.since.strip()
    elif check.log:
        check.picked["experience"] = Picked(ex.experience_from_log(check.log, today), From.LOG)
    if flags.domains is not None:
        value = ex.parse_domains(flags.domains, rules.domain_codes)
        check.picked["domains"] = Picked(value, From.FLAG, "--domains")
        check.remember["domains"] = check._canonical("domains", value, flags.domains)
    elif check.log:
        check.picked["domains"] = Picked(ex.log_domains(check.log), From.LOG)
    return check


def forget(s: Session) -> None:
    s.store.set_setting(SETTING, None)
