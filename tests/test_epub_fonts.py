"""--embed-fonts: WOFF2 subsets of the bundled faces, exactly the characters each face sets,
renamed (OFL Reserved Font Names), declared with @font-face, licences inside the book."""

from __future__ import annotations

import io
import re

import pytest
from conftest import FONTS
from fontTools.ttLib import TTFont
from test_epub import BLOCK_TAGS, EPOCH, Book, X, css_rule, css_rules, families, text

from convert import write
from convert.diagnostics import Diagnostic
from convert.fonts import bundled
from convert.model import Document, Meta, Paragraph
from convert.writers.epub import embed


def embedded(
    doc: Document, style: str = "gongwen", **options: object
) -> tuple[Book, list[Diagnostic]]:
    buf = io.BytesIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        warnings = write(doc, buf, to="epub", style=style, embed_fonts=True, **options)
    return Book(buf.getvalue()), warnings


def fonts_of(book: Book) -> dict[str, TTFont]:
    """CSS family -> the embedded font, through the book's @font-face rules."""
    out = {}
    for selector, decls in css_rules(book.css()):
        match = re.fullmatch(r'url\("([^"]+)"\) format\("woff2"\)', decls.get("src", ""))
        if selector == "@font-face" and match:
            out[decls["font-family"].strip('"')] = TTFont(io.BytesIO(book.read(match[1])))
    return out


def cmap(font: TTFont) -> set[str]:
    return {chr(c) for c in font.getBestCmap()}


def chars(value: str) -> set[str]:
    return {c for c in value if c >= " "}


def visible_text(book: Book) -> str:
    """Every character a reader sees: the spine's bodies, without hidden navs."""
    parts = []
    for href in book.spine:
        body = book.xml(href).find(f"{X}body")
        assert body is not None
        for nav in body.iter(f"{X}nav"):
            if nav.get("hidden") is not None:
                nav.getparent().remove(nav)
        parts.append(text(body))
    return "".join(parts)


@pytest.fixture(scope="module")
def seed_embedded(seed_doc: Document) -> tuple[Book, list[Diagnostic]]:
    return embedded(seed_doc)


def test_fonts_are_woff2_declared_by_font_face(
    seed_embedded: tuple[Book, list[Diagnostic]],
) -> None:
    book, _ = seed_embedded
    items = [i for i in book.manifest.values() if i.get("media-type") == "font/woff2"]
    assert len(items) == 4  # gongwen: body serif, title and leads serif-bold, 一、 sans, （一） kai
    fonts = fonts_of(book)
    assert len(fonts) == len(items)
    assert all(font.flavor == "woff2" for font in fonts.values())
    assert sorted(fonts) == ["docconv kai", "docconv sans", "docconv serif", "docconv serif-bold"]


def test_each_role_gets_its_face_first(seed_embedded: tuple[Book, list[Diagnostic]]) -> None:
    css = seed_embedded[0].css()
    expected = {"p": "serif", ".title": "serif-bold", ".lead": "serif-bold", ".h1": "sans"}
    expected[".h2"] = "kai"
    for selector, face in expected.items():
        stack = families(css_rule(css, selector)["font-family"])
        embedded_families = [f for f in stack if f.startswith("docconv ")]
        assert embedded_families[0] == f"docconv {face}", selector
        # The style's own families come first: a reader that has 仿宋 uses it.
        assert stack.index(embedded_families[0]) > 1
    faces = {
        d["font-family"]: d for s, d in css_rules(css) if s == "@font-face" and "url" in d["src"]
    }
    assert faces['"docconv serif-bold"']["font-weight"] == "700"  # no synthetic bold on leads
    assert faces['"docconv serif"']["font-weight"] == "400"


def test_subsets_hold_exactly_the_characters_used(
    seed_embedded: tuple[Book, list[Diagnostic]],
) -> None:
    book, warnings = seed_embedded
    used = chars(visible_text(book))
    fonts = fonts_of(book)
    for family, font in fonts.items():
        extra = cmap(font) - used
        assert not extra, f"{family} holds characters the book does not use: {sorted(extra)[:10]}"
    covered = set().union(*(cmap(f) for f in fonts.values()))
    assert used - covered == set()
    assert "missing-glyph" not in [w.code for w in warnings]


