"""The markup policy and integrity rules (postbuild/policy.py) on small rendered pages, one rule at a
time; tests/test_errors_that_teach.py runs the same mistakes through the real build."""
from __future__ import annotations

import pytest

from postbuild.lint import lint_page
from postbuild.policy import better_name, check_file_names, check_raster_weight

from test_content_lint import page


def problems_in(body: str, source: list[str] | None = None) -> list[str]:
    return [str(p) for p in lint_page("x.md", page(f"<h1>X</h1><p>Some words.</p>{body}"), source or ["# X"])]


@pytest.mark.parametrize("body, says", [
    ('<video src="https://example.org/v.mp4"></video>', "loads a <video> from another site"),
    ('<audio src="//example.org/a.mp3"></audio>', "loads an <audio> from another site"),
    ('<picture><source srcset="local.png 1x, https://example.org/b.png 2x"></picture>', "loads a <source>"),
    ('<figure><img src="a.svg" srcset="https://example.org/a.png 2x" alt="A"><figcaption>A.</figcaption></figure>',
     "loads an <img> from another site (https://example.org/a.png)"),
    ('<embed src="x.svg">', "has an <embed> element"),
    ('<a href="java\tscript:alert(1)">x</a>', "'javascript:' address"),
    ('<svg role="img"><title>T</title><a href="javascript:x()">x</a></svg>', "'javascript:' address"),
    ('<svg onload="x()" role="img"><title>T</title></svg>', "inline script (onload=…)"),
    ('<h2 id="a">A</h2><h2 id="a">B</h2>', "two headings on this page have the id 'a'"),
])
def test_each_rule_is_caught(body, says):
    assert any(says in problem for problem in problems_in(body)), problems_in(body)


@pytest.mark.parametrize("body", [
    '<a href="https://www.nhs.uk/conditions/sciatica/">NHS</a>',  # a plain link to another site is fine
    '<a href="mailto:someone@example.org">mail</a>',
    '<figure><img src="../assets/figures/piriformis.svg" alt="A"><figcaption>A.</figcaption></figure>',
    "<p><code>&lt;script&gt;</code> shown as code</p>",
])
def test_what_pages_may_hold_passes(body):
    assert problems_in(body) == []


def test_the_line_is_where_it_is_written_not_where_code_shows_it():
    source = ["# X", "", "Never write `<script>` in a page.", "", "<script>x()</script>"]
    assert problems_in("<script>x()</script>", source)[0].startswith("docs/x.md:5: ")


def test_file_names_and_picture_weight(tmp_path):
    docs = tmp_path / "docs"
    (docs / "Big Pictures").mkdir(parents=True)
    (docs / "Big Pictures" / "Photo 1.PNG").write_bytes(b"0" * 300 * 1024)
    (docs / "ok-page.md").write_text("# Ok\n", encoding="utf-8")
    (docs / ".nav.yml").write_text("nav: []\n", encoding="utf-8")
    names = [str(p) for p in check_file_names(docs)]
    assert [n.split(":")[0] for n in names] == ["docs/Big Pictures", "docs/Big Pictures/Photo 1.PNG"]
    assert "rename it to 'photo-1.png'" in names[1]
    heavy = check_raster_weight(docs, [])
    assert len(heavy) == 1 and "is 300 KB (limit 200 KB)" in str(heavy[0])
    assert better_name("Foam Roll.md") == "foam-roll.md"
