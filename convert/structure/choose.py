"""Choosing the document's title among candidates, by evidence.

A page names its document several times: the document's own first line, the site's <title>
(with the site's name after it), an <h1>, the end of a breadcrumb, the file name (某某.docx,
《某某.docx》, 某某.docx_第1页). Each name is cleaned of what sites add (extension, SEO words,
page counters) and scored on evidence that generalises across sites: its shape (a short line
with no sentence punctuation, no numbering label, mostly Chinese), how often the page repeats
it, where it stands, whether it ends in a document-type word (讲话, 方案, 制度…), and whether it
holds site vocabulary (下载, 首页, 文库…). The weights are data (titles.toml); every candidate
keeps the evidence that scored it, so `docconv inspect` can say why a title won.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..clean.damage import repair_line
from ..clean.noise import jammer_spans
from ..zh import labels
from ..zh.chars import HAN_BASIC, HAN_RE
from ..zh.files import EXTENSION, EXTENSIONS
from ..zh.labels import CN_ONE_TO_TEN
from ..zh.marks import COLON, COMMA, LIST_COMMA, SEMICOLON, SENTENCE_END, char_class
from ..zh.names import names_row
from ..zh.words import alternation, words

TITLE_MIN = 4  # characters, spaces aside
TITLE_MAX = 40
HEAD_LINES = 150  # page lines searched for repeats of a candidate, from the top…
TAIL_LINES = 40  # …and from the bottom ("本文标题：…" under the text)
LINE_MAX = 300  # characters of a page line searched (summaries repeat the title too)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One name the page gives its document, as a title, with the evidence for it."""

    text: str
    source: str  # first-line, site, page-title, h1, breadcrumb, file-name, page-line
    score: float
    evidence: tuple[str, ...]  # "+3.0 the document's first line", "-4.0 site words: 下载"
    index: int = -1  # for first-line candidates: which paragraph (or -1)
    joined: int = 1  # paragraphs the title was joined from


@cache
def _weights() -> dict[str, float]:
    with Path(__file__).with_name("titles.toml").open("rb") as f:
        return {k: float(v) for k, v in tomllib.load(f)["weights"].items()}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    seo = re.compile(rf"(?:[\s_\-—:：]*(?:{alternation('title_seo_suffixes')}))+$", re.IGNORECASE)
    prefix = re.compile(rf"^(?:{alternation('title_seo_prefixes')})\s*")
    chrome = re.compile(alternation("site_words"), re.IGNORECASE)
    genre = re.compile(rf"(?:{alternation('document_kinds')})$")
    return seo, prefix, chrome, genre


_SPACES = re.compile(r"\s+")
_BRACKETED = re.compile(r"[（(][^（）()]*(?:[）)]|$)$")  # in brackets, or opened and never closed
_SUBTITLE = re.compile(r"^(?:——|--|—)")
_STOP = re.compile(char_class(SENTENCE_END))
_SENTENCE = re.compile(
    char_class(SENTENCE_END, SEMICOLON) + "|" + char_class(COMMA, LIST_COMMA, COLON) + "$"
)
_PAGE_SUFFIX = re.compile(r"_第\s*\d+\s*页$|[_\s]*\d+\s*/\s*\d+$")
_BOOK_QUOTES = re.compile(r"^《(.+?)》$")
_TRAILING = re.compile(r"[\s.…·_\-—|]+$")
_LEADING = re.compile(r"^[\s.…·_\-—|•]+")
_SITE_NUMBER = re.compile(rf"(?<=[{HAN_BASIC}])\d{{6,}}$")
_BREADCRUMB = re.compile(r"\s*(?:›|»|>>?|＞|→|/)\s*")
_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]")
_COUNTER = re.compile(r"第\d+页|共\d+页|^\d+/\d+|\d+/\d+页")  # 第1页/共43页, 1/4
_STANDARD = re.compile(rf"^{alternation('standard_headings')}$")
_SEPARATOR = re.compile(r"[,，\s]")
# A form's field, not a name: 组长:**, 电话：0571-…, 时间:2020 (no Han after the colon).
_FIELD = re.compile(rf"^[{HAN_BASIC}]{{1,6}}\s*[:：]\s*[^{HAN_BASIC}]{{0,16}}$")
_CLOCK = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}:\d{2}")
_URL = re.compile(r"https?:|www\.|\.(?:com|net|cn|org)\b", re.IGNORECASE)
_FILE_NAME = re.compile(
    rf"([^《》（）()【】\s:：]{{2,60}}?\.(?:{EXTENSIONS}))(?![A-Za-z])", re.IGNORECASE
)
# A stock intro naming the document: 下面是小编为大家整理的某某方案(全文)，供大家参考。
_INTRO = re.compile(
    r"(?:整理|收集|精选|分享|带来|推荐)(?:了|的)+(?:一篇|几篇|多篇|\d+篇)?(?:关于)?"
    r"([^,，。!！?？]{4,40}?)(?:[(（【][^)）】]{0,10}[)）】])?[,，。]\s*(?:供|希望|欢迎|仅供|请)"
)
_PARTS = re.compile(r"[\s□]+")  # □: a line break the text layer lost


