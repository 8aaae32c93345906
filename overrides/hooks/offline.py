"""MkDocs hook: every built page registers the service worker that keeps the guide for reading
offline (assets/javascripts/offline.js, deferred) and links the web app manifest and the home-screen
icon. postbuild/offline.py makes the worker, the manifest and the icons after the build.

Not under `mkdocs serve`: a worker there would keep serving saved stylesheets and scripts while a
contributor edits them. Loaded by path from mkdocs.yml `hooks:` (so no imports from the project).
"""
from __future__ import annotations

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.utils import get_relative_url

REGISTER = "assets/javascripts/offline.js"
MANIFEST = "manifest.webmanifest"
TOUCH_ICON = "assets/images/icon-180.png"  # iPhones take the home-screen icon from this link

_command: list[str] = []


def on_startup(command: str, **_) -> None:
    _command[:] = [command]


def on_config(config):
    if _command != ["serve"]:
        script = ExtraScriptValue(REGISTER)
        script.defer = True
        config.extra_javascript.append(script)
    return config


def on_post_page(output: str, page, **_) -> str:
    if _command == ["serve"]:
        return output
    links = (f'<link rel="manifest" href="{get_relative_url(MANIFEST, page.url)}">'
             f'<link rel="apple-touch-icon" href="{get_relative_url(TOUCH_ICON, page.url)}">')
    return output.replace("</head>", links + "</head>", 1)
