"""mkdocs-macros entry point: a thin registry. The logic lives in the modules beside this one.

The data are loaded and cross-checked once per build (in define_env); any problem stops the build
with every problem listed as `path:line: what — fix`.
"""
from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros import data, handouts, pages, references, safety, tables, timer
from macros.markdown import block
from macros.messages import GuideError, MacroMisuse, UnknownId, macro_failed, wrong_page_kind

def _page_slug(page, folder: str, macro: str, kind: str, known) -> str:
    """The technique or muscle a macro is about: the page it is on, or one named by its id."""
    if isinstance(page, str):  # e.g. technique_summary("stripping") on the macros reference page
        if page not in known:
            raise UnknownId(kind, page, sorted(known))
        return page
    slug = data.slug_of(page.file.src_uri, folder)
    if slug is None or slug not in known:
        raise MacroMisuse(wrong_page_kind(macro, kind, folder))
    return slug


def define_env(env) -> None:
    try:
        guide = data.load_guide(Path(env.project_dir))
        cues = timer.load_cues(Path(env.project_dir))
    except GuideError as error:
        raise PluginError(str(error)) from None

    def here() -> str:
        return env.page.file.src_uri

    def macro(func, name: str | None = None):
        """Register a macro. A mistake in its call is reported at the page and line that make it."""
        name = name or func.__name__

        @functools.wraps(func)
        def checked(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except (UnknownId, MacroMisuse) as error:
                path = f"{data.DOCS}/{here()}"
                line = data.call_line((Path(env.project_dir) / path).read_text(encoding="utf-8"), name,
                                      [a for a in args if isinstance(a, str)])
                if isinstance(error, UnknownId):
                    raise _MacroFailed(str(UnknownId(error.kind, error.name, error.known, f"{path}:{line}"))) from None
                raise _MacroFailed(f"{path}:{line}: {error}") from None

        env.macro(checked, name)
        return func

    @macro
    def technique_table() -> str:
        """All techniques: muscles, tools, how long, how often, each linked to its page."""
        return block(tables.technique_table(guide, here()))

    @macro
    def muscle_technique_matrix() -> str:
        """Which technique suits which muscle."""
        return block(tables.muscle_technique_matrix(guide, here()))

    @macro
    def tools_table() -> str:
        """Every tool: what it is good for, how to change the pressure, what to take care with."""
        return block(tables.tools_table(guide))

    @macro
    def technique_summary(page) -> str:
        """A technique page's summary table, its link to the contraindications page, its handout buttons
        and its hold timer (hidden until the timer's script shows it)."""
        slug = _page_slug(page, data.TECHNIQUES, "technique_summary", "technique", guide.techniques)
        return block(tables.technique_summary(guide, here(), slug) + "\n\n"
                     + handouts.download_buttons(here(), data.TECHNIQUES, slug) + "\n\n"
                     + timer.hold_timer(guide, cues, here(), slug))

    @macro
    def muscle_summary(page) -> str:
        """A muscle page's summary table (where, how to find it, referred pain, techniques) and handout buttons."""
        slug = _page_slug(page, data.MUSCLES, "muscle_summary", "muscle", guide.muscles)
        return block(tables.muscle_summary(guide, here(), slug) + "\n\n"
                     + handouts.download_buttons(here(), data.MUSCLES, slug))

    @macro
    def routine_player() -> str:
        """The routine player: pick muscles, techniques and side, tick the checks, then a timer per spot."""
        return block(timer.player(guide, cues, here()))

    @macro
    def care_card(tier: str) -> str:
        """One of the three care cards: "immediate", "urgent" or "non-urgent"."""
        return block(safety.care_card(guide, tier))

    @macro
    def stop_rules(page=None) -> str:
        """The stop-rules box: a technique page's own rules, or all rules without a page."""
        if page is None:
            return block(safety.stop_rules(guide, here()))
        slug = _page_slug(page, data.TECHNIQUES, "stop_rules", "technique", guide.techniques)
        return block(safety.stop_rules(guide, here(), guide.technique_stop_rules(slug)))

    @macro
    def precautions() -> str:
        """Conditions where you ask a clinician before self-massage, in short lists by group."""
        return block(safety.precautions(guide))

    @macro
    def when_to_get_help() -> str:
        """The immediate and same-day care cards, with links to the rest of the safety advice."""
        return block(safety.when_to_get_help(guide, here()))

    @macro
    def safety_sources() -> str:
        """Per source, the care-card signs, stop rules and precautions that rest on it."""
        return block(safety.safety_provenance(guide))

    @macro
    def printable_handouts() -> str:
        """Every printable PDF (booklet, tools, each technique and muscle), A4 and US Letter."""
        return block(handouts.printables_table(guide, here()))

    @macro
    def references_list() -> str:
        """Every source the guide cites, with what it supports."""
        return block(references.references(guide))

    macro(references_list, "references")

    @macro
    def glossary() -> str:
        """The glossary, from the file that also gives every page its hover tooltips."""
        return block(references.glossary(guide.root))

    env.variables["guide"] = guide
    _report_failed_macros(env)


class _MacroFailed(BaseException):
    """A macro called wrongly, with its page, line and fix. Not an Exception, so it passes mkdocs-macros
    and Jinja (which would print a traceback and stop the program) up to render_or_fail."""


def _report_failed_macros(env) -> None:
    """mkdocs-macros stops the whole program (sys.exit) when a macro fails, which ends `mkdocs serve`
    too; raise a build error instead, which serve shows and recovers from once the page is fixed."""
    render = getattr(env, "render", None)
    if render is None:  # a stand-in environment (tests), not the plugin
        return

    def render_or_fail(markdown: str, force_rendering: bool = False) -> str:
        try:
            return render(markdown, force_rendering)
        except _MacroFailed as failed:
            raise PluginError(f"1 problem in the guide:\n  {failed}") from None
        except SystemExit:
            raise PluginError(macro_failed(f"{data.DOCS}/{env.page.file.src_uri}")) from None

    env.render = render_or_fail


_CHECKED: list = []  # the guide whose pages were checked: one check per build (serve rebuilds often)


def on_pre_page_macros(env) -> None:
    """Before the first page's macros run, check every page's braces, macro names and snippets, so
    each mistake is one line with its file and line, all listed at once."""
    guide = env.variables["guide"]
    if _CHECKED and _CHECKED[0] is guide:
        return
    _CHECKED[:] = [guide]
    known = set(env.variables) | set(env.macros) | set(env.filters)
    problems = pages.check_pages(guide.root, Path(env.conf["docs_dir"]), env.env, known, sorted(env.macros))
    if problems:
        raise PluginError(str(GuideError(problems)))


def on_post_page_macros(env) -> None:
    """Every page ends with its review date and sources, from its front matter."""
    guide = env.variables["guide"]
    env.markdown = env.markdown.rstrip() + "\n\n" + references.page_sources(guide, env.page.file.src_uri)


def on_post_build(env) -> None:
    """Lint the rendered site; a page that breaks a rule fails the build with the file and the fix."""
    from postbuild.lint import lint_site

    problems = lint_site(Path(env.conf["site_dir"]), Path(env.conf["docs_dir"]))
    if problems:
        raise PluginError(str(GuideError(problems)))