def key(text: str) -> str:
    """What two spellings of one title share: NFKC, no spaces, no case."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).lower()


def clean(text: str, noise: Iterable[str] = ()) -> str:
    """A name as a title: no extension, page counter, SEO words or site number."""
    seo, prefix, _, _ = _patterns()
    title = _LEADING.sub("", text.strip())
    for _ in range(3):  # 某某.doc_第1页, 某某范文(3篇).docx: suffixes stack
        before = title
        title = _PAGE_SUFFIX.sub("", title).strip()
        if m := _BOOK_QUOTES.match(title):
            title = m.group(1)
        title = EXTENSION.sub("", title).strip()
        title = seo.sub("", title).strip()
        title = _SITE_NUMBER.sub("", title)
        for word in sorted(noise, key=len, reverse=True):
            if title.endswith(word) and len(title) > len(word) + 2:
                title = title[: -len(word)]
        title = _TRAILING.sub("", title)
        if m := _kind_number().search(title):
            title = title[: m.start(1)]  # 演讲稿1, 协议书一: the site's number of a piece
        if title == before:
            break
    title = prefix.sub("", title)
    return title.strip(" _-")


@cache
def _kind_number() -> re.Pattern[str]:
    return re.compile(
        rf"(?:{alternation('document_kinds')})(\s?[(（]?(?:[{CN_ONE_TO_TEN}]|\d{{1,2}})[)）]?)$"
    )


_SITE_PREFIX = re.compile(r"^有关(?=\S{4})")  # 有关某某方案汇总十篇: a site's SEO title


def shape_ok(text: str, shortest: int = TITLE_MIN) -> bool:
    """Could this be a title at all: short, no sentence, no numbering label, not a number,
    a counter or a date, some Chinese or a few words."""
    k = key(text)
    if not (shortest <= len(k) <= TITLE_MAX):
        return False
    if _SENTENCE.search(text) or labels.match(text) or _URL.search(text) or _COUNTER.search(k):
        return False
    if names_row(text.split()) or _BRACKETED.match(text.strip()):
        return False  # the authors' byline, their affiliation (…大学…，上海 200437)
    for m in _SEPARATOR.finditer(text):  # 某某,一、某某,1.某某: slide texts run together
        if labels.match_at(text, m.end()):
            return False
    han = len(HAN_RE.findall(k))
    if han < min(shortest, 4) and not re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}", text):
        return False
    return sum(ch.isdigit() for ch in k) <= len(k) / 2


@dataclass(slots=True)
class _Draft:
    text: str
    source: str
    index: int = -1
    joined: int = 1
    removed_as: str = ""
    part: bool = False  # the cleaning rule that removed the line, if one did


def choose(
    paragraphs: Sequence[str],
    *,
    site_titles: Sequence[str] = (),
    page_title: str = "",
    h1: Sequence[str] = (),
    page_lines: Sequence[str] = (),
    removed: dict[str, str] | None = None,
    noise: Iterable[str] = (),
    site_name: str = "",
) -> list[Candidate]:
    """Every title candidate, best first. `paragraphs` are the first document paragraphs;
    `page_lines` the page as read (chrome included: a title recurs in it);
    `removed` maps a removed line's text to the cleaning rule that removed it."""
    noise = tuple(noise)
    removed = removed or {}
    drafts = _drafts(paragraphs, site_titles, page_title, h1, page_lines, removed)
    own = {key(p) for p in paragraphs[:3]}
    haystack = [line for line in _haystack(page_lines) if line not in own]
    cleaned_lines = [key(clean(line, noise)) for line in haystack]
    site_key = key(site_name) if site_name else ""
    merged: dict[str, Candidate] = {}
    for d in drafts:
        text = clean(d.text, noise)
        if d.source != "first-line" or text != d.text.strip():
            text = _SITE_PREFIX.sub("", text)  # a line the site wrote (its SEO words went)
        # The document's own first line may be short (通知, 致辞); elsewhere on the page such
        # a line is a menu entry or a button.
        if not shape_ok(text, 2 if d.source == "first-line" and d.index == 0 else TITLE_MIN):
            continue
        cand = _score(d, text, haystack, cleaned_lines, site_key, paragraphs)
        k = key(text)
        old = merged.get(k)
        if old is None:
            merged[k] = cand
        else:  # the same title named twice: keep the better-placed one, note the other
            best, other = (cand, old) if cand.score > old.score else (old, cand)
            if other.source in ("page-line", best.source) or "also given" in " ".join(
                best.evidence
            ):
                merged[k] = best
                continue
            bonus = _weights()["also_named"]
            merged[k] = Candidate(
                best.text,
                best.source,
                best.score + bonus,
                (*best.evidence, f"{bonus:+.1f} also given as the {other.source}"),
                best.index,
                best.joined,
            )
    return sorted(merged.values(), key=lambda c: -c.score)


