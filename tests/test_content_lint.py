"""Content rules, checked on the rendered site (what readers get), and the lint that enforces them."""
from __future__ import annotations

import pytest

from conftest import ROOT, build_problems, edit, mkdocs_build
from macros.data import CONTRAINDICATIONS, TECHNIQUES, load_guide, slug_of
from macros.markdown import block
from postbuild import readability
from postbuild.lint import included_files, lint_page, lint_site, page_url


def technique_pages(source_pages):
    return [p for p in source_pages if slug_of(p, TECHNIQUES)]


def test_the_built_site_passes_the_lint(site):
    problems = lint_site(site, ROOT / "docs")
    assert not problems, "\n".join(map(str, problems))


def test_there_are_technique_pages(source_pages):
    assert len(technique_pages(source_pages)) >= 3


def test_every_technique_page_links_to_the_contraindications_page(rendered, source_pages):
    target = "/" + page_url(CONTRAINDICATIONS)
    for src in technique_pages(source_pages):
        hrefs = [a["href"] for a in rendered(src).select("article a[href]")]
        assert any(h.split("#")[0].endswith(target.lstrip("/").rstrip("/") + "/") for h in hrefs), (
            f"docs/{src} has no link to {CONTRAINDICATIONS}")


def test_every_technique_and_muscle_page_shows_stop_rules_and_both_urgent_cards(rendered, source_pages):
    muscles = [s for s in source_pages if s.startswith("muscles/") and not s.endswith("index.md")]
    assert muscles
    for src in technique_pages(source_pages) + muscles:
        article = rendered(src).select_one("article")
        stop = article.select_one(".admonition.stop-rules")
        assert stop is not None, f"docs/{src}: no stop-rules box"
        for kind, label in (("immediate", "Immediate action required:"), ("urgent", "Urgent advice:")):
            card = article.select_one(f".admonition.care-{kind}")
            assert card is not None, f"docs/{src}: no {kind} card"
            assert card.select_one(".admonition-title").get_text().startswith(label)


def test_care_cards_carry_urgency_in_text(rendered):
    article = rendered(CONTRAINDICATIONS).select_one("article")
    titles = {kind: article.select_one(f".admonition.care-{kind} .admonition-title").get_text()
              for kind in ("immediate", "urgent", "non-urgent")}
    assert titles["immediate"].startswith("Immediate action required:")
    assert titles["urgent"].startswith("Urgent advice:")
    assert titles["non-urgent"].startswith("Non-urgent advice:")


def test_contraindications_page_has_stable_ids(rendered):
    article = rendered(CONTRAINDICATIONS).select_one("article")
    for anchor in ("immediate-action", "urgent-advice", "non-urgent-advice", "precautions", "stop-rules"):
        assert article.find(id=anchor) is not None, f"#{anchor} is missing from {CONTRAINDICATIONS}"


def test_every_page_has_a_description(rendered, source_pages):
    for src in source_pages:
        meta = rendered(src).find("meta", attrs={"name": "description"})
        assert meta and len(meta["content"]) >= 20, f"docs/{src}"


# --- the lint itself, on small pages made to break one rule each ------------------------------

KEY_POINTS = '<div class="admonition key-points"><p>Read this first.</p></div>'


def page(body: str, description: str = "A page made for a test of the lint.", key_points: bool = True) -> str:
    """A minimal rendered page; the key-points box follows the first h1 unless told otherwise."""
    if key_points:
        body = body.replace("</h1>", "</h1>" + KEY_POINTS, 1)
    return (f'<html><head><meta name="description" content="{description}"></head><body>'
            f'<article class="md-content__inner">{body}</article></body></html>')


GOOD_TECHNIQUE = page(
    '<h1>T</h1><a href="../../safety/contraindications/">check</a>'
    '<div class="admonition stop-rules"></div><div class="admonition care-immediate"></div>'
    '<div class="admonition care-urgent"></div><a href="../../safety/contraindications/#precautions">ask</a>')
