"""Clinical coverage: every red flag in the right care tier, the whole ask-first list and every stop
rule, in the data, on the pages and on paper.

The tables below are the clinical review's checklist (../shared/CONTENT.md, "Safety"), each sign with
the source it comes from. A sign is found by a pattern, not by exact words, so the wording in
data/safety.yml can improve freely; but deleting a sign, or moving it to another tier, fails the test
with the sign's name and the tier it belongs in.
"""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from macros import handouts as files
from macros import safety
from macros.data import CONTRAINDICATIONS, load_guide
from pdfs import flat, pdf_text

GUIDE = load_guide(ROOT)

NHS_SCIATICA = "NHS: Sciatica (nhs.uk/conditions/sciatica)"
NHS_BACK = "NHS: Back pain (nhs.uk/conditions/back-pain)"
NHS_CES = "NHS: Cauda equina syndrome (nhs.uk/conditions/cauda-equina-syndrome)"
NHS_DVT = "NHS: DVT (nhs.uk/conditions/deep-vein-thrombosis-dvt)"
CKS = "NICE CKS: Sciatica (lumbar radiculopathy), red flags"
NCCIH = "NCCIH: Massage therapy, what you need to know"

# tier -> [(the sign, where it comes from, a pattern that finds it in the tier's signs)]
CARE_TIERS = {
    "immediate": [
        ("sciatica in both legs", NHS_SCIATICA, r"sciatica in both legs"),
        ("weakness or numbness in both legs that is severe or getting worse", NHS_SCIATICA,
         r"weakness or numbness in both legs.{0,40}severe or getting worse"),
        ("it may come on slowly, not only suddenly", NHS_SCIATICA, r"crept up|creep|slowly"),
        ("numbness or tingling in the saddle area (genitals, anus, inner thighs, buttocks)", NHS_CES,
         r"numbness or tingling.{0,30}genitals.{0,30}anus.{0,40}inner thighs"),
        ("changed feeling when wiping", NHS_CES, r"wipe"),
        ("trouble starting to pee, cannot pee, not feeling it, or cannot control it", NHS_SCIATICA,
         r"starting to pee.{0,60}not feeling.{0,60}control"),
        ("not noticing the need to poo, or cannot control it", NHS_SCIATICA, r"not noticing.{0,30}poo"),
        ("new problems with sex", NHS_CES, r"problems with sex.{0,80}erection"),
        ("back pain after a serious accident", NHS_BACK, r"serious accident"),
        ("chest pain or sudden breathlessness (a clot in the lungs)", NHS_DVT,
         r"chest pain.{0,30}sudden breathlessness"),
        ("coughing up blood", NHS_DVT, r"coughing up blood"),
    ],
    "urgent": [
        ("weakness in a leg or foot that is getting worse (foot drop)", CKS, r"weakness in a leg or foot.{0,40}foot drop"),
        ("a painful, swollen, warm or red calf: possible clot, never massage it", NHS_DVT,
         r"painful, swollen, warm.{0,40}calf.{0,80}blood clot.{0,60}never massage"),
        ("a high temperature or feeling hot and shivery", NHS_BACK, r"high temperature.{0,30}hot and shivery"),
        ("injecting drugs or a weakened immune system", CKS, r"inject drugs.{0,40}immune system"),
        ("new back pain after cancer", CKS, r"back pain when you have had cancer"),
        ("losing weight without trying", NHS_BACK, r"losing weight without trying"),
        ("pain that does not ease with rest, or is worse at night", NHS_BACK, r"does not ease.{0,20}rest.{0,30}night"),
        ("a lump or swelling in the back, or a change in its shape", NHS_BACK, r"lump or swelling.{0,40}shape"),
        ("pain after a small fall with weak bones or long-term steroid tablets", CKS,
         r"small fall.{0,60}weak bones.{0,60}steroid tablets"),
    ],
    "non-urgent": [
        ("no better after a few weeks of self-care", NHS_SCIATICA, r"no better after a few weeks"),
        ("it stops you doing normal things", NHS_SCIATICA, r"stops you doing your normal"),
        ("it is getting worse or keeps coming back", NHS_BACK, r"getting worse.{0,20}keeps coming back"),
        ("you are struggling to cope", NHS_BACK, r"struggling to cope"),
    ],
}
# What a tier's reason must say.
TIER_WHY = {"immediate": ("names cauda equina syndrome and hospital treatment", NHS_CES,
                          r"cauda equina syndrome.{0,200}hospital")}

