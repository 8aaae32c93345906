"""MkDocs hook: every built page links the web app manifest and the home-screen icon; the guide's
deferred script (assets/javascripts/guide.js) registers the service worker that keeps the guide for
reading offline on pages that link the manifest. postbuild/offline.py makes the worker, the manifest
and the icons after the build.

Not under `mkdocs serve`: a worker there would keep serving saved stylesheets and scripts while a
contributor edits them. Loaded by path from mkdocs.yml `hooks:` (so no imports from the project),
and imports nothing from MkDocs either, so that ProperDocs builds with it too (`make properdocs`).
"""
from __future__ import annotations

MANIFEST = "manifest.webmanifest"
TOUCH_ICON = "assets/images/icon-180.png"  # iPhones take the home-screen icon from this link

_command: list[str] = []


def on_startup(command: str, **_) -> None:
    _command[:] = [command]


def head_tags(page_url: str) -> str:
    """The tags for a page at this address under the site root ('' or 'techniques/stripping/')."""
    up = "../" * page_url.count("/")
    return (f'<link rel="manifest" href="{up}{MANIFEST}">'
            f'<link rel="apple-touch-icon" href="{up}{TOUCH_ICON}">')


def on_post_page(output: str, page, **_) -> str:
    if _command == ["serve"]:
        return output
    return output.replace("</head>", head_tags(page.url) + "</head>", 1)
