"""Structure: cleaned lines → the document model.

Paragraphs are split out of flattened lines; then, in reading order, the title (the
document's own title line beats what the site calls it), a salutation, headings (by
numbering, in sequence), run-in headings and leads, and the closing roles (closing words,
signature, date) are recognised. Text is never changed here beyond splitting paragraphs and
removing repeats of the title; repairs are a later, optional stage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..clean import Cleaned
from ..model import (
    Block,
    Document,
    Heading,
    Item,
    LabelKind,
    Meta,
    Note,
    Paragraph,
    Removed,
    Role,
    Table,
)
from ..zh import labels
from ..zh.labels import CN_HUNDREDS, CN_ONE_TO_TEN, CN_ZERO_TO_NINE
from ..zh.marks import (
    BULLETS,
    CLOSE_QUOTES,
    COLON,
    COMMA,
    LIST_COMMA,
    SEMICOLON,
    SENTENCE_END,
    char_class,
    trailing_mark,
)
from ..zh.words import alternation
from . import choose, inline
from .choose import Candidate
from .headings import Outline, shape
from .leads import find_lead
from .paragraphs import split_flattened
from .titles import (
    clean_file_title,
    glued_title,
    is_title_like,
    same_title,
    strip_site_number,
    strip_title_stop,
)

_SALUTATION = re.compile(r"^[^。！？!?，,；;]{1,40}[:：]$")
_SALUTATION_HEAD = re.compile(
    rf"^((?:{alternation('greetings')}|{alternation('line_greetings')})[^。！？!?；;:：]{{0,40}}[:：])\s*(\S.*)$"
)
_CLOSING = re.compile(rf"^{alternation('closings')}[!！。.]?$")
_DATE = re.compile(
    rf"^[（(]?(?:\d{{4}}|[{CN_ZERO_TO_NINE}]{{4}})\s*年\s*[\d{CN_ONE_TO_TEN}]{{1,3}}\s*月"
    rf"\s*[\d{CN_ONE_TO_TEN}]{{1,3}}\s*日[）)]?$"
)
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]")
_NOTE = re.compile(r"^(?:注|备注|附注)\s*\d*\s*[:：]")
_FINAL = re.compile(char_class(SENTENCE_END, "…", CLOSE_QUOTES, "）)》.") + "$")
_SUBTITLE = re.compile(r"^(?:——|--|—).{2,60}$|^[（(][^（）()]{2,40}[）)]$")
_TOC = re.compile(r"^目\s*录$")
# A contents entry: its words, a dot leader, perhaps the page number (1.1引言………3).
# An ellipsis only leads when a page number follows: "……" alone ends a cut paragraph.
_TOC_ENTRY = re.compile(r"(?:(?:\.{4,}|·{4,}|．{4,})\s*\d{0,4}|(?:…{2,}|。{4,})\s*\d{1,4})\s*$")
# 第一章总则第一条为了…: a chapter heading glued to its first article.
_CHAPTER_ARTICLE = re.compile(
    rf"^(第[{CN_HUNDREDS}\d]{{1,4}}章\s*[^。，,；;：:第]{{1,20}}?)\s*(第[{CN_HUNDREDS}\d]{{1,5}}条.+)$"
)
#: Table blocks from the reader's table rows (every writer sets them). Off, the rows are
#: paragraphs of their cells, as before tables were read.
TABLES = True
_HINT_RANK = {
    f"h{i}": float(i - 10) for i in range(1, 7)
}  # heading elements sit above numbered kinds


@dataclass(slots=True)
class _Para:
    text: str
    hint: str
    line: int


def build(cleaned: Cleaned) -> Document:
    return build_detailed(cleaned)[0]


def build_detailed(cleaned: Cleaned) -> tuple[Document, tuple[Candidate, ...]]:
    """The document, and the title candidates with the evidence that ranked them (best
    first): what `docconv inspect` shows to explain the title."""
    paras = _paragraphs(cleaned)
    removed = list(cleaned.removed)
    fields = cleaned.fields
    profile = cleaned.profile
    noise = profile.title_noise if profile else ()
    source = cleaned.source
    page_titles = source.titles if source else ()  # <h1>s, a reader's document info
    site_titles = [
        clean_file_title(t, noise)
        for t in (fields.get("source_title", ""), *cleaned.titles, *page_titles)
    ]
    site_titles = [t for t in dict.fromkeys(site_titles) if t]

    title, candidates = _take_title(paras, site_titles, cleaned, removed)
    subtitle = ""
    if title and paras and _SUBTITLE.match(paras[0].text):
        subtitle = paras.pop(0).text
    _drop_title_repeats(paras, [title, *site_titles], removed)
    # The site's or the <title>'s name only when nothing was even a candidate (too short to
    # judge): when every candidate scored as chrome, a site name as the title is worse than none.
    if not title and not candidates:
        title = (
            site_titles[0]
            if site_titles
            else clean_file_title(source.page_title, noise)
            if source
            else ""
        )
    title = strip_site_number(title)

    blocks = _blocks(paras)
    cut = cleaned.cut
    # A site's "cut here" mark ends the last paragraph; a final "……" can be the author's own,
    # so it takes three or more.
    last = blocks[-1] if blocks else None
    if isinstance(last, Paragraph):
        start = trailing_mark(last.text, ellipses=3, ellipsis_space=False)
        if start < len(last.text):
            removed.append(Removed(last.text[start:].strip(), "structure:truncation-mark", None))
            blocks[-1] = Paragraph(
                last.text[:start], last.role, last.lead if len(last.lead) <= start else ""
            )
            cut = True
    # The page's own structure (its page shells) counts before a marker in its text: a
    # "1 /3" may belong to a reader widget or a related document.
    pages = (
        _int(fields.get("pages", "")) or (source.pages if source else None) or cleaned.pages_total
    )
    shown = (source.pages_shown if source else None) or cleaned.pages_shown
    meta = Meta(
        title=title,
        subtitle=subtitle,
        source_title=fields.get("source_title", "")
        or (cleaned.titles[0] if cleaned.titles else "")
        or (source.page_title if source else ""),
        site="" if not profile or profile.name == "generic" else profile.name,
        url=web_address(source.url) if source else "",
        doc_id=fields.get("doc_id", ""),
        pages=pages,
        pages_shown=shown,
        format=(fields.get("format", "") or (source.doc_format if source else "")).upper(),
        size=fields.get("size", "").replace(" ", ""),
        date=_iso_date(fields.get("date", "")),
        author=fields.get("author", ""),
        keywords=choose.document_keywords(cleaned.keywords, title),
        truncated=cut or bool(pages and shown and shown < pages) or _unfinished(blocks),
        removed=tuple(removed),
    )
    return Document(meta=meta, blocks=tuple(blocks)), tuple(candidates)


def _paragraphs(cleaned: Cleaned) -> list[_Para]:
    out: list[_Para] = []
    for line in cleaned.lines:
        if line.hint in ("tr", "th"):  # a table row, made a Table with its neighbours
            out.append(_Para(line.text, line.hint, line.number))
            continue
        if line.hint in _HINT_RANK or line.hint in ("pre", "p", "li"):
            out.append(_Para(line.text.strip(), line.hint, line.number))
            continue
        if len(out) < 3 and choose.shape_ok(line.text.strip()):
            # A title line keeps its spaces: "交流研讨:推进… 打造硬核战斗堡垒".
            out.append(_Para(line.text.strip(), line.hint, line.number))
            continue
        out.extend(_Para(p, line.hint, line.number) for p in split_flattened(line.text))
    return out


def _drop_site_names(
    paras: list[_Para], candidates: list[Candidate], removed: list[Removed]
) -> int:
    """Lines at the top that the title scoring found to be the site's furniture (文档分享网,
    某某文库: site words, a negative score) go, whatever the title turns out to be. Returns
    how many went (the candidates' paragraph indexes count them)."""
    furniture = {
        choose.key(
            c.text
        ): f"a line at the top, title score {c.score:+.1f}: {'; '.join(c.evidence)}"
        for c in candidates
        if c.score <= 0 and any("site words" in e for e in c.evidence)
    }
    gone = 0
    while paras and paras[0].hint not in ("tr", "th") and choose.key(paras[0].text) in furniture:
        p = paras.pop(0)
        why = furniture[choose.key(p.text)]
        removed.append(Removed(p.text, "structure:site-furniture", p.line, detail=why))
        gone += 1
    return gone


def _take_title(
    paras: list[_Para], site_titles: list[str], cleaned: Cleaned, removed: list[Removed]
) -> tuple[str, list[Candidate]]:
    """The title chosen among the page's candidates; when it is the document's own line,
    that line is taken off `paras`, with the lines above it that scored as chrome (a menu
    entry, a button, a counter cleaning missed): the document starts with its title."""
    texts = []
    for p in paras[:4]:
        if p.hint in ("tr", "th"):
            break  # a table row is no title
        texts.append(p.text)
    glued: tuple[str, str] | None = None
    if texts and not is_title_like(paras[0].text, paras[0].hint):
        # A title glued to what follows it: a known site title, a first heading, a greeting.
        glued = glued_title(paras[0].text, site_titles)
        if glued:
            texts[0] = _own_part(glued[0], site_titles)
    source = cleaned.source
    profile = cleaned.profile
    candidates = choose.choose(
        texts,
        site_titles=site_titles,
        page_title=source.page_title if source else "",
        h1=[p.text for p in paras if p.hint == "h1"],
        page_lines=[line.text for line in source.lines] if source else (),
        removed={r.text: r.rule for r in cleaned.removed},
        noise=profile.title_noise if profile else (),
        site_name=profile.label if profile and profile.name != "generic" else "",
    )
    dropped = _drop_site_names(paras, candidates, removed)
    if not candidates or candidates[0].score <= 0:
        return "", candidates  # nothing but chrome: no title is better than a wrong one
    best = candidates[0]
    if best.source == "first-line":
        i, n = best.index - dropped, best.joined
        if i == 0 and glued:
            paras[0] = _Para(glued[1], paras[0].hint, paras[0].line)
        else:
            # The site's wording of the same title (医院团支部2024年工作计划 above 2024年医院团
            # 支部工作计划: the same characters) goes as well.
            variant = sorted(choose.key(best.text))
            plausible = {choose.key(c.text) for c in candidates if c.score > 0}
            above = paras[:i]
            kept = []
            for p in above:
                if sorted(choose.key(p.text)) == variant:
                    why = f"the title's characters in another order: {best.text}"
                    removed.append(Removed(p.text, "structure:title-variant", p.line, detail=why))
                elif choose.key(p.text) not in plausible:
                    removed.append(Removed(p.text, "structure:above-title", p.line))
                else:
                    kept.append(p)
            paras[: i + n] = kept
    return best.text, candidates


def _own_part(head: str, site_titles: list[str]) -> str:
    """A glued head that is the site's title and then the document's own (县长在…上讲话县长在…
    上的讲话): the document's own; the site's title when the rest only repeats part of it."""
    for t in site_titles:
        rest = head[len(t) :].strip()
        if len(t) >= 4 and head.startswith(t) and rest:
            return t if choose.key(rest) in choose.key(t) else rest
    halves = choose.undouble(head)
    return halves[1] if halves else head


def _drop_title_repeats(paras: list[_Para], titles: list[str], removed: list[Removed]) -> None:
    """Sites repeat the title (file name, name without extension, title line…), sometimes
    glued to the first sentence: take the repeats off the front."""
    titles = [t for t in titles if len(t) >= 4]
    while paras and paras[0].hint not in ("tr", "th"):
        first = paras[0]
        # The title again, as is or with the site's SEO words (某某演讲稿(范本十篇)。).
        bare = choose.clean(first.text.rstrip("。."))
        match = next((t for t in titles if same_title(first.text, t) or same_title(bare, t)), None)
        if match:
            paras.pop(0)
            removed.append(Removed(first.text, "structure:repeated-title", first.line))
            continue
        glued = next(
            (
                t
                for t in titles
                if first.text.startswith(t)
                and len(first.text) > len(t)
                and not _PREDICATE.match(first.text, len(t))
            ),
            None,
        )
        if glued:
            rest = first.text[len(glued) :]
            kept = strip_title_stop(rest)
            gone = glued + rest[: len(rest) - len(kept)]
            removed.append(Removed(gone, "structure:repeated-title", first.line))
            paras[0] = _Para(kept, first.hint, first.line)
            continue
        break


def _blocks(paras: list[_Para]) -> list[Block]:
    blocks: list[Block] = []
    outline = Outline()
    toc_end = -1
    rows: list[_Para] = []
    paras = _split_options(split_at_labels(paras))
    plain = _plain_headings(paras)
    options = _option_rows(paras)
    for i, para in enumerate(paras):
        text = para.text
        if i in options or _list_entry(para):
            blocks.append(Item(text, labels.item_label(text)))
            continue
        if i + 1 in options and para.hint not in _HINT_RANK:
            blocks.append(Paragraph(text))  # the question its options answer, not a heading
            continue
        if para.hint in ("tr", "th") and not TABLES:
            blocks.append(Paragraph(" ".join(c for c in text.split("\t") if c)))
            continue
        if para.hint in ("tr", "th"):
            rows.append(para)
            if i + 1 == len(paras) or paras[i + 1].hint not in ("tr", "th"):
                blocks.append(_table(rows))
                rows = []
            continue
        if i <= toc_end or _TOC_ENTRY.search(text):
            blocks.append(Paragraph(text))  # a table of contents entry, not a heading
            continue
        if _TOC.match(text):
            toc_end = _toc_end(paras, i)
            blocks.append(Heading(outline.accept_standard(), text))
            continue
        if _standard_heading(text):
            blocks.append(Heading(outline.accept_standard(), text))
            continue
        if not blocks and i < 3 and labels.match(text) is None:
            if _SALUTATION.match(text):
                blocks.append(Paragraph(text, "salutation"))
                continue
            if m := _SALUTATION_HEAD.match(text):
                blocks.append(Paragraph(m.group(1), "salutation"))
                text = m.group(2)
        if m := _CHAPTER_ARTICLE.match(text):
            chapter = labels.match(m.group(1))
            level = outline.accept(chapter) if chapter else None
            if chapter and level:
                blocks.append(Heading(level, m.group(1), chapter.text, "chapter"))
                text = m.group(2)
        if i in plain:
            blocks.append(Heading(outline.accept_unnumbered("plain", _PLAIN_RANK), text))
            continue
        heading = _heading(text, para.hint, outline)
        if heading:
            blocks.extend(heading)
            continue
        if _NOTE.match(text):
            blocks.append(Note(text))
            continue
        role: Role = "attachment" if _ATTACHMENT.match(text) else "body"
        blocks.append(Paragraph(text, role, find_lead(text) if role == "body" else ""))
    return _closing_roles(_contents_runs(blocks))


# Headings of one numbering kind in a row with no text between them are a list of contents
# (第1章…, 第2章…, 第3章…, 第4章…): a document's sections hold text.
CONTENTS_RUN = 4


def _contents_runs(blocks: list[Block]) -> list[Block]:
    out = list(blocks)
    i = 0
    while i < len(out):
        first = out[i]
        j = i
        if isinstance(first, Heading) and first.kind != "none":
            number = _number(first)
            while (
                j < len(out)
                and isinstance(h := out[j], Heading)
                and h.kind == first.kind
                and not h.runin
                and _number(h) == number + j - i  # 第1章, 第2章…; 第一章 again starts the text
            ):
                j += 1
        if j - i >= CONTENTS_RUN:
            out[i:j] = [Paragraph(b.text) for b in out[i:j]]
        i = max(j, i + 1)
    return out


def _number(heading: Heading) -> int:
    label = labels.match(heading.text)
    return label.number if label is not None else 0


# Headings without a number or a heading element: short lines with no punctuation, each
# followed by a numbered heading or a paragraph of running text, two or more in a document
# (one such line alone is as likely a caption, a name or a stray menu entry).
_PLAIN_MIN, _PLAIN_MAX = 2, 20
_PLAIN_MIN_COUNT = 2
_RUNNING_MIN = 15  # characters of the paragraph after such a heading
_PLAIN_PUNCT = re.compile(
    char_class(SENTENCE_END, COMMA, SEMICOLON, COLON, LIST_COMMA, "…“”\"'（）()《》·.—-|/")
)
_RUNNING_TEXT = re.compile(char_class(SENTENCE_END) + "|" + char_class(COLON) + "$")
_PLAIN_RANK = -7.0  # as an <h3>: above numbered kinds, below a page's own <h1>, <h2>


def _plain_headings(paras: list[_Para]) -> set[int]:
    found: set[int] = set()
    opens: set[int] = set()  # those followed by the first of a numbered sequence of sections
    for i, para in enumerate(paras[:-1]):
        text = para.text.strip()
        # a question may stand as a heading: 会议记录的格式是怎么样的？
        bare = text[:-1] if text[-1:] in ("?", "？") else text
        if para.hint or not _PLAIN_MIN <= len(text) <= _PLAIN_MAX or _PLAIN_PUNCT.search(bare):
            continue
        if text[0].isdigit():
            continue  # 4简答题: a number without its separator, not a heading of its own
        if labels.match(text) is not None or _standard_heading(text):
            continue
        after = paras[i + 1]
        first = labels.match(after.text)
        numbered = first is not None and first.number == 1 and not after.hint
        # Between two paragraphs of running text: a section break, not leftover chrome
        # at the top (正文复制, 文章插图) or a line of a list.
        before = paras[i - 1].text.rstrip() if i else ""
        # so not the title itself: after a sentence, or after a list's last entry
        after_text = (before != "" and before[-1] in SENTENCE_END + COLON) or (
            i > 0 and (paras[i - 1].hint == "li" or before[:1] in BULLETS)
        )
        running = (
            len(after.text) >= max(_RUNNING_MIN, 2 * len(text))
            and _RUNNING_TEXT.search(after.text)
            and after_text
        )
        if numbered or running:
            found.add(i)
        if numbered and first is not None and first.kind in _HEADING_KINDS and after_text:
            opens.add(i)
    # Alone, such a line is a heading only when it opens a numbered sequence of sections
    # (倡议书格式 then （一）标题, （二）称呼…).
    return found if len(found) >= _PLAIN_MIN_COUNT else opens


# A question and its options on one line: the options start after the question's end
# (its blank's bracket, a question mark, a full stop or a colon).
_GLUED_OPTIONS = re.compile(r"(?<=[）)？?。：:])\s*(?=[（(]?[AＡ]\s?[.．、）)])")
# What a page's list entry is when it is a heading all the same (一、总体要求 in an <li>).
_HEADING_KINDS = ("part", "chapter", "section", "cn", "cn-paren")


def _split_options(paras: list[_Para]) -> list[_Para]:
    """A question with its options glued on ("…是（ ）A.北京 B.上海") as two paragraphs, the
    options a row of their own, when the options run A, B… in order."""
    out: list[_Para] = []
    for para in paras:
        m = _GLUED_OPTIONS.search(para.text) if para.hint not in _HINT_RANK else None
        rest = para.text[m.end() :] if m else ""
        letters = labels.option_letters(rest)
        if m and len(letters) >= 2 and _in_order(letters):
            out.append(_Para(para.text[: m.start()].rstrip(), para.hint, para.line))
            out.append(_Para(rest, para.hint, para.line))
        else:
            out.append(para)
    return out


def _in_order(letters: list[int], start: int = 0) -> bool:
    return letters == list(range(start, start + len(letters)))


def _option_rows(paras: list[_Para]) -> set[int]:
    """The paragraphs that are a question's options: rows starting at A whose letters run
    on (A, B, C, D over one to four rows), two options at least."""
    found: set[int] = set()
    i = 0
    while i < len(paras):
        letters = labels.option_letters(paras[i].text)
        if not letters or letters[0] != 0 or not _in_order(letters):
            i += 1
            continue
        run, seen = [i], len(letters)
        while i + len(run) < len(paras):
            more = labels.option_letters(paras[i + len(run)].text)
            if not more or not _in_order(more, seen):
                break
            run.append(i + len(run))
            seen += len(more)
        if seen >= 2:
            found.update(run)
        i += len(run)
    return found


def _list_entry(para: _Para) -> bool:
    """An <li> of the page that is not a heading by its numbering."""
    if para.hint != "li":
        return False
    label = labels.match(para.text)
    return label is None or label.kind not in _HEADING_KINDS


def _table(rows: list[_Para]) -> Table:
    """Table rows as a Table: short rows padded with empty cells, the header rows those at
    the top that the page marked as such."""
    cells = [tuple(c.strip() for c in r.text.split("\t")) for r in rows]
    width = max(len(c) for c in cells)
    grid = tuple(c + ("",) * (width - len(c)) for c in cells)
    header = next((i for i, r in enumerate(rows) if r.hint != "th"), len(rows))
    return Table(grid, header)


_STANDARD = re.compile(rf"^{alternation('standard_headings')}$")
# The title's words as the subject of the first sentence (工作计划是…), not a repeat glued on.
_PREDICATE = re.compile(alternation("predicate_starts"))


def _standard_heading(text: str) -> bool:
    """摘要, 前言, 参考文献…: the whole paragraph, letter-spaced or not, in either width, a
    colon after it or not (背景技术：)."""
    word = re.sub(r"[\s\u3000【】\[\]]", "", text).rstrip("：:")
    return len(text) <= 12 and bool(_STANDARD.match(word))


def split_at_labels(paras: list[_Para]) -> list[_Para]:
    """Paragraphs cut before the headings glued into them (inline.py)."""
    seen: dict[str, int] = {}
    out: list[_Para] = []
    for para in paras:
        if para.hint in _HINT_RANK or para.hint in ("pre", "li"):
            out.append(para)
            continue
        out.extend(_Para(t, para.hint, para.line) for t in inline.split(para.text, seen))
    return out


def _toc_end(paras: list[_Para], start: int) -> int:
    """The last index of a table of contents starting at `start` (the 目录 line): the entries
    run until the first entry's words come round again as the real heading."""
    if start + 1 >= len(paras):
        return start
    first = _words(paras[start + 1].text)
    for j in range(start + 2, min(len(paras), start + 200)):
        if _words(paras[j].text) == first:
            return j - 1
    return start  # entries with a dot leader are known by it (_TOC_ENTRY) wherever they stand


def _words(text: str) -> str:
    return re.sub(r"[\s.．…·\d]+$", "", re.sub(r"\s+", "", text))


def _heading(text: str, hint: str, outline: Outline) -> list[Block] | None:
    label = labels.match(text)
    if label is None:
        if hint in _HINT_RANK:
            return [Heading(outline.accept_unnumbered(hint, _HINT_RANK[hint]), text)]
        return None
    if label.kind == "article":
        return None  # 第一条… is an article: a paragraph whose label is its lead
    form = shape(text, label)
    if form.kind == "text" and hint not in _HINT_RANK:
        return None
    level = outline.accept(label)
    if level is None:
        return None
    kind: LabelKind = label.kind  # "article" returned above
    if form.kind in ("heading", "text"):  # text: a heading element's own
        return [Heading(level, text, label.text, kind)]
    head, rest = text[: form.split], text[form.split :].lstrip()
    if form.kind == "runin":
        return [Heading(level, head, label.text, kind, runin=True), Paragraph(rest, "body")]
    # glued: a heading that stood on a line of its own, flattened into its text
    return [Heading(level, head, label.text, kind), Paragraph(rest, "body", find_lead(rest))]


def _closing_roles(blocks: list[Block]) -> list[Block]:
    """Closing words, signature and date at the end of the document."""
    tail = len(blocks) - 1
    for i in range(len(blocks) - 1, max(-1, len(blocks) - 5), -1):
        b = blocks[i]
        if not isinstance(b, Paragraph) or b.role != "body":
            break
        role: Role | None = None
        if _DATE.match(b.text):
            role = "date"
        elif _CLOSING.match(b.text):
            role = "closing"
        elif (
            i < tail
            and len(b.text) <= 25
            and not re.search(r"[。，,；;！!？?:：]", b.text)
            and isinstance(blocks[i + 1], Paragraph)
            and blocks[i + 1].role in ("date", "signature")  # type: ignore[union-attr]
        ):
            role = "signature"
        if role is None:
            break
        blocks[i] = Paragraph(b.text, role)
    return blocks


def _unfinished(blocks: list[Block]) -> bool:
    """The last paragraph stops without final punctuation (a closing role never does)."""
    if not blocks:
        return False
    last = blocks[-1]
    if isinstance(last, Paragraph) and last.role in ("date", "signature", "closing"):
        return False
    return not _FINAL.search(last.text)


_WEB_ADDRESS = re.compile(r"^(?:https?:)?//[^\s<>\"'`\\]+$", re.IGNORECASE)


def web_address(url: str) -> str:
    """`url` when it is an http(s) (or scheme-relative) address, else "": a page's canonical
    link or og:url can say javascript:… or data:…, and the address reaches every output."""
    url = url.strip()
    return url if _WEB_ADDRESS.match(url) else ""


def _int(text: str) -> int | None:
    m = re.search(r"\d+", text)
    return int(m.group(0)) if m else None


def _iso_date(text: str) -> str:
    m = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", text)
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def assign_roles(blocks: Sequence[Block]) -> list[Block]:
    """The roles structure gives body paragraphs by their words, for readers that build the
    blocks themselves (Markdown): a salutation first, attachments, and the closing words,
    signature and date at the end."""
    out = list(blocks)
    for i, b in enumerate(out):
        if not isinstance(b, Paragraph) or b.role != "body":
            continue
        if i == 0 and _SALUTATION.match(b.text):
            out[i] = Paragraph(b.text, "salutation")
        elif _ATTACHMENT.match(b.text):
            out[i] = Paragraph(b.text, "attachment")
    return _closing_roles(out)
