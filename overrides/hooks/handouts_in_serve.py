"""MkDocs hook: `mkdocs serve` does not make the PDF handouts (`make build` does), so while it runs
each "Download printable handout" button leads to a one-page PDF that says so, not to a 404.
Loaded by path from mkdocs.yml `hooks:`; the notice is postbuild/handout_notice.py."""
from __future__ import annotations

from pathlib import Path

serving = False


def on_startup(command: str, **_) -> None:
    global serving
    serving = command == "serve"


def on_post_build(config, **_) -> None:
    if serving:
        from postbuild.handout_notice import write_notices  # importable once mkdocs-macros has loaded macros/
        write_notices(Path(config.config_file_path).parent, Path(config.site_dir), config.site_name)
