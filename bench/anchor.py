"""The speed anchor for `make bench`: a stock Material site over the same page text as ours.

Each page's source is the article our build rendered (macros, tables and safety boxes already
expanded), written back as Markdown: headings as Markdown headings with their ids, so stock
Material builds the same table of contents; everything else as raw HTML blocks, which Markdown
passes through unchanged. Why the rendered article and not the Markdown with macros: the anchor
then shows exactly the words, tables and figures a reader of our page sees, and needs none of our
code (no macros, hooks, glossary or template overrides). What is ours and not text is removed: the
edit button (stock has no repo_url) and the glossary's <abbr> markup (a feature of ours).

The config is stock Material 9.x: `font: false`, the search plugin, no extra CSS or JS, no
custom_dir, no hooks; only `attr_list` and `toc` (permalinks, as ours) for the headings.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

ROOT = Path(__file__).resolve().parent.parent
# Python-Markdown passes these through as raw HTML blocks when one starts a line.
BLOCK_TAGS = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure",
              "footer", "form", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Our own files, which a stock site does not have.
OURS = ("assets/stylesheets", "assets/javascripts")


def article_markdown(html: str) -> str:
    """The article of one built page of ours, as Markdown a stock Material build renders the same."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article")
    if article is None:
        raise ValueError("no <article> in the page")
    for node in article.find_all(string=lambda text: isinstance(text, Comment)):
        node.extract()
    for edit in article.select("a.md-content__button"):
        edit.decompose()
    for abbr in article.find_all("abbr"):
        abbr.unwrap()
    blocks = []
    for child in article.children:
        if isinstance(child, NavigableString):
            if child.strip():
                blocks.append(f"<p>{child.strip()}</p>")
            continue
        if not isinstance(child, Tag):
            continue
        if child.name in HEADINGS:
            for link in child.select("a.headerlink"):
                link.decompose()
            words = " ".join(child.get_text(" ").split())
            anchor = f" {{#{child['id']}}}" if child.get("id") else ""
            blocks.append(f"{'#' * int(child.name[1])} {words}{anchor}")
        elif child.name in BLOCK_TAGS:
            blocks.append(str(child))
        else:
            blocks.append(f"<div>{child}</div>")
    return "\n\n".join(blocks) + "\n"


def anchor_config(ours: Path) -> dict:
    """Stock Material, served under the same address as ours (so both sites have the same paths)."""
    config = yaml.load(ours.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return {
        "site_name": config["site_name"],
        "site_url": config["site_url"],
        "theme": {"name": "material", "font": False, "language": "en"},
        "plugins": ["search"],
        "markdown_extensions": ["attr_list", {"toc": {"permalink": True}}],
    }


def build_anchor(site: Path, workdir: Path, mkdocs: Path) -> Path:
    """Write and build the anchor project from our built `site`; returns the anchor's built site."""
    docs = workdir / "docs"
    for page in sorted(site.rglob("index.html")):
        relative = page.parent.relative_to(site)
        if relative.parts[:1] in (("assets",), ("search",)):
            continue
        source = docs / ("index.md" if relative == Path(".") else f"{relative.as_posix()}.md")
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(article_markdown(page.read_text(encoding="utf-8")), encoding="utf-8")
    # The same pictures and files, at the same addresses.
    for path in (ROOT / "docs").rglob("*"):
        relative = path.relative_to(ROOT / "docs").as_posix()
        if path.is_file() and path.suffix != ".md" and not relative.startswith(OURS) and path.name != ".nav.yml":
            (docs / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, docs / relative)
    (workdir / "mkdocs.yml").write_text(yaml.safe_dump(anchor_config(ROOT / "mkdocs.yml"), sort_keys=False),
                                        encoding="utf-8")
    built = workdir / "site"
    result = subprocess.run([str(mkdocs), "build", "--quiet", "--site-dir", str(built)], cwd=workdir,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"the anchor build failed:\n{result.stdout}\n{result.stderr}")
    return built
