"""EPUB writer: EPUB 3 with an EPUB 2 NCX, a title page, chapters split at level-1 headings, a
nested table of contents, CSS from the style sheet and, with --embed-fonts, WOFF2 subsets of
the bundled faces with their licences."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ...diagnostics import Diagnostic
from ...model import Document
from ...styles import Style
from ..base import Writer
from ..layout import Layout, arrange
from ..reproducible import build_time, repack_zip
from ..words import CONTENTS
from . import book_css, outline, package, xhtml
from .outline import LICENCE_PAGE, TITLE_PAGE, Entry
from .package import Page, Resource

if TYPE_CHECKING:
    from .embed import Embedding


class EpubWriter(Writer):
    name = "epub"
    extension = ".epub"
    media_type = "application/epub+zip"
    description = "EPUB 3 e-book with a table of contents (fonts embedded with --embed-fonts)"

    def render(self, doc: Document, out: BinaryIO, style: Style) -> list[Diagnostic]:
        warnings: list[Diagnostic] = []
        meta = doc.meta
        lang = meta.lang or "zh-CN"
        layout = arrange(doc, style)
        title = layout.title
        chapters = outline.chapters(layout)
        toc = outline.toc(chapters, title)

        pages = [
            Page(
                TITLE_PAGE,
                title,
                xhtml.page(title, lang, xhtml.title_page(title, layout.subtitle), "frontmatter"),
            )
        ]
        for ch in chapters:
            body = xhtml.chapter(ch.units)
            pages.append(Page(ch.file_name, ch.title, xhtml.page(ch.title, lang, body)))

        resources: list[Resource] = []
        own_fonts = bool(self.options.get("embed_fonts"))
        if own_fonts:
            sheet, resources, licences, font_warnings = self._fonts(layout, style, toc, lang)
            pages.append(licences)
            warnings += font_warnings
        else:
            sheet = book_css.stylesheet(style)

        when = build_time()
        data = package.build(
            doc,
            title=title,
            lang=lang,
            pages=pages,
            toc=toc,
            css=sheet,
            resources=resources,
            nav_in_spine=bool(doc.headings),
            text_start=pages[1].file_name if chapters else TITLE_PAGE,
            when=when,
            own_fonts=own_fonts,
        )
        out.write(repack_zip(data, when))
        return warnings

    def _fonts(
        self, layout: Layout, style: Style, toc: list[Entry], lang: str
    ) -> tuple[str, list[Resource], Page, list[Diagnostic]]:
        """--embed-fonts: the CSS with @font-face rules, the font files, the licence page."""
        from . import embed  # fontTools is imported only when fonts are embedded

        embedding = embed.embed(usage(layout, toc), style, _overrides(self.options))
        faces = [book_css.FontFace(f.family, f.file_name, f.weight) for f in embedding.files]
        sheet = book_css.stylesheet(style, embedding.families, faces)
        resources = [Resource(f.file_name, "font/woff2", f.data) for f in embedding.files]
        body = xhtml.licence_page(embed.LICENCE_TITLE, embed.LICENCE_INTRO, embedding.licences)
        page = Page(
            LICENCE_PAGE,
            embed.LICENCE_TITLE,
            xhtml.page(embed.LICENCE_TITLE, lang, body, "backmatter"),
        )
        return sheet, resources, page, _font_warnings(embedding)


def usage(layout: Layout, toc: list[Entry]) -> dict[str, str]:
    """All the text the book sets, by style role: what each embedded face must hold."""
    parts: dict[str, list[str]] = {"title": [layout.title], "subtitle": [layout.subtitle]}
    # The table of contents is set in the body role.
    parts["body"] = [CONTENTS, *_titles(toc)]
    for piece in layout.pieces():
        for run in piece.runs:
            parts.setdefault(run.role, []).append(run.text)
    return {role: "".join(texts) for role, texts in parts.items() if any(texts)}


def _titles(entries: list[Entry] | tuple[Entry, ...]) -> list[str]:
    out: list[str] = []
    for e in entries:
        out.append(e.title)
        out.extend(_titles(e.children))
    return out


def _overrides(options: Mapping[str, object]) -> dict[str, Path]:
    """--font ROLE=PATH, as the CLI passes it."""
    fonts = options.get("fonts")
    if not isinstance(fonts, Mapping):
        return {}
    return {str(role): Path(str(path)) for role, path in fonts.items()}


def _font_warnings(embedding: Embedding) -> list[Diagnostic]:
    parts = ", ".join(f"{f.face.name} {len(f.data) / 1024:.0f} kB" for f in embedding.files)
    warnings = [
        Diagnostic(
            "embedded-fonts",
            f"EPUB: embedded {len(embedding.files)} font subset(s), "
            f"{embedding.size / 1024:.0f} kB ({parts})",
        )
    ]
    for f in embedding.files:
        if f.face.licence is None:
            warnings.append(
                Diagnostic(
                    "font-licence",
                    f"EPUB: embedded {f.face.path.name} without a licence text; "
                    "make sure its licence allows embedding",
                )
            )
    if embedding.missing:
        shown = embedding.missing[:20] + ("…" if len(embedding.missing) > 20 else "")
        warnings.append(
            Diagnostic(
                "missing-glyph",
                f"EPUB: no embedded font has {len(embedding.missing)} character(s): {shown}",
            )
        )
    return warnings


__all__ = ["EpubWriter"]
