"""Read a curriculum folder, validate it, and report every problem as `file:line: path: message`.

Parsing uses libyaml's CSafeLoader when available. Line numbers are only worked out when there
is a problem to report (by composing the YAML node tree again), so a good curriculum costs one
parse per file. PyYAML is imported on first use: most runs take the curriculum from the cache
(cetl_cli/content/cache.py) and never parse YAML.

Files are data: only regular files are read (a FIFO or a device named *.yaml is a problem, not
a hang), each at most MAX_FILE bytes, with YAML's safe loader (no tags that build objects).
"""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from cetl_cli.content import default_curriculum_dir
from cetl_cli.domain.errors import CurriculumError

__all__ = ["default_curriculum_dir", "load_curriculum", "read_yaml", "validate", "Problems", "SourceFile"]

if TYPE_CHECKING:
    import yaml

MAX_FILE = 2_000_000  # bytes in one curriculum file
MODULE_FILE = re.compile(r"^(\d+)-[a-z0-9][a-z0-9-]*\.ya?ml$")


def _yaml():
    """PyYAML and its fastest safe loader: libyaml's CSafeLoader, else the pure-Python one."""
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceFile:
    """One YAML file: its parsed data, and line numbers on demand."""

    def __init__(self, path: Path, shown: str):
        self.path = path
        self.shown = shown  # the name used in messages
        self.text = ""
        self.data: Any = None
        self._root: yaml.Node | None = None

    def line_of(self, loc: Iterable[Any]) -> int:
        yaml, SafeLoader = _yaml()
        node = self._root
        if node is None:
            try:
                node = self._root = yaml.compose(self.text, Loader=SafeLoader)
            except yaml.YAMLError:
                return 1
        line = node.start_mark.line + 1 if node is not None else 1
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == str(part):
                        line = key.start_mark.line + 1
                        node = value
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return line
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line


class Problems:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, src: SourceFile, loc: tuple, message: str) -> None:
        self.lines.append(f"{src.shown}:{src.line_of(loc)}: {format_loc(loc)}: {message}")

    def add_plain(self, shown: str, line: int, where: str, message: str) -> None:
        self.lines.append(f"{shown}:{line}: {where}: {message}")


