"""The content standard's numbers, on every rendered page: reading grade, sentence and list length,
key points first, and no run of 8 words copied from the seed texts."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from macros.markdown import block
from postbuild import originality, readability
from postbuild.lint import page_url

SEEDS = ROOT.parent / "shared" / "seeds"
FINGERPRINTS = ROOT / "tests" / "data" / "seed-fingerprints.txt"


@pytest.fixture(scope="session")
def stats(site, source_pages):
    return {src: readability.measure(src, (site / page_url(src) / "index.html").read_text(encoding="utf-8"))
            for src in source_pages}


def test_every_page_is_at_reading_grade_8_or_below(stats):
    over = {src: s.grade for src, s in stats.items() if s.grade > readability.MAX_GRADE}
    assert not over, f"pages above grade {readability.MAX_GRADE}: {over}"


def test_every_page_has_running_prose_to_measure(stats):
    thin = [src for src, s in stats.items() if s.words < 60]
    assert not thin, f"pages with almost no prose (is the measure reading the right part?): {thin}"


def test_no_sentence_over_30_words(stats):
    long = {src: s.longest_sentence for src, s in stats.items()
            if readability.word_count(s.longest_sentence) > readability.MAX_SENTENCE_WORDS}
    assert not long, long


def test_no_list_over_7_items(stats):
    long = {src: s.longest_list for src, s in stats.items() if s.longest_list > readability.MAX_LIST_ITEMS}
    assert not long, long


def test_every_page_opens_with_key_points(rendered, source_pages):
    for src in source_pages:
        title = rendered(src).select_one("article h1")
        first = title.find_next_sibling()
        assert first is not None and "key-points" in first.get("class", []), f"docs/{src}"


def test_the_measure_skips_headings_tables_and_sources():
    html = ("<article class='md-content__inner'><h1>A very long heading " + "word " * 40 + "</h1>"
            "<p>One short sentence. Another one here</p><table><tr><td>" + "cell " * 50 + "</td></tr></table>"
            "<ul><li>First item</li><li>Second item<ul><li>Nested</li></ul></li></ul>"
            "<h2 id='sources'>Sources</h2><ol><li>" + "ref " * 50 + "</li></ol></article>")
    stats = readability.measure("x.md", html)
    assert stats.sentences == ["One short sentence.", "Another one here.", "First item.", "Second item.", "Nested."]
    assert stats.lists == [(2, "First item"), (1, "Nested")]


def test_no_run_of_8_words_from_the_seed_texts(site):
    known = originality.load(FINGERPRINTS)
    assert len(known) > 500, "the fingerprint file looks empty"
    copied = {}
    for page in sorted(site.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        article = BeautifulSoup(text, "html.parser").select_one("article")
        if article is None:
            continue
        found = originality.copied_runs(article.get_text(" "), known)
        if found:
            copied[str(page.relative_to(site))] = found[:3]
    assert not copied, f"runs of 8 words copied from the seed texts: {copied}"


def test_the_originality_check_catches_a_copied_run():
    source = "The quick brown fox jumps over the lazy dog near the river bank."
    known = originality.fingerprints(source)
    page = "Today, the quick brown fox jumps over the lazy dog again."
    assert originality.copied_runs(page, known) == ["the quick brown fox jumps over the lazy",
                                                    "quick brown fox jumps over the lazy dog"]
    assert originality.copied_runs("A fox jumps over a dog.", known) == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside this checkout")
def test_the_fingerprints_match_the_seed_texts():
    prints = set()
    for path in sorted(SEEDS.glob("*.txt")):
        prints |= originality.fingerprints(path.read_text(encoding="utf-8"))
    assert prints == originality.load(FINGERPRINTS), (
        "tests/data/seed-fingerprints.txt is stale: python -m postbuild.originality ../shared/seeds "
        "> tests/data/seed-fingerprints.txt")


def test_the_measures_of_a_page():
    html = ("<article class='md-content__inner'><h1>T</h1>"
            "<p>One two three four. One two three four five six seven eight nine ten eleven twelve.</p>"
            "<ul><li>A list item of six words</li><li>Two</li><li>Three</li></ul></article>")
    stats = readability.measure("x.md", html)
    assert stats.words == 4 + 12 + 6 + 1 + 1
    assert stats.mean_sentence == round(24 / 5, 1)
    assert stats.short_share == 0.8  # 4 of 5 sentences have 8 words or fewer
    assert readability.word_count(stats.longest_sentence) == 12 and stats.longest_list == 3


def test_a_page_with_no_prose_measures_zero():
    stats = readability.measure("x.md", "<article class='md-content__inner'><h1>T</h1></article>")
    assert (stats.words, stats.grade, stats.mean_sentence, stats.short_share) == (0, 0.0, 0.0, 0.0)


def test_what_a_macro_inserted_is_measured_but_kept_apart():
    inserted = block("<div class='admonition'><p>Inserted from the data here.</p></div>")
    html = (f"<article class='md-content__inner'><h1>T</h1><p>Written on the page.</p>{inserted}"
            "<p>Written again.</p></article>")
    stats = readability.measure("x.md", html)
    assert stats.sentences == ["Written on the page.", "Inserted from the data here.", "Written again."]
    assert stats.written == ["Written on the page.", "Written again."]


def test_the_report_prints_every_measure_and_the_medians():
    pages = [readability.measure(f"p{n}.md", "<article class='md-content__inner'><h1>T</h1><p>"
                                 + " ".join(["Cats sit on warm mats."] * n + ["Dogs run far down the long road today."])
                                 + "</p></article>") for n in (1, 2, 3)]
    lines = readability.table(pages).splitlines()
    assert lines[0].split() == ["page", "words", "grade", "mean", "sentence", "short", "longest", "sentence",
                                "longest", "list"]
    assert lines[1].split() == ["p1.md", "13", str(pages[0].grade), "6.5", "100%", "8", "0"]
    median_grade = sorted(p.grade for p in pages)[1]
    assert lines[4] == f"median page grade {median_grade:.1f}; median mean sentence {pages[1].mean_sentence:.1f} words"
    assert lines[5].startswith("3 pages;") and lines[5].endswith("pages over the grade limit: none")
