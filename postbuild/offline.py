"""The guide offline and on a phone's home screen, made from the built site after `mkdocs build`:

- sw.js, the service worker: postbuild/service_worker.js after a list of every file a reader
  needs (pages, search index, stylesheets, scripts, figures, icons) with each file's content hash;
- manifest.webmanifest, the web app manifest, and its PNG icons, drawn from
  docs/assets/images/icon.svg (WeasyPrint lays it out as a PDF page, pdfium paints that page).

Run by `make build` after the handouts: python -m postbuild.offline [SITE_DIR]

The guide's script (assets/javascripts/guide.js) registers sw.js on pages that link the manifest
(overrides/hooks/offline.py links it, except under `mkdocs serve`). A plain worker and this list
do what Workbox's generateSW would here (precache by hash, clean old caches, network first for
pages) without Node in the set-up.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pypdfium2
import weasyprint
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).parent / "service_worker.js"
ICON = ROOT / "docs" / "assets" / "images" / "icon.svg"
ICON_SIZES = (180, 192, 512)  # 180: the home-screen icon iPhones take from <link rel="apple-touch-icon">
ICON_PATH = "assets/images/icon-{size}.png"
MANIFEST = "manifest.webmanifest"
THEME_COLOR = "#4051b5"  # Material's indigo, the site's primary colour (mkdocs.yml palette)
SHORT_NAME = "Sciatica guide"  # under the icon on a home screen
# Not precached: the PDFs (the worker keeps each one a reader opens), source maps, the sitemap, and
# the search language packs, which Material's search loads only for languages other than English.
SKIPPED_SUFFIXES = (".pdf", ".map", ".xml", ".xml.gz")
SKIPPED_FOLDERS = ("assets/javascripts/lunr/",)


def precache_files(site: Path) -> dict[str, Path]:
    """Every file a reader needs offline: its address under the site root ('' for the home page,
    'techniques/stripping/' for a page) -> the file."""
    files = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if not path.is_file() or name == "sw.js" or name.endswith(SKIPPED_SUFFIXES) \
                or name.startswith(SKIPPED_FOLDERS):
            continue
        files[name.removesuffix("index.html") if name.rpartition("/")[2] == "index.html" else name] = path
    return files


def precache_list(site: Path) -> dict[str, str]:
    """Every file a reader needs offline: its address -> a hash of its content."""
    return {address: hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            for address, path in precache_files(site).items()}


def service_worker(files: dict[str, str]) -> str:
    """sw.js: the list and its version, then the worker. A change to any file changes the version,
    so browsers see a new worker and update their copy."""
    listing = json.dumps(files, indent=0, sort_keys=True)
    version = hashlib.sha256(listing.encode("utf-8")).hexdigest()[:16]
    return (f"const PRECACHE = {listing};\nconst VERSION = \"{version}\";\n"
            + WORKER.read_text(encoding="utf-8"))


def web_app_manifest(config: dict) -> dict:
    icons = [{"src": ICON_PATH.format(size=size), "sizes": f"{size}x{size}", "type": "image/png"}
             for size in ICON_SIZES if size != 180]
    # The drawing keeps inside the safe circle, so the largest icon may also be cut to the phone's shape.
    icons.append({**icons[-1], "purpose": "maskable"})
    return {
        "name": config["site_name"],
        "short_name": SHORT_NAME,
        "description": config["site_description"],
        "lang": "en",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": icons,
    }


def draw_icons(site: Path, svg: Path = ICON) -> None:
    """The PNG icons, drawn from the SVG: WeasyPrint puts it on a page of its size, pdfium paints it."""
    page_css = "@page { size: 512px 512px; margin: 0 } body { margin: 0 } img { width: 512px; height: 512px }"
    pdf = weasyprint.HTML(string=f'<style>{page_css}</style><img src="{svg.name}" alt="">',
                          base_url=str(svg.parent) + "/").write_pdf()
    page = pypdfium2.PdfDocument(pdf)[0]
    width = page.get_size()[0]
    for size in ICON_SIZES:
        target = site / ICON_PATH.format(size=size)
        target.parent.mkdir(parents=True, exist_ok=True)
        page.render(scale=size / width).to_pil().save(target, optimize=True)


def main(site: Path) -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    draw_icons(site)
    manifest = json.dumps(web_app_manifest(config), indent=2, ensure_ascii=False) + "\n"
    (site / MANIFEST).write_text(manifest, encoding="utf-8")
    (site / "sw.js").write_text(service_worker(precache_list(site)), encoding="utf-8")
    files = precache_files(site)
    print(f"offline: sw.js lists {len(files)} files, {sum(f.stat().st_size for f in files.values()) // 1024} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
