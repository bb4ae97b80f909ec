"""The shape of the code: imports point one way, no pickle, no file over 400 lines.

    cli -> services -> domain        services -> store, content        store, content -> domain

Every import is read from the source (ast), at the top of a module and inside functions alike.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "cetl_cli"
ALLOWED = {
    "domain": {"domain"},
    "content": {"content", "domain"},
    "store": {"store", "domain"},
    "services": {"services", "domain", "store", "content"},
    "cli": {"cli", "services", "domain"},
}
MAX_LINES = 400


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def layer(path: Path) -> str | None:
    rel = path.relative_to(PACKAGE).parts
    return rel[0] if len(rel) > 1 and rel[0] in ALLOWED else None


def imports(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append((node.lineno, node.module))
    return out


def wrong_arrows(path: Path) -> list[str]:
    here = layer(path)
    if here is None:
        return []
    bad = []
    for line, name in imports(path):
        parts = name.split(".")
        if parts[0] != "cetl_cli" or len(parts) < 2 or parts[1] not in ALLOWED:
            continue
        if parts[1] not in ALLOWED[here]:
            bad.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {here} imports {name}")
    return bad


def test_every_layer_imports_only_what_it_may():
    found = [b for p in modules() for b in wrong_arrows(p)]
    assert found == []


def test_the_guard_sees_an_import_inside_a_function(tmp_path):
    fake = PACKAGE / "domain" / "_probe_for_test.py"
    fake.write_text("def f():\n    from cetl_cli.store import Store\n    return Store\n")
    try:
        assert wrong_arrows(fake) == ["cetl_cli/domain/_probe_for_test.py:2: domain imports cetl_cli.store"]
    finally:
        fake.unlink()


def test_no_module_imports_pickle():
    users = [str(p.relative_to(PACKAGE)) for p in modules()
             if any(n.split(".")[0] in ("pickle", "_pickle", "cPickle", "shelve") for _, n in imports(p))]
    assert users == []


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_file_is_longer_than_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_the_domain_reads_no_clock_and_prints_nothing():
    offenders = []
    for path in (PACKAGE / "domain").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("date.today(", "datetime.now(", "time.time(", "print(", "input("):
            if needle in text:
                offenders.append(f"{path.name}: {needle}")
    assert offenders == []
