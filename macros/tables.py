"""Tables generated from the structured data: overview, matrix, tools, per-page summaries."""
from __future__ import annotations

from macros import dose
from macros.data import CONTRAINDICATIONS, Guide, muscle_path, technique_path
from macros.markdown import link, table


def _names(guide: Guide, ids: list[str], lookup) -> str:
    return ", ".join(lookup(i).name for i in ids)


def _muscle_links(guide: Guide, src: str, ids: list[str]) -> str:
    return ", ".join(link(src, muscle_path(m), guide.muscle(m).name) for m in ids)


def _technique_links(guide: Guide, src: str, ids: list[str]) -> str:
    return ", ".join(link(src, technique_path(t), guide.technique(t).name) for t in ids) or "None yet"


def technique_table(guide: Guide, src: str) -> str:
    """Every technique: what it suits, tools, and its dose in short (the rest rule and the sources of
    the numbers are in each technique's summary), linked to its page."""
    rows = [[link(src, technique_path(slug), t.name), _muscle_links(guide, src, t.muscles),
             _names(guide, t.tools, guide.tool), *dose.short(t)]
            for slug, t in sorted(guide.techniques.items(), key=lambda kv: kv[1].name)]
    return table(["Technique", "Muscles", "Tools", *dose.SHORT_LABELS], rows)


def muscle_technique_matrix(guide: Guide, src: str) -> str:
    """Rows are muscles, columns are techniques; each cell says in words whether it suits."""
    techniques = sorted(guide.techniques.items(), key=lambda kv: kv[1].name)
    headers = ["Muscle"] + [link(src, technique_path(slug), t.name) for slug, t in techniques]
    rows = [[link(src, muscle_path(m), muscle.name)]
            + ["Yes" if m in t.muscles else "No" for _, t in techniques]
            for m, muscle in sorted(guide.muscles.items(), key=lambda kv: kv[1].name)]
    return table(headers, rows)


def tools_table(guide: Guide) -> str:
    rows = [[tool.name, tool.good_for, tool.pressure_tip, tool.cautions]
            for tool in sorted(guide.tools.values(), key=lambda t: t.name)]
    return table(["Tool", "Good for", "Changing the pressure", "Take care"], rows)


def position_text(position) -> str:
    """A position as a reader sees it; one that is not for everyone says who should not use it."""
    if isinstance(position, str):
        return position
    return f"{position.position} (not if you have {position.not_for}: {position.instead})"


def technique_summary(guide: Guide, src: str, slug: str) -> str:
    """The summary block at the top of a technique page, with the contraindications link."""
    t = guide.technique(slug)
    rows = [
        ["What you do", t.summary],
        ["Muscles", _muscle_links(guide, src, t.muscles)],
        ["Tools", _names(guide, t.tools, guide.tool)],
        ["Pressure", t.pressure],
        *([label, text] for label, text in dose.dose_rows(guide, t)),
        ["Positions", "<br>".join(position_text(p) for p in t.positions)],
    ]
    check = link(src, CONTRAINDICATIONS, "Check when not to use self-massage")
    return (table(["At a glance", t.name], rows)
            + f"\n\n**Before you start:** {check}, and stop if you notice any of the warning signs.")


def muscle_summary(guide: Guide, src: str, slug: str) -> str:
    m = guide.muscle(slug)
    rows = [
        ["Where it is", m.where],
        ["How to find it", "<br>".join(f"{i}. {step}" for i, step in enumerate(m.landmarks, 1))],
        ["Where it sends pain", m.refers_pain_to],
        ["Techniques that suit it", _technique_links(guide, src, guide.techniques_for(slug))],
        ["Do not press", "; ".join(m.do_not_press)],
    ]
    return table(["At a glance", m.name], rows)
