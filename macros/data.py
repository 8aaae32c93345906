"""Load and check the guide's structured data: front matter of every page, data/*.yml, data/sources/.

Everything is read once per build. All problems are collected and raised together as GuideError,
each naming the file, the line, the field and the fix.
"""
from __future__ import annotations

import datetime
import re
import typing
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from macros import messages
from macros.messages import GuideError, Problem, UnknownId
from macros.models import CARE_TIERS, Muscle, PageMeta, Safety, Source, Technique, Tool

DOCS = "docs"
TECHNIQUES = "techniques"
MUSCLES = "muscles"
CONTRAINDICATIONS = "safety/contraindications.md"
SAFETY_FILE = "data/safety.yml"
TOOLS_FILE = "data/tools.yml"
SOURCES_DIR = "data/sources"


@dataclass(frozen=True)
class Guide:
    root: Path
    pages: dict[str, PageMeta]
    techniques: dict[str, Technique]
    muscles: dict[str, Muscle]
    tools: dict[str, Tool]
    sources: dict[str, Source]
    safety: Safety

    def technique(self, slug: str) -> Technique:
        return _lookup(self.techniques, slug, "technique")

    def muscle(self, slug: str) -> Muscle:
        return _lookup(self.muscles, slug, "muscle")

    def tool(self, slug: str) -> Tool:
        return _lookup(self.tools, slug, "tool")

    def source(self, slug: str) -> Source:
        return _lookup(self.sources, slug, "source")

    def care_tier(self, tier: str):
        return _lookup(self.safety.care_tiers, tier, "care tier")

    def stop_rule(self, slug: str):
        return _lookup(self.safety.stop_rules, slug, "stop rule")

    def technique_stop_rules(self, slug: str) -> list[str]:
        """A technique's stop rules: those its page lists and those for every technique, in data order."""
        listed = set(self.technique(slug).stop_rules)
        return [rule_id for rule_id, rule in self.safety.stop_rules.items() if rule.every_technique or rule_id in listed]

    def techniques_for(self, muscle: str) -> list[str]:
        return [slug for slug, t in self.techniques.items() if muscle in t.muscles]


def _lookup(table: dict, key, kind: str):
    try:
        return table[key]
    except (KeyError, TypeError):
        raise UnknownId(kind, key, sorted(table)) from None


REVIEW_YEARS = 3  # the longest gap between two reviews of a page (NHS Standard for Creating Health Content)


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same date some years later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def latest_review_due(reviewed: datetime.date) -> datetime.date:
    """The latest date a page's next review may be due."""
    return years_after(reviewed, REVIEW_YEARS)


def technique_path(slug: str) -> str:
    return f"{TECHNIQUES}/{slug}.md"


def muscle_path(slug: str) -> str:
    return f"{MUSCLES}/{slug}.md"


# A note the scaffold's templates leave for the contributor: "TODO: " and what to write, up to the end
# of the line or a closing quote. None may reach the site.
PLACEHOLDER = re.compile(r'TODO:[^"\n]*')
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_FENCE = re.compile(r"^\s*(```|~~~)")


def find_placeholders(text: str) -> list[tuple[int, str]]:
    """(line, note) for every 'TODO: …' note outside code, in a Markdown page or a YAML file."""
    found, in_fence = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            found += [(number, m.group(0).strip().rstrip("'\"").strip())
                      for m in PLACEHOLDER.finditer(_CODE_SPAN.sub("", line))]
    return found


def title_line(lines: list[str]) -> int:
    """The line of a page's '# Title' (after the front matter), where a problem about the whole
    page is reported; 1 if it has none."""
    start = 0
    if lines and lines[0].strip() == "---":  # the front matter's own '# comments' are not titles
        start = next((n for n, line in enumerate(lines[1:], 2) if line.strip() in ("---", "...")), 0)
    return next((n for n, line in enumerate(lines[start:], start + 1) if re.match(r"#\s", line)), 1)