def _drafts(
    paragraphs: Sequence[str],
    site_titles: Sequence[str],
    page_title: str,
    h1: Sequence[str],
    page_lines: Sequence[str],
    removed: dict[str, str],
) -> list[_Draft]:
    out: list[_Draft] = []
    for i, p in enumerate(paragraphs[:3]):
        if _SUBTITLE.match(p):
            continue  # ——在某会上的讲话: the subtitle under a title
        short = len(p) <= 2 * TITLE_MAX and not _SENTENCE.search(p)
        if short and (halves := undouble(p)):
            out.append(_Draft(halves[1], "first-line", i))
        out.append(_Draft(p, "first-line", i))
        for part in _parts(p) if short else ():
            out.append(_Draft(part, "first-line", i, part=True))
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
        if _joinable(p, nxt):
            out.append(_Draft(p + nxt, "first-line", i, 2))
        if len(key(p)) > TITLE_MAX or _STOP.search(p):
            break  # the text has begun: later lines are not the title
    out.extend(_Draft(t, "site") for t in site_titles if t)
    if page_title:
        out.append(_Draft(page_title, "page-title"))
        parts = re.split(r"\s*[_|｜–—-]+\s*", page_title)  # 标题_站名, 标题 - 站名
        if len(parts) > 1:
            out.append(_Draft(parts[0], "page-title"))
    out.extend(_Draft(t, "h1") for t in h1 if t)
    for line in page_lines[:HEAD_LINES]:
        raw = line.strip()
        if not raw or len(raw) > LINE_MAX:
            continue
        rule = removed.get(raw, "")
        text = repair_line(raw)  # as cleaning reads it: 導(dǎo)游詞 → 導游詞
        if jammer_spans(text):
            continue  # a forum's anti-scraping noise: its crumbs and the line are no title
        if _BREADCRUMB.search(text) and len(text) < 120:
            tail = _BREADCRUMB.split(text)[-1]
            if tail:
                out.append(_Draft(tail, "breadcrumb", removed_as=rule))
        for m in _FILE_NAME.finditer(text):
            out.append(_Draft(m.group(1), "file-name", removed_as=rule))
        if intro := _INTRO.search(text):
            out.append(_Draft(intro.group(1), "intro"))
        if len(text) <= TITLE_MAX * 2:
            out.append(_Draft(text, "page-line", removed_as=rule))
    return out


def _parts(text: str) -> list[str]:
    """The space-separated parts of a line that names a document twice in other words
    (实用某某方案 某某方案范例优推4篇)."""
    parts = [p for p in _PARTS.split(text.strip()) if len(p) >= TITLE_MIN]
    return parts if len(parts) > 1 else []


def undouble(text: str) -> tuple[str, str] | None:
    """(first, second) when `text` is one title written twice in a row, the site's spelling
    then the document's (县长在…上讲话县长在…上的讲话, 某某方案某某方案)."""
    n = len(text)
    for p in range(TITLE_MIN + 2, n - TITLE_MIN + 1):
        first, second = text[:p], text[p:]
        if first.endswith(second):  # 某某框架中英文对照文献中英文对照文献: the tail again
            return first, first
        if text.startswith(text[: min(6, p)], p) and 0.7 <= (n - p) / p <= 1.4:
            return first, second
    return None


def _joinable(first: str, second: str) -> bool:
    """A title the page broke over two lines: a long first part cut after a character, a
    short rest that is no label, greeting, date or sentence of its own."""
    if not first or not second or not HAN_RE.match(first[-1]) or not HAN_RE.match(second[0]):
        return False
    if len(first) < 10 or len(second) > 14 or len(first) + len(second) > TITLE_MAX:
        return False
    if _STANDARD.match(_SPACES.sub("", second)):
        return False  # 摘 要 under the title is the first heading
    return shape_ok(first + second) and not _DATE.search(second) and labels.match(second) is None


def _haystack(page_lines: Sequence[str]) -> list[str]:
    lines = list(page_lines[:HEAD_LINES])
    if len(page_lines) > HEAD_LINES:
        lines.extend(page_lines[-TAIL_LINES:])
    return [key(line[:LINE_MAX]) for line in lines if line.strip()]


