"""Chrome by evidence: every line, and every sentence inside a line, gets a probability of
being site chrome from features of its own (length, sentence shape, site vocabulary, URLs,
dates and counts, link-likeness), of its place on the page (before the document's first
sentence, after its last) and of repetition, combined by a logistic model.

The vocabulary and shapes are data (scoring.toml); the weights are fitted on the annotated
corpus by benchmarks/fit_clean.py and kept in weights.toml. Nothing here knows a site: a page
from a site docconv has never seen is judged by the same evidence, which is what the fit's
leave-one-site-out figure measures.

Everything is one pass over the units plus dictionary look-ups: linear in the input.
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..readers.base import Line
from ..zh import labels
from ..zh.chars import HAN
from ..zh.marks import (
    CLOSE_QUOTES,
    COLON,
    COMMA,
    LIST_COMMA,
    SEMICOLON,
    SENTENCE_END,
    TEXT_END,
    char_class,
)
from ..zh.names import names_row

HERE = Path(__file__).parent
FEATURES_FILE = HERE / "scoring.toml"
WEIGHTS_FILE = HERE / "weights.toml"

# A sentence ends at 。！？ (either width), or at a run of ellipses (where sites cut the text
# or hide part of it); closing quotes and brackets stay with the sentence they close.
_SENTENCE = re.compile(rf"(?:[{SENTENCE_END}]+|…{{2,}}|\.{{6,}})[{CLOSE_QUOTES}\"')）]*")
_CJK = re.compile(f"[{HAN}]")
_DIGIT = re.compile(r"\d")
_COMMA = re.compile(char_class(COMMA, LIST_COMMA, SEMICOLON))
_CLAUSE = re.compile(
    char_class(COMMA, LIST_COMMA, SEMICOLON, SENTENCE_END)
)  # a row of buttons has no clause punctuation
_ENDS_SENTENCE = re.compile(rf"[{TEXT_END}]$|\.{{3,}}$")
_ENDS_COLON = re.compile(char_class(COLON) + "$")
_FOLD_DROP = re.compile(r"\s+")
_LEAD_LABEL = re.compile(r"^[^\s:：，,。]{1,4}[:：]")  # 摘要: in front of a repeated summary
PREFIX = 12  # characters of a unit's opening compared with the openings of later units
# Features that are evidence of chrome in the unit itself. Position, neighbours and the
# model's bias are not: a unit with none of these is never removed, however it scores
# (a title line above the text, a short sentence next to a button).
EVIDENCE_SHAPES = frozenset(
    {"url", "date", "count", "page_counter", "hidden", "piece_label", "piece_number", "css",
     "symbols", "word_row", "before_editor", "hint_chrome"}
)  # fmt: skip
EVIDENCE_VOCAB = 0.5  # density of site vocabulary that counts as evidence in a label
EVIDENCE_SENTENCE = 0.8  # and in a sentence
SUMMARY_MIN = 40  # a repeated unit this long is a site summary, not a repeated title
REPEAT_MIN = 8  # characters of a unit whose repetition elsewhere on the page counts
ANCHOR_MIN = 30  # a sentence this long with no site vocabulary anchors the document's text


@dataclass(frozen=True, slots=True)
class Unit:
    """A stretch of one kept line that is judged on its own: the whole line, or a sentence."""

    line: int  # index into the lines handed to `units`
    start: int  # character span in that line's text
    end: int
    text: str
    edge: str  # "whole", "first", "last" or "inner": where the span sits in its line


@dataclass(frozen=True, slots=True)
class Vocabulary:
    groups: Mapping[str, tuple[str, ...]]  # feature name -> words
    patterns: Mapping[str, re.Pattern[str]]  # feature name -> shape
    descriptions: Mapping[str, str]  # feature name -> words a user can act on


@dataclass(frozen=True, slots=True)
class Model:
    weights: Mapping[str, float]
    threshold: float = 0.5
    inner_threshold: float = 0.9  # inside a line or among the text, more evidence
    long_threshold: float = 0.95  # and so does a long one
    long_line: int = 80
    unplaced_threshold: float = 0.97
    fitted_on: str = ""

    def probability(self, feats: Mapping[str, float]) -> float:
        z = self.weights.get("bias", 0.0)
        for name, value in feats.items():
            z += self.weights.get(name, 0.0) * value
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class Verdict:
    unit: Unit
    score: float
    chrome: bool
    feats: dict[str, float] = field(default_factory=dict)


@cache
def vocabulary(path: Path = FEATURES_FILE) -> Vocabulary:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    groups = {name: tuple(words) for name, words in raw.get("vocabulary", {}).items()}
    patterns = {name: re.compile(p) for name, p in raw.get("shapes", {}).items()}
    return Vocabulary(groups, patterns, dict(raw.get("descriptions", {})))


@cache
def model(path: Path = WEIGHTS_FILE) -> Model:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return model_from(raw)


def model_from(raw: Mapping[str, object]) -> Model:
    weights = raw.get("weights", {})
    assert isinstance(weights, dict)
    decide = raw.get("decide", {})
    assert isinstance(decide, dict)
    return Model(
        weights={str(k): float(v) for k, v in weights.items()},
        threshold=float(decide.get("threshold", 0.5)),
        inner_threshold=float(decide.get("inner_threshold", 0.9)),
        long_threshold=float(decide.get("long_threshold", 0.95)),
        long_line=int(decide.get("long_line", 80)),
        unplaced_threshold=float(decide.get("unplaced_threshold", 0.97)),
        fitted_on=str(raw.get("fitted_on", "")),
    )


def fold(text: str) -> str:
    """What repetition compares: NFKC, no whitespace."""
    return _FOLD_DROP.sub("", unicodedata.normalize("NFKC", text))


# -- units ------------------------------------------------------------------------------


def sentence_spans(text: str, vocab: Vocabulary) -> list[tuple[int, int]]:
    """Where `text` splits into sentences; a collection's piece label (篇1, 【第一篇】) also
    ends one, since sites glue it to the piece's first sentence."""
    cuts = {m.end() for m in _SENTENCE.finditer(text)}
    piece = vocab.patterns.get("piece_glued")
    if piece is not None and (m := piece.match(text)):
        cuts.add(m.end())
    spans: list[tuple[int, int]] = []
    last = 0
    for cut in sorted(cuts):
        if cut > last and text[last:cut].strip():
            spans.append((last, cut))
            last = cut
    if text[last:].strip():
        spans.append((last, len(text)))
    elif spans:
        spans[-1] = (spans[-1][0], len(text))
    return spans


