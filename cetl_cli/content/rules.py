"""eligibility.yaml: read, check (every problem as `file:line: field: message`) and load."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Iterable

from cetl_cli.domain.errors import CurriculumError
from cetl_cli.domain.rules import Rules

FILE_NAME = "eligibility.yaml"


def rules_path(directory: Path | str | None) -> Path:
    """The eligibility.yaml to use: the curriculum folder's own, else the one cetl ships."""
    from cetl_cli.content import default_curriculum_dir

    if directory is not None:
        own = Path(directory) / FILE_NAME
        if own.is_file():
            return own
    return default_curriculum_dir() / FILE_NAME


def load_rules(path: Path | str, framework_domains: Iterable[str] | None = None) -> Rules:
    """Read and check eligibility.yaml; raise CurriculumError listing every problem.

    `framework_domains`, when given, are the domain codes of framework.yaml in the same folder;
    each domain the rules name must be one of them.
    """
    problems = rule_problems(Path(path), framework_domains)
    if isinstance(problems, Rules):
        return problems
    raise CurriculumError(problems)


def rule_problems(path: Path, framework_domains: Iterable[str] | None = None) -> Rules | list[str]:
    """The loaded rules, or the list of `file:line: field: message` problems."""
    from cetl_cli.content.loader import Problems, read_yaml, validate

    problems = Problems()
    src = read_yaml(path, str(path), problems)
    rules = validate(Rules, src, problems) if src is not None else None
    if rules is not None:
        _check(rules, src, problems, framework_domains)
    if problems.lines:
        return problems.lines
    assert rules is not None
    return rules


def _check(rules: Rules, src, problems, framework_domains: Iterable[str] | None) -> None:
    codes = rules.domain_codes
    known = set(framework_domains) if framework_domains is not None else None
    for i, code in enumerate(codes):
        if codes.index(code) != i:
            problems.add(src, ("domains", i, "code"), f"duplicate domain {code}")
        if known is not None and code not in known:
            problems.add(src, ("domains", i, "code"),
                         f"{code} is not a domain in framework.yaml (valid: {', '.join(sorted(known))})")
    route_ids: Counter[str] = Counter()
    for r, route in enumerate(rules.routes):
        route_ids[route.id] += 1
        if route_ids[route.id] > 1:
            problems.add(src, ("routes", r, "id"), f"duplicate route id {route.id!r}")
        for field_name, values in (("degrees", route.degrees), ("domains", route.domains),
                                   ("documents", [d.id for d in route.documents])):
            for i, value in enumerate(values):
                if field_name == "domains" and value not in codes:
                    problems.add(src, ("routes", r, "domains", i),
                                 f"{value} is not one of the domains listed at the top of the file "
                                 f"(valid: {', '.join(codes)})")
                elif values.index(value) != i:
                    problems.add(src, ("routes", r, field_name, i), f"{value} is listed twice")
