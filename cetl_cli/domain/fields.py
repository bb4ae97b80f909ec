"""Field rules for the curriculum's records, as plain markers.

Each content type (a module, a question, an eligibility route...) is declared once, as a Record
in the domain layer, with its fields annotated like `Annotated[str, TEXT]`. The markers say
what a valid value is; cetl_cli/content/schema.py turns them into pydantic validators when a
curriculum is checked. The domain itself never validates and never imports pydantic.
"""

from __future__ import annotations

from typing import Annotated, Any, Union


class Rule:
    """What a field accepts: a named kind of value, and limits such as ge/le/min_length."""

    __slots__ = ("kind", "limits")

    def __init__(self, kind: str = "", **limits: Any) -> None:
        self.kind = kind
        self.limits = limits

    def __repr__(self) -> str:
        return f"Rule({self.kind!r}, {self.limits!r})"


TEXT = Rule("text")  # stripped, not empty, paragraphs reflowed; at most 20,000 characters
SLUG = Rule("slug")  # a stable id: lower-case letters, digits and dashes, at most 80
AREA = Rule("area")  # a skill-area code, e.g. I.B
DOMAIN = Rule("domain")  # a domain code, e.g. II
URL = Rule("url")  # http(s)://...
NOT_EMPTY = Rule(min_length=1)  # a list with at least one entry
PAST = Rule("past")  # a date not after today


def between(low: int, high: int) -> Rule:
    return Rule(ge=low, le=high)


Text = Annotated[str, TEXT]
Slug = Annotated[str, SLUG]
AreaCode = Annotated[str, AREA]
DomainCode = Annotated[str, DOMAIN]
Url = Annotated[str, URL]
Weight = Annotated[Union[int, float], Rule(gt=0, le=100)]
