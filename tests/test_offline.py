"""The offline copy and the home-screen install, as built (postbuild/offline.py): the worker lists
every file a reader needs with its content hash and no PDF; the manifest and its icons are valid;
every page links the manifest, and the guide's deferred script registers the worker where it is linked. The worker at
work, offline and after an update, is tested in the browser (tests/browser/test_offline.py)."""
from __future__ import annotations

import hashlib
import json
import re

from PIL import Image

from postbuild.offline import MANIFEST, precache_list

GUIDE_JS = "assets/javascripts/guide.js"  # registers the worker on pages that link the manifest


def listed(site) -> dict[str, str]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.match(r"const PRECACHE = (\{.*?\});\n", text, re.DOTALL)[1])


def test_the_worker_lists_every_page_and_file_a_reader_needs_with_its_hash(site):
    files = listed(site)
    pages = {path.parent.relative_to(site).as_posix() + "/" for path in site.rglob("index.html")} - {"./"}
    assert pages | {"", "404.html", "search/search_index.json", MANIFEST} <= set(files)
    figures = {f"assets/figures/{path.name}" for path in (site / "assets" / "figures").glob("*.svg")}
    assert figures <= set(files)
    for address, digest in files.items():
        path = site / (address + "index.html" if address in {""} or address.endswith("/") else address)
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:16] == digest, address


def test_pdfs_and_source_maps_are_not_precached(site):
    assert list((site / "handouts").glob("*.pdf")), "no handouts built, so the check would prove nothing"
    assert [address for address in listed(site) if address.endswith((".pdf", ".map"))] == []


def test_the_precache_list_skips_what_a_reader_does_not_need(tmp_path):
    for name in ["index.html", "a/index.html", "a/b.svg", "handouts/x.pdf", "x.js.map", "sitemap.xml", "sw.js",
                 "assets/javascripts/lunr/wordcut.js"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    assert set(precache_list(tmp_path)) == {"", "a/", "a/b.svg"}


def test_the_manifest_and_its_icons_are_valid(site):
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["start_url"] == manifest["scope"] == "./" and manifest["display"] == "standalone"
    assert manifest["name"] and len(manifest["short_name"]) <= 15
    sizes = set()
    for icon in manifest["icons"]:
        with Image.open(site / icon["src"]) as image:
            assert image.format == "PNG" and icon["sizes"] == f"{image.width}x{image.height}", icon
        sizes.add((icon["sizes"], icon.get("purpose", "any")))
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_every_page_registers_the_worker_deferred_and_links_the_manifest(rendered, source_pages, site):
    for src in source_pages:
        head = rendered(src).head
        script = rendered(src).find("script", src=re.compile(re.escape(GUIDE_JS) + "$"))
        assert script is not None and script.has_attr("defer"), src
        assert head.find("link", rel="manifest") is not None, src
        # One script of ours on every page: the registration is not a request of its own.
        assert not rendered(src).find("script", src=re.compile(r"/offline\.js$")), src
    guide = (site / GUIDE_JS).read_text(encoding="utf-8")
    assert 'link[rel="manifest"]' in guide and "serviceWorker.register" in guide


def test_every_page_holds_a_hidden_saved_copy_notice_with_its_review_date(rendered, source_pages):
    for src in source_pages:
        notice = rendered(src).find("aside", class_="saved-copy")
        assert notice is not None and notice.has_attr("hidden"), src
        reviewed = re.search(r'Last reviewed: <time datetime="([\d-]+)"', str(rendered(src).article))[1]
        assert notice.find("time")["datetime"] == reviewed, src