def test_every_block_is_covered_by_its_own_stack(
    seed_embedded: tuple[Book, list[Diagnostic]],
) -> None:
    book, _ = seed_embedded
    css = book.css()
    fonts = fonts_of(book)

    def covered(selector: str) -> set[str]:
        stack = families(css_rule(css, selector)["font-family"])
        return set().union(*(cmap(fonts[f]) for f in stack if f in fonts))

    checked = 0
    for href in book.content_pages():
        for el in book.xml(href).iter(*BLOCK_TAGS, f"{X}b"):
            cls = el.get("class")
            if (cls is None and el.tag != f"{X}p") or cls == "licences-title":
                continue  # set in the inherited body stack, checked in the union above
            selector = "p" if cls is None else f".{cls}"
            own = "".join(el.xpath("text()"))  # a lead inside is checked as its own element
            missing = chars(own) - covered(selector)
            assert not missing, f"{href} {selector}: {''.join(sorted(missing))}"
            checked += 1
    assert checked > 20


def test_subsets_are_renamed(seed_embedded: tuple[Book, list[Diagnostic]]) -> None:
    # A subset is a Modified Version: it may not use the Reserved Font Names LXGW, 霞鹜, Source.
    originals = {f"docconv {k}": TTFont(f.path, lazy=True) for k, f in bundled().faces.items()}
    for family, font in fonts_of(seed_embedded[0]).items():
        names = font["name"]
        assert names.getDebugName(1) == family
        for record in names.names:
            if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22, 25):
                value = record.toUnicode()
                assert not re.search(r"LXGW|霞鹜|Source|Noto", value), (family, value)
        original = originals[family]["name"]
        assert names.getDebugName(0) == original.getDebugName(0)  # the copyright notice stays
        assert names.getDebugName(13) == original.getDebugName(13)  # and the licence


def test_licences_are_inside_the_book(seed_embedded: tuple[Book, list[Diagnostic]]) -> None:
    book, _ = seed_embedded
    assert book.spine[-1] == "licence.xhtml"
    shown = [text(pre) for pre in book.xml("licence.xhtml").iter(f"{X}pre")]
    faces = bundled().faces
    expected = {faces[k].licence.read_text(encoding="utf-8") for k in ("serif", "sans", "kai")}
    assert sorted(shown) == sorted(expected)


def test_size_is_reported(seed_embedded: tuple[Book, list[Diagnostic]]) -> None:
    book, warnings = seed_embedded
    (report,) = [w for w in warnings if w.code == "embedded-fonts"]
    total = sum(
        len(book.read(i.get("href", "")))
        for i in book.manifest.values()
        if i.get("media-type") == "font/woff2"
    )
    match = re.search(r"(\d+) kB \(", report.text)
    assert match and int(match[1]) == round(total / 1024)
    assert 20_000 < total < 400_000


def test_rare_characters_come_from_the_fallback_face(long_doc: Document) -> None:
    book, warnings = embedded(long_doc)
    fonts = fonts_of(book)
    assert "𠮷" not in cmap(fonts["docconv serif"])  # Noto Serif SC has no Extension B
    assert "𠮷" in cmap(fonts["docconv kai"])
    stack = families(css_rule(book.css(), "p")["font-family"])
    assert stack.index("docconv serif") < stack.index("docconv kai")
    assert "missing-glyph" not in [w.code for w in warnings]


def test_characters_no_face_has_are_reported() -> None:
    doc = Document(Meta(title="西夏文"), (Paragraph("西夏文字\U00017000\U00017001。"),))
    _, warnings = embedded(doc)
    (missing,) = [w for w in warnings if w.code == "missing-glyph"]
    assert "\U00017000" in missing.text and "2 character(s)" in missing.text


def test_a_users_font_file_is_embedded_with_a_warning(plain_doc: Document) -> None:
    book, warnings = embedded(plain_doc, fonts={"body": FONTS / "LXGWWenKai-Regular.ttf"})
    stack = families(css_rule(book.css(), "p")["font-family"])
    first = next(f for f in stack if f.startswith("docconv "))
    assert first == "docconv font-lxgwwenkai-regular"
    assert "font-licence" in [w.code for w in warnings]


def test_same_input_same_bytes_with_fonts(plain_doc: Document) -> None:
    first, _ = embedded(plain_doc)
    embed._subset.cache_clear()  # subset again, not from the cache
    second, _ = embedded(plain_doc)
    assert first.data == second.data


APPLE = "META-INF/com.apple.ibooks.display-options.xml"


def test_apple_books_is_told_to_use_the_embedded_fonts(
    seed_embedded: tuple[Book, list[Warning]], seed_doc: Document
) -> None:
    from lxml import etree

    book, _ = seed_embedded
    options = etree.fromstring(book.zip.read(APPLE))
    [option] = options.iterfind("platform/option")
    assert option.get("name") == "specified-fonts" and option.text == "true"
    assert options.find("platform").get("name") == "*"
    # Without embedded fonts the book leaves Apple Books to its own fonts.
    buf = io.BytesIO()
    write(seed_doc, buf, to="epub")
    assert APPLE not in Book(buf.getvalue()).zip.namelist()
