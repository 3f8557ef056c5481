"""Site profiles: what a site's chrome looks like, as data (one TOML file per site).

The generic profile (sites/generic.toml) is always active; a recognised site's profile is
merged on top of it, adding its own lines, patterns and markers. Users add profiles by
dropping TOML files in a folder (`--sites DIR`) or through the `docconv.sites` entry-point
group (a module attribute that is a folder path or a list of them).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlparse

from ..errors import DocconvError

BUILTIN_DIR = Path(__file__).with_name("sites")
GENERIC = "generic"

_TOP_KEYS = {"name", "label", "match", "meta", "chrome", "title", "pages"}

Rules = tuple[tuple[str, re.Pattern[str]], ...]  # (rule name, pattern)


class ProfileError(DocconvError):
    exit_code = 4


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    label: str = ""
    domains: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    meta_keys: Mapping[str, str] = field(default_factory=dict)  # label as shown -> field
    meta_pairs: re.Pattern[str] | None = None  # finds "label: value" pairs for meta_keys
    meta_patterns: Rules = ()  # (field, whole-line regex whose group 1 is the value)
    chrome_lines: frozenset[str] = frozenset()
    ui_words: frozenset[str] = frozenset()
    chrome_patterns: Rules = ()
    inline: Rules = ()  # removed from inside lines (watermarks, page footers, blog residue)
    tip_headers: tuple[re.Pattern[str], ...] = ()
    tip_item: re.Pattern[str] | None = None
    end_markers: tuple[re.Pattern[str], ...] = ()
    page_markers: Rules = ()  # groups: title, shown, total, remaining
    page_cuts: Rules = ()  # like page_markers, and they say the preview stops early
    chunked: bool = False  # the site cuts the text into "1、" "2、" chunks
    file_title: re.Pattern[str] | None = None
    title_lines: Rules = ()  # a line giving the site's title for the document (group title)
    first_line_title: bool = False  # the page's first line is the site's title, not the text
    title_noise: tuple[str, ...] = ()
    source: str = ""  # where the profile came from
    # Where each rule is written, for `docconv inspect`: "chrome.lines:收藏" or
    # "chrome.patterns:copyright" -> "generic.toml [chrome] lines", "… [chrome.patterns] copyright".
    origins: Mapping[str, str] = field(default_factory=dict)

    def where(self, key: str) -> str:
        return self.origins.get(key, "")

    def merged(self, site: Profile) -> Profile:
        """This (generic) profile with a site's rules added; the site's name wins."""
        return Profile(
            name=site.name,
            label=site.label,
            domains=site.domains,
            phrases=site.phrases,
            meta_keys=MappingProxyType(keys := {**self.meta_keys, **site.meta_keys}),
            meta_pairs=pairs_regex(keys),
            meta_patterns=site.meta_patterns + self.meta_patterns,
            chrome_lines=self.chrome_lines | site.chrome_lines,
            ui_words=self.ui_words | site.ui_words,
            chrome_patterns=site.chrome_patterns + self.chrome_patterns,
            inline=site.inline + self.inline,
            tip_headers=site.tip_headers + self.tip_headers,
            tip_item=site.tip_item or self.tip_item,
            end_markers=site.end_markers + self.end_markers,
            page_markers=site.page_markers + self.page_markers,
            page_cuts=site.page_cuts + self.page_cuts,
            chunked=site.chunked or self.chunked,
            file_title=site.file_title or self.file_title,
            title_lines=site.title_lines + self.title_lines,
            first_line_title=site.first_line_title or self.first_line_title,
            title_noise=site.title_noise + self.title_noise,
            source=site.source,
            origins=MappingProxyType({**self.origins, **site.origins}),
        )

    def matches(self, url: str, text: str) -> int:
        """How strongly a page looks like this site: 2 by address, 1 by phrase, 0 not."""
        host = hostname(url)
        if host and any(host == d or host.endswith("." + d) for d in self.domains):
            return 2
        if any(p in text for p in self.phrases):
            return 1
        return 0


def parse(raw: dict[str, Any], source: str, *, user: bool = False) -> Profile:
    """A profile from its TOML table. `user`: the patterns come from a user's file (not
    docconv's own), so each runs under a time limit (see `guard`)."""
    where = f"site profile {source}"
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise ProfileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    if "name" not in raw:
        raise ProfileError(f"{where}: 'name' is required")
    from .profile_check import check

    check(raw, where)
    if user:
        return _guarded(_build(raw, source, where), where)
    return _build(raw, source, where)