ASK_FIRST = [
    ("blood thinners or a bleeding disorder: no deep or forceful pressure", NCCIH,
     r"blood thinners.{0,60}bleeding disorder.{0,20}Do not use deep or forceful pressure"),
    ("a past blood clot", NHS_DVT, r"had a blood clot"),
    ("pregnancy, and no lying flat on the back later on", "NHS: Exercise in pregnancy",
     r"pregnant.{0,200}lying flat on your back"),
    ("weak bones (osteoporosis)", "Royal Osteoporosis Society", r"osteoporosis"),
    ("a hip replacement (crossing the legs)", "Leeds Teaching Hospitals: hip replacement",
     r"hip replacement.{0,100}cross"),
    ("recent surgery, injection or broken bone", "Bartsch 2021", r"surgery, an injection or a broken bone"),
    ("cancer", NCCIH, r"cancer"),
    ("infection, a wound, a rash, or red, hot, swollen skin", NCCIH, r"infection, a wound, a rash"),
    ("varicose veins", "Guy's and St Thomas': blood clots", r"varicose veins"),
    ("diabetes with numb feet or nerve damage", "Bradford District Care: neuropathy", r"diabetes.{0,30}nerve damage"),
    ("long-term steroid tablets", "Royal Osteoporosis Society", r"steroid tablets for a long time"),
    ("a flare of inflammatory arthritis", "Bartsch 2021", r"flare of inflammatory arthritis"),
]

STOP_RULES = [
    ("stop at sudden, sharp, electric or shooting pain down the leg", NHS_SCIATICA, r"sharp, electric or shooting"),
    ("stop if tingling, pins and needles or numbness starts or spreads", NHS_SCIATICA,
     r"tingling, pins and needles or numbness starts or spreads"),
    ("stop if the leg feels weak", NHS_SCIATICA, r"leg feels weak"),
    ("never on bone: greater trochanter, sacrum, sitting bone, tailbone", "Travell & Simons",
     r"greater trochanter.{0,80}sacrum.{0,40}sitting bones.{0,20}tailbone"),
    ("massage the buttock, not the back of the thigh, knee, calf or inner thigh", NHS_DVT,
     r"buttock.{0,60}back of your thigh, the back of your knee, your calf or your inner thigh"),
    ("deep but bearable pressure that eases within about 30 seconds", "Travell & Simons", r"30 seconds"),
    ("never on numb skin", NHS_SCIATICA, r"numb"),
    ("sore the next day: rest a day and go gentler", "Cochrane: Furlan 2015", r"sore the next day.{0,40}rest"),
]
# Stop rules that hold for every technique, whether or not its page lists them.
EVERY_TECHNIQUE = ["tingling, pins and needles or numbness", "leg feels weak", "inner thigh", "sore the next day"]


def found(pattern: str, text: str) -> bool:
    return re.search(pattern, flat(text), re.IGNORECASE | re.DOTALL) is not None


def tier_signs(tier: str) -> str:
    return " ".join(sign.text for sign in GUIDE.care_tier(tier).signs)


SIGN_CASES = [(tier, *sign) for tier, signs in CARE_TIERS.items() for sign in signs]
SIGN_IDS = [f"{tier}: {name}" for tier, name, _, _ in SIGN_CASES]


# --- the data ------------------------------------------------------------------------------------