GOOD_MUSCLE = GOOD_TECHNIQUE.replace('<a href="../../safety/contraindications/">check</a>', "")


def test_lint_accepts_a_good_technique_page_and_a_good_muscle_page():
    assert lint_page("techniques/t.md", GOOD_TECHNIQUE, []) == []
    assert lint_page("muscles/m.md", GOOD_MUSCLE, []) == []


@pytest.mark.parametrize("html, rule_words, fix_words", [
    (GOOD_TECHNIQUE.replace("stop-rules", "note"), "stop-rules box", "{{ stop_rules(page) }}"),
    (GOOD_TECHNIQUE.replace("care-immediate", "note"), "Immediate action required", "when_to_get_help()"),
    (GOOD_TECHNIQUE.replace("care-urgent", "note"), "'Urgent advice' card", "when_to_get_help()"),
    (GOOD_TECHNIQUE.replace("#precautions", "#why"), "does not link to the ask-first list", "when_to_get_help()"),
])
def test_lint_names_the_file_and_the_fix_for_technique_rules(html, rule_words, fix_words):
    problems = lint_page("techniques/t.md", html, [])
    assert len(problems) == 1
    message = str(problems[0])
    assert message.startswith("docs/techniques/t.md")
    assert rule_words in message and fix_words in message


def test_a_technique_page_with_no_link_to_the_contraindications_page():
    problems = [str(p) for p in lint_page("techniques/t.md", GOOD_TECHNIQUE.replace("../../safety/contraindications/",
                                                                                    "../other/"), [])]
    assert len(problems) == 2
    assert "does not link to the contraindications page" in problems[0] and "technique_summary(page)" in problems[0]
    assert "does not link to the ask-first list" in problems[1]


def test_lint_finds_a_missing_alt_text_with_its_line():
    figure = '<figure><img src="fig/nerve.svg"><figcaption>The nerve.</figcaption></figure>'
    problems = lint_page("x.md", page(f"<h1>X</h1>{figure}"), ["# X", "", "![](fig/nerve.svg)"])
    assert [str(p) for p in problems] == [
        "docs/x.md:3: an image has no alt text (fig/nerve.svg) — describe the picture in the brackets: "
        "![What the picture shows](file.svg)"]


def test_lint_finds_unrendered_macros():
    problems = lint_page("x.md", page("<h1>X</h1><p>{{ care_card('soon') }}</p>"), ["# X", "{{ care_card('soon') }}"])
    assert len(problems) == 1 and problems[0].line == 2 and "unrendered" in problems[0].what


def test_lint_finds_a_skipped_heading_level():
    html = page("<h1>X</h1><h2>A</h2><h4>Deep</h4>")
    problems = lint_page("x.md", html, ["# X", "## A", "#### Deep"])
    assert len(problems) == 1 and problems[0].line == 3 and "h4 after an h2" in problems[0].what
    assert "(h3)" in problems[0].fix


def test_lint_wants_exactly_one_h1():
    assert "2 top-level headings" in lint_page("x.md", page("<h1>X</h1><h1>Y</h1>"), [])[0].what
    reported = [p.what for p in lint_page("x.md", page("<h2>No title</h2>"), [])]
    assert "the page has 0 top-level headings (h1)" in reported


def test_lint_wants_a_description():
    problems = lint_page("x.md", page("<h1>X</h1>", description=""), [])
    assert len(problems) == 1 and "description" in problems[0].what


def test_lint_wants_key_points_first():
    problems = lint_page("x.md", page("<h1>X</h1><p>Hello there.</p>", key_points=False), ["---", "---", "# X"])
    assert [str(p) for p in problems] == [
        "docs/x.md:3: the page does not open with a 'Key points' box — put '!!! key-points \"Key points\"' "
        "with 2 to 4 short bullets right after the '# Title' line"]


