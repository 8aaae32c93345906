"""While `mkdocs serve` runs, each handout's address gets a one-page PDF that says where the real
handouts come from (`make build`), instead of a 404. Making the real ones takes seconds per file,
too slow to redo on every save. Written by overrides/hooks/handouts_in_serve.py."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import weasyprint

from macros import handouts as files
from macros.data import load_guide

NOTICE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Handouts are made by make build</title>
<style>@page {{ size: A4; margin: 25mm; }} body {{ font-family: "DejaVu Sans", sans-serif; font-size: 14pt; }}</style>
</head><body><h1>Handouts are made by make build</h1>
<p>This is the live preview of {site_name} (make serve). It does not make the printable handouts.</p>
<p>To see them, stop the preview and run make build. It writes every PDF into site/handouts/.</p>
</body></html>"""


@cache
def notice_pdf(site_name: str) -> bytes:
    return weasyprint.HTML(string=NOTICE.format(site_name=site_name)).write_pdf()


def write_notices(root: Path, site_dir: Path, site_name: str) -> list[Path]:
    """The notice at every handout address of the guide in root; returns the files written."""
    written = []
    for name in files.every_file(load_guide(root)):
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(notice_pdf(site_name))
        written.append(path)
    return written
