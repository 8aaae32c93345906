"""Printable PDF handouts, made from the built site after `mkdocs build`.

Every technique and muscle in the guide's data gets a handout in A4 and US Letter, written to
site/handouts/. So do a booklet (contents page, the contraindications page, every handout, the two
tools), a routine card and a pain-location diary. Run by `make build` and `make handouts`:

    python -m postbuild.handouts [SITE_DIR] [--jobs N] [--only handouts/techniques/stripping-a4.pdf ...]

The words come from where the site gets them: titles, key points, steps and figures from the built
pages; dose and safety text from the data (data/safety.yml through macros.safety). Nothing is
fetched from the network: a stylesheet, font or image that would be fails the run with its address.
"""
from __future__ import annotations

import argparse
import copy
import datetime
import functools
import logging
import os
import posixpath
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse
from urllib.request import url2pathname

import markdown
import segno
import weasyprint
import yaml
from bs4 import BeautifulSoup, Tag
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from macros import handouts as files
from macros import dose, safety, tables
from macros.data import CONTRAINDICATIONS, DOCS, MUSCLES, TECHNIQUES, Guide, load_guide
from macros.messages import GuideError, handout_problem
from macros.references import human_date
from postbuild.lint import page_url

TEMPLATES = Path(__file__).parent / "handout_templates"
PRINTABLES = "printables.md"
# The numbered list a handout takes its steps from: the list under the heading with this id
# (and the heading those pages use, for the fix in the message).
STEPS_ID = {TECHNIQUES: "steps", MUSCLES: "find-it"}
STEPS_HEADING = {TECHNIQUES: "Step by step", MUSCLES: "Find it"}
# Body text size per paper: A4 is 18 mm taller than US Letter, so the same page fits larger type.
TEXT_SIZE = {"a4": "9.3pt", "letter": "8.7pt"}


class HandoutError(Exception):
    """A handout could not be made; the message says which, why, and what to do."""


# --- the site's settings -----------------------------------------------------------------------

@dataclass(frozen=True)
class Site:
    root: Path
    site_dir: Path
    name: str
    url: str
    language: str
    notice: str

    def address(self, src: str) -> str:
        """The public address of a page, from mkdocs.yml site_url."""
        return urljoin(self.url, page_url(src))


def read_site(root: Path, site_dir: Path) -> Site:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    missing = [key for key in ("site_name", "site_url") if not config.get(key)]
    if missing:
        raise HandoutError(f"mkdocs.yml: {', '.join(missing)} is missing — the handouts print the guide's "
                           "name and its pages' addresses from site_name and site_url; set them")
    url = config["site_url"].rstrip("/") + "/"
    language = (config.get("theme") or {}).get("language") or "en"
    return Site(root, site_dir, config["site_name"], url, language, config.get("copyright", ""))


# --- what a handout shows ----------------------------------------------------------------------

@dataclass
class Handout:
    """One technique or muscle page, as its handout shows it. HTML fields are cleaned fragments."""

    kind: str
    slug: str
    src: str
    title: str
    description: str
    address: str
    reviewed: datetime.date
    review_due: datetime.date
    key_points: list[Markup]
    steps_heading: str
    steps: list[Markup]
    figures: list[Markup]
    facts: list[tuple[str, Markup]]
    doses: list[tuple[str, list[str]]] = field(default_factory=list)  # (technique, its dose in short)
    positions: list[Markup] = field(default_factory=list)
    safety: dict[str, Markup] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.slug}"


def _soup(site: Site, src: str) -> BeautifulSoup:
    built = site.site_dir / page_url(src) / "index.html"
    if not built.is_file():
        raise HandoutError(f"{built}: the built page of docs/{src} is missing — run `mkdocs build` "
                           "(or `make build`) before making the handouts")
    return BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser")


def _file_url(site: Site, src: str) -> str:
    return (site.site_dir / page_url(src) / "index.html").resolve().as_uri()