def _build(raw: dict[str, Any], source: str, where: str) -> Profile:
    match = raw.get("match", {})
    meta = raw.get("meta", {})
    chrome = raw.get("chrome", {})
    tips = chrome.get("tips", {})
    title = raw.get("title", {})
    pages = raw.get("pages", {})
    keys: dict[str, str] = {}
    for fld, labels in meta.get("keys", {}).items():
        for label in labels:
            keys[label] = fld
    return Profile(
        name=str(raw["name"]),
        label=str(raw.get("label", "")),
        domains=tuple(match.get("domains", ())),
        phrases=tuple(match.get("phrases", ())),
        meta_keys=MappingProxyType(keys),
        meta_pairs=pairs_regex(keys),
        meta_patterns=_rules(meta.get("patterns", {}), where, "meta.patterns"),
        chrome_lines=frozenset(chrome.get("lines", ())),
        ui_words=frozenset(chrome.get("ui_words", ())),
        chrome_patterns=_rules(chrome.get("patterns", {}), where, "chrome.patterns"),
        inline=_rules(chrome.get("inline", {}), where, "chrome.inline"),
        tip_headers=tuple(_regex(p, where, "chrome.tips.headers") for p in tips.get("headers", ())),
        tip_item=_regex(tips["item"], where, "chrome.tips.item") if "item" in tips else None,
        end_markers=tuple(
            _regex(p, where, "chrome.end.markers") for p in chrome.get("end", {}).get("markers", ())
        ),
        page_markers=_rules(pages.get("markers", {}), where, "pages.markers"),
        page_cuts=_rules(pages.get("cuts", {}), where, "pages.cuts"),
        chunked=bool(pages.get("chunked", False)),
        file_title=(
            _regex(title["file_name"], where, "title.file_name") if "file_name" in title else None
        ),
        title_lines=_rules(title.get("lines", {}), where, "title.lines"),
        first_line_title=bool(title.get("first_line", False)),
        title_noise=tuple(title.get("noise", ())),
        source=source,
        origins=MappingProxyType(_origins(raw, Path(source).name if source else str(raw["name"]))),
    )


def _origins(raw: dict[str, Any], file: str) -> dict[str, str]:
    """Every rule of a raw profile -> where it is written ("generic.toml [chrome] lines")."""
    out: dict[str, str] = {}
    chrome = raw.get("chrome", {})
    for text in chrome.get("lines", ()):
        out[f"chrome.lines:{text}"] = f"{file} [chrome] lines"
    for word in chrome.get("ui_words", ()):
        out[f"chrome.ui_words:{word}"] = f"{file} [chrome] ui_words"
    tables = {
        "chrome.patterns": chrome.get("patterns", {}),
        "chrome.inline": chrome.get("inline", {}),
        "pages.markers": raw.get("pages", {}).get("markers", {}),
        "pages.cuts": raw.get("pages", {}).get("cuts", {}),
        "title.lines": raw.get("title", {}).get("lines", {}),
        "meta.patterns": raw.get("meta", {}).get("patterns", {}),
    }
    for table, rules in tables.items():
        for name in rules:
            out[f"{table}:{name}"] = f"{file} [{table}] {name}"
    title = raw.get("title", {})
    for key, present, label in (
        ("chrome.tips", "tips" in chrome, "[chrome.tips]"),
        ("chrome.end", "end" in chrome, "[chrome.end] markers"),
        ("meta.keys", "keys" in raw.get("meta", {}), "[meta.keys]"),
        ("title.file_name", "file_name" in title, "[title] file_name"),
        ("title.first_line", "first_line" in title, "[title] first_line"),
    ):
        if present:
            out[key] = f"{file} {label}"
    return out


def pairs_regex(keys: Mapping[str, str]) -> re.Pattern[str] | None:
    """A regex for "label: value" pairs with these labels, longest label first."""
    if not keys:
        return None
    alt = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    # A value is one token, or a size with a spaced unit, or a date with a time.
    value = (
        r"\d+(?:\.\d+)?\s?[KMGkmg]?[Bb]\b"
        r"|\d{4}-\d{1,2}-\d{1,2}(?:\s\d{1,2}:\d{2}(?::\d{2})?)?"
        r"|[^\s:：|,，]+"
    )
    return re.compile(rf"(?<![\w])({alt})\s*[:：]\s*({value})")


def _rules(table: dict[str, Any], where: str, key: str) -> Rules:
    """A TOML table of name = pattern (or name = [patterns]) as (name, regex) pairs; `key`
    is the table's place in the profile (for errors)."""
    out: list[tuple[str, re.Pattern[str]]] = []
    for name, value in table.items():
        for pattern in value if isinstance(value, list) else [value]:
            out.append((name, _regex(pattern, where, f"{key}.{name}")))
    return tuple(out)


