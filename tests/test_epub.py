"""The EPUB writer, read back with zipfile + lxml's strict XML parser (a content document that
is not well-formed XML fails the test reading it) and checked with epubcheck."""

from __future__ import annotations

import dataclasses
import io
import posixpath
import re
import subprocess
import time
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from conftest import require_tool
from lxml import etree

from convert import write
from convert.model import Document, Heading, Meta, Note, Paragraph
from convert.styles import load
from convert.writers import get

X = "{http://www.w3.org/1999/xhtml}"
OPS = "{http://www.idpf.org/2007/ops}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z

# -- reading an EPUB back -----------------------------------------------------------------

BLOCK_TAGS = tuple(f"{X}{t}" for t in ("h1", "h2", "h3", "h4", "h5", "h6", "p"))


def text(el: etree._Element) -> str:
    return "".join(el.itertext())


@dataclass
class NavEntry:
    depth: int
    title: str
    href: str


class Book:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        rootfile = container.find(".//c:rootfile", NS)
        assert rootfile is not None
        self.opf_path = rootfile.get("full-path", "")
        self.base = posixpath.dirname(self.opf_path)
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        self.manifest = {i.get("id"): i for i in self.opf.iterfind("opf:manifest/opf:item", NS)}
        self.spine = [
            self.manifest[r.get("idref")].get("href", "")
            for r in self.opf.iterfind("opf:spine/opf:itemref", NS)
        ]
        self.nav_href = next(
            i.get("href", "")
            for i in self.manifest.values()
            if "nav" in (i.get("properties") or "").split()
        )
        ncx_id = self.opf.find("opf:spine", NS).get("toc")
        self.ncx_href = self.manifest[ncx_id].get("href", "")

    def read(self, href: str) -> bytes:
        return self.zip.read(posixpath.join(self.base, href))

    def xml(self, href: str) -> etree._Element:
        return etree.fromstring(self.read(href))

    def meta(self, name: str) -> list[str]:
        return [el.text or "" for el in self.opf.iterfind(f"opf:metadata/dc:{name}", NS)]

    def modified(self) -> str:
        el = self.opf.find("opf:metadata/opf:meta[@property='dcterms:modified']", NS)
        assert el is not None
        return el.text or ""

    def content_pages(self) -> list[str]:
        """Spine documents other than the navigation document, in reading order."""
        return [h for h in self.spine if h != self.nav_href]

    def block_texts(self, href: str) -> list[str]:
        return [text(el) for el in self.xml(href).iter(*BLOCK_TAGS)]

    def nav(self) -> list[NavEntry]:
        root = self.xml(self.nav_href)
        toc = next(n for n in root.iter(f"{X}nav") if n.get(f"{OPS}type") == "toc")
        out: list[NavEntry] = []

        def walk(ol: etree._Element, depth: int) -> None:
            for li in ol.iterchildren(f"{X}li"):
                a = li.find(f"{X}a")
                assert a is not None, "a nav entry without a link"
                out.append(NavEntry(depth, text(a), a.get("href", "")))
                sub = li.find(f"{X}ol")
                if sub is not None:
                    walk(sub, depth + 1)

        ol = toc.find(f"{X}ol")
        assert ol is not None
        walk(ol, 1)
        return out

    def ncx(self) -> list[NavEntry]:
        root = self.xml(self.ncx_href)
        out: list[NavEntry] = []

        def walk(parent: etree._Element, depth: int) -> None:
            for point in parent.iterchildren(f"{NCX}navPoint"):
                label = point.find(f"{NCX}navLabel/{NCX}text")
                content = point.find(f"{NCX}content")
                assert label is not None and content is not None
                out.append(NavEntry(depth, label.text or "", content.get("src", "")))
                walk(point, depth + 1)

        nav_map = root.find(f"{NCX}navMap")
        assert nav_map is not None
        walk(nav_map, 1)
        return out

    def target(self, href: str) -> etree._Element:
        """The element a nav link points at (the page's root without a fragment)."""
        page, _, frag = href.partition("#")
        root = self.xml(page)
        if not frag:
            return root
        found = root.xpath("//*[@id=$id]", id=frag)
        assert len(found) == 1, f"{href}: {len(found)} elements with that id"
        return found[0]

    def css(self) -> str:
        href = next(
            i.get("href", "") for i in self.manifest.values() if i.get("media-type") == "text/css"
        )
        return self.read(href).decode("utf-8")


