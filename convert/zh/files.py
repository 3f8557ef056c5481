"""Document file names as sharing sites show them: 某某方案.docx, 课件.ppt."""

from __future__ import annotations

import re

#: The extension of a document file name: the formats sharing sites host (Office, WPS, PDF,
#: text). Sites add it to the title; it is never part of the document's own title.
EXTENSION = re.compile(r"\.(docx?|pdf|pptx?|xlsx?|txt|wps|rtf|et|dps)$", re.IGNORECASE)


def strip_extension(name: str) -> str:
    """某某方案.docx → 某某方案."""
    return EXTENSION.sub("", name)
