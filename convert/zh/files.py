"""Document file names as sharing sites show them: 某某方案.docx, 课件.ppt."""

from __future__ import annotations

import re

#: The extensions of document file names, as an alternation: the formats sharing sites host
#: (Office, WPS, PDF, text). Every pattern that looks for a file name is built from it.
EXTENSIONS = "docx?|pdf|pptx?|xlsx?|txt|wps|rtf|et|dps"
#: The extension of a document file name. Sites add it to the title; it is never part of
#: the document's own title.
EXTENSION = re.compile(rf"\.({EXTENSIONS})$", re.IGNORECASE)


def strip_extension(name: str) -> str:
    """某某方案.docx → 某某方案."""
    return EXTENSION.sub("", name)