def _cleaned(site: Site, node: Tag, src: str) -> Tag:
    """A copy of part of a built page, ready for paper: absolute links, local images, no screen-only parts."""
    node = copy.copy(node)
    for junk in node.select("a.headerlink, .md-content__button, .handout-download, input, .task-list-indicator"):
        junk.decompose()
    for abbr in node.find_all("abbr"):
        abbr.unwrap()
    for details in node.find_all("details"):
        details["open"] = ""
    for tag in node.find_all(True):
        tag.attrs.pop("id", None)
    for link in node.find_all("a", href=True):
        link["href"] = urljoin(site.address(src), link["href"])
        if not link["href"].startswith(site.url):
            link["class"] = [*link.get("class", []), "external"]  # paper shows its address
    for image in node.find_all(["img", "image"]):
        for attribute in ("src", "href"):
            if image.get(attribute):
                image[attribute] = urljoin(_file_url(site, src), image[attribute])
    return node


def clean(site: Site, node: Tag, src: str) -> Markup:
    """The element itself, cleaned."""
    return Markup(str(_cleaned(site, node, src)))


def _inner(site: Site, node: Tag, src: str) -> Markup:
    """What is inside the element, cleaned."""
    return Markup(_cleaned(site, node, src).decode_contents())


def _heading_text(heading: Tag) -> str:
    return heading.get_text(" ", strip=True).rstrip("¶").strip()


def _steps(site: Site, article: Tag, kind: str, src: str) -> tuple[str, list[Markup]]:
    heading = article.find(id=STEPS_ID[kind])
    if heading is None or not heading.name or heading.name not in ("h2", "h3"):
        raise GuideError([handout_problem("steps-heading", f"{DOCS}/{src}", anchor=STEPS_ID[kind],
                                          heading=STEPS_HEADING[kind])])
    level = int(heading.name[1])
    for sibling in heading.find_next_siblings():
        if sibling.name in {f"h{n}" for n in range(1, level + 1)}:
            break
        if sibling.name == "ol":
            return _heading_text(heading), [_inner(site, item, src) for item in sibling.find_all("li", recursive=False)]
    raise GuideError([handout_problem("steps-list", f"{DOCS}/{src}", anchor=STEPS_ID[kind])])


def _markdown_html(site: Site, text: str, src: str) -> Markup:
    """Markdown from a macros renderer, as HTML whose links are the pages' public addresses."""
    soup = BeautifulSoup(markdown.markdown(text, extensions=["admonition"]), "html.parser")
    for link in soup.find_all("a", href=True):
        path, _, anchor = link["href"].partition("#")
        if "://" not in path:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
            link["href"] = site.address(target) + (f"#{anchor}" if anchor else "")
    return Markup(str(soup))


def read_handout(site: Site, guide: Guide, kind: str, slug: str, src: str) -> Handout:
    soup = _soup(site, src)
    article = soup.select_one("article.md-content__inner")
    h1 = article.find("h1") if article else None
    key_points = article.select_one(".admonition.key-points") if article else None
    if h1 is None or key_points is None:
        raise GuideError([handout_problem("key-points", f"{DOCS}/{src}")])
    steps_heading, steps = _steps(site, article, kind, src)
    meta = guide.pages[src]
    handout = Handout(
        kind=kind, slug=slug, src=src, title=_heading_text(h1), description=meta.description,
        address=site.address(src), reviewed=meta.last_reviewed, review_due=meta.review_due,
        key_points=[_inner(site, li, src) for li in key_points.find_all("li")],
        steps_heading=steps_heading, steps=steps,
        figures=[clean(site, figure, src) for figure in article.find_all("figure")],
        facts=[])
    if kind == TECHNIQUES:
        technique = guide.technique(slug)
        handout.facts = [
            ("What you do", Markup.escape(technique.summary)),
            ("Muscles", Markup.escape(", ".join(guide.muscle(m).name for m in technique.muscles))),
            ("Tools", Markup.escape(", ".join(guide.tool(t).name for t in technique.tools))),
            ("Pressure", Markup.escape(technique.pressure)),
            # the dose; its rest rule is left out here because the stop-rules box on the same sheet has it
            *((label, Markup.escape(text)) for label, text in dose.dose_rows(guide, technique) if label != dose.SORE),
        ]
        handout.positions = [Markup.escape(tables.position_text(p)) for p in technique.positions]
        rules = guide.technique_stop_rules(slug)
    else:
        muscle = guide.muscle(slug)
        handout.facts = [
            ("Where it is", Markup.escape(muscle.where)),
            ("Where it sends pain", Markup.escape(muscle.refers_pain_to)),
            ("Do not press", Markup("<ul>{}</ul>").format(
                Markup("").join(Markup("<li>{}</li>").format(place) for place in muscle.do_not_press))),
        ]
        handout.doses = [(t.name, dose.short(t)) for t in (guide.technique(s) for s in guide.techniques_for(slug))]
        rules = None  # a muscle page is for every technique: all the stop rules
    handout.safety = paper_safety(site, guide, src, rules)
    return handout