def test_lint_finds_a_long_sentence_with_its_line():
    sentence = "This " + "word " * 30 + "ends."  # 32 words
    source = ["# X", "", "Short one. " + sentence]
    problems = lint_page("x.md", page(f"<h1>X</h1><p>Short one. {sentence}</p>"), source)
    assert len(problems) == 1
    assert str(problems[0]).startswith('docs/x.md:3: a sentence has 32 words (limit 30): "This word word')
    assert "split it into two or more sentences" in problems[0].fix


def test_lint_finds_a_long_list():
    items = "".join(f"<li>Item {n}</li>" for n in range(1, 9))
    source = ["# X", *[f"- Item {n}" for n in range(1, 9)]]
    problems = lint_page("x.md", page(f"<h1>X</h1><ul>{items}</ul>"), source)
    assert len(problems) == 1 and problems[0].line == 2
    assert problems[0].what == 'a list has 8 items (limit 7), starting "Item 1"'


def test_lint_finds_hard_reading():
    hard = ("Radiculopathy characteristically manifests as dermatomal paraesthesia accompanied by "
            "myotomal weakness and diminished deep tendon reflexes. ") * 3
    problems = lint_page("x.md", page(f"<h1>X</h1><p>{hard}</p>"), [])
    assert len(problems) == 1 and problems[0].what.startswith("the reading grade is ")
    assert "(limit 8.0)" in problems[0].what


def test_a_page_wide_problem_is_reported_at_the_title_line():
    source = ["---", "# a YAML comment, not a title", "description: x", "---", "", "# T", "", "Text."]
    problems = lint_page("techniques/t.md", GOOD_TECHNIQUE.replace("care-immediate", "note"), source)
    assert [str(p) for p in problems] == [
        "docs/techniques/t.md:6: this technique page does not show the 'Immediate action required' card "
        "— add {{ when_to_get_help() }} under the 'Get help now' heading"]


@pytest.mark.parametrize("missing, words", [
    ("stop-rules", "this muscle page does not show the stop-rules box"),
    ("care-urgent", "this muscle page does not show the 'Urgent advice' card"),
    ("#precautions", "this muscle page does not link to the ask-first list"),
])
def test_lint_holds_muscle_pages_to_the_same_safety_rules(missing, words):
    problems = lint_page("muscles/m.md", GOOD_MUSCLE.replace(missing, "#note" if missing.startswith("#") else "note"), [])
    assert len(problems) == 1 and words in str(problems[0])


def test_lint_finds_a_placeholder_left_in_the_text_but_not_in_code():
    html = page("<h1>X</h1><p>TODO: say what you do.</p><p>Leave no <code>TODO: note</code>.</p>")
    problems = lint_page("x.md", html, ["# X", "", "TODO: say what you do."])
    assert [str(p) for p in problems] == [
        'docs/x.md:3: a placeholder is still here: "TODO: say what you do." — replace the whole '
        "'TODO: …' note with what it asks for (the build lists every one left)"]


def test_template_braces_in_code_are_not_unrendered_macros():
    html = page("<h1>X</h1><p>Write this:</p><pre><code>{{ care_card(\"urgent\") }}</code></pre>")
    assert lint_page("x.md", html, ["# X"]) == []


def test_a_problem_in_included_text_names_the_included_file():
    sentence = "This " + "word " * 30 + "ends."
    html = page(f"<h1>X</h1><p>{sentence}</p>")
    problems = lint_page("contributing.md", html, ["# X", '--8<-- "CONTRIBUTING.md:guide"'],
                         {"CONTRIBUTING.md": ["# Contributing", "", sentence]})
    assert len(problems) == 1 and (problems[0].path, problems[0].line) == ("CONTRIBUTING.md", 3)


def test_included_files_reads_both_snippet_forms():
    lines = ['--8<-- "CONTRIBUTING.md:guide"', "text", "--8<--", "includes/a.md", ";includes/skipped.md", "--8<--",
             '    ;--8<-- "escaped.md"']
    assert included_files(lines) == ["CONTRIBUTING.md", "includes/a.md"]


