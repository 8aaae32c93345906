"""MkDocs hook: our small stylesheets go into each page, so the first paint waits for one stylesheet
(Material's main.css), as on a stock Material site, instead of three or four.

Lighthouse's mobile run showed the cost: with Material's palette stylesheet and guide.css linked,
the home page's first paint came at about 1480 ms against 1220 ms for stock Material over the same
text; removing either link alone changed nothing, and with both inlined it came at about 1270 ms
(`make bench`; README, "Speed against stock Material"). So after the build, each page's link to
Material's palette stylesheet (as palette.py trimmed it), to guide.css and, on the routine player's
page, to guided.css (as minify.py squeezed them) is replaced by their text, in one <style>
element where the first link stood; the cascade keeps its order. print.css too, inside
`@media print{...}` as its media="print" link said: as a link it never held up the first paint, but
its request came before the largest paint, which Lighthouse then counted (the about page, four runs
each: largest paint 1454 to 1486 ms linked, 1310 to 1352 ms inlined, the anchor's about 1300 ms).
It costs 0.6 KB gzip in each page against a 0.74 KB file fetched once.

Listed after palette.py and minify.py in mkdocs.yml `hooks:`, and before csp.py, which allows each
<style> by the hash of its text. The files stay in the site (the offline copy and old pages may
still ask for them). Loaded by path from mkdocs.yml `hooks:` (so no imports from the project).
"""
from __future__ import annotations

import re
from pathlib import Path

# Stylesheets that every page or a kind of page needs (print.css: on paper): file name patterns.
INLINED = (r"palette\.[0-9a-f]+\.min\.css", r"guide\.css", r"guided\.css", r"print\.css")
_NAME = re.compile("|".join(INLINED))
_PRINT_ONLY = re.compile(r'<link rel="stylesheet" href="[^"]*" media="print">')
_LINK = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]*/(?P<name>' + _NAME.pattern + r'))"'
                   r'(?P<print> media="print")?>')


try:  # MkDocs prints a BuildError as one line, without a traceback
    from mkdocs.exceptions import PluginError as _Failure
except ImportError:  # pragma: no cover - another builder
    _Failure = Exception


class InlineError(_Failure):
    pass


def checked(name: str, css: str) -> str:
    """The stylesheet's text, if it reads the same inside a page's <style> as from its own file."""
    if "</style" in css.lower():
        raise InlineError(f"assets/stylesheets/{name} holds '</style', which would end the page's <style> "
                          "early: write it another way (for example as \\3c /style)")
    if re.search(r"url\(\s*(?!['\"]?data:)", css):
        raise InlineError(f"assets/stylesheets/{name} has a url() that is not data:, which would be read "
                          "from each page's address once inlined: use a data: URL instead")
    return css.strip()


def inline(html: str, sheets: dict[str, str]) -> str:
    """The page with its links to `sheets` (file name -> text) replaced by their text (a media="print"
    link's inside @media print): one <style> where the first link stood (one hash in the policy,
    fewer bytes), when nothing but other print-only links stands between them; else one <style> in
    the place of each link. Either way the cascade keeps its order."""
    def text(match: re.Match) -> str:
        css = checked(match["name"], sheets[match["name"]])
        return "@media print{" + css + "}" if match["print"] else css

    found = [match for match in _LINK.finditer(html) if match["name"] in sheets]
    between = "".join(html[a.end():b.start()] for a, b in zip(found, found[1:]))
    together = not _PRINT_ONLY.sub("", between).strip()
    out, last = [], 0
    for n, match in enumerate(found):
        out.append(html[last:match.start()])
        if not together or n == 0:
            group = found if together else [match]
            out.append("<style>" + "\n".join(text(m) for m in group) + "</style>")
        last = match.end()
    out.append(html[last:])
    return "".join(out)


def on_post_build(config, **_) -> None:
    site = Path(config["site_dir"])
    folder = site / "assets" / "stylesheets"
    sheets = {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir() if _NAME.fullmatch(path.name)}
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        inlined = inline(html, sheets)
        if inlined != html:
            page.write_text(inlined, encoding="utf-8")