def dose_basis(guide: Guide) -> list[str]:
    """Where the dose numbers come from, once for each different answer, naming the techniques."""
    notes: dict[str, list[str]] = {}
    for technique in sorted(guide.techniques.values(), key=lambda t: t.name):
        notes.setdefault(dose.basis(guide, technique.dose), []).append(technique.name)
    if len(notes) == 1:
        return list(notes)
    return [f"{', '.join(names)}: {text}" for text, names in notes.items()]


def paper_safety(site: Site, guide: Guide, src: str, rules: list[str] | None) -> dict[str, Markup]:
    """What every handout prints of the safety advice, from data/safety.yml: the stop rules (given
    ids, or all), the ask-first list, and the emergency and same-day care cards."""
    return {
        "stop_rules": _markdown_html(site, safety.stop_rules(guide, src, rules, why=False), src),
        "precautions": _side_by_side_groups(_markdown_html(site, safety.precautions_box(guide), src)),
        "immediate": _markdown_html(site, safety.care_card(guide, "immediate"), src),
        "urgent": _markdown_html(site, safety.care_card(guide, "urgent"), src),
    }


def _side_by_side_groups(html: Markup) -> Markup:
    """The ask-first box with each group (its bold heading and its list) in a cell of one row, so
    the groups stand side by side and the box, like a table, is never split across pages."""
    soup = BeautifulSoup(str(html), "html.parser")
    box = soup.find(class_=safety.ASK_FIRST_KIND)
    headings = [p for p in box.find_all("p", recursive=False)
                if p.find_next_sibling() is not None and p.find_next_sibling().name == "ul"]
    row = soup.new_tag("div", attrs={"class": "groups"})
    headings[0].insert_before(row)
    for heading in headings:
        cell = soup.new_tag("div", attrs={"class": "group"})
        items = heading.find_next_sibling("ul")
        cell.append(heading.extract())
        cell.append(items.extract())
        row.append(cell)
    return Markup(str(soup))


def read_page(site: Site, src: str) -> tuple[str, Markup]:
    """A whole built page (the booklet's contraindications page): its title, and its article without it."""
    article = _soup(site, src).select_one("article.md-content__inner")
    h1 = article.find("h1") if article else None
    if h1 is None:
        raise HandoutError(f"{site.site_dir / page_url(src) / 'index.html'}: no article with a title in the built page")
    title = _heading_text(h1)
    h1.decompose()
    return title, _inner(site, article, src)


# --- rendering ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def qr_code(url: str, label: str) -> Markup:
    """A QR code of an address as inline SVG: crisp at any size, nothing to fetch."""
    svg = segno.make(url, error="m").svg_inline(omitsize=True, svgclass="qr", lineclass=None, title=label)
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


def address_text(url: str) -> Markup:
    """An address as printed text that may wrap after a slash but never at a hyphen."""
    spans = [Markup("<span>{}</span>").format(part) for part in re.findall(r"^\w+://[^/]*/?|[^/]+/?", url)]
    return Markup('<span class="address">{}</span>').format(Markup("<wbr>").join(spans))


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(qr_code=qr_code, address_text=address_text, human_date=human_date)
    return env


@dataclass(frozen=True)
class Job:
    """One PDF to write: its HTML, the paper, where it goes, and which local folders it may read.

    compact_html, when given, is the same document set tighter: used if the first try runs onto more
    pages (a long page, or one with figures), so a handout stays on one page where it can.
    """

    html: str
    compact_html: str | None
    paper: str
    out: Path
    allowed: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Result:
    label: str
    seconds: float
    pages: int
    compact: bool


