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

And one step in Material's script bundle goes: its palette component adds <meta name="color-scheme">
to the head and sets it to the page's scheme after every page load, and Chromium answers each change
of that tag by restyling the whole page ("PlatformColorChange" in a trace). On the stripping page,
under a 4x CPU slowdown, that was about 70 ms of style work and of blocking time in every load
(README, "Speed against stock Material"). The tag tells the browser which colours to use for what
the page's own styles do not colour; inside <body> Material's stylesheet already says it
(`[data-md-color-scheme=slate]{color-scheme:dark}`), so the one thing it still did was the root's
colours (the page's scroll bar, on screens that show one). ROOT_SCHEME, added to the palette
stylesheet, gives the root the body's scheme instead; it holds from the first paint, where the tag
came only once the deferred bundle ran, and it follows the light/dark toggle as the tag did.
If an upgrade of Material changes that code, the build stops and says what to do
(tests/test_speed.py checks the installed Material against it).
Loaded by path from mkdocs.yml `hooks:`.
"""
from __future__ import annotations

import re
from pathlib import Path

_COLOUR = re.compile(r"\[data-md-color-(primary|accent)=([\w-]+)\]")
_SWITCHING = "[data-md-color-switching]"  # see the docstring
# The bundle's `let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);` (Material 9.8.1;
# the names are the minifier's): the tag is never made, and the later `o.content=...` sets a property
# of a plain object instead.
_SCHEME_TAG = re.compile(r'let (\w+)=\w+\("meta",\{name:"color-scheme"\}\);document\.head\.appendChild\(\1\);')
ROOT_SCHEME = "html:has(>[data-md-color-scheme=slate]){color-scheme:dark}"  # <body> is the one child with it

try:  # MkDocs prints a PluginError as one line, without a traceback
    from mkdocs.exceptions import PluginError as _Failure
except ImportError:  # pragma: no cover - another builder
    _Failure = Exception


class PaletteError(_Failure):
    pass


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


def without_scheme_tag(name: str, bundle: str) -> str:
    """The bundle without the step that adds <meta name="color-scheme"> (see the docstring)."""
    patched, found = _SCHEME_TAG.subn(r"let \1={};", bundle)
    if found != 1:
        raise PaletteError(
            f"assets/javascripts/{name}: Material's bundle holds the code that adds <meta name=\"color-scheme\"> "
            f"{found} times, not once as overrides/hooks/palette.py expects (Material was upgraded?). Search the "
            "bundle for 'color-scheme': if it still adds the tag, change _SCHEME_TAG to match the new code; if "
            "not, take out without_scheme_tag() and ROOT_SCHEME, and the docstring's paragraph on them")
    return patched.split("\n//# sourceMappingURL")[0]  # the map no longer fits


def on_post_build(config, **_) -> None:
    assets = Path(config["site_dir"]) / "assets"
    used = used_colours(config["theme"].get("palette"))
    for sheet in (assets / "stylesheets").glob("palette.*.min.css"):
        css = sheet.read_text(encoding="utf-8")
        sheet.write_text(prune(css.split("\n/*# sourceMappingURL")[0], used) + ROOT_SCHEME, encoding="utf-8")
    for bundle in (assets / "javascripts").glob("bundle.*.min.js"):
        bundle.write_text(without_scheme_tag(bundle.name, bundle.read_text(encoding="utf-8")), encoding="utf-8")