def _score(
    d: _Draft,
    text: str,
    haystack: list[str],
    cleaned_lines: list[str],
    site_key: str,
    paragraphs: Sequence[str],
) -> Candidate:
    w = _weights()
    _, _, chrome, genre = _patterns()
    ev: list[tuple[float, str]] = []
    if d.source == "first-line":
        ev.append((w["first_line"] - d.index * w["first_line_step"], _place(d.index)))
        if d.joined > 1:
            ev.append((w["joined"], "joined from two lines the page broke"))
        nxt = d.index + d.joined
        if nxt < len(paragraphs) and _SUBTITLE.match(paragraphs[nxt]):
            nxt += 1
        after = paragraphs[nxt] if nxt < len(paragraphs) else ""
        if after and _opens_text(after):
            ev.append((w["text_follows"], "the document's text follows it"))
    elif d.source == "intro":
        ev.append((w["intro"], "named by the site's stock intro"))
    else:
        ev.append((w[d.source.replace("-", "_")], f"the page's {d.source}"))
    k = key(text)
    parts = _parts(text)
    if undouble(text) or (
        len(parts) > 1 and any(key(b) in key(a) for a in parts for b in parts if a is not b)
    ):
        ev.append((w["site_words"], "names the document twice"))
    if d.part:
        ev.append((w["part"], "only part of its line"))
    elif len(parts) > 1 and sum(1 for p in parts if genre.search(p)) > 1:
        ev.append((w["two_titles"], "two titles in one line"))
    if _FIELD.match(text):
        ev.append((w["field"], "a form's field (名:值)"))
    if _CLOCK.search(text):
        ev.append((w["site_words"], "holds a date or a time"))
    # A short name counts only where it is most of the line: 行政公文 is in every line.
    short = len(k) < 8
    repeats = sum(
        1 for line in haystack if k in line and (not short or 2 * len(k) >= len(line))
    ) - (d.source != "first-line")
    if short:  # 某某.ppt_第1页 repeats a short title as a whole once cleaned
        repeats = max(repeats, cleaned_lines.count(k) - 1)
    if repeats > 0:
        n = min(repeats, int(w["repeat_cap"]))
        ev.append((n * w["repeat"], f"the page names it again ({repeats} lines)"))
    found = sorted({m.group(0) for m in chrome.finditer(text)})
    if found:
        ev.append((w["site_words"], "site words: " + " ".join(found)))
    if site_key and site_key in k:
        ev.append((w["site_words"], "holds the site's name"))
    if d.removed_as and not d.removed_as.endswith(("title", "site-title", "file-title")):
        guessed = d.removed_as.split(":")[-1].startswith("score-")
        weight = w["removed_by_score" if guessed else "removed_as_chrome"]
        ev.append((weight, f"cleaning removed it ({d.removed_as})"))
    if genre.search(text):
        ev.append((w["document_kind"], "ends in a document kind"))
    if 6 <= len(k) <= 30:
        ev.append((w["good_length"], "a title's length"))
    if text != d.text.strip():
        ev.append((0.0, f"cleaned from {d.text.strip()[:50]!r}"))
    score = sum(v for v, _ in ev)
    return Candidate(
        text, d.source, score, tuple(f"{v:+.1f} {why}" for v, why in ev), d.index, d.joined
    )


def _place(index: int) -> str:
    return "the document's first line" if index == 0 else f"line {index + 1} of the document"


_OPENING = re.compile(
    rf"^(?:{alternation('greetings')}|{alternation('line_greetings')})"
    r"|^[一1][、.．]|^[（(][一1][）)]|^第[一1]"
)


def _opens_text(text: str) -> bool:
    """A greeting, a first label, or a sentence: what stands under a title."""
    return bool(_OPENING.match(text)) or len(text) > TITLE_MAX or bool(_SENTENCE.search(text))


def site_words() -> tuple[str, ...]:
    return words("site_words")


def document_keywords(keywords: Iterable[str], title: str) -> tuple[str, ...]:
    """The page's keywords less the site's SEO words and furniture (范文, 精选, 下载): those
    describe the site, not the document. A word the title itself uses stays, and so does a
    short word in 网 (互联网, 电网, 物联网): a site's name in 网 is four characters or more."""
    seo, _, chrome, _ = _patterns()
    t = key(title)

    def site_word(k: str) -> bool:
        short_net = k.endswith("网") and len(k) < 4 and k not in site_words()
        return bool(chrome.fullmatch(k)) and not short_net

    return tuple(k for k in keywords if key(k) in t or not (seo.fullmatch(k) or site_word(k)))