def build_jobs(site: Site, guide: Guide) -> list[Job]:
    """Every PDF's HTML, in both paper sizes (the HTML is the same; the page size is a stylesheet)."""
    env = _environment()
    sections = env.get_template("sections.html.j2").module
    document = env.get_template("document.html.j2")

    contra_title, contra_html = read_page(site, CONTRAINDICATIONS)
    common = dict(site=site, contra_title=contra_title, contra_address=site.address(CONTRAINDICATIONS))
    handouts, problems = [], []
    for kind, slug, src in files.handout_pages(guide):
        try:
            handouts.append(read_handout(site, guide, kind, slug, src))
        except GuideError as error:  # gather every page's problems, then stop
            problems += error.problems
    if problems:
        raise GuideError(problems)
    tools_reviewed = guide.pages[PRINTABLES].last_reviewed
    tools_due = guide.pages[PRINTABLES].review_due
    tools = dict(common, reviewed=tools_reviewed, due=tools_due, address=site.address(PRINTABLES),
                 safety=paper_safety(site, guide, PRINTABLES, None))
    doses = [(t.name, dose.short(t)) for t in sorted(guide.techniques.values(), key=lambda t: t.name)]
    routine = sections.routine_card(anchor=files.ROUTINE_CARD, rows=_routine_rows(guide), doses=doses,
                                    dose_labels=dose.SHORT_LABELS, dose_notes=dose_basis(guide), **tools)
    diary = sections.pain_diary(anchor=files.PAIN_DIARY, **tools)
    handout_html = {h.anchor: sections.handout(h=h, **common) for h in handouts}
    contra_anchor = "contraindications"
    contents = [(contra_anchor, contra_title)]
    contents += [(h.anchor, files.handout_title(guide, h.kind, h.slug)) for h in handouts]
    contents += list(files.TOOLS.items())
    booklet = "".join([
        sections.contents(site=site, entries=contents, reviewed=tools_reviewed, due=tools_due),
        sections.page(anchor=contra_anchor, title=contra_title, body=contra_html,
                      reviewed=guide.pages[CONTRAINDICATIONS].last_reviewed,
                      due=guide.pages[CONTRAINDICATIONS].review_due, site=site),
        *handout_html.values(),
        routine, diary,
    ])

    # (file name for a paper, document title, description, review date, body, one page wanted)
    documents = [(lambda paper: files.extra_file(files.BOOKLET, paper), f"{site.name}: printable handouts",
                  "Every handout of the guide, with its safety page and a contents page.", tools_reviewed,
                  booklet, False)]
    documents += [((lambda paper, h=h: files.handout_file(h.kind, h.slug, paper)), f"{h.title}: printable handout",
                   h.description, h.reviewed, handout_html[h.anchor], True) for h in handouts]
    documents += [((lambda paper, name=name: files.extra_file(name, paper)), f"{title}: {site.name}",
                   f"{title} from the {site.name}.", tools_reviewed, body, True)
                  for (name, title), body in zip(files.TOOLS.items(), (routine, diary))]
    allowed = (str(site.site_dir.resolve()), str(TEMPLATES.resolve()))
    jobs = []
    for file_for, title, description, reviewed, body, one_page in documents:
        html, compact = (document.render(site=site, title=title, description=description, reviewed=reviewed,
                                         body=Markup(body), compact=tight)
                         for tight in (False, True))
        for paper in files.PAPERS:
            out = file_for(paper)
            jobs.append(Job(html, compact if one_page else None, paper, site.site_dir / out, allowed, out))
    return jobs


def _routine_rows(guide: Guide) -> list[tuple[str, list[str]]]:
    """Each muscle with the names of the techniques that suit it."""
    return [(muscle.name, [guide.technique(t).name for t in guide.techniques_for(slug)])
            for slug, muscle in sorted(guide.muscles.items(), key=lambda kv: kv[1].name)]


