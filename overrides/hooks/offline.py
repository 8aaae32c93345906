"""MkDocs hook: every built page registers the service worker that keeps the guide for reading
offline (assets/javascripts/offline.js, deferred) and links the web app manifest and the home-screen
icon. postbuild/offline.py makes the worker, the manifest and the icons after the build.

Not under `mkdocs serve`: a worker there would keep serving saved stylesheets and scripts while a
contributor edits them. Loaded by path from mkdocs.yml `hooks:` (so no imports from the project),
and imports nothing from MkDocs either, so that ProperDocs builds with it too (`make properdocs`).
"""
from __future__ import annotations

REGISTER = "assets/javascripts/offline.js"
MANIFEST = "manifest.webmanifest"
TOUCH_ICON = "assets/images/icon-180.png"  # iPhones take the home-screen icon from this link

_command: list[str] = []


def on_startup(command: str, **_) -> None:
    _command[:] = [command]


def head_tags(page_url: str) -> str:
    """The tags for a page at this address under the site root ('' or 'techniques/stripping/')."""
    up = "../" * page_url.count("/")
    return (f'<link rel="manifest" href="{up}{MANIFEST}">'
            f'<link rel="apple-touch-icon" href="{up}{TOUCH_ICON}">'
            f'<script src="{up}{REGISTER}" defer></script>')


def on_post_page(output: str, page, **_) -> str:
    if _command == ["serve"]:
        return output
    return output.replace("</head>", head_tags(page.url) + "</head>", 1)