def units(lines: Sequence[Line], vocab: Vocabulary | None = None) -> list[Unit]:
    vocab = vocab or vocabulary()
    out: list[Unit] = []
    for i, line in enumerate(lines):
        spans = sentence_spans(line.text, vocab)
        if len(spans) <= 1:
            out.append(Unit(i, 0, len(line.text), line.text, "whole"))
            continue
        for k, (a, b) in enumerate(spans):
            edge = "first" if k == 0 else "last" if k == len(spans) - 1 else "inner"
            out.append(Unit(i, a, b, line.text[a:b], edge))
    return out


# -- features ---------------------------------------------------------------------------


def _vocab_hits(text: str, vocab: Vocabulary) -> dict[str, float]:
    """Vocabulary by density: a button is nearly all site words, a sentence of the document
    that mentions 下载 once is not."""
    hits: dict[str, float] = {}
    size = max(len(text.strip()), 8)  # one site word in a 3-character fragment is no evidence
    for name, words in vocab.groups.items():
        n = sum(len(w) for w in words if w in text)
        if n:
            hits[name] = min(1.0, 2 * n / size)
    for name, pattern in vocab.patterns.items():
        if pattern.search(text):
            hits[name] = 1.0
    return hits


def features(
    found: Sequence[Unit], lines: Sequence[Line], vocab: Vocabulary | None = None
) -> list[dict[str, float]]:
    """The features of every unit, in order (sparse: a missing name is 0)."""
    vocab = vocab or vocabulary()
    own = [_vocab_hits(u.text, vocab) for u in found]
    keys = [_repeat_key(u.text) for u in found]
    counts = Counter(k for k in keys if len(k) >= REPEAT_MIN)
    seen: Counter[str] = Counter()
    anchors = [
        i
        for i, (u, hits) in enumerate(zip(found, own, strict=True))
        if len(u.text.strip()) >= ANCHOR_MIN
        and not any(k.startswith("vocab_") for k in hits)
        and (len(_COMMA.findall(u.text)) >= 2 or _ENDS_SENTENCE.search(u.text.rstrip()))
    ]
    # A stock intro's first sentences carry no vocabulary of their own: the line's later
    # "下面是小编……" sentence speaks for them.
    editor_after = [False] * len(found)
    pending = False
    for i in range(len(found) - 1, -1, -1):
        if i + 1 < len(found) and found[i + 1].line != found[i].line:
            pending = False
        pending = pending or "vocab_editor" in own[i]
        editor_after[i] = pending
    prefixes: dict[str, int] = {}  # a prefix -> the last unit starting with it
    for i, k in enumerate(keys):
        if len(k) >= PREFIX:
            prefixes[k[:PREFIX]] = i
    density = [
        max((v for n, v in hits.items() if n.startswith("vocab_")), default=0.0) for hits in own
    ]
    # Without an anchor nothing is known about where the text is.
    first_anchor = anchors[0] if anchors else -1
    last_anchor = anchors[-1] if anchors else len(found)
    line_lengths = [len(line.text.strip()) for line in lines]
    out: list[dict[str, float]] = []
    for i, u in enumerate(found):
        text = u.text.strip()
        n = len(text)
        f: dict[str, float] = dict(own[i])
        f["length"] = min(1.0, math.log1p(n) / 6)
        if n <= 6:
            f["short"] = 1.0
        elif n <= 20:
            f["medium"] = 1.0
        if n:
            f["cjk_share"] = len(_CJK.findall(text)) / n
            f["digit_share"] = len(_DIGIT.findall(text)) / n
            f["comma_density"] = min(1.0, 8 * len(_COMMA.findall(text)) / n)
        if _ENDS_SENTENCE.search(text):
            f["ends_sentence"] = 1.0
        if _ENDS_COLON.search(text):
            f["ends_colon"] = 1.0
        tokens = text.split()
        if len(tokens) >= 3 and all(len(t) <= 8 for t in tokens) and not _CLAUSE.search(text):
            if names_row(tokens):
                f["names"] = 1.0  # the authors' names: the byline, not buttons
            elif all(t[-1] in ":：" for t in tokens):
                f["form_row"] = 1.0  # 甲方: 乙方: 住所:: a form's fields, to fill in
            else:
                f["word_row"] = 1.0  # buttons, menus, tags: short words side by side
        if labels.match(text) is not None:
            f["numbered"] = 1.0
        f[f"edge_{u.edge}"] = 1.0
        f["line_length"] = min(1.0, math.log1p(line_lengths[u.line]) / 6)
        if i < first_anchor:
            f["before_text"] = 1.0
        elif i > last_anchor:
            f["after_text"] = 1.0
        if u.line == 0:
            f["first_line"] = 1.0
        words = sum(v for k, v in own[i].items() if k.startswith("vocab_"))
        if words and "before_text" in f:
            f["words_above"] = min(1.0, words)  # site words above the text: a header
        elif words and "after_text" in f:
            f["words_below"] = min(1.0, words)  # and below it: a footer
        if editor_after[i] and "vocab_editor" not in own[i]:
            f["before_editor"] = 1.0
        near = max(density[i - 1] if i else 0.0, density[i + 1] if i + 1 < len(found) else 0.0)
        if near >= 0.5:
            f["near_vocab"] = near
        k = keys[i]
        if len(k) >= PREFIX and prefixes[k[:PREFIX]] > i and len(k) > PREFIX:
            f["opening_repeated"] = 1.0  # a summary: the text below starts the same way
        if len(k) >= REPEAT_MIN and counts[k] > 1:
            f["repeated_later" if seen[k] == 0 else "repeated_earlier"] = 1.0
        seen[k] += 1
        hint = lines[u.line].hint
        if hint == "chrome":
            f["hint_chrome"] = 1.0
        elif hint.startswith("h"):
            f["hint_heading"] = 1.0
        out.append(f)
    return out


