"""The self-assessment: each skill area rated 1-4 for knowledge and for experience.

Pure. The anchors are cetl's own words for the four levels of each scale (CoSN's course asks
the candidate to rate themselves; these are not CoSN's descriptors). A rating becomes a gap for
the study plan (`gap`): how much of the area is still to learn, 0 to 1.
"""

from __future__ import annotations

from typing import Literal, Mapping

from cetl_cli.domain.errors import UserInputError, shorten

Scale = Literal["knowledge", "experience"]
SCALES: tuple[Scale, ...] = ("knowledge", "experience")
LEVELS = (1, 2, 3, 4)

ANCHORS: Mapping[Scale, Mapping[int, str]] = {
    "knowledge": {
        1: "New to me: I know some of the words but could not explain the ideas.",
        2: "Partly: I can explain the basics, and I know where my gaps are.",
        3: "Solid: I could explain it to a colleague and apply it to an ordinary case.",
        4: "Deep: I could teach it, handle the unusual cases and say where the rules come from.",
    },
    "experience": {
        1: "None yet: I have not done this work.",
        2: "Some: I have helped with it, or done it once or twice with guidance.",
        3: "Regular: I do this work myself as part of my job.",
        4: "Leading: I set the direction for it, and others come to me about it.",
    },
}


def parse_rating(text: object, scale: Scale) -> int:
    """A level 1-4 from what was typed; UserInputError (with the scale's name) otherwise."""
    value = str(text).strip()
    if value not in ("1", "2", "3", "4"):
        raise UserInputError(f"{scale.capitalize()} {shorten(value)!r} is not a level; type 1, 2, 3 or 4.")
    return int(value)


def gap(knowledge: int, experience: int) -> float:
    """How much is left to learn in an area, 0 (rated 4 and 4) to 1 (rated 1 and 1): the mean
    of the two ratings' distances from the top, knowledge counting twice, since the exam asks
    what you know and experience only helps you judge."""
    for value in (knowledge, experience):
        if value not in LEVELS:
            raise UserInputError(f"A self-rating is 1 to 4, not {value}.")
    return round((2 * (4 - knowledge) + (4 - experience)) / 9, 3)


def gap_from_accuracy(percent: float) -> float:
    """The gap from an estimated percent correct (0-100): the share still answered wrongly."""
    return round(min(1.0, max(0.0, 1.0 - percent / 100.0)), 3)
