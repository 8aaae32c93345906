"""Reading a PDF as the tests need it, with wheels from the lock (no system tools): pypdfium2 for the
text (pypdf for a page laid out as printed) and to render pages; pypdf for page sizes, metadata and
fonts; zxing-cpp to scan QR codes. Each file is read once per test session and shared by all its
checks (the key includes its mtime, so a PDF written again is read again); page texts, the slowest
part, are kept in PDF_TEXT_CACHE, a folder that tests/conftest.py shares between the pytest-xdist
workers, so a page is read once per run."""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pypdfium2
import zxingcpp
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

QR_DPI = 150  # scanned as a greyscale print at this resolution


def flat(text: str) -> str:
    """Text as words, the same whether it came from HTML, data or a PDF: a line broken after a
    hyphen ("self-" / "massage") or after a slash in an address is joined back."""
    return re.sub(r"([-/])\s+", r"\1", " ".join(text.split()))


@dataclass
class Font:
    name: str
    embedded: bool
    subset: bool  # only the glyphs used, named "ABCDEF+Family"
    unicode: bool  # has a ToUnicode map, so its text can be copied and read aloud


def shared_text(key: tuple, read: Callable[[], str]) -> str:
    """read(), or what a worker of this test run already read for the same key (see PDF_TEXT_CACHE)."""
    folder = os.environ.get("PDF_TEXT_CACHE")
    if not folder:
        return read()
    path = Path(folder) / f"{hashlib.sha256(repr(key).encode()).hexdigest()[:32]}.txt"
    if path.is_file():
        return path.read_text(encoding="utf-8", errors="surrogatepass")
    text = read()
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f"{path.name}.{os.getpid()}")
    scratch.write_text(text, encoding="utf-8", errors="surrogatepass")
    os.replace(scratch, path)  # whole or not at all, should two workers read the same page at once
    return text


@dataclass
class Pdf:
    reader: PdfReader
    key: tuple  # the file and its stamp
    texts: dict[tuple[int, str], str] = field(default_factory=dict)  # (page number, mode) -> text, on demand

    def text(self, page: int, mode: str = "plain") -> str:
        """A page's text: "plain" read by PDFium (about 25 times quicker than pypdf, and the same words),
        "layout" by pypdf, which keeps each printed line's spacing (a contents page's leaders)."""
        if (page, mode) not in self.texts:
            read = (lambda: _pdfium_text(self.key[0], page)) if mode == "plain" else (
                lambda: self.reader.pages[page - 1].extract_text(extraction_mode=mode))
            self.texts[page, mode] = shared_text((*self.key, page, mode), read)
        return self.texts[page, mode]


def _pdfium_text(path: str, page: int) -> str:
    """One page's text as PDFium reads it. PDFium writes U+FFFE for a hyphen that ends a line; it is
    written back as the hyphen it was."""
    document = pypdfium2.PdfDocument(path)
    try:
        text_page = document[page - 1].get_textpage()
        try:
            return text_page.get_text_range().replace("\ufffe", "-")
        finally:
            text_page.close()
    finally:
        document.close()


@cache
def _open(path: Path, stamp: tuple[int, int]) -> Pdf:
    return Pdf(PdfReader(path), (str(path.resolve()), *stamp))


def open_pdf(path: Path) -> Pdf:
    stat = path.stat()
    return _open(path, (stat.st_mtime_ns, stat.st_size))


def pdf_info(path: Path) -> dict[str, str]:
    """What `pdfinfo` reports that the tests check: Pages, Page size (the first page's, in points),
    Title, Author and Tagged."""
    reader = open_pdf(path).reader
    box = reader.pages[0].cropbox
    mark_info = reader.trailer["/Root"].get("/MarkInfo", {})
    metadata = reader.metadata or {}
    return {"Pages": str(len(reader.pages)), "Page size": f"{float(box.width):g} x {float(box.height):g} pts",
            "Title": str(metadata.get("/Title", "")), "Author": str(metadata.get("/Author", "")),
            "Tagged": "yes" if mark_info.get("/Marked") else "no"}


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text of one page (numbered from 1) or of the whole file, as flat words."""
    pdf = open_pdf(path)
    pages = [page] if page else range(1, len(pdf.reader.pages) + 1)
    return flat("\n".join(pdf.text(number) for number in pages))


def pdf_layout_text(path: Path, page: int) -> str:
    """One page's text with its lines laid out as printed (a contents page's titles, leaders, numbers)."""
    return open_pdf(path).text(page, "layout")


def pdf_fonts(path: Path) -> list[Font]:
    """Every font the pages and their forms use, as `pdffonts` lists them."""
    fonts: dict[int | str, Font] = {}

    def visit(resources: DictionaryObject | None) -> None:
        if not resources:
            return
        resources = resources.get_object()
        for reference in (resources.get("/Font") or {}).values():
            font = reference.get_object()
            key = getattr(reference, "idnum", None) or str(font.get("/BaseFont"))
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            name = str(font.get("/BaseFont", "")).removeprefix("/")
            fonts[key] = Font(name, any(f in descriptor for f in ("/FontFile", "/FontFile2", "/FontFile3")),
                              bool(re.match(r"[A-Z]{6}\+", name)), "/ToUnicode" in font)
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in open_pdf(path).reader.pages:
        visit(page.get("/Resources"))
    return list(fonts.values())


@cache
def _qr_codes(path: Path, stamp: tuple[int, int]) -> frozenset[str]:
    document, found = pypdfium2.PdfDocument(path), set()
    try:
        for page in document:
            image = page.render(scale=QR_DPI / 72, grayscale=True).to_pil()
            found |= {code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)}
    finally:
        document.close()
    return frozenset(found)


def qr_codes(path: Path) -> set[str]:
    """What the QR codes on every page say, read from a greyscale image of each page."""
    stat = path.stat()
    return set(_qr_codes(path, (stat.st_mtime_ns, stat.st_size)))