def css_rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, {property: value}) for each rule, in order."""
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = {}
        for decl in body.split(";"):
            name, sep, value = decl.partition(":")
            if sep:
                decls[name.strip()] = value.strip()
        rules.append((selector.strip(), decls))
    return rules


def css_rule(css: str, selector: str) -> dict[str, str]:
    found = [d for s, d in css_rules(css) if s == selector]
    assert len(found) == 1, f"{len(found)} rules for {selector}"
    return found[0]


def families(value: str) -> list[str]:
    return [f.strip().strip('"') for f in value.split(",")]


def epub_of(doc: Document, style: str = "gongwen", **options: object) -> bytes:
    """The book as written with SOURCE_DATE_EPOCH set (a reproducible build)."""
    buf = io.BytesIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        write(doc, buf, to="epub", style=style, **options)
    return buf.getvalue()


def chapters_of(doc: Document) -> list[list[str]]:
    """The model's block texts, grouped as the issue asks: a new chapter at each level-1
    heading, text before the first one in a front chapter."""
    groups: list[list[str]] = []
    for block in doc.blocks:
        if not groups or (isinstance(block, Heading) and block.level == 1):
            groups.append([])
        groups[-1].append(block.text)
    return groups


@pytest.fixture(scope="module")
def seed_book(seed_doc: Document) -> Book:
    return Book(epub_of(seed_doc))


@pytest.fixture(scope="module")
def long_book(long_doc: Document) -> Book:
    return Book(epub_of(long_doc))


# A document made to break escaping: markup, entities, quotes, a CDATA end, and a form feed
# (a C0 control no XML document can carry, which is left out with a warning).
NASTY = Document(
    Meta(title='A & B <c> "d"', author="<me> & co", keywords=("x&y", "<k>"), date="2024-02-29"),
    (
        Paragraph("同志们</p>：", "salutation"),
        Heading(1, "一、<b>加粗</b> & 'q'", "一、", "cn"),
        Paragraph("正文 </p><script>alert(1)</script> ]]> &amp; \x0c末尾"),
        Paragraph("一是<i>。其余 “引号” ‘单’ 𠮷", "body", "一是<i>。"),
        Note("注：a<b>c"),
    ),
)


# No title (the site's file name stands in), a level-2 heading before the first level-1, a
# skipped level, a run-in heading followed by another heading, an empty paragraph.
EDGE = Document(
    Meta(source_title="某文件.docx"),
    (
        Heading(2, "（一）先有二级", "（一）", "cn-paren"),
        Paragraph(""),
        Heading(1, "一、再有一级", "一、", "cn"),
        Heading(3, "1.跳过一级", "1.", "num"),
        Heading(2, "（二）小标题。", "（二）", "cn-paren", runin=True),
        Heading(1, "二、连续标题", "二、", "cn"),
        Note("注：完"),
    ),
)


# -- epubcheck ------------------------------------------------------------------------------


def _epubcheck_command() -> list[str]:
    path = require_tool("epubcheck")
    with open(path, "rb") as f:
        is_jar = f.read(2) == b"PK"  # Debian installs the jar itself as /usr/bin/epubcheck
    return [require_tool("java"), "-jar", path] if is_jar else [path]


@pytest.fixture(scope="module")
def epubcheck_reports(
    seed_doc: Document,
    long_doc: Document,
    plain_doc: Document,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, str]:
    """epubcheck's report on each book, all checked at once (each run starts a JVM)."""
    command = _epubcheck_command()
    folder = tmp_path_factory.mktemp("epubcheck")
    books = {
        "seed": epub_of(seed_doc),
        "seed-embedded": epub_of(seed_doc, embed_fonts=True),
        "long": epub_of(long_doc),
        "long-plain-style": epub_of(long_doc, style="plain"),
        "no-headings": epub_of(plain_doc),
        "escaping": epub_of(NASTY),
        "edge": epub_of(EDGE),
    }
    running = {}
    for name, data in books.items():
        path = folder / f"{name}.epub"
        path.write_bytes(data)
        running[name] = subprocess.Popen(
            [*command, str(path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
    return {
        name: proc.communicate(timeout=600)[0].decode("utf-8", "replace")
        for name, proc in running.items()
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    ["seed", "seed-embedded", "long", "long-plain-style", "no-headings", "escaping", "edge"],
)
def test_epubcheck_finds_nothing(epubcheck_reports: dict[str, str], name: str) -> None:
    report = epubcheck_reports[name]
    counts = re.search(r"Messages: (\d+) fatals / (\d+) errors / (\d+) warnings", report)
    if counts is None:  # older epubchecks print only this line when all is well
        assert "No errors or warnings detected" in report, report
    else:
        assert counts.groups() == ("0", "0", "0"), report


# -- the package --------------------------------------------------------------------------


def test_writer_is_registered() -> None:
    cls = get("epub")
    assert (cls.name, cls.extension, cls.media_type) == ("epub", ".epub", "application/epub+zip")


def test_zip_layout(seed_book: Book) -> None:
    first = seed_book.zip.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert seed_book.zip.read("mimetype") == b"application/epub+zip"
    assert seed_book.opf.get("version") == "3.0"
    assert seed_book.ncx_href == "toc.ncx"  # EPUB 2 readers' table of contents


def test_language_everywhere(seed_book: Book) -> None:
    assert seed_book.opf.get(XML_LANG) == "zh-CN"
    assert seed_book.meta("language") == ["zh-CN"]
    xhtml = [
        i.get("href", "")
        for i in seed_book.manifest.values()
        if i.get("media-type") == "application/xhtml+xml"
    ]
    assert len(xhtml) == len(seed_book.spine) >= 7
    for href in xhtml:
        root = seed_book.xml(href)
        assert (root.get("lang"), root.get(XML_LANG)) == ("zh-CN", "zh-CN"), href


def test_metadata(long_doc: Document, long_book: Book) -> None:
    meta = long_doc.meta
    assert long_book.meta("title") == [meta.title]
    assert long_book.meta("creator") == [meta.author]
    assert long_book.meta("date") == ["2023-04-24"]
    assert long_book.meta("subject") == list(meta.keywords)
    assert long_book.meta("description") == [meta.subtitle]


def test_seed_metadata(seed_doc: Document, seed_book: Book) -> None:
    assert seed_book.meta("title") == ["区长在质量绩效管理推进会讲话"]
    assert seed_book.meta("creator") == []  # the page names no author
    subjects = seed_book.meta("subject")
    assert subjects == list(seed_doc.meta.keywords) and "讲话" in subjects
    assert "范文" not in subjects  # the site's SEO word, not the document's
    assert seed_book.meta("source") == ["2023年区长在质量绩效管理推进会讲话范文.doc"]


def test_identifier_comes_from_the_content(long_doc: Document, long_book: Book) -> None:
    (ident,) = long_book.meta("identifier")
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", ident)
    assert Book(epub_of(long_doc)).meta("identifier") == [ident]
    changed = dataclasses.replace(long_doc, blocks=long_doc.blocks[:-1])
    assert Book(epub_of(changed)).meta("identifier") != [ident]
    ncx = long_book.xml(long_book.ncx_href)
    uid = ncx.find(f"{NCX}head/{NCX}meta[@name='dtb:uid']")
    assert uid is not None and uid.get("content") == ident


def test_modified_honours_source_date_epoch(seed_book: Book) -> None:
    assert seed_book.modified() == "2023-11-14T22:13:20Z"
    for info in seed_book.zip.infolist():
        assert info.date_time == (2023, 11, 14, 22, 13, 20), info.filename


def test_modified_is_utc_whatever_the_local_zone(
    plain_doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ebooklib 0.20 writes local time with a "Z"; far from UTC that is hours off.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14
    time.tzset()
    try:
        buf = io.BytesIO()
        write(plain_doc, buf, to="epub")
        stamp = Book(buf.getvalue()).modified()
    finally:
        monkeypatch.undo()
        time.tzset()
    written = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - written).total_seconds()) < 120


def test_same_input_same_bytes(long_doc: Document) -> None:
    first, second = epub_of(long_doc), epub_of(long_doc)
    assert first == second
    assert epub_of(long_doc, style="plain") != first


def test_write_errors_raise(plain_doc: Document) -> None:
    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write(plain_doc, Full(), to="epub")


# -- text and chapters --------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["seed_doc", "long_doc", "plain_doc"])
def test_chapter_texts_equal_the_model(fixture: str, request: pytest.FixtureRequest) -> None:
    doc: Document = request.getfixturevalue(fixture)
    book = Book(epub_of(doc))
    title_page, *chapters = book.content_pages()
    expected_title = [doc.meta.title] + ([doc.meta.subtitle] if doc.meta.subtitle else [])
    assert book.block_texts(title_page) == expected_title
    assert [book.block_texts(href) for href in chapters] == chapters_of(doc)


def test_seed_chapters(seed_book: Book) -> None:
    title_page, front, *chapters = seed_book.content_pages()
    assert seed_book.block_texts(front)[0].startswith("同志们")
    starts = [seed_book.block_texts(href)[0][:2] for href in chapters]
    assert starts == ["一、", "二、", "三、", "四、"]
    # The TOC page follows the title page.
    assert seed_book.spine[:2] == [title_page, seed_book.nav_href]


def test_blocks_are_marked_up_by_role(long_doc: Document, long_book: Book) -> None:
    pages = long_book.content_pages()[1:]
    elements = [el for href in pages for el in long_book.xml(href).iter(*BLOCK_TAGS)]
    assert len(elements) == len(long_doc.blocks)
    style = load("gongwen")
    for el, block in zip(elements, long_doc.blocks, strict=True):
        if isinstance(block, Heading):
            assert el.tag == f"{X}h{block.level}"
            assert el.get("class") == style.heading_role_name(block)
        elif isinstance(block, Paragraph):
            assert el.tag == f"{X}p"
            assert el.get("class") == (None if block.role == "body" else block.role)
            bold = el.find(f"{X}b")
            if block.lead:
                assert bold is not None and bold.get("class") == "lead"
                assert text(bold) == block.lead
            else:
                assert bold is None
        elif isinstance(block, Note):
            assert el.get("class") == "note"


def test_runin_heading_shares_a_line(long_book: Book) -> None:
    groups = [
        div
        for href in long_book.content_pages()
        for div in long_book.xml(href).iter(f"{X}div")
        if div.get("class") == "runin"
    ]
    assert len(groups) == 1
    heading, paragraph = list(groups[0])
    assert (heading.tag, text(heading)) == (f"{X}h2", "（三）加强组织领导。")
    assert paragraph.tag == f"{X}p"
    rule = css_rule(
        long_book.css(), ".runin > h1, .runin > h2, .runin > h3, .runin > h4, .runin > p"
    )
    assert rule["display"] == "inline"


def test_runin_block_style_gives_the_heading_its_own_line(long_doc: Document) -> None:
    book = Book(epub_of(long_doc, style="plain"))  # plain.toml: runin = "block"
    assert not [
        div
        for href in book.content_pages()
        for div in book.xml(href).iter(f"{X}div")
        if div.get("class") == "runin"
    ]


def test_everything_is_escaped() -> None:
    buf = io.BytesIO()
    warnings = write(NASTY, buf, to="epub")
    book = Book(buf.getvalue())
    title_page, *chapters = book.content_pages()
    assert book.block_texts(title_page) == [NASTY.meta.title]
    expected = [[t.replace("\x0c", "") for t in group] for group in chapters_of(NASTY)]
    assert [book.block_texts(href) for href in chapters] == expected
    assert [w.code for w in warnings] == ["xml-characters"]
    assert book.meta("title") == [NASTY.meta.title]
    assert book.meta("creator") == ["<me> & co"]
    assert book.meta("subject") == ["x&y", "<k>"]
    assert [e.title for e in book.nav()] == ['A & B <c> "d"', "一、<b>加粗</b> & 'q'"]
    # No element came from the text: only what the writer made.
    for href in chapters:
        tags = {el.tag for el in book.xml(href).iter()}
        assert f"{X}script" not in tags and f"{X}i" not in tags


# -- navigation -----------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["seed_doc", "long_doc"])
def test_nav_and_ncx_are_the_opening_and_the_headings(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    doc: Document = request.getfixturevalue(fixture)
    book = Book(epub_of(doc))
    # The salutation and paragraphs before the first heading are the first entry, named
    # after the book; each heading follows, without the full stop that ends its sentence.
    assert not isinstance(doc.blocks[0], Heading)
    expected = [(1, doc.meta.title)]
    expected += [(h.level, h.text.removesuffix("。")) for h in doc.headings]
    for entries in (book.nav(), book.ncx()):
        assert [(e.depth, e.title) for e in entries] == expected
        assert not [e.title for e in entries if e.title.endswith("。")]
        opening, *headings = entries
        assert opening.href == "front.xhtml"
        assert book.block_texts("front.xhtml")[0] == doc.blocks[0].text
        for entry in headings:
            page = entry.href.partition("#")[0]
            assert page in book.spine
            target = book.target(entry.href)
            assert target.tag in {f"{X}h{n}" for n in range(1, 5)}
            assert text(target).removesuffix("。") == entry.title
    assert [e.href for e in book.nav()] == [e.href for e in book.ncx()]
    if fixture == "seed_doc":
        assert any(h.text.endswith("。") for h in doc.headings)  # the rule is exercised


def test_nesting_follows_the_order_of_levels() -> None:
    book = Book(epub_of(EDGE))
    assert book.meta("title") == ["某文件"]
    title_page, front, *chapters = book.content_pages()
    assert book.block_texts(title_page) == ["某文件"]
    assert book.block_texts(front) == ["（一）先有二级", ""]
    entries = [(e.depth, e.title) for e in book.nav()]
    assert entries == [
        (1, "（一）先有二级"),
        (1, "一、再有一级"),
        (2, "1.跳过一级"),
        (2, "（二）小标题"),  # a level-2 heading closes the level-3 one before it
        (1, "二、连续标题"),
    ]
    assert [(e.depth, e.title) for e in book.ncx()] == entries
    # A run-in heading with no paragraph after it stands alone.
    assert not [d for h in chapters for d in book.xml(h).iter(f"{X}div")]


def test_empty_document_is_still_a_book() -> None:
    book = Book(epub_of(Document()))
    assert book.content_pages() == ["title.xhtml"]
    assert book.block_texts("title.xhtml") == ["未命名文档"]
    assert [(e.depth, e.title, e.href) for e in book.nav()] == [(1, "未命名文档", "title.xhtml")]


def test_ncx_depth_and_play_order(long_book: Book) -> None:
    ncx = long_book.xml(long_book.ncx_href)
    depth = ncx.find(f"{NCX}head/{NCX}meta[@name='dtb:depth']")
    assert depth is not None and depth.get("content") == "4"
    orders = [int(p.get("playOrder", "0")) for p in ncx.iter(f"{NCX}navPoint")]
    assert orders == list(range(1, len(orders) + 1))


def test_document_without_headings_gets_one_entry(plain_doc: Document) -> None:
    book = Book(epub_of(plain_doc))
    for entries in (book.nav(), book.ncx()):
        assert [(e.depth, e.title) for e in entries] == [(1, "在座谈会上的发言")]
        assert entries[0].href.partition("#")[0] in book.spine
    nav = book.xml(book.nav_href)
    assert all(len(ol) for ol in nav.iter(f"{X}ol")), "an empty list in the nav"
    # A one-entry TOC page would be noise: the nav stays out of the reading order.
    assert book.nav_href not in book.spine


# -- CSS from the style sheet ---------------------------------------------------------------


def test_css_compresses_punctuation_as_the_sheet_says(seed_doc: Document, tmp_path) -> None:
    book = Book(epub_of(seed_doc))
    assert css_rule(book.css(), "html")["text-spacing-trim"] == "normal"
    sheet = tmp_path / "full.toml"
    sheet.write_text('extends = "gongwen"\npunctuation = "full"\n', encoding="utf-8")
    full = Book(epub_of(seed_doc, style=str(sheet)))
    assert css_rule(full.css(), "html")["text-spacing-trim"] == "space-all"


def test_css_gongwen(seed_book: Book) -> None:
    css = seed_book.css()
    body = css_rule(css, "body")
    assert body["line-break"] == "strict"
    stack = families(body["font-family"])
    assert stack[1:5] == ["仿宋_GB2312", "仿宋", "FangSong", "STFangsong"]
    assert stack[-1] == "serif"
    p = css_rule(css, "p")
    assert (p["text-indent"], p["text-align"]) == ("2em", "justify")
    assert "黑体" in families(css_rule(css, ".h1")["font-family"])
    assert "楷体" in families(css_rule(css, ".h2")["font-family"])
    assert css_rule(css, ".lead")["font-weight"] == "bold"
    title = css_rule(css, ".title")
    assert (title["font-size"], title["text-align"]) == ("1.375em", "center")  # 二号 / 三号
    assert "url(" not in css  # nothing embedded by default
    assert not [n for n in seed_book.zip.namelist() if n.endswith((".woff2", ".ttf"))]


@pytest.mark.parametrize("sheet", ["gongwen", "plain"])
def test_css_follows_every_role(sheet: str, long_doc: Document) -> None:
    style = load(sheet)
    css = Book(epub_of(long_doc, style=sheet)).css()
    body = style.role("body")
    for name in ("title", "subtitle", "h1", "h2", "h3", "h4", "signature", "date", "note"):
        role = style.role(name)
        rule = css_rule(css, f".{name}")
        assert float(rule["font-size"].removesuffix("em")) == pytest.approx(
            role.size / body.size, abs=1e-3
        ), name
        assert rule["font-weight"] == ("bold" if role.bold else "normal"), name
        assert rule["text-align"] == role.align, name
        stack = families(rule["font-family"])
        assert stack[1 : 1 + len(role.fonts)] == list(role.fonts), name
        assert stack[0] == f"{role.latin} (Latin)", name
    # Latin letters take the Latin family; CJK punctuation stays out of its range.
    faces = [d for s, d in css_rules(css) if s == "@font-face"]
    latin = next(d for d in faces if d["font-family"] == f'"{body.latin} (Latin)"')
    assert latin["src"] == f'local("{body.latin}")'
    assert latin["unicode-range"] == "U+0-B6, U+B8-24F"


def test_plain_style_headings_are_bold_and_sized(long_doc: Document) -> None:
    css = Book(epub_of(long_doc, style="plain")).css()
    h1 = css_rule(css, ".h1")
    assert (h1["font-size"], h1["font-weight"]) == ("1.5em", "bold")  # 小二 over 小四
    assert css_rule(css, ".h3")["font-size"] == "1.167em"  # 四号 over 小四
