"""MkDocs hook: Material's palette stylesheet with only the colours this site uses.

Material ships one palette.*.min.css with all of its primary and accent colours (about 20 each)
and every page loads it before the first paint. The site uses one primary and one accent colour
(mkdocs.yml theme.palette), so after the build each rule that applies only to another colour is
left out of the built copy; the light and dark schemes are kept whole. A colour added to
mkdocs.yml is kept automatically.

One more rule goes: `[data-md-color-switching] *, ... {transition-duration: 0s !important}`, which
stops colour transitions while a reader switches between light and dark. Material's bundle sets and
then removes that attribute on <body> as every page loads, even when the colours stay the same, and
with the rule in place each change makes the browser restyle every element of the page: on the
references page, under a 4x CPU slowdown, style recalculation took 850 ms with the rule and 548 ms
without (stock Material, which has no palette toggle, 430 ms; README, "Speed against stock Material"). Without it, a switch between light
and dark fades over Material's own short transitions (0.25 s at most) instead of jumping.
Loaded by path from mkdocs.yml `hooks:`.
"""
from __future__ import annotations

import re
from pathlib import Path

_COLOUR = re.compile(r"\[data-md-color-(primary|accent)=([\w-]+)\]")
_SWITCHING = "[data-md-color-switching]"  # see the docstring


def used_colours(palette) -> set[tuple[str, str]]:
    """(kind, colour) pairs from theme.palette; Material's default is indigo for both."""
    schemes = palette if isinstance(palette, list) else [palette or {}]
    used = set()
    for scheme in schemes:
        for kind in ("primary", "accent"):
            used.add((kind, str(scheme.get(kind) or "indigo").replace(" ", "-")))
    return used


def _blocks(css: str):
    """(prelude, body) of each top-level block: `a,b{...}` or `@media x{...}`."""
    depth, start, head = 0, 0, 0
    for i, char in enumerate(css):
        if char == "{":
            if depth == 0:
                head = i
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                yield css[start:head], css[head + 1:i]
                start = i + 1


def prune(css: str, used: set[tuple[str, str]]) -> str:
    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@"):
            inner = prune(body, used) if "{" in body else body
            if inner:
                out.append(f"{prelude}{{{inner}}}")
            continue
        selectors = [s for s in prelude.split(",") if _SWITCHING not in s
                     and all((kind, colour) in used for kind, colour in _COLOUR.findall(s))]
        if selectors:
            out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


def on_post_build(config, **_) -> None:
    used = used_colours(config["theme"].get("palette"))
    for sheet in (Path(config["site_dir"]) / "assets" / "stylesheets").glob("palette.*.min.css"):
        css = sheet.read_text(encoding="utf-8")
        sheet.write_text(prune(css.split("\n/*# sourceMappingURL")[0], used), encoding="utf-8")
