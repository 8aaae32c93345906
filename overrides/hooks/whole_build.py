"""MkDocs hook: stops a `--dirty` build, which would give a wrong site without a word.

The other hooks work on the whole built site after each build, and MkDocs' `--dirty` (on `mkdocs
build` and `mkdocs serve`) rebuilds only the pages whose Markdown changed and keeps the rest of the
site folder as the last build left it. Tried on this site: glossary.json came out empty (the
definitions are gathered from the pages rebuilt, so every tooltip lost its text), and palette.py
stopped the build, finding Material's bundle already changed. `make build`, `make serve` and CI
never build dirty; this hook makes sure nobody else does by mistake.
Loaded by path from mkdocs.yml `hooks:`, first.
"""
from __future__ import annotations

try:  # MkDocs prints a PluginError as one line, without a traceback
    from mkdocs.exceptions import PluginError as _Failure
except ImportError:  # pragma: no cover - another builder
    _Failure = Exception


class DirtyBuildError(_Failure):
    pass


def on_startup(*, command: str, dirty: bool) -> None:
    if dirty:
        raise DirtyBuildError(
            f"mkdocs {command} --dirty: this site's hooks rework the whole site after each build "
            "(overrides/hooks/whole_build.py says why), so a build of the changed pages alone would be wrong. "
            f"Leave out --dirty: `make {'serve' if command == 'serve' else 'build'}`")
