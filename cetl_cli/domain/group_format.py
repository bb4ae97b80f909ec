"""The group folder's file format (docs/group-format.md): checking what is read, writing what is
written.

Everything read from the folder is data from other people: it is checked here field by field,
with limits on size and length, before any of it is used. A file that fails is never partly
used: `FormatError` says why, and the caller skips the whole file with one warning. Text that
could act on a terminal or a browser (control and escape characters, bidirectional overrides,
markup) fails the check, and so do names and ids that could be read as paths.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Callable, Optional, TypeVar

from cetl_cli.domain.group import (
    MAX_MEETINGS,
    AreaCount,
    Comment,
    DomainCount,
    GroupInfo,
    Meeting,
    MemberFile,
    MockResult,
    ModuleCount,
    SharedAnswer,
)

GROUP_FORMAT = "cetl-group"
MEMBER_FORMAT = "cetl-group-member"
VERSION = 1  # the format version this cetl writes and the newest it reads

MAX_FILE_BYTES = 512 * 1024
MAX_NAME = 60
MAX_GROUP_NAME = 80
MAX_TEXT = 20_000  # a shared answer
MAX_COMMENT = 2_000
MAX_SHARED = 200
MAX_COMMENTS = 1_000
MAX_MODULES = 999
MAX_AREAS = 100
MAX_COUNT = 1_000_000

GROUP_ID = re.compile(r"^g-[0-9a-f]{16}$")
MEMBER_ID = re.compile(r"^m-[0-9a-f]{16}$")
COMMENT_ID = re.compile(r"^c-[0-9a-f]{16}$")
ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
REF = re.compile(r"^\d{1,3}\.[tr]\d{1,3}$")
AREA = re.compile(r"^[IVX]{1,4}\.[A-Z]$")
DOMAIN = re.compile(r"^[IVX]{1,4}$")
# A person's or a group's name: letters, digits, spaces and a little punctuation. Nothing that
# is markup (< > &), a quote for an attribute, a path separator or a control character.
NAME = re.compile(r"^[\w][\w .'(),-]*$")
GROUP_NAME = re.compile(r"^[\w][\w .'(),:#+-]*$")
# In free text: control characters but tab and newline, C1, bidirectional overrides, and markup.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MARKUP = re.compile(r"<\s*[A-Za-z!/?]|javascript:", re.IGNORECASE)

T = TypeVar("T")


class FormatError(ValueError):
    """A file the group cannot use; the message says why, in a few words."""


# -- reading --------------------------------------------------------------------------------
def decode(raw: bytes, kind: str) -> dict[str, Any]:
    """The JSON object in a file's bytes, with its format and version checked."""
    if len(raw) > MAX_FILE_BYTES:
        raise FormatError(f"it is too large ({len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FormatError("it is not UTF-8 text") from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as err:
        raise FormatError(f"it is not valid JSON ({str(err)[:80]})") from None
    if not isinstance(data, dict):
        raise FormatError("it is not a JSON object")
    if data.get("format") != kind:
        raise FormatError(f"it is not a {kind} file (its \"format\" is not {kind!r})")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise FormatError("its \"version\" is not a whole number from 1")
    if version > VERSION:
        raise FormatError(f"it was written by a newer cetl (format version {version}; this cetl reads "
                          f"{VERSION}): upgrade cetl to read it")
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def parse_group(raw: bytes) -> GroupInfo:
    d = decode(raw, GROUP_FORMAT)
    meetings = _list(d, "meetings", MAX_MEETINGS, _meeting)
    dates = [m.date for m in meetings]
    if dates != sorted(dates):
        raise FormatError("its meetings are not in date order")
    return GroupInfo(_match(d, "id", GROUP_ID), _name(d, "name", MAX_GROUP_NAME, GROUP_NAME),
                     _opt(d, "exam_date", _date), meetings, _stamp(d, "created_at"))


def parse_member(raw: bytes) -> MemberFile:
    d = decode(raw, MEMBER_FORMAT)
    progress = _get(d, "progress", dict)
    shared = _list(d, "shared", MAX_SHARED, _shared)
    if len({s.item for s in shared}) != len(shared):
        raise FormatError("it shares one answer twice")
    mock = _opt(progress, "mock", _mock, "progress.")
    on_track = _opt(progress, "on_track", lambda v, w: _choice(v, w, ("ahead", "on_pace", "behind")),
                    "progress.")
    return MemberFile(
        _match(d, "group", GROUP_ID), _match(d, "member", MEMBER_ID), _name(d, "name", MAX_NAME, NAME),
        _stamp(d, "written_at"), _stamp(progress, "as_of", "progress."),
        _opt(progress, "last_active", _date, "progress."),
        _list(progress, "modules", MAX_MODULES, _module, "progress."),
        _list(progress, "practice", MAX_AREAS, _area, "progress."),
        mock, on_track, shared, _list(d, "comments", MAX_COMMENTS, _comment))


# -- the fields -----------------------------------------------------------------------------
def _get(d: dict[str, Any], key: str, kind: type[T], where: str = "") -> T:
    if key not in d:
        raise FormatError(f"\"{where}{key}\" is missing")
    value = d[key]
    if kind is int and type(value) is not int:  # bool is not a count
        raise FormatError(f"\"{where}{key}\" is not a whole number")
    if not isinstance(value, kind):
        raise FormatError(f"\"{where}{key}\" is not {_KIND_WORDS.get(kind, kind.__name__)}")
    return value


_KIND_WORDS = {str: "text", dict: "an object", list: "a list", int: "a whole number"}


def _opt(d: dict[str, Any], key: str, read: Callable[[Any, str], T], where: str = "") -> Optional[T]:
    value = d.get(key)
    return None if value is None else read(value, f"{where}{key}")


def _list(d: dict[str, Any], key: str, limit: int, read: Callable[[dict[str, Any], str], T],
          where: str = "") -> list[T]:
    items = _get(d, key, list, where)
    if len(items) > limit:
        raise FormatError(f"\"{where}{key}\" has {len(items)} entries; the limit is {limit}")
    out = []
    for i, item in enumerate(items):
        here = f"{where}{key}[{i}]"
        if not isinstance(item, dict):
            raise FormatError(f"\"{here}\" is not an object")
        out.append(read(item, here + "."))
    return out


def _text(d: dict[str, Any], key: str, limit: int, where: str = "", lines: bool = True) -> str:
    value = _get(d, key, str, where)
    if not value.strip():
        raise FormatError(f"\"{where}{key}\" is empty")
    if len(value) > limit:
        raise FormatError(f"\"{where}{key}\" is longer than {limit:,} characters")
    if CONTROL.search(value) or (not lines and ("\n" in value or "\t" in value)):
        raise FormatError(f"\"{where}{key}\" contains control or escape characters")
    if MARKUP.search(value):
        raise FormatError(f"\"{where}{key}\" contains markup")
    return value


def _name(d: dict[str, Any], key: str, limit: int, pattern: re.Pattern[str], where: str = "") -> str:
    value = _text(d, key, limit, where, lines=False)
    if value != value.strip() or not pattern.match(value) or value.startswith("."):
        raise FormatError(f"\"{where}{key}\" is not a plain name (letters, digits, spaces, . ' - ( ) ,)")
    return value


def _match(d: dict[str, Any], key: str, pattern: re.Pattern[str], where: str = "") -> str:
    value = _get(d, key, str, where)
    if not pattern.match(value):
        raise FormatError(f"\"{where}{key}\" is not a valid id")
    return value


def _count(d: dict[str, Any], key: str, where: str) -> int:
    value = _get(d, key, int, where)
    if not 0 <= value <= MAX_COUNT:
        raise FormatError(f"\"{where}{key}\" is out of range")
    return value


def _date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        raise FormatError(f"\"{where}\" is not a date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FormatError(f"\"{where}\" is not a real date") from None


def _stamp(d: dict[str, Any], key: str, where: str = "") -> str:
    value = _get(d, key, str, where)
    try:
        moment = dt.datetime.fromisoformat(value) if len(value) <= 40 else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise FormatError(f"\"{where}{key}\" is not a UTC time (ISO 8601 with +00:00)")
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def _choice(value: Any, where: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise FormatError(f"\"{where}\" is not one of {', '.join(allowed)}")
    return str(value)


def _meeting(d: dict[str, Any], where: str) -> Meeting:
    date = _date(d.get("date"), f"{where}date")
    numbers = _get(d, "modules", list, where)
    if len(numbers) > MAX_MODULES or any(type(n) is not int or not 1 <= n <= 999 for n in numbers):
        raise FormatError(f"\"{where}modules\" is not a list of module numbers")
    return Meeting(date, tuple(numbers))


def _module(d: dict[str, Any], where: str) -> ModuleCount:
    number = _count(d, "number", where)
    c = [_count(d, k, where) for k in ("todos_done", "todos_total", "reflections_answered", "reflections_total")]
    if not (1 <= number <= 999 and c[0] <= c[1] and c[2] <= c[3]):
        raise FormatError(f"\"{where[:-1]}\" has impossible counts")
    return ModuleCount(number, *c)


def _area(d: dict[str, Any], where: str) -> AreaCount:
    area = _match(d, "area", AREA, where)
    right, answered = _count(d, "right", where), _count(d, "answered", where)
    if right > answered:
        raise FormatError(f"\"{where}right\" is more than \"answered\"")
    return AreaCount(area, right, answered)


def _domain(d: dict[str, Any], where: str) -> DomainCount:
    code = _match(d, "code", DOMAIN, where)
    right, asked = _count(d, "right", where), _count(d, "asked", where)
    if right > asked:
        raise FormatError(f"\"{where}right\" is more than \"asked\"")
    return DomainCount(code, right, asked)


def _mock(value: Any, where: str) -> MockResult:
    if not isinstance(value, dict):
        raise FormatError(f"\"{where}\" is not an object")
    here = where + "."
    right, asked = _count(value, "right", here), _count(value, "asked", here)
    if right > asked:
        raise FormatError(f"\"{here}right\" is more than \"asked\"")
    return MockResult(_stamp(value, "date", here), right, asked, _list(value, "domains", 20, _domain, here))


def _shared(d: dict[str, Any], where: str) -> SharedAnswer:
    version = _count(d, "version", where)
    return SharedAnswer(_match(d, "item", ITEM_ID, where), _match(d, "ref", REF, where), version,
                        _text(d, "text", MAX_TEXT, where), _stamp(d, "at", where))


def _comment(d: dict[str, Any], where: str) -> Comment:
    return Comment(_match(d, "id", COMMENT_ID, where), _match(d, "on", MEMBER_ID, where),
                   _match(d, "item", ITEM_ID, where), _text(d, "text", MAX_COMMENT, where),
                   _stamp(d, "at", where))


# -- writing --------------------------------------------------------------------------------
def group_data(g: GroupInfo) -> dict[str, Any]:
    return {"format": GROUP_FORMAT, "version": VERSION, "id": g.id, "name": g.name,
            "exam_date": g.exam_date.isoformat() if g.exam_date else None,
            "meetings": [{"date": m.date.isoformat(), "modules": list(m.modules)} for m in g.meetings],
            "created_at": g.created_at}


def member_data(m: MemberFile) -> dict[str, Any]:
    return {
        "format": MEMBER_FORMAT, "version": VERSION, "group": m.group, "member": m.member, "name": m.name,
        "written_at": m.written_at,
        "progress": {
            "as_of": m.as_of, "last_active": m.last_active.isoformat() if m.last_active else None,
            "on_track": m.on_track,
            "modules": [c.as_json() for c in m.modules],
            "practice": [a.as_json() for a in m.practice],
            "mock": m.mock.as_json() if m.mock else None,
        },
        "shared": [s.as_json() for s in m.shared],
        "comments": [c.as_json() for c in m.comments],
    }


def encode(data: dict[str, Any]) -> bytes:
    """A file's bytes: indented JSON (a person can read it), with a newline at the end."""
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def check_name(value: str, what: str = "name", group: bool = False) -> Optional[str]:
    """Why a name typed for the group cannot be used, or None when it can."""
    limit, pattern = (MAX_GROUP_NAME, GROUP_NAME) if group else (MAX_NAME, NAME)
    try:
        _name({what: value}, what, limit, pattern)
    except FormatError as err:
        return str(err).replace(f"\"{what}\"", f"The {what} {value[:limit]!r}")
    return None
