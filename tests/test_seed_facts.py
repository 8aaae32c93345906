"""Every fact of the two seed texts is on the site, on the page where a reader would look for it.

Each row: the fact (in our words), the page, and a pattern its rendered text must match. If a page
is reworded and a fact is lost, this says which fact and where it belonged.
"""
from __future__ import annotations

import re

import pytest

FACTS = [
    # The sciatic nerve
    ("the nerve starts in the lower back", "understanding/sciatic-nerve.md", r"lower back"),
    ("it leaves the pelvis by the sacrum", "understanding/sciatic-nerve.md", r"sacrum"),
    ("it runs under the piriformis", "understanding/sciatic-nerve.md", r"(under|below|beneath) the piriformis"),
    ("it runs down the back of the leg", "understanding/sciatic-nerve.md", r"back of (your|the) thigh"),
    ("it splits near the knee", "understanding/sciatic-nerve.md", r"(splits|divides)"),
    ("it runs on into the calf", "understanding/sciatic-nerve.md", r"calf"),
    ("there is a right and a left nerve", "understanding/sciatic-nerve.md", r"right .{0,40}left|left .{0,40}right"),
    ("in some people it passes through or above the piriformis", "understanding/sciatic-nerve.md",
     r"1 in 10|one in ten"),
    # How it feels
    ("a dull ache in the buttock", "understanding/how-it-feels.md", r"dull ache"),
    ("it can be felt high or low in the hamstring", "understanding/how-it-feels.md", r"hamstring"),
    ("in the calf it is a low, constant burn", "understanding/how-it-feels.md", r"burn"),
    ("a sharp, shooting pain (corrected by the NHS: stabbing, burning or shooting pain is common)", "understanding/how-it-feels.md",
     r"shooting"),
    ("it takes a certain position and activity", "understanding/how-it-feels.md", r"position"),
    ("it is usually an annoying ache", "understanding/how-it-feels.md", r"annoying"),
    # Sciatica or trigger points
    ("true sciatica: a bulging or herniated disc", "understanding/sciatica-or-trigger-points.md", r"herniated|slipped|bulging"),
    ("or narrowed spaces (spinal stenosis)", "understanding/sciatica-or-trigger-points.md", r"stenosis"),
    ("nerve pain is sharp or electric", "understanding/sciatica-or-trigger-points.md", r"electric"),
    ("with weakness or reflex changes", "understanding/sciatica-or-trigger-points.md", r"reflex"),
    ("pseudo-sciatica or piriformis syndrome", "understanding/sciatica-or-trigger-points.md", r"pseudo-sciatica"),
    ("trigger points refer pain to other places", "understanding/sciatica-or-trigger-points.md", r"referred pain"),
    ("massage cannot free a squeezed nerve root and eases pain only for a while (the seed's \"helps muscle pain more\" has no evidence)",
     "understanding/sciatica-or-trigger-points.md", r"for a while|only ease|short time"),
    # How massage helps
    ("the nerve sits in a protective covering", "understanding/how-massage-helps.md", r"sheath"),
    ("tight muscles and tissue out of line can press on it", "understanding/how-massage-helps.md",
     r"ligaments.{0,40}tendons|out of line"),
    ("massage may help in two ways", "understanding/how-massage-helps.md", r"two (ways|reasons)"),
    ("one session does not fix it", "understanding/how-massage-helps.md", r"one session"),
    ("relief may come after one session", "understanding/how-massage-helps.md", r"relief"),
    ("pain moving back up the leg is a good sign", "understanding/how-massage-helps.md", r"centralisation"),
    ("slow progress can be frustrating", "understanding/how-massage-helps.md", r"frustrat"),
    # Muscles
    ("the muscles hold the hip and pelvis steady", "muscles/index.md", r"steady"),
    ("gluteus medius is fan-shaped on the side of the hip", "muscles/gluteus-medius.md", r"fan"),
    ("it sends pain to the lower back and side of the thigh", "muscles/gluteus-medius.md",
     r"lower back.{0,80}side of (your|the) thigh"),
    ("find it from the top ridge of the hip bone", "muscles/gluteus-medius.md", r"top ridge"),
    ("gluteus minimus lies under the medius", "muscles/gluteus-minimus.md", r"under"),
    ("it sends pain down to the calf and ankle", "muscles/gluteus-minimus.md", r"ankle"),
    ("find it behind and above the greater trochanter", "muscles/gluteus-minimus.md",
     r"behind and above|above and behind"),
    ("pressing may bring on the familiar pain", "muscles/gluteus-minimus.md", r"familiar|know well|usual"),
    ("the piriformis joins the sacrum to the greater trochanter", "muscles/piriformis.md",
     r"sacrum.{0,120}(greater trochanter|thigh bone)"),
    ("the nerve passes under or through it", "muscles/piriformis.md", r"through"),
    # Corrected (Travell and Simons' piriformis line; Medscape, piriformis injection technique): the line
    # starts at the low end of the sacroiliac joint, not the top of the sacrum.
    ("find it on a line from the low end of the sacroiliac joint to the greater trochanter", "muscles/piriformis.md",
     r"line.{0,300}sacroiliac joint|sacroiliac joint.{0,300}line"),
    ("the spot is slightly toward the midline", "muscles/piriformis.md", r"middle|midline|medial"),
    # Techniques and tools
    ("tools save your hands", "tools.md", r"hands"),
    ("tennis ball, lacrosse ball, foam roller", "tools.md", r"tennis ball.*lacrosse ball.*foam roller"),
    ("lean your body weight for more pressure", "tools.md", r"weight"),
    ("work on a firm surface such as the floor", "tools.md", r"floor"),
    ("sustained compression: hold 30 to 90 seconds", "techniques/sustained-compression.md", r"30 to 90 seconds"),
    ("a good pain, never sharp", "techniques/sustained-compression.md", r"good pain"),
    ("circular friction: small tight circles", "techniques/circular-friction.md", r"small.{0,20}circles"),
    ("about 60 seconds per spot, then the spot next to it", "techniques/circular-friction.md",
     r"60 seconds|a minute"),
    ("stripping: slow strokes along the muscle", "techniques/stripping.md", r"along"),
    ("roll from the pelvis toward the hip", "techniques/stripping.md", r"toward"),
    ("with a foam roller or handheld massager", "techniques/stripping.md", r"handheld massager"),
    ("several times a day, consistency over force", "techniques/index.md", r"few times a day|several times a day"),
    # Safety
    ("stop at sudden sharp, electric or shooting pain down the leg", "safety/contraindications.md", r"electric"),
    ("irritating the nerve can inflame it", "safety/contraindications.md", r"inflamed"),
    ("never press on bony points: bruising", "safety/contraindications.md", r"bruis"),
    ("press on the muscle, not the bone", "safety/contraindications.md", r"muscle"),
    ("pain should ease within about 30 seconds", "safety/contraindications.md", r"30 seconds"),
    ("sudden pain in both legs is an emergency", "safety/contraindications.md", r"both legs"),
    ("foot drop needs urgent help", "safety/contraindications.md", r"foot drop"),
    ("loss of bladder or bowel control is an emergency", "safety/contraindications.md", r"bowels"),
]


@pytest.mark.parametrize("fact, src, pattern", FACTS, ids=[f[0] for f in FACTS])
def test_the_fact_is_on_its_page(rendered, fact, src, pattern):
    text = " ".join(rendered(src).select_one("article").get_text(" ").split())
    assert re.search(pattern, text, re.IGNORECASE | re.DOTALL), f"docs/{src} no longer says: {fact}"