@pytest.mark.parametrize("tier, sign, source, pattern", SIGN_CASES, ids=SIGN_IDS)
def test_each_sign_is_in_its_tier_and_no_other(tier, sign, source, pattern):
    assert found(pattern, tier_signs(tier)), (
        f"data/safety.yml: the {tier} card no longer carries '{sign}' ({source}) — put it back in care_tiers.{tier}")
    for other in CARE_TIERS:
        if other != tier:
            assert not found(pattern, tier_signs(other)), (
                f"data/safety.yml: '{sign}' is on the {other} card, but it belongs on the {tier} card ({source})")


def test_each_tier_says_why():
    for tier, (what, source, pattern) in TIER_WHY.items():
        assert found(pattern, GUIDE.care_tier(tier).why), f"data/safety.yml: the {tier} card no longer {what} ({source})"


def test_a_suspected_clot_is_same_day_not_ask_first():
    conditions = " ".join(p.condition for p in GUIDE.safety.precautions.values())
    assert not found(r"may have.{0,30}clot|swollen.{0,30}(calf|leg)|deep vein thrombosis", conditions), (
        "data/safety.yml: a suspected clot is on the ask-first list; it belongs on the urgent (same-day) card")


@pytest.mark.parametrize("item, source, pattern", ASK_FIRST, ids=[a[0] for a in ASK_FIRST])
def test_the_ask_first_list_is_complete(item, source, pattern):
    text = " ".join(f"{p.condition}. {p.why}" for p in GUIDE.safety.precautions.values())
    assert found(pattern, text), f"data/safety.yml: the ask-first list no longer has '{item}' ({source})"


@pytest.mark.parametrize("rule, source, pattern", STOP_RULES, ids=[r[0] for r in STOP_RULES])
def test_the_stop_rules_are_complete(rule, source, pattern):
    text = " ".join(r.rule for r in GUIDE.safety.stop_rules.values())
    assert found(pattern, text), f"data/safety.yml: the stop rules no longer say '{rule}' ({source})"


def test_every_technique_gets_the_rules_for_every_technique():
    for slug in GUIDE.techniques:
        rules = " ".join(GUIDE.stop_rule(r).rule for r in GUIDE.technique_stop_rules(slug))
        for words in EVERY_TECHNIQUE:
            assert words in rules, f"docs/techniques/{slug}.md: its stop rules leave out '{words}'"


def test_every_safety_item_names_a_known_source():
    items = safety.safety_items(GUIDE)
    assert len(items) == (sum(len(t.signs) for t in GUIDE.safety.care_tiers.values())
                          + len(GUIDE.safety.stop_rules) + len(GUIDE.safety.precautions))
    for where, text, sources in items:
        assert sources and set(sources) <= set(GUIDE.sources), f"{where}: '{text}' rests on {sources}"


# --- what readers see ------------------------------------------------------------------------------

def card_text(article, tier: str) -> str:
    card = article.select_one(f".admonition.{safety.ADMONITION_KIND[tier]}")
    return card.get_text(" ") if card is not None else ""


PAGES_WITH_CARDS = [CONTRAINDICATIONS, "techniques/sustained-compression.md", "muscles/piriformis.md"]


# Technique and muscle pages show the emergency and same-day cards; they link to the non-urgent advice.
PAGE_CASES = [(src, *case) for src in PAGES_WITH_CARDS for case in SIGN_CASES
              if src == CONTRAINDICATIONS or case[0] != "non-urgent"]


@pytest.mark.parametrize("src, tier, sign, source, pattern", PAGE_CASES,
                         ids=[f"{src}: {tier}: {sign}" for src, tier, sign, _, _ in PAGE_CASES])
def test_the_page_shows_each_sign_in_its_tier(rendered, src, tier, sign, source, pattern):
    article = rendered(src).select_one("article")
    assert found(pattern, card_text(article, tier)), f"docs/{src}: the {tier} card does not show '{sign}'"


