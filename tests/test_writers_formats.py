"""The md, html and txt writers together: registration, the CLI, the library, speed and
reproducible bytes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from convert import read, write
from convert.writers import BUILTIN, for_extension, get

FORMATS = {"md": ".md", "html": ".html", "txt": ".txt"}


def docconv(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "convert", *args],
        capture_output=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize(("name", "ext"), FORMATS.items())
def test_registered(name: str, ext: str) -> None:
    cls = get(name)
    assert cls.name == name and cls.extension == ext and cls.binary is False
    assert for_extension(ext) == name
    entry_points = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    group = entry_points["project"]["entry-points"]["docconv.writers"]
    assert group[name] == BUILTIN[name]


def test_importable_by_class_name() -> None:
    from convert.writers import HtmlWriter, MarkdownWriter, TextWriter

    assert [MarkdownWriter.name, HtmlWriter.name, TextWriter.name] == ["md", "html", "txt"]


def test_listed_by_docconv_formats() -> None:
    r = docconv("formats")
    assert r.returncode == 0, r.stderr
    listed = {line.split()[0] for line in r.stdout.decode().splitlines() if line.strip()}
    assert {"md", "html", "txt"} <= listed


def test_cli_writes_all_three(tmp_path: Path) -> None:
    r = docconv(str(SAMPLES / "speech.html"), "--to", "md,html,txt", "-d", str(tmp_path))
    assert r.returncode == 0, r.stderr
    doc = read(SAMPLES / "speech.html")
    for name, ext in FORMATS.items():
        out = tmp_path / f"speech{ext}"
        buf = io.BytesIO()
        write(doc, buf, to=name)
        assert out.read_bytes() == buf.getvalue(), name
    assert "区长在质量绩效管理推进会讲话" in (tmp_path / "speech.txt").read_text(encoding="utf-8")


def test_cli_format_from_the_extension_and_stdout(tmp_path: Path) -> None:
    r = docconv(str(SAMPLES / "speech.txt"), "-o", str(tmp_path / "x.md"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "x.md").read_text(encoding="utf-8").startswith("---\ntitle: ")
    r = docconv(str(SAMPLES / "speech.txt"), "--to", "txt", "-o", "-")
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8").lstrip("\u3000").startswith("区长在质量绩效管理推进会讲话\n")


def test_bytes_do_not_depend_on_the_process(tmp_path: Path) -> None:
    """Same input, same bytes: in two processes with different hash seeds and times."""
    runs = []
    for seed, epoch in (("1", "1700000000"), ("2", "1800000000")):
        out = tmp_path / seed
        out.mkdir()
        env = {"PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": epoch}
        r = docconv(str(SAMPLES / "speech.html"), "--to", "md,html,txt", "-d", str(out), env=env)
        assert r.returncode == 0, r.stderr
        runs.append({ext: (out / f"speech{ext}").read_bytes() for ext in FORMATS.values()})
    assert runs[0] == runs[1]


def test_no_heavy_imports() -> None:
    """What writing md, html and txt imports beyond the registry, the model and the styles."""
    code = (
        "import sys, io, json\n"
        "from convert.writers import get\n"
        "from convert.model import Document\n"
        "from convert.styles import load\n"
        "style = load()\n"
        "before = set(sys.modules)\n"
        "for n in ('md', 'html', 'txt'):\n"
        "    get(n)().write(Document(), io.BytesIO(), style)\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr
    added = json.loads(r.stdout)
    heavy = {"ebooklib", "reportlab", "docx", "fontTools", "lxml", "bs4", "markdown_it", "yaml"}
    assert not [m for m in added if m.split(".")[0] in heavy], added


def test_a_writer_renders_a_document_made_safe_once() -> None:
    """Writer.write strips what no format can hold, once, and warns; render never sees it.
    A writer class that defines no render (nor its own write) is refused when defined."""
    import io

    from convert.model import Document, Meta, Paragraph
    from convert.styles import load
    from convert.writers.base import Writer

    seen = []

    class Probe(Writer):
        name = "probe"
        extension = ".probe"

        def render(self, doc, out, style):  # type: ignore[no-untyped-def]
            seen.append(doc)
            return []

    doc = Document(Meta(title="t\x00"), (Paragraph("a\x01b\ud800c"),))
    warnings = Probe().write(doc, io.BytesIO(), load())
    assert [w.code for w in warnings] == ["xml-characters"]
    assert seen[0].meta.title == "t" and seen[0].blocks[0].text == "abc"
    clean = Document(Meta(title="t"), (Paragraph("abc"),))
    assert Probe().write(clean, io.BytesIO(), load()) == [] and seen[1] is clean
    with pytest.raises(TypeError, match="must define render"):

        class Empty(Writer):
            name = "empty"