# --- the repeated-sentence rule: across pages, so it runs in lint_site ------------------------

REPEATED = "Rest the sore side for a day if it aches."  # 10 words


def small_site(tmp_path, pages: dict[str, str]):
    """docs/ and site/ folders for lint_site: each page's Markdown is '# Title' and its body lines,
    its HTML the body as paragraphs (a line starting '<' is written as it is)."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    for src, body in pages.items():
        lines = body.splitlines()
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text("\n".join(["# T", *lines]) + "\n", encoding="utf-8")
        html = "".join(line if line.startswith("<") else f"<p>{line}</p>" for line in lines)
        built = site / page_url(src) / "index.html"
        built.parent.mkdir(parents=True, exist_ok=True)
        built.write_text(page(f"<h1>T</h1>{html}"), encoding="utf-8")
    return site, docs


def test_a_sentence_on_three_pages_is_reported_once_naming_every_page_and_line(tmp_path):
    site, docs = small_site(tmp_path, {"a.md": f"Hello.\n{REPEATED}", "b/c.md": REPEATED,
                                       "d.md": f"Other text here.\nMore.\n{REPEATED.upper()}"})
    problems = lint_site(site, docs)
    assert [str(p) for p in problems] == [
        'docs/a.md:3: the sentence "Rest the sore side for a day if it aches." also stands on '
        "docs/b/c.md:2 and docs/d.md:4 — say it once, where it belongs, and link to it from the other pages, "
        "or reword it here (text that must repeat belongs in the data, shown by a macro)"]


@pytest.mark.parametrize("pages", [
    {"a.md": REPEATED, "b.md": REPEATED},  # two pages are allowed
    {f"{name}.md": "Rest for a day now." for name in "abc"},  # five words: too short to count
    {"a.md": f"{REPEATED}\n{REPEATED}", "b.md": REPEATED},  # twice on one page counts once
    # what a macro inserts (between block()'s comments) is repeated by design
    {f"{name}.md": "Hello." + block(f'<div class="admonition"><ul><li>{REPEATED}</li></ul></div>') for name in "abc"},
])
def test_what_the_repeat_rule_does_not_count(tmp_path, pages):
    site, docs = small_site(tmp_path, pages)
    assert lint_site(site, docs) == []


def test_what_macros_insert_is_kept_apart_from_what_a_page_says(site, source_pages):
    """Every macro marks its output, so the safety text it inserts on many pages is not counted as a repeat
    (a page that retypes a safety sentence by hand still counts it)."""
    guide = load_guide(ROOT)
    from_data = [sign.text for tier in guide.safety.care_tiers.values() for sign in tier.signs]
    from_data += [f"{rule.rule} {rule.why}" for rule in guide.safety.stop_rules.values()]
    shown = 0
    for src in source_pages:
        stats = readability.measure(src, (site / page_url(src) / "index.html").read_text(encoding="utf-8"))
        markdown = (ROOT / "docs" / src).read_text(encoding="utf-8")
        for text in from_data:
            sentence = readability.split_sentences(text)[0]
            shown += sentence in stats.sentences
            assert sentence not in stats.written or sentence in markdown, f"docs/{src}: {sentence}"
    assert shown > 50, "the safety sentences were not found on the pages: is the test reading the right text?"


def test_the_build_fails_on_a_sentence_repeated_on_three_pages(project_copy):
    pages = ["docs/about.md", "docs/glossary.md", "docs/printables.md"]
    for path in pages:
        target = project_copy / path
        target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{REPEATED}\n", encoding="utf-8")
    places = [f"{path}:{len((project_copy / path).read_text(encoding='utf-8').splitlines())}" for path in pages]
    result = mkdocs_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    problems = build_problems(result.stdout + result.stderr)
    assert any(p.startswith(f'{places[0]}: the sentence "{REPEATED}" also stands on {places[1]} and {places[2]}')
               for p in problems), problems