@pytest.mark.parametrize("src", PAGES_WITH_CARDS[1:])
def test_technique_and_muscle_pages_link_to_the_rest(rendered, src):
    article = rendered(src).select_one("article")
    hrefs = [a["href"] for a in article.find_all("a", href=True)]
    for anchor in ("#precautions", "#non-urgent-advice"):
        assert any("safety/contraindications" in h and h.endswith(anchor) for h in hrefs), f"docs/{src}: no link to {anchor}"
    stop = article.select_one(".admonition.stop-rules").get_text(" ")
    for words in EVERY_TECHNIQUE:
        assert words in flat(stop), f"docs/{src}: the stop rules leave out '{words}'"


def test_the_contraindications_page_shows_the_whole_ask_first_list(rendered):
    section = rendered(CONTRAINDICATIONS).select_one("article").get_text(" ")
    for item, source, pattern in ASK_FIRST:
        assert found(pattern, section), f"docs/{CONTRAINDICATIONS}: the ask-first list does not show '{item}'"


# --- on paper ------------------------------------------------------------------------------------

def paper_parts(text: str) -> dict[str, str]:
    """A handout's text cut at the boxes' titles: the immediate card, the urgent card, the ask-first list."""
    immediate = flat(f"{GUIDE.care_tier('immediate').label}:")
    urgent = flat(f"{GUIDE.care_tier('urgent').label}:")
    ask = flat(safety.ASK_FIRST_TITLE)
    for title in (immediate, urgent, ask):
        assert title in text, f"'{title}' is not on the handout"
    return {"immediate": text[text.index(immediate):text.index(urgent)],
            "urgent": text[text.index(urgent):text.index(ask)],
            "ask-first": text[text.index(ask):],
            "all": text}


PAPER = [f for f in files.every_file(GUIDE) if files.BOOKLET not in f and files.PAIN_DIARY not in f]


@pytest.mark.parametrize("name", PAPER)
def test_every_handout_carries_each_sign_in_its_tier_and_the_ask_first_list(site, name):
    parts = paper_parts(pdf_text(site / name))
    for tier in ("immediate", "urgent"):
        for sign, source, pattern in CARE_TIERS[tier]:
            assert found(pattern, parts[tier]), f"{name}: the {tier} card does not show '{sign}'"
    for item, source, pattern in ASK_FIRST:
        assert found(pattern, parts["ask-first"]), f"{name}: the ask-first list does not show '{item}'"
    for words in EVERY_TECHNIQUE:
        assert words in parts["all"], f"{name}: the stop rules leave out '{words}'"


@pytest.mark.parametrize("paper", files.PAPERS)
def test_the_booklet_carries_every_tier_and_the_ask_first_list(site, paper):
    text = pdf_text(site / files.extra_file(files.BOOKLET, paper))
    for tier, signs in CARE_TIERS.items():
        for sign, source, pattern in signs:
            assert found(pattern, text), f"the booklet ({paper}) does not show '{sign}'"
    for item, source, pattern in ASK_FIRST + STOP_RULES:
        assert found(pattern, text), f"the booklet ({paper}) does not show '{item}'"


# --- positions ---------------------------------------------------------------------------------

def test_a_position_that_crosses_the_legs_or_lies_on_the_side_says_who_should_not_use_it():
    """A hip replacement often rules out crossing the legs (Leeds Teaching Hospitals), and lying on a
    sore hip presses on the gluteal tendons: such a position names who should not use it and what to do."""
    risky = re.compile(r"cross|on your side", re.IGNORECASE)
    for slug, technique in GUIDE.techniques.items():
        for position in technique.positions:
            if isinstance(position, str):
                assert not risky.search(position), (
                    f"docs/techniques/{slug}.md: the position '{position}' crosses the legs or lies on the side — "
                    "write it as {position, not_for, instead}, saying who should not use it and what to do instead")