def _regex(pattern: str, where: str, key: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise ProfileError(f"{where}: {key}: bad pattern {pattern!r}: {e}") from None


def load_file(path: Path, *, user: bool = True) -> Profile:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as e:
        raise ProfileError(f"cannot read site profile {path}: {e}") from None
    return parse(raw, str(path), user=user)


def _guarded(profile: Profile, where: str) -> Profile:
    """`profile` with each of its patterns under the time limit of `guard`."""
    from dataclasses import replace

    from .profile_check import guard

    def rules(items: Rules, key: str) -> Rules:
        return tuple((name, guard(rx, where, f"{key}.{name}")) for name, rx in items)

    def one(rx: re.Pattern[str] | None, key: str) -> re.Pattern[str] | None:
        return None if rx is None else guard(rx, where, key)

    return replace(
        profile,
        meta_patterns=rules(profile.meta_patterns, "meta.patterns"),
        chrome_patterns=rules(profile.chrome_patterns, "chrome.patterns"),
        inline=rules(profile.inline, "chrome.inline"),
        tip_headers=tuple(guard(rx, where, "chrome.tips.headers") for rx in profile.tip_headers),
        tip_item=one(profile.tip_item, "chrome.tips.item"),
        end_markers=tuple(guard(rx, where, "chrome.end.markers") for rx in profile.end_markers),
        page_markers=rules(profile.page_markers, "pages.markers"),
        page_cuts=rules(profile.page_cuts, "pages.cuts"),
        file_title=one(profile.file_title, "title.file_name"),
        title_lines=rules(profile.title_lines, "title.lines"),
    )


def _entry_point_dirs() -> list[Path]:
    from ..plugins import entry_points

    dirs: list[Path] = []
    for ep in entry_points(group="docconv.sites"):
        try:
            value = ep.load()
        except Exception as e:  # a broken plugin: say which, in one line
            raise ProfileError(
                f"site profile plugin {ep.name} ({ep.value}) cannot be loaded: {e}"
            ) from None
        items = value if isinstance(value, list | tuple) else [value]
        dirs.extend(Path(str(v)) for v in items)
    return dirs


@cache
def _load_dirs(dirs: tuple[Path, ...]) -> dict[str, Profile]:
    profiles: dict[str, Profile] = {}
    for folder in dirs:
        if not folder.is_dir():
            raise ProfileError(f"site profile folder {folder} does not exist")
        for path in sorted(folder.glob("*.toml")):
            prof = load_file(path, user=folder != BUILTIN_DIR)
            profiles[prof.name] = prof  # later folders override earlier ones
    return profiles


def all_profiles(extra_dirs: Iterable[Path] = ()) -> dict[str, Profile]:
    """Every profile by name: built-in, then entry points, then `extra_dirs` (later wins)."""
    dirs = (BUILTIN_DIR, *_entry_point_dirs(), *(Path(d) for d in extra_dirs))
    return _load_dirs(tuple(dirs))


def select(
    url: str,
    text: str,
    *,
    site: str | None = None,
    extra_dirs: Iterable[Path] = (),
    exclude: Iterable[str] = (),
) -> Profile:
    """The generic profile merged with the site's: named by `site`, else recognised.

    Profiles named in `exclude` are never recognised (the generic rules always apply): how
    a page is cleaned by a docconv that has never seen its site."""
    profiles = all_profiles(extra_dirs)
    generic = profiles[GENERIC]
    excluded = set(exclude)
    for name in sorted(excluded):
        if name == GENERIC:
            raise ProfileError("the generic profile always applies and cannot be excluded")
        if name not in profiles:
            known = ", ".join(sorted(profiles))
            raise ProfileError(f"unknown site profile {name!r} (known: {known})")
        if name == site:
            raise ProfileError(f"site profile {name!r} is both chosen and excluded")
    profiles = {n: p for n, p in profiles.items() if n not in excluded}
    if site:
        if site not in profiles:
            names = ", ".join(sorted(profiles))
            raise ProfileError(f"unknown site profile {site!r} (known: {names})")
        chosen = profiles[site]
    else:
        scored = [(p.matches(url, text), name) for name, p in profiles.items() if name != GENERIC]
        best = max(scored, default=(0, ""))
        if best[0] == 0:
            return generic
        chosen = profiles[best[1]]
    return generic if chosen.name == GENERIC else generic.merged(chosen)


def hostname(url: str) -> str:
    """The host of `url`, "" when it has none or is malformed (urlparse raises ValueError for
    a bracket or a character that NFKC turns into a separator: https://同志们：m.cn/)."""
    if not url:
        return ""
    try:
        return urlparse(url).hostname or ""
    except ValueError:
        return ""