class OfflineFetcher(URLFetcher):
    """Reads local files under the allowed folders; refuses every other address, stopping the render."""

    def __init__(self, allowed: tuple[str, ...]):
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)
        self.allowed = allowed

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "data":  # inline data, nothing to fetch
            return super().fetch(url, headers)
        if parsed.scheme != "file":
            raise FatalURLFetchingError(
                f"'{url}' would be fetched from the network — handouts are made offline: put the file in "
                "docs/ (MkDocs copies it into site/) and link it by a relative path, or drop the reference")
        path = os.path.realpath(url2pathname(parsed.path))
        if not any(path == root or path.startswith(root + os.sep) for root in self.allowed):
            raise FatalURLFetchingError(f"'{url}' is outside the built site — link files inside docs/ only")
        return super().fetch(url, headers)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _render(html: str, paper: str, allowed: tuple[str, ...], label: str):
    """HTML to a laid-out WeasyPrint document. Any WeasyPrint warning (a bad rule, a missing image)
    stops the run, as a warning stops the strict MkDocs build."""
    collect = _Collect()
    weasy_logger = logging.getLogger("weasyprint")
    weasy_logger.addHandler(collect)
    try:
        paper_css = weasyprint.CSS(string=f"@page {{ size: {files.PAPERS[paper][0]}; }} "
                                          f"html {{ font-size: {TEXT_SIZE[paper]}; }}")
        document = weasyprint.HTML(string=html, base_url=str(TEMPLATES) + os.sep,
                                   url_fetcher=OfflineFetcher(allowed)).render(stylesheets=[paper_css], pdf_tags=True)
    except FatalURLFetchingError as error:
        raise HandoutError(f"{label}: {error}") from None
    finally:
        weasy_logger.removeHandler(collect)
    if collect.messages:
        raise HandoutError(f"{label}: " + "; ".join(collect.messages))
    return document


def render(job: Job) -> Result:
    """Write one PDF, set tighter if that keeps it on fewer pages."""
    start = time.perf_counter()
    document = _render(job.html, job.paper, job.allowed, job.label)
    compact = False
    if job.compact_html is not None and len(document.pages) > 1:
        tighter = _render(job.compact_html, job.paper, job.allowed, job.label)
        if len(tighter.pages) < len(document.pages):
            document, compact = tighter, True
    job.out.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(job.out, pdf_tags=True)
    return Result(job.label, time.perf_counter() - start, len(document.pages), compact)


def build_handouts(root: Path, site_dir: Path, jobs: int | None = None, report=print,
                   only: list[str] | None = None) -> list[Result]:
    """Make every PDF into site_dir/handouts/, replacing what was there; with `only`, just those files
    (each page is still read and checked), leaving the others as they are."""
    site = read_site(root, site_dir)
    guide = load_guide(root)
    if (root / DOCS / files.HANDOUTS_DIR).exists():
        raise HandoutError(f"{DOCS}/{files.HANDOUTS_DIR}/ exists, but the built site's {files.HANDOUTS_DIR}/ folder "
                           "holds the generated PDFs — rename that folder in docs/")
    all_jobs = build_jobs(site, guide)
    if only:
        known = [job.label for job in all_jobs]
        unknown = [name for name in only if name not in known]
        if unknown:
            raise HandoutError(f"--only: {', '.join(unknown)} is not a handout of this guide (known: {', '.join(known)})")
        all_jobs = [job for job in all_jobs if job.label in only]
    else:
        shutil.rmtree(site_dir / files.HANDOUTS_DIR, ignore_errors=True)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(all_jobs)))
    # The booklets are the longest jobs: start them first so the workers finish together.
    ordered = sorted(all_jobs, key=lambda job: -len(job.html))
    if workers == 1:
        results = [render(job) for job in ordered]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(render, ordered))
    for result in results:
        note = ", set tighter to fit" if result.compact else ""
        report(f"  {result.label}: {result.pages} page{'s' if result.pages != 1 else ''}{note}, {result.seconds:.2f} s")
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m postbuild.handouts", description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", nargs="?", default="site", help="the built site (default: site)")
    parser.add_argument("--jobs", type=int, default=None, help="PDFs made at once (default: one per core)")
    parser.add_argument("--only", nargs="+", metavar="FILE",
                        help="make only these PDFs, named as under the site (handouts/booklet-a4.pdf)")
    args = parser.parse_args(argv)
    root, site_dir = Path.cwd(), Path(args.site_dir)
    start = time.perf_counter()
    try:
        results = build_handouts(root, site_dir, args.jobs, only=args.only)
    except (HandoutError, GuideError) as error:
        print(f"handouts: {error}", file=sys.stderr)
        return 1
    print(f"{len(results)} PDFs in {site_dir / files.HANDOUTS_DIR} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