def _repeat_key(text: str) -> str:
    return _LEAD_LABEL.sub("", fold(text))


# -- decisions --------------------------------------------------------------------------


def has_evidence(unit: Unit, feats: Mapping[str, float]) -> bool:
    """Does the unit itself show chrome? Position, neighbours and the bias never suffice."""
    shapes = {k for k in feats if k in EVIDENCE_SHAPES}
    if feats.get("numbered") or feats.get("genre_title") or feats.get("first_line"):
        # The document's outline, lists and titles ("（二）工作平台", "1. 单选题 C C D B C",
        # "关于工作平台的通知", the first line of a page, where a title stands): site words
        # or short words in them are no evidence, only a chrome shape is.
        if feats.get("numbered"):
            shapes.discard("word_row")
        return bool(shapes)
    if shapes:
        return True
    words = sum(v for k, v in feats.items() if k.startswith("vocab_"))
    # A whole sentence needs more site words than a label or a button does.
    if words >= (EVIDENCE_SENTENCE if feats.get("ends_sentence") else EVIDENCE_VOCAB):
        return True
    repeated = feats.get("opening_repeated") or feats.get("repeated_later")
    return bool(repeated) and len(unit.text.strip()) >= SUMMARY_MIN


def judge(lines: Sequence[Line], m: Model | None = None) -> list[Verdict]:
    m = m or model()
    found = units(lines)
    feats = features(found, lines)
    placed = any(f.get("before_text") or f.get("after_text") for f in feats) or any(
        len(u.text.strip()) >= ANCHOR_MIN for u in found
    )
    verdicts: list[Verdict] = []
    for u, f in zip(found, feats, strict=True):
        p = m.probability(f)
        if not placed:
            limit = m.unplaced_threshold  # a page too short to tell where its text is
        elif len(u.text) >= m.long_line:
            limit = m.long_threshold
        elif u.edge == "inner" or not (f.get("before_text") or f.get("after_text")):
            # Among the document's sentences (or on a page with none long enough to tell
            # where they are) a unit needs more evidence than above or below them.
            limit = m.inner_threshold
        else:
            limit = m.threshold
        verdicts.append(Verdict(u, p, p >= limit and has_evidence(u, f), f))
    return verdicts


def explain(feats: Mapping[str, float], m: Model | None = None, top: int = 3) -> str:
    """The features that pushed hardest towards chrome, in words."""
    m = m or model()
    vocab = vocabulary()
    pushes = sorted(((m.weights.get(k, 0.0) * v, k) for k, v in feats.items()), reverse=True)
    words = [vocab.descriptions.get(k, k) for push, k in pushes[:top] if push > 0]
    return "; ".join(words) or "no single strong feature"
