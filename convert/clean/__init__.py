"""Cleaning: take the site's chrome out of a page, keep its metadata, and say what went.

Every line is either kept as document text or removed with the name of the rule that
removed it (`Removed.rule` is "<profile>:<rule>"), so `docconv inspect` can show why.
Metadata rules only look at the header zone (before the first line of text) and at lines the
page itself marks as chrome, so a meeting notice's own "时间：…" line is never taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Removed
from ..readers.base import Line, Source
from .profiles import Profile, select

_PAIR_SEP = re.compile(r"^[\s•·\-|,，]*$")
_KEYWORD_TOKEN = re.compile(r"^[\w\u3400-\u9fff]{1,10}$")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Document lines with chrome gone, plus what the chrome said about the document."""

    lines: tuple[Line, ...]
    fields: dict[str, str] = field(default_factory=dict)
    keywords: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    profile: Profile | None = None
    source: Source | None = None


def clean(source: Source, *, site: str | None = None, sites_dirs: Iterable[Path] = ()) -> Cleaned:
    profile = select(source.url, source.text[:20000], site=site, extra_dirs=sites_dirs)
    return _Cleaner(profile, source).run()


class _Cleaner:
    def __init__(self, profile: Profile, source: Source) -> None:
        self.p = profile
        self.source = source
        self.fields: dict[str, str] = {}
        self.keywords: tuple[str, ...] = ()
        self.removed: list[Removed] = []
        self.kept: list[Line] = []
        self.in_tips = False

    def run(self) -> Cleaned:
        lines = self.source.lines
        for index, line in enumerate(lines):
            text = line.text.strip()
            if not text:
                continue
            if any(m.search(text) for m in self.p.end_markers):
                for rest in lines[index:]:
                    if rest.text.strip():
                        self._drop(rest, "end")
                break
            rule = self._rule(text, line)
            if rule:
                self._drop(line, rule)
            else:
                self.kept.append(line)
        return Cleaned(
            lines=tuple(self.kept),
            fields=self.fields,
            keywords=self.keywords or self.source.keywords,
            removed=tuple(self.removed),
            profile=self.p,
            source=self.source,
        )

    def _drop(self, line: Line, rule: str) -> None:
        self.removed.append(Removed(line.text.strip(), f"{self.p.name}:{rule}", line.number))

    def _rule(self, text: str, line: Line) -> str | None:
        """The rule that makes this line chrome, or None for document text."""
        header = not self.kept or line.hint == "chrome"
        if self.in_tips and self.p.tip_item and self.p.tip_item.match(text):
            return "tips"
        self.in_tips = False
        if any(h.match(text) for h in self.p.tip_headers):
            self.in_tips = True
            return "tips"
        if header and self._meta_line(text):
            return "meta"
        if header and self.p.file_title and self.p.file_title.match(text):
            self.fields.setdefault("source_title", text)
            return "file-title"
        if text in self.p.chrome_lines:
            return "chrome-line"
        words = text.split()
        if words and all(w in self.p.ui_words for w in words):
            return "buttons"
        for name, pattern in self.p.chrome_patterns:
            if pattern.search(text):
                return name
        if line.hint == "chrome":
            return "page-chrome"
        if header and self._keyword_line(words):
            self.keywords = tuple(words)
            return "keywords"
        return None

    def _meta_line(self, text: str) -> bool:
        """A line made only of "key: value" pairs with known keys (ID:2065240, 页数:12页…)."""
        for fld, pattern in self.p.meta_patterns:
            if m := pattern.match(text):
                self.fields.setdefault(fld, m.group(1).strip())
                return True
        keys, pairs = self.p.meta_keys, self.p.meta_pairs
        if pairs is None:
            return False
        found: list[tuple[str, str]] = []
        rest = text
        for m in pairs.finditer(text):
            found.append((keys[m.group(1)], m.group(2)))
            rest = rest.replace(m.group(0), " ", 1)
        if not found or not _PAIR_SEP.match(rest):
            return False
        for fld, value in found:
            if fld != "ignore":
                self.fields.setdefault(fld, value)
        return True

    def _keyword_line(self, words: list[str]) -> bool:
        """The site's SEO line: the title cut into words ("2023 区长 质量 绩效 管理 …")."""
        if len(words) < 3 or not all(_KEYWORD_TOKEN.match(w) for w in words):
            return False
        title = self.fields.get("source_title", "") or self.source.page_title
        return bool(title) and all(w in title for w in words)
