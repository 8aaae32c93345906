"""The GitHub issue forms and pull request template. actionlint does not read issue forms, so
they are checked against GitHub's published schema (bundled with check-jsonschema, so offline)
and against what this project needs from each form."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
FORMS = {"content-mistake.yml": "Content mistake", "safety-concern.yml": "Safety concern", "site-bug.yml": "Site bug"}
PULL_REQUEST = ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md"


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    assert tool, "check-jsonschema is not installed: run `make test`, which installs requirements.lock"
    return subprocess.run([tool, "--builtin-schema", f"vendor.{schema}", str(path)],
                          capture_output=True, text=True, timeout=120)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_are_the_three_forms_and_no_blank_issues():
    assert {p.name for p in TEMPLATES.glob("*.yml")} == {*FORMS, "config.yml"}
    assert {load(TEMPLATES / name)["name"] for name in FORMS} == set(FORMS.values())
    config = load(TEMPLATES / "config.yml")
    assert config["blank_issues_enabled"] is False


@pytest.mark.parametrize("name", FORMS)
def test_each_form_matches_githubs_schema(name):
    result = check_jsonschema("github-issue-forms", TEMPLATES / name)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_issue_chooser_matches_githubs_schema():
    result = check_jsonschema("github-issue-config", TEMPLATES / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_form(tmp_path):
    form = load(TEMPLATES / "site-bug.yml")
    del form["body"][0]["attributes"]["label"]
    form["body"].append({"type": "checkbox", "id": "page"})  # unknown type, repeated id
    broken = tmp_path / "broken.yml"
    broken.write_text(yaml.safe_dump(form), encoding="utf-8")
    result = check_jsonschema("github-issue-forms", broken)
    assert result.returncode != 0 and "label" in result.stdout, result.stdout


def test_a_safety_concern_is_labelled_urgent():
    form = load(TEMPLATES / "safety-concern.yml")
    assert {"safety", "urgent"} <= set(form["labels"])
    assert "emergency number" in form["body"][0]["attributes"]["value"]


@pytest.mark.parametrize("name", FORMS)
def test_each_form_asks_which_page_first_and_ids_are_unique(name):
    body = load(TEMPLATES / name)["body"]
    fields = [item for item in body if item["type"] != "markdown"]
    assert fields[0]["id"] == "page" and fields[0]["validations"]["required"] is True
    ids = [item["id"] for item in fields]
    assert len(ids) == len(set(ids))


def test_the_pull_request_template_has_every_section():
    text = PULL_REQUEST.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == ["What changed", "Sources checked", "Reading level", "Screenshots", "Medical review"]
    review = text.split("## Medical review", 1)[1]
    assert review.count("- [ ]") == 2 and "medical reviewer" in review


# --- who must approve safety changes -----------------------------------------------------------------

CODEOWNERS = ROOT / ".github" / "CODEOWNERS"
CLINICAL_PATHS = ["/data/safety.yml", "/docs/safety/", "/docs/techniques/", "/docs/muscles/",
                  "/postbuild/handout_templates/"]


def test_a_clinical_reviewer_owns_the_safety_content():
    rules = {}
    for line in CODEOWNERS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            path, *owners = line.split()
            rules[path] = owners
    for path in CLINICAL_PATHS:
        assert path in rules, f".github/CODEOWNERS: no owner for {path}"
        assert any(owner.endswith("/clinical-reviewers") for owner in rules[path]), f"{path}: {rules[path]}"
        target = ROOT / path.strip("/")
        assert target.exists(), f".github/CODEOWNERS names {path}, which does not exist"


def test_contributors_are_told_why():
    assert ".github/CODEOWNERS" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "CODEOWNERS" in PULL_REQUEST.read_text(encoding="utf-8")
