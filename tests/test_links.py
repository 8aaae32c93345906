"""Every internal link and #anchor in the built site resolves (lychee, offline; the weekly
workflow checks external links online)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import yaml

from conftest import ROOT

LYCHEE = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")


def site_prefix() -> str:
    """The path the site is served under (from site_url), e.g. 'sciatica-self-massage-guide'."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return urlparse(config["site_url"]).path.strip("/")


def lychee(site: Path, served_root: Path) -> subprocess.CompletedProcess:
    """Check `site` as if it were served at `served_root`/<prefix>/ (404.html uses absolute links)."""
    assert LYCHEE, "lychee is not installed: run `make test`, which installs requirements.lock"
    prefix = site_prefix()
    mount = served_root / prefix if prefix else served_root
    mount.parent.mkdir(parents=True, exist_ok=True)
    if prefix:
        mount.symlink_to(site, target_is_directory=True)
    return subprocess.run(
        [LYCHEE, "--offline", "--include-fragments", "--no-progress", "--root-dir", str(served_root),
         "--index-files", "index.html", "--format", "detailed", str(site)],
        capture_output=True, text=True, timeout=300)


def test_internal_links_and_anchors_resolve(site, tmp_path):
    result = lychee(site, tmp_path / "served")
    assert result.returncode == 0, f"broken links or anchors:\n{result.stdout}\n{result.stderr}"


def test_the_link_check_catches_a_broken_link_and_anchor(site, tmp_path):
    broken = tmp_path / "broken-site"
    shutil.copytree(site, broken)
    page = broken / "techniques" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", '<a href="../no-such-page/">x</a>'
                                 '<a href="../safety/contraindications/#no-such-anchor">y</a></article>', 1),
                    encoding="utf-8")
    result = lychee(broken, tmp_path / "served")
    assert result.returncode != 0
    assert "no-such-page" in result.stdout and "no-such-anchor" in result.stdout, result.stdout
