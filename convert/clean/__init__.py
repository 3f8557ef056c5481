"""Cleaning: take the site's chrome out of a page, keep what it says about the document, and
say what went.

Passes, in order: extraction damage is undone line by line (damage.py); the page is cut at
the first end marker; every line is kept or removed by a rule (chrome lines and buttons,
notice lists, metadata, page markers, title lines); then inside kept lines, inline chrome and
anti-copy noise are removed; chunked and hard-wrapped text is rejoined and site summaries
that repeat the text are dropped. Every removal is a `Removed` with its rule
("<profile>:<rule>"), so `docconv inspect` can show why something went.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..model import Removed
from ..readers.base import Line, Source
from ..zh import labels
from ..zh.chars import HAN_BMP
from ..zh.marks import SENTENCE_END, char_class
from . import damage, joins, noise, score
from .profiles import Profile, select

_PAIR_SEP = re.compile(r"^[\s•·\-|,，]*$")
_KEYWORD_TOKEN = re.compile(rf"^[\w{HAN_BMP}]{{1,10}}$")
_TYPED = {  # what a metadata value must look like, per field
    "doc_id": re.compile(r"^[\w\-]{2,40}$"),
    "size": re.compile(r"^\d+(?:\.\d+)?\s?[KMGkmg]?[Bb]$"),
    "pages": re.compile(r"^\d{1,5}\s*页?$"),
    "format": re.compile(r"^[A-Za-z]{2,5}$"),
    "date": re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s[\d:]{4,8})?$"),
}
_TITLE_PARTS = re.compile(r"\s*[_|｜—–]\s*|\s+-\s+")  # 某某报告_某某网, 某某 - 某某文库
_HEADING_HINTS = frozenset(f"h{i}" for i in range(1, 7))  # a page's heading is no SEO line
BODY_START = 50  # a kept line this long means the document's text has begun
RELATED_ITEM = 40  # a line of a related-documents list is a title, no longer than this
_SENTENCE_END = re.compile(char_class(SENTENCE_END))
_MD_BOLD = re.compile(r"\*\*([^*\s](?:[^*]{0,78}[^*\s])?)\*\*")  # Markdown's **bold**
_MD_BOLD_NUMBERED = 2
# Rules that live in code rather than in a profile, described for `docconv inspect`.
_FIXED_DETAILS = {
    "page-chrome": "the page's own header, footer, aside or navigation element",
    "keywords": "the site's keyword line: every word is in the title",
    "site-name": "the site's name, as the page's <title> ends with it or its address spells it",
    "noise": "noise.py: a run of rare characters (anti-copy noise)",
    "markdown": "Markdown's ** bold markers, in text copied from Markdown source",
    "inserted": "noise.py: a mark or pictograph inserted inside a word (anti-copy noise)",
    "jammer": "noise.py: a forum's anti-scraping string of random ASCII pairs or runs",
    "chunk-marker": "joins.py: the site's 1、 2、 3、 chunk numbers, cut mid-sentence",
    "summary": "joins.py: a site summary repeating the opening of the text below it",
    "site-address": "the page's own web address (its URL's host) written into the text",
}
_HOST_PREFIX = re.compile(r"^(www|m|wap)\.")
_ADDRESS_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{3,30}")  # a site's name as its address spells it


def _host(url: str) -> str:
    """The page's host name, lower case ("" for none or a malformed address)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _own_address(host: str) -> re.Pattern[str] | None:
    """The page's host as a site writes it into the text: "(executivefront.com)"."""
    host = _HOST_PREFIX.sub("", host)
    if "." not in host or len(host) < 5:
        return None
    return re.compile(rf"[(（]?(?:(?:www|m|wap)\.)?{re.escape(host)}[)）]?", re.IGNORECASE)


META_PAIRS = 2  # a page shows several metadata fields; one lone "时间：" line is text


def _is_text(text: str) -> bool:
    """A line of running text: long, with a sentence end (a list of titles has neither)."""
    return len(text.strip()) >= BODY_START and bool(_SENTENCE_END.search(text))


