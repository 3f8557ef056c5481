"""Character classes the rules share."""

from __future__ import annotations

import re

#: Han ideographs (basic, extension A, compatibility, the supplementary planes) and 〇.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

#: Characters that make the text around them Chinese: Han, CJK punctuation, full-width forms,
#: curly quotes, the ellipsis and the dash as Chinese text uses them.
CHINESE = HAN + "\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026\u2014\u301d-\u301f"

HAN_RE = re.compile(f"[{HAN}]")
_CHINESE_RE = re.compile(f"[{CHINESE}]")

#: Ends a clause, in either width (the site folds full-width punctuation to half-width).
CLAUSE_END = "，。；：？！,;:?!\n"
CLAUSE_END_RE = re.compile(f"[{CLAUSE_END}]")

#: Any punctuation: clause ends, the enumeration comma, quotes, brackets, dashes, dots.
PUNCT = CLAUSE_END + "、“”‘’〝〞《》〈〉（）()〔〕【】[]「」『』—…·.\"'"
PUNCT_RE = re.compile("[" + re.escape(PUNCT) + "]")


def is_chinese(ch: str) -> bool:
    return bool(ch) and _CHINESE_RE.match(ch) is not None