def format_loc(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def read_text(path: Path, shown: str, problems: Problems) -> str | None:
    """The file's text, or None with a problem noted: not a regular file, too big, not UTF-8."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            problems.add_plain(shown, 1, "(file)", "not a regular file (a device, pipe or folder); remove it")
            return None
        if info.st_size > MAX_FILE:
            problems.add_plain(shown, 1, "(file)", f"is {info.st_size:,} bytes; a curriculum file may have "
                               f"at most {MAX_FILE:,}")
            return None
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE + 1)
        return data.decode("utf-8")
    except UnicodeDecodeError:
        problems.add_plain(shown, 1, "(file)", "not UTF-8 text; save the file as UTF-8")
    except OSError as err:
        problems.add_plain(shown, 1, "(file)", f"cannot read: {err.strerror or err}")
    return None


def read_yaml(path: Path, shown: str, problems: Problems) -> SourceFile | None:
    yaml, SafeLoader = _yaml()
    src = SourceFile(path, shown)
    text = read_text(path, shown, problems)
    if text is None:
        return None
    src.text = text
    try:
        src.data = yaml.load(src.text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(str(err.problem or err).split())
        problems.add_plain(shown, line, "(yaml)", f"not valid YAML: {what}")
        return None
    except yaml.reader.ReaderError as err:
        line = src.text.count("\n", 0, max(0, err.position)) + 1
        problems.add_plain(shown, line, "(yaml)", f"not valid YAML: a character that YAML does not allow "
                           f"(code {err.character!r}) at position {err.position}")
        return None
    except yaml.YAMLError as err:
        problems.add_plain(shown, 1, "(yaml)", f"not valid YAML: {' '.join(str(err).split())}")
        return None
    except (ValueError, OverflowError) as err:  # an impossible date (2024-02-30), a 5,000-digit number
        line, value = _bad_scalar(src.text)
        problems.add_plain(shown, line, "(yaml)", f"{value!r} cannot be read: {' '.join(str(err).split())[:120]}")
        return None
    if not isinstance(src.data, dict):
        problems.add(src, (), "expected a mapping of field: value at the top of the file")
        return None
    return src


def _bad_scalar(text: str) -> tuple[int, str]:
    """Where a value that YAML parses but cannot turn into a date or number is: (line, value)."""
    yaml, SafeLoader = _yaml()
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return 1, ""
    loader = SafeLoader("")
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except (ValueError, OverflowError, yaml.YAMLError):
                return node.start_mark.line + 1, node.value[:40]
        elif isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in reversed(node.value) for v in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return 1, ""


def validate(cls: type, src: SourceFile, problems: Problems) -> Any | None:
    """The file's data as records of class `cls`, or None with every problem noted."""
    from pydantic import ValidationError

    from cetl_cli.content.schema import check

    try:
        return check(cls, src.data)
    except ValidationError as err:
        for e in err.errors(include_url=False):
            loc = tuple(e["loc"])
            msg = e["msg"]
            if e["type"] == "missing":
                msg = "required field is missing"
            elif e["type"] == "extra_forbidden":
                msg = "unknown field (check the spelling; see docs/curriculum-format.md)"
            elif e["type"] == "string_pattern_mismatch":
                msg = f"{str(e.get('input'))[:60]!r} does not have the expected form ({e['ctx']['pattern']})"
            problems.add(src, loc, msg)
        return None


def load_curriculum(directory: Path | str | None = None):
    """Load and check a whole curriculum folder. Raises CurriculumError listing every problem."""
    from cetl_cli.domain.models import Curriculum, Framework, Module

    root = Path(directory) if directory is not None else default_curriculum_dir()
    problems = Problems()
    if not root.is_dir():
        raise CurriculumError(
            [f"{root}:0: (folder): no such curriculum folder; check --curriculum or CETL_CURRICULUM"]
        )

    fw_path = root / "framework.yaml"
    fw_src = None
    if fw_path.is_file():
        fw_src = read_yaml(fw_path, str(fw_path), problems)
    else:
        problems.add_plain(str(fw_path), 0, "(file)", "missing: a curriculum needs framework.yaml")
    framework = validate(Framework, fw_src, problems) if fw_src else None
    if framework is not None:
        check_framework(framework, fw_src, problems)

    module_dir = root / "modules"
    files = sorted(module_dir.glob("*.y*ml")) if module_dir.is_dir() else []
    if not files:
        problems.add_plain(str(module_dir), 0, "(folder)", "no module files (modules/NN-slug.yaml)")
    sources: list[SourceFile] = []
    modules: list[Any] = []
    for path in files:
        src = read_yaml(path, str(path), problems)
        if src is None:
            # Still counts for numbering, by its file name, so one bad file is one problem.
            match = MODULE_FILE.match(path.name)
            if match:
                src = SourceFile(path, str(path))
                src.data = {"number": int(match.group(1))}
                sources.append(src)
            continue
        sources.append(src)
        module = validate(Module, src, problems)
        match = MODULE_FILE.match(path.name)
        number = src.data.get("number")
        if not match:
            problems.add(src, (), "file name must look like NN-slug.yaml (e.g. 03-strategic-planning.yaml)")
        elif isinstance(number, int) and int(match.group(1)) != number:
            problems.add(src, ("number",), f"is {number} but the file name starts with {match.group(1)}")
        if module is not None:
            modules.append(module)

    check_modules(sources, framework, problems)
    if problems.lines:
        raise CurriculumError(problems.lines)
    return Curriculum(framework, sorted(modules, key=lambda m: m.number), root)


def check_framework(framework, src: SourceFile, problems: Problems) -> None:
    seen: Counter[str] = Counter()
    total = 0.0
    for d, domain in enumerate(framework.domains):
        seen[domain.code] += 1
        total += domain.weight
        area_total = 0.0
        for a, area in enumerate(domain.skill_areas):
            seen[area.code] += 1
            area_total += area.weight
            if not area.code.startswith(domain.code + "."):
                problems.add(src, ("domains", d, "skill_areas", a, "code"),
                             f"{area.code} does not belong to domain {domain.code}")
            if seen[area.code] > 1:
                problems.add(src, ("domains", d, "skill_areas", a, "code"), f"duplicate code {area.code}")
        if abs(area_total - domain.weight) > 1e-9:
            problems.add(src, ("domains", d, "weight"),
                         f"is {domain.weight:g} but its skill areas' weights add up to {area_total:g}")
        if seen[domain.code] > 1:
            problems.add(src, ("domains", d, "code"), f"duplicate code {domain.code}")
    if abs(total - 100) > 1e-9:
        problems.add(src, ("domains",), f"domain weights add up to {total:g}, not 100")


def check_modules(sources: list[SourceFile], framework, problems: Problems) -> None:
    """Checks across files. They read the raw data, so they run even where a file has other
    problems, and every problem is reported in one pass."""
    numbered = [(src.data.get("number"), src) for src in sources]
    numbered = [(n, src) for n, src in numbered if isinstance(n, int) and not isinstance(n, bool)]
    numbers = sorted(n for n, _ in numbered)
    expected = list(range(1, len(numbers) + 1))
    if numbers != expected:
        missing = sorted(set(expected) - set(numbers))
        dupes = sorted(n for n, c in Counter(numbers).items() if c > 1)
        detail = []
        if missing:
            detail.append("missing " + ", ".join(map(str, missing)))
        if dupes:
            detail.append("repeated " + ", ".join(map(str, dupes)))
        for number, src in numbered:
            if number in dupes or number > len(numbers) or number < 1:
                problems.add(src, ("number",),
                             f"module numbers must run 1..{len(numbers)} with no gaps ({'; '.join(detail)})")
    module_ids: dict[str, str] = {}
    item_ids: dict[str, tuple[SourceFile, tuple]] = {}
    areas = {a.code for d in framework.domains for a in d.skill_areas} if framework else None
    for src in sources:
        data = src.data
        module_id = data.get("id")
        if isinstance(module_id, str):
            if module_id in module_ids:
                problems.add(src, ("id",), f"module id {module_id!r} is already used by {module_ids[module_id]}")
            module_ids.setdefault(module_id, src.shown)
        area = data.get("skill_area")
        if areas is not None and isinstance(area, str) and area not in areas:
            problems.add(src, ("skill_area",),
                         f"{area!r} is not a skill area in framework.yaml (valid: {', '.join(sorted(areas))})")
        for kind in ("todos", "reflections"):
            items = data.get(kind)
            if not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                item_id = item.get("id") if isinstance(item, dict) else None
                if not isinstance(item_id, str):
                    continue
                loc = (kind, i, "id")
                if item_id in item_ids:
                    first, first_loc = item_ids[item_id]
                    problems.add(src, loc, f"id {item_id!r} is already used at "
                                 f"{first.shown}:{first.line_of(first_loc)}; ids must be unique "
                                 "across the curriculum")
                else:
                    item_ids[item_id] = (src, loc)