def call_line(text: str, macro: str, args: list[str]) -> int:
    """The line of a page that calls `macro` with these text arguments; else its title line."""
    lines = text.splitlines()
    calls = [n for n, line in enumerate(lines, 1) if re.search(rf"\b{re.escape(macro)}\s*\(", line)]
    exact = [n for n in calls if all(a in lines[n - 1] for a in args)]
    return (exact or calls or [title_line(lines)])[0]


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a source file (use_directory_urls: true)."""
    stem = src_uri[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def slug_of(src_uri: str, folder: str) -> str | None:
    """'techniques/stripping.md' -> 'stripping' for folder 'techniques'; None for other pages."""
    parts = src_uri.split("/")
    if len(parts) == 2 and parts[0] == folder and parts[1].endswith(".md") and parts[1] != "index.md":
        return parts[1][:-3]
    return None


# --- YAML with line numbers --------------------------------------------------------------------

def _line_map(node, path=(), first_line=1, lines=None) -> dict[tuple, int]:
    """Map each key path in a YAML node tree to its line number in the file."""
    lines = {} if lines is None else lines
    lines.setdefault(path, node.start_mark.line + first_line)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = path + (key.value,)
            lines[sub] = key.start_mark.line + first_line
            _line_map(value, sub, first_line, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, path + (index,), first_line, lines)
    return lines


@dataclass
class _Doc:
    path: str
    data: object
    lines: dict[tuple, int]

    def line(self, *path) -> int:
        """The line of the deepest part of `path` that exists in the file."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, self.lines.get((), 1))


# libyaml's safe loader where PyYAML has it (its wheels do): the same nodes, lines and data as the
# pure-Python one, several times faster (each build reads every data file and page head). A file it
# cannot read is read again by the pure-Python loader, whose messages name more (a tab, say).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose_and_construct(text: str, loader_class) -> tuple[yaml.Node | None, object]:
    """Read the text once: the node tree (for the lines), then the data made from it. A ValueError
    (a date that is none) carries the node tree read so far as its `node`."""
    loader, node = loader_class(text), None
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    except ValueError as error:
        error.node = node
        raise
    finally:
        loader.dispose()


