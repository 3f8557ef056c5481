"""Titles of table-of-contents entries (EPUB nav and NCX, PDF bookmarks).

A heading may end its sentence (一、立足当前，充分认识新形势。); a contents entry is a name, not a
sentence, so its closing comma, full stop, semicolon or colon goes. Question and exclamation
marks stay: they change what the words say.
"""

from __future__ import annotations

_SENTENCE_END = "。．.，,；;：:、 \u3000"


def entry_title(text: str) -> str:
    """`text` without the marks that close a sentence at its end (all of it if that is
    all there is)."""
    stripped = text.rstrip(_SENTENCE_END)
    return stripped or text.strip()
