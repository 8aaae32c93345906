"""Start a new technique or muscle page from its template in scripts/templates/.

    make new-technique NAME="Trigger point pressure"   ->  docs/techniques/trigger-point-pressure.md
    make new-muscle NAME="Quadratus lumborum"          ->  docs/muscles/quadratus-lumborum.md

The page's file name (its id) is made from the name. A name that is taken or cannot make an id is
refused with the reason. The new page is full of 'TODO: …' notes; the build lists each one left,
with its line, until all are replaced.
"""
from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from macros import messages  # noqa: E402
from macros.data import DOCS, MUSCLES, SAFETY_FILE, TECHNIQUES, find_placeholders, years_after  # noqa: E402
from macros.models import SLUG_PATTERN  # noqa: E402

TEMPLATES = Path(__file__).resolve().parent / "templates"
FOLDERS = {"technique": TECHNIQUES, "muscle": MUSCLES}
NAME = re.compile(r"[A-Za-z][A-Za-z0-9 '-]{1,58}[A-Za-z0-9]")
RESERVED = {"index"}  # index.md is a section's overview page


class ScaffoldError(ValueError):
    """A name the scaffold refuses; the message says why and what to do."""


def slug_for(kind: str, name: str) -> str:
    """'Trigger point pressure' -> 'trigger-point-pressure'; refuse names that cannot make an id."""
    name = " ".join(name.split())
    if not name:
        raise ScaffoldError(messages.scaffold_no_name(kind))
    if not NAME.fullmatch(name):
        bad = sorted({c for c in name if not (c.isascii() and (c.isalnum() or c in " '-"))})
        if bad:
            reason = f"it has {', '.join(repr(c) for c in bad)}"
        elif not name[0].isalpha():
            reason = "it does not start with a letter"
        elif not name[-1].isalnum():
            reason = "it does not end with a letter or digit"
        else:
            reason = f"it has {len(name)} characters"
        raise ScaffoldError(messages.scaffold_bad_name(kind, name, reason))
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "")).strip("-")
    if slug in RESERVED or not re.fullmatch(SLUG_PATTERN, slug):
        raise ScaffoldError(messages.scaffold_reserved(kind, name, slug))
    return slug


def render(kind: str, name: str, root: Path, today: datetime.date) -> str:
    safety = yaml.safe_load((root / SAFETY_FILE).read_text(encoding="utf-8"))
    template = Template((TEMPLATES / f"{kind}.md").read_text(encoding="utf-8"))
    return template.substitute(name=" ".join(name.split()), today=today.isoformat(),
                               review_due=years_after(today, 1).isoformat(),
                               stop_rules=", ".join(safety["stop_rules"]))


def scaffold(kind: str, name: str, root: Path = ROOT, today: datetime.date | None = None) -> Path:
    """Write the new page and return its path; raise ScaffoldError for a name that is refused."""
    slug = slug_for(kind, name)
    rel = f"{DOCS}/{FOLDERS[kind]}/{slug}.md"
    target = root / rel
    if target.exists():
        raise ScaffoldError(messages.scaffold_exists(kind, rel))
    text = render(kind, name, root, today or datetime.date.today())
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as out:  # never overwrite, even in a race
        out.write(text)
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=sorted(FOLDERS))
    parser.add_argument("name", nargs="?", default="", help="the name in plain words, e.g. 'Trigger point pressure'")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this checkout)")
    args = parser.parse_args(argv)
    try:
        path = scaffold(args.kind, args.name, args.root)
    except ScaffoldError as error:
        print(f"make new-{args.kind}: {error}", file=sys.stderr)
        return 1
    rel = path.relative_to(args.root).as_posix()
    notes = len(find_placeholders(path.read_text(encoding="utf-8")))
    print(messages.scaffold_created(rel, f"scripts/templates/{args.kind}.md", notes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