def _parse_yaml(rel: str, text: str, first_line: int, problems: list[Problem]) -> _Doc | None:
    try:
        try:
            node, data = _compose_and_construct(text, _FAST_LOADER)
        except yaml.YAMLError:
            node, data = _compose_and_construct(text, yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        problems.append(Problem(rel, *messages.bad_yaml(getattr(error, "problem", str(error))), line))
        return None
    except ValueError as error:  # a value YAML reads as a date but is none, like 2026-13-01
        bad = _bad_date(error.node) if getattr(error, "node", None) else None
        value, line = bad or ("", 0)
        problems.append(Problem(rel, *messages.bad_date(value, str(error)), line + first_line))
        return None
    return _Doc(rel, data, _line_map(node, first_line=first_line) if node else {(): first_line})


def _bad_date(node) -> tuple[str, int] | None:
    """(value, line from 0) of the first date in a YAML node tree that is not a real date."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader.construct_yaml_timestamp(yaml.SafeLoader(""), node)
            except ValueError:
                return node.value, node.start_mark.line
        return None
    children = node.value if isinstance(node, yaml.SequenceNode) else [
        part for pair in node.value for part in pair]
    return next((found for child in children if (found := _bad_date(child))), None)


def _encoding_problems(root: Path) -> list[Problem]:
    """Each file the build reads as text that is not UTF-8, at the line of its first bad byte."""
    problems = []
    for path in [*sorted((root / DOCS).rglob("*.md")), *sorted((root / "data").rglob("*.yml")),
                 *sorted((root / "includes").rglob("*.md")), root / "CONTRIBUTING.md"]:
        if not path.is_file():
            continue
        raw = path.read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(path.relative_to(root).as_posix(), *messages.not_utf8(raw[error.start]),
                                    raw.count(b"\n", 0, error.start) + 1))
    return problems


def _front_matter(root: Path, rel: str, problems: list[Problem]) -> _Doc | None:
    text = (root / rel).read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(rel, *messages.no_front_matter(), 1))
        return None
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return _parse_yaml(rel, "\n".join(lines[1:end]), 2, problems)
    problems.append(Problem(rel, *messages.no_front_matter(), 1))
    return None


# --- validation --------------------------------------------------------------------------------

_TYPE_NAMES = {
    "string_type": "text", "list_type": "a list", "int_type": "a whole number", "int_parsing": "a whole number",
    "dict_type": "a mapping of names to values", "model_type": "a mapping of names to values",
    "date_type": "a date (YYYY-MM-DD)", "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)", "url_type": "a link",
}


def _describe(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, datetime.date):
        return "a date"
    return "text"


def _field_info(model: type[BaseModel], loc: tuple):
    """Walk the model along loc; return (description, known field names at the last model)."""
    current, description, known = model, "", list(model.model_fields)
    expect_key = False
    for part in loc:
        if expect_key or isinstance(part, int):
            expect_key = False
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            break
        known = list(current.model_fields)
        field = current.model_fields[part]
        description = field.description or ""
        annotation = field.annotation
        for _ in range(3):  # unwrap Annotated / Optional / containers
            origin, args = typing.get_origin(annotation), typing.get_args(annotation)
            if origin is dict:
                annotation, expect_key = args[1], True
            elif origin in (list, tuple):
                annotation = args[0]
            elif args:
                annotation = next((a for a in args if a is not type(None)), args[0])
            else:
                break
        current = annotation
    return description, known


def _field_name(loc: tuple) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _validate(doc: _Doc, model: type[BaseModel], prefix: tuple, problems: list[Problem]):
    data = doc.data
    for key in prefix:
        data = data.get(key) if isinstance(data, dict) else None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            loc = prefix + tuple(item["loc"])
            kind = item["type"]
            description, known = _field_info(model, tuple(item["loc"]))
            field = _field_name(loc) or "(the whole file)"
            if kind == "missing":
                what, fix = messages.missing_field(field, description)
            elif kind == "extra_forbidden":
                what, fix = messages.unknown_field(field, [k for k in known])
            elif kind in _TYPE_NAMES:
                what, fix = messages.wrong_type(field, _TYPE_NAMES[kind], _describe(item.get("input")), description)
            else:
                what, fix = messages.invalid_value(field, item["msg"].lower(), description)
            problems.append(Problem(doc.path, what, fix, doc.line(*loc)))
        return None


def _check_refs(doc: _Doc, field: tuple, names: list[str], table: dict, kind: str, add_where: str,
                problems: list[Problem]) -> None:
    for index, name in enumerate(names):
        if name not in table:
            what, fix = messages.unknown_reference(_field_name(field), name, kind, table,
                                                   add_where.format(name=name))
            problems.append(Problem(doc.path, what, fix, doc.line(*field, index)))


def _check_safety_refs(doc: _Doc, safety: Safety, sources: dict, problems: list[Problem]) -> None:
    """Every safety item rests on sources that exist; every precaution is in a known group; the hold timer
    names stop rules that exist."""
    add_source = f"{SOURCES_DIR}/{{name}}.yml"
    for tier_id, tier in safety.care_tiers.items():
        for index, sign in enumerate(tier.signs):
            _check_refs(doc, ("care_tiers", tier_id, "signs", index, "sources"), sign.sources, sources, "source",
                        add_source, problems)
    for rule_id, rule in safety.stop_rules.items():
        _check_refs(doc, ("stop_rules", rule_id, "sources"), rule.sources, sources, "source", add_source, problems)
    for field in ("check_rules", "stop_rules"):
        _check_refs(doc, ("hold_timer", field), getattr(safety.hold_timer, field), safety.stop_rules, "stop rule",
                    f"an entry '{{name}}:' under stop_rules in {SAFETY_FILE}", problems)
    for item_id, item in safety.precautions.items():
        _check_refs(doc, ("precautions", item_id, "sources"), item.sources, sources, "source", add_source, problems)
        _check_refs(doc, ("precautions", item_id, "group"), [item.group], safety.precaution_groups,
                    "precaution group", f"an entry '{{name}}:' under precaution_groups in {SAFETY_FILE}", problems)


def _duplicate_names(page_docs: dict, table: dict, folder: str, kind: str) -> list[Problem]:
    """Two pages with one name: reported at the later page's name, naming the first."""
    first: dict[str, str] = {}
    problems = []
    for slug, entry in table.items():
        key = " ".join(entry.name.lower().split())
        src_uri = f"{folder}/{slug}.md"
        if key in first:
            what, fix = messages.duplicate_name(kind, entry.name, f"{DOCS}/{first[key]}")
            problems.append(Problem(f"{DOCS}/{src_uri}", what, fix, page_docs[src_uri].line(kind, "name")))
        else:
            first[key] = src_uri
    return problems


def _load_mapping_file(root: Path, rel: str, model, problems: list[Problem]) -> dict:
    """A YAML file of id: {fields} entries, validated entry by entry."""
    doc = _parse_yaml(rel, (root / rel).read_text(encoding="utf-8"), 1, problems)
    if doc is None:
        return {}
    if not isinstance(doc.data, dict):
        problems.append(Problem(rel, *messages.wrong_type("(the whole file)", "a mapping of ids to entries",
                                                          _describe(doc.data), "id: {fields}"), 1))
        return {}
    entries = {}
    for key in doc.data:
        entry = _validate(doc, model, (key,), problems)
        if entry is not None:
            entries[key] = entry
    return entries


def _with_placeholders(root: Path, problems: list[Problem]) -> list[Problem]:
    """Add a problem for each 'TODO: …' note left in a page or data file. A note is the real
    problem on its line, so it replaces what the schema says about the same line (a placeholder
    where an id belongs is not an unknown id), and the list is sorted by file and line."""
    notes = []
    for path in [*sorted((root / DOCS).rglob("*.md")), *sorted((root / "data").rglob("*.yml"))]:
        rel = path.relative_to(root).as_posix()
        notes += [messages.lint_problem("placeholder", rel, line, text=text)
                  for line, text in find_placeholders(path.read_text(encoding="utf-8"))]
    taken = {(p.path, p.line) for p in notes}
    kept = [p for p in problems if (p.path, p.line) not in taken]
    return sorted(kept + notes, key=lambda p: (p.path, p.line or 0))


def load_guide(root: Path | str, today: datetime.date | None = None) -> Guide:
    """Read and cross-check everything; raise GuideError listing every problem found."""
    root = Path(root)
    today = today or datetime.date.today()
    problems = _encoding_problems(root)
    if problems:  # nothing else can be read reliably until each file is text
        raise GuideError(problems)

    safety_doc = _parse_yaml(SAFETY_FILE, (root / SAFETY_FILE).read_text(encoding="utf-8"), 1, problems)
    safety = _validate(safety_doc, Safety, (), problems) if safety_doc else None
    if safety is not None and set(safety.care_tiers) != set(CARE_TIERS):
        what, fix = messages.invalid_value(
            "care_tiers", f"it has {messages.known_list(safety.care_tiers)}",
            f"it must have exactly these tiers: {', '.join(CARE_TIERS)}")
        problems.append(Problem(SAFETY_FILE, what, fix, safety_doc.line("care_tiers")))

    tools = _load_mapping_file(root, TOOLS_FILE, Tool, problems)

    sources = {}
    for path in sorted((root / SOURCES_DIR).glob("*.yml")):
        rel = path.relative_to(root).as_posix()
        doc = _parse_yaml(rel, path.read_text(encoding="utf-8"), 1, problems)
        source = _validate(doc, Source, (), problems) if doc else None
        if source is not None:
            sources[path.stem] = source

    pages, page_docs, techniques, muscles = {}, {}, {}, {}
    docs_root = root / DOCS
    for path in sorted(docs_root.rglob("*.md")):
        src_uri = path.relative_to(docs_root).as_posix()
        rel = f"{DOCS}/{src_uri}"
        doc = _front_matter(root, rel, problems)
        if doc is None:
            continue
        if not isinstance(doc.data, dict):
            problems.append(Problem(rel, *messages.no_front_matter(), 1))
            continue
        page_docs[src_uri] = doc
        meta = _validate(doc, PageMeta, (), problems)
        if meta is not None:
            pages[src_uri] = meta
            if meta.last_reviewed > today:
                problems.append(Problem(rel, *messages.future_review_date("last_reviewed", str(meta.last_reviewed)),
                                        doc.line("last_reviewed")))
            latest = latest_review_due(meta.last_reviewed)
            if meta.last_reviewed > today:
                pass  # the review date itself is wrong; that is the one problem to fix
            elif meta.review_due <= meta.last_reviewed:
                problems.append(Problem(rel, *messages.review_due_order(str(meta.review_due), str(meta.last_reviewed)),
                                        doc.line("review_due")))
            elif meta.review_due > latest:
                problems.append(Problem(rel, *messages.review_due_too_late(str(meta.review_due), str(meta.last_reviewed),
                                                                           str(latest)), doc.line("review_due")))
        for folder, block, model, table in ((TECHNIQUES, "technique", Technique, techniques),
                                            (MUSCLES, "muscle", Muscle, muscles)):
            slug = slug_of(src_uri, folder)
            if slug is None:
                continue
            if block not in doc.data:
                what, fix = messages.missing_field(block, f"every page in docs/{folder}/ needs a '{block}:' block "
                                                          f"(copy one from another page in docs/{folder}/)")
                problems.append(Problem(rel, what, fix, 1))
                continue
            entry = _validate(doc, model, (block,), problems)
            if entry is not None:
                table[slug] = entry

    problems += _duplicate_names(page_docs, techniques, TECHNIQUES, "technique")
    problems += _duplicate_names(page_docs, muscles, MUSCLES, "muscle")

    # Cross-references: each name must exist, or the build fails with the list of known names.
    for src_uri, meta in pages.items():
        _check_refs(page_docs[src_uri], ("sources",), meta.sources, sources, "source",
                    f"{SOURCES_DIR}/{{name}}.yml", problems)
    for slug, technique in techniques.items():
        doc = page_docs[technique_path(slug)]
        _check_refs(doc, ("technique", "muscles"), technique.muscles, muscles, "muscle",
                    f"{DOCS}/{MUSCLES}/{{name}}.md", problems)
        _check_refs(doc, ("technique", "tools"), technique.tools, tools, "tool",
                    f"an entry '{{name}}:' to {TOOLS_FILE}", problems)
        if safety is not None:
            _check_refs(doc, ("technique", "stop_rules"), technique.stop_rules, safety.stop_rules, "stop rule",
                        f"an entry '{{name}}:' under stop_rules in {SAFETY_FILE}", problems)
            _check_refs(doc, ("technique", "dose", "rest_rule"), [technique.dose.rest_rule], safety.stop_rules,
                        "stop rule", f"an entry '{{name}}:' under stop_rules in {SAFETY_FILE}", problems)
        for level in ("per_spot", "per_session", "per_day"):
            _check_refs(doc, ("technique", "dose", level, "sources"), getattr(technique.dose, level).sources,
                        sources, "source", f"{SOURCES_DIR}/{{name}}.yml", problems)

    if safety is not None:
        _check_safety_refs(safety_doc, safety, sources, problems)

    problems = _with_placeholders(root, problems)
    if not (docs_root / CONTRAINDICATIONS).is_file():
        problems.append(Problem(f"{DOCS}/{CONTRAINDICATIONS}", "the contraindications page is missing",
                                "every technique page links to it: restore the file at this path", None))
    if problems:
        raise GuideError(problems)
    return Guide(root, pages, techniques, muscles, tools, sources, safety)