def _short(pattern: str, size: int = 60) -> str:
    return pattern if len(pattern) <= size else pattern[: size - 1] + "…"


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Document lines with chrome gone, plus what the chrome said about the document."""

    lines: tuple[Line, ...]
    fields: dict[str, str] = field(default_factory=dict)
    titles: tuple[str, ...] = ()  # titles the site gives the document, best first
    keywords: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    pages_shown: int | None = None
    pages_total: int | None = None
    cut: bool = False  # the site says its preview stops before the document ends
    profile: Profile | None = None
    source: Source | None = None


def clean(
    source: Source,
    *,
    site: str | None = None,
    sites_dirs: Iterable[Path] = (),
    exclude_sites: Iterable[str] = (),
    model: score.Model | None = None,
) -> Cleaned:
    """Clean `source` with the site's profile (recognised, or named by `site`; never one of
    `exclude_sites`) and the chrome scorer (`model`: the fitted weights.toml unless given;
    benchmarks/fit_clean.py passes its own)."""
    profile = select(
        source.url, source.text[:20000], site=site, extra_dirs=sites_dirs, exclude=exclude_sites
    )
    return _Cleaner(profile, source, model).run()


def prepared(source: Source, *, site: str | None = None) -> list[Line]:
    """The lines the chrome scorer judges: every pass of `clean` before it (what
    benchmarks/fit_clean.py fits the weights on)."""
    profile = select(source.url, source.text[:20000], site=site)
    return _Cleaner(profile, source, None).prepared()


@dataclass(slots=True)
class _Decision:
    line: Line
    rule: str | None = None  # None: document text
    detail: str = ""  # where the rule lives, for inspect
    pairs: list[tuple[str, str]] = field(default_factory=list)  # metadata found in the line
    trusted: bool = False  # matched a profile's own metadata pattern


class _Cleaner:
    def __init__(self, profile: Profile, source: Source, model: score.Model | None) -> None:
        self.p = profile
        self.source = source
        self.model = model
        self.fields: dict[str, str] = {}
        self.titles: list[str] = []
        self.keywords: tuple[str, ...] = ()
        self.removed: list[Removed] = []
        self.shown = 0
        self.total = 0
        self.remaining = 0
        self.cut = False
        self.host = _host(source.url)
        parts = _TITLE_PARTS.split(source.page_title.strip())
        self.site_names = {p.strip() for p in parts[1:] if 2 <= len(p.strip()) <= 20}

    def prepared(self) -> list[Line]:
        lines = [Line(damage.repair_line(x.text), x.hint, x.number) for x in self.source.lines]
        lines = self._markdown([x for x in lines if x.text.strip()])
        kept = self._classify(self._cut_at_end(lines))
        kept = joins.join_chunks(kept, self._drop_part, expected=self.p.chunked)
        kept = self._inline(kept)
        kept = self._noise(kept)
        kept = joins.join_wrapped(kept)
        known = [self.fields.get("source_title", ""), *self.titles]
        return joins.drop_summaries(kept, self._drop_part, [t for t in known if t])

    def run(self) -> Cleaned:
        kept = self._score(self.prepared())
        total = self.total or (self.shown + self.remaining if self.remaining else 0)
        return Cleaned(
            lines=tuple(kept),
            fields=self.fields,
            titles=tuple(dict.fromkeys(t for t in self.titles if t)),
            keywords=self.keywords or self.source.keywords,
            removed=tuple(sorted(self.removed, key=lambda r: r.line or 0)),
            pages_shown=self.shown or None,
            pages_total=total or None,
            cut=self.cut,
            profile=self.p,
            source=self.source,
        )

    # -- recording ----------------------------------------------------------------------

    def _drop(self, line: Line, rule: str, detail: str = "") -> None:
        self._drop_part(line, line.text.strip(), rule, detail)

    def _drop_part(self, line: Line, text: str, rule: str, detail: str = "") -> None:
        detail = detail or _FIXED_DETAILS.get(rule, "")
        self.removed.append(Removed(text, f"{self.p.name}:{rule}", line.number, detail=detail))

    # -- whole lines --------------------------------------------------------------------

    def _cut_at_end(self, lines: list[Line]) -> list[Line]:
        """At an end marker (你可能关注的文档, 相关文档…) the document is over, unless text
        follows it: then the marker heads a list of related documents standing before or
        inside the text, and only the marker and the list's short lines go."""
        at = self.p.where("chrome.end")
        out: list[Line] = []
        skip_list = False
        for i, line in enumerate(lines):
            text = line.text.strip()
            marker = next((m for m in self.p.end_markers if m.search(text)), None)
            if marker is not None:
                rest = lines[i + 1 :]
                if not any(_is_text(x.text) for x in rest):
                    for gone in lines[i:]:
                        self._drop(
                            gone, "end", f"{at}: {marker.pattern} (nothing but lists after it)"
                        )
                    return out
                self._drop(
                    line, "related-list", f"{at}: {marker.pattern} (text follows: not the end)"
                )
                skip_list = True
                continue
            if skip_list and len(text) <= RELATED_ITEM and not _SENTENCE_END.search(text):
                self._drop(line, "related-list", f"{at}: an item of the list under the marker")
                continue
            skip_list = False
            out.append(line)
        return out

    def _classify(self, lines: list[Line]) -> list[Line]:
        decisions: list[_Decision] = []
        body = False  # has the document's text begun?
        in_tips = False
        for index, line in enumerate(lines):
            text = line.text.strip()
            d = _Decision(line)
            header = not body or line.hint == "chrome"
            if in_tips and self.p.tip_item and self.p.tip_item.match(text):
                d.rule, d.detail = "tips", self.p.where("chrome.tips") + ": an item"
            elif any(h.match(text) for h in self.p.tip_headers):
                d.rule, in_tips = "tips", True
                d.detail = self.p.where("chrome.tips") + ": the list's header"
            else:
                in_tips = False
                d.rule = self._rule(text, line, header, index, d)
            if d.rule is None and len(text) >= BODY_START:
                body = True
            decisions.append(d)
        self._title_above_meta(decisions)
        # Metadata comes in groups; a single "时间：…" line is the document's own text.
        if sum(len(d.pairs) for d in decisions) < META_PAIRS:
            for d in decisions:
                if d.rule == "meta" and d.pairs and not d.trusted and d.line.hint != "chrome":
                    d.rule, d.pairs = None, []
        kept: list[Line] = []
        for d in decisions:
            for fld, value in d.pairs:
                if fld != "ignore":
                    self.fields.setdefault(fld, value)
            if d.rule is None:
                kept.append(d.line)
            else:
                self._drop(d.line, d.rule, d.detail)
        return kept

    def _title_above_meta(self, decisions: list[_Decision]) -> None:
        """A short line that is the page's only text before its metadata block is the site's
        name for the document (文档之家: the topic title, then "- 格式:doc", "- 大小:…")."""
        kept = [i for i, d in enumerate(decisions) if d.rule is None]
        metas = [i for i, d in enumerate(decisions) if d.rule == "meta"]
        if not kept or not metas or kept[0] > metas[0]:
            return
        first = decisions[kept[0]]
        others_before = [i for i in kept if i < metas[0]]
        text = first.line.text.strip()
        if (
            others_before == [kept[0]]
            and len(text) <= 40
            and not re.search(r"[。，,；;！!？?]", text)
        ):
            first.rule = "site-title"
            first.detail = "the site's title for the document, above its metadata"
            self.titles.append(text)

    def _rule(self, text: str, line: Line, header: bool, index: int, d: _Decision) -> str | None:
        """The rule that makes this line chrome, or None for document text."""
        p = self.p
        if index == 0 and p.first_line_title:
            self.titles.append(text)
            d.detail = p.where("title.first_line")
            return "site-title"
        if where := self._page_marker(text):
            d.detail = where
            return "page-marker"
        for name, pattern in p.title_lines:
            if m := pattern.match(text):
                self.titles.append(m.group("title").strip())
                d.detail = f"{p.where('title.lines:' + name)}: {_short(pattern.pattern)}"
                return name
        if p.file_title and p.file_title.match(text) and (header or text in self.fields.values()):
            self.fields.setdefault("source_title", text)
            d.detail = p.where("title.file_name")
            return "file-title"
        if header and self._meta_line(text, d):
            keys = ", ".join(dict.fromkeys(f for f, _ in d.pairs))
            d.detail = p.where("meta.keys") + (f": {keys}" if keys else "")
            return "meta"
        bare = text.lstrip("•·- ")  # T2 pages bullet their menus and buttons
        if text in p.chrome_lines or bare in p.chrome_lines:
            d.detail = p.where(f"chrome.lines:{text if text in p.chrome_lines else bare}")
            return "chrome-line"
        words = bare.split()
        if words and all(w in p.ui_words for w in words):
            files = dict.fromkeys(p.where(f"chrome.ui_words:{w}") for w in words)
            d.detail = "; ".join(f for f in files if f)
            return "buttons"
        for name, pattern in p.chrome_patterns:
            if pattern.search(text):
                d.detail = f"{p.where('chrome.patterns:' + name)}: {_short(pattern.pattern)}"
                return name
        if line.hint == "chrome":
            return "page-chrome"
        if header and line.hint not in _HEADING_HINTS and self._keyword_line(words):
            self.keywords = tuple(words)
            return "keywords"
        if self._site_name(text):
            return "site-name"
        return None

    def _site_name(self, text: str) -> bool:
        """The line is the site's name, as the page's <title> ends with it (某某报告_文档分享网),
        or a word of its address (Documents on vdocuments.mx)."""
        word = text.strip()
        if word in self.site_names:
            return True
        return _ADDRESS_WORD.fullmatch(word) is not None and word.lower() in self.host

    def _page_marker(self, text: str) -> str:
        """Where the page marker that matches `text` lives ("" when none matches)."""
        for rules, cut, table in (
            (self.p.page_cuts, True, "pages.cuts"),
            (self.p.page_markers, False, "pages.markers"),
        ):
            for name, pattern in rules:
                if m := pattern.match(text):
                    self._pages(m)
                    self.cut |= cut
                    return self.p.where(f"{table}:{name}") or f"[{table}] {name}"
        return ""

    def _pages(self, m: re.Match[str]) -> None:
        groups = m.groupdict()
        if groups.get("title"):
            self.titles.append(groups["title"].strip())
        if groups.get("shown"):
            self.shown = max(self.shown, int(groups["shown"]))
        if groups.get("total"):
            self.total = max(self.total, int(groups["total"]))
        if groups.get("remaining"):
            self.remaining = max(self.remaining, int(groups["remaining"]))

    def _meta_line(self, text: str, d: _Decision) -> bool:
        """A line made only of "key: value" pairs with known keys (ID:2065240, 页数:12页…)."""
        for fld, pattern in self.p.meta_patterns:
            if m := pattern.match(text):
                d.pairs.append((fld, m.group(1).strip()))
                d.trusted = True
                return True
        keys, pairs = self.p.meta_keys, self.p.meta_pairs
        if pairs is None:
            return False
        found: list[tuple[str, str]] = []
        gaps: list[str] = []  # the text between the pairs (collected, not cut out one by one)
        last = 0
        for m in pairs.finditer(text):
            fld, value = keys[m.group(1)], m.group(2).strip()
            typed = _TYPED.get(fld)
            if typed is not None and not typed.match(value):
                return False
            found.append((fld, value))
            gaps.append(text[last : m.start()])
            last = m.end()
        gaps.append(text[last:])
        if not found or not _PAIR_SEP.match(" ".join(gaps)):
            return False
        d.pairs.extend(found)
        return True

    def _keyword_line(self, words: list[str]) -> bool:
        """The site's SEO line: the title cut into words ("2023 区长 质量 绩效 管理 …")."""
        if len(words) < 3 or not all(_KEYWORD_TOKEN.match(w) for w in words):
            return False
        titles = [self.fields.get("source_title", ""), self.source.page_title, *self.titles]
        return any(t and all(w in t for w in words) for t in titles)

    # -- inside lines ---------------------------------------------------------------------

    def _inline(self, lines: list[Line]) -> list[Line]:
        out: list[Line] = []
        rules = [
            (name, pattern, f"{self.p.where('chrome.inline:' + name)}: {_short(pattern.pattern)}")
            for name, pattern in self.p.inline
        ]
        if own := _own_address(self.host):
            rules.append(("site-address", own, _FIXED_DETAILS["site-address"]))
        for line in lines:
            text = line.text
            for name, pattern, where in rules:
                found = list(pattern.finditer(text))
                for m in found:
                    self._pages(m)
                    self._drop_part(line, m.group(0), name, where)
                if found:
                    text = pattern.sub("", text)
            if text.strip():
                out.append(Line(text, line.hint, line.number))
        return out

    def _score(self, lines: list[Line]) -> list[Line]:
        """What the profile's rules left is judged by the chrome scorer, sentence by
        sentence: a whole line goes, or sentences at either end of it (a stock intro glued
        to the text, a piece label, a paywall notice inside the text)."""
        if not lines:
            return lines
        m = self.model or score.model()
        verdicts = score.judge(lines, m)
        by_line: dict[int, list[score.Verdict]] = {}
        for v in verdicts:
            by_line.setdefault(v.unit.line, []).append(v)
        out: list[Line] = []
        for i, line in enumerate(lines):
            mine = by_line.get(i, [])
            gone = [v for v in mine if v.chrome]
            if not gone:
                out.append(line)
                continue
            for v in gone:
                detail = f"weights.toml (score {v.score:.2f}): {score.explain(v.feats, m)}"
                rule = "score-line" if v.unit.edge == "whole" else "score-segment"
                self.removed.append(
                    Removed(
                        v.unit.text.strip(),
                        f"{self.p.name}:{rule}",
                        line.number,
                        score=round(v.score, 3),  # as the JSON view shows it
                        detail=detail,
                    )
                )
            rest = "".join(v.unit.text for v in mine if not v.chrome)
            if rest.strip():
                out.append(Line(rest, line.hint, line.number))
        return out

    def _markdown(self, lines: list[Line]) -> list[Line]:
        """Text copied from a page that showed Markdown source (**一、标题**): its bold
        markers go. Only where two or more bold spans start with a numbering label, since
        ** is also what documents write for a name left out (**同志, **市)."""
        numbered = sum(
            labels.match(m.group(1)) is not None
            for line in lines
            for m in _MD_BOLD.finditer(line.text)
        )
        if numbered < _MD_BOLD_NUMBERED:
            return lines
        out = []
        for line in lines:
            # Bold runs the line starts with are headings run into their text
            # (**标题****一、指导思想**以新时代…): each a line of its own.
            rest = line.text
            while (m := _MD_BOLD.match(rest)) and rest[m.end() :].strip():
                out.append(Line(m.group(1), line.hint, line.number))
                rest = rest[m.end() :]
            text = _MD_BOLD.sub(r"\1", rest)
            if text != line.text:
                self._drop_part(line, "**", "markdown")
                line = Line(text, line.hint, line.number)
            out.append(line)
        return out

    def _noise(self, lines: list[Line]) -> list[Line]:
        out: list[Line] = []
        pictographs = noise.stuffed_with_pictographs("\n".join(x.text for x in lines))
        for line in lines:
            found = [(s, e, "noise") for s, e in noise.noise_spans(line.text)]
            inserted = noise.inserted_spans(line.text, pictographs)
            found += [(s, e, "inserted") for s, e in inserted]
            found += [(s, e, "jammer") for s, e in noise.jammer_spans(line.text)]
            if not found:
                out.append(line)
                continue
            pieces, last = [], 0
            for start, end, rule in sorted(found):
                if start < last:
                    continue  # inside a run of noise already taken out
                self._drop_part(line, line.text[start:end], rule)
                pieces.append(line.text[last:start])
                last = end
            pieces.append(line.text[last:])
            rest = "".join(pieces)
            if rest.strip():
                out.append(Line(rest, line.hint, line.number))
        return out
