"""axe-core finds no violation on any page, in the light palette (desktop width) and the dark palette
(phone width): WCAG 2.0/2.1 A and AA, WCAG 2.2 AA, best practice, and target size. The fixes to stock
Material live in overrides/ and docs/assets/stylesheets/guide.css; each is shown to matter below."""
from __future__ import annotations

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from .conftest import AXE_OPTIONS, EVERY_PAGE, axe_violations, page_id, start_axe


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", EVERY_PAGE, ids=page_id)
def test_no_axe_violations(tour, path, scheme):
    violations = tour(path)[scheme].violations
    assert not violations, report(violations)


# Each fix undone in the page, one at a time: axe must then report the rule it fixes. This shows
# that the fix is needed, and that the check can fail.
UNDO = {
    "aria-dialog-name": "document.querySelector('.md-search[role=dialog]').removeAttribute('aria-label')",
    "landmark-unique": "document.querySelectorAll('nav.md-nav[aria-label]').forEach(nav => {"
                       " const label = nav.previousElementSibling?.querySelector('label[id]');"
                       " if (label) { nav.removeAttribute('aria-label'); nav.setAttribute('aria-labelledby', label.id); } })",
    "color-contrast": "document.querySelector('.md-copyright').style.color = 'var(--md-footer-fg-color--lighter)'",
    "link-in-text-block": "document.querySelectorAll('.md-typeset a').forEach(a => a.style.textDecoration = 'none')",
    "label": "document.querySelectorAll('.task-list-control input').forEach(i => i.removeAttribute('aria-label'))",
}


@pytest.fixture(scope="module")
def checklist_page(browser, server):
    """A page with every fixed element, task-list checkboxes included; each test undoes one fix."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "safety/before-you-start/")
    page.evaluate(AXE_SCRIPT)
    yield page
    context.close()


@pytest.mark.parametrize("rule", UNDO)
def test_each_fix_is_what_passes_its_rule(checklist_page, rule):
    one_rule = {**AXE_OPTIONS, "runOnly": {"type": "rule", "values": [rule]}}
    start_axe(checklist_page, one_rule)
    assert axe_violations(checklist_page) == [], f"{rule} fails even with the fix"
    checklist_page.evaluate(UNDO[rule])
    start_axe(checklist_page, one_rule)
    assert [v["id"] for v in axe_violations(checklist_page)] == [rule], f"undoing the {rule} fix did not bring {rule} back"
