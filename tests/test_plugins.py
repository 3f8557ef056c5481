"""Plugins through real entry points, configuration files, and the listing commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import SAMPLES

TOY = '''
from convert.writers.base import Writer
from convert.readers.base import Reader, Source, number_lines


class ToyWriter(Writer):
    """Writes the title and the number of blocks: enough to prove it was called."""

    name = "toy"
    extension = ".toy"
    binary = False
    description = "a test plugin"

    def write(self, doc, out, style):
        out.write(f"{doc.meta.title}|{len(doc.blocks)}|{style.name}\\n".encode())
        return []


class ShoutReader(Reader):
    """Reads .shout files: text in capitals between >>> and <<<."""

    name = "shout"
    extensions = (".shout",)

    def sniff(self, head, name):
        return head.startswith(b">>>")

    def read(self, data, *, name=""):
        text = data.decode("utf-8").strip("><\\n")
        return Source(number_lines([(line, "") for line in text.splitlines()]), "shout", name=name)
'''


@pytest.fixture
def plugin_path(tmp_path: Path) -> dict[str, str]:
    """An installed distribution `docconv-toy` (module + .dist-info) on PYTHONPATH."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "docconv_toy.py").write_text(TOY, encoding="utf-8")
    info = site / "docconv_toy-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: docconv-toy\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[docconv.writers]\ntoy = docconv_toy:ToyWriter\n\n[docconv.readers]\nshout = docconv_toy:ShoutReader\n",
        encoding="utf-8",
    )
    return dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])
    )


def docconv(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "convert", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def test_a_writer_plugin_is_used_from_the_cli(plugin_path: dict[str, str], tmp_path: Path) -> None:
    listed = docconv("formats", env=plugin_path)
    assert "toy" in listed.stdout and "a test plugin" in listed.stdout
    out = tmp_path / "speech.toy"
    r = docconv(
        str(SAMPLES / "speech.txt"), "-o", str(out), env=plugin_path
    )  # format from the extension
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8") == "区长在质量绩效管理推进会讲话|23|gongwen\n"
    r = docconv(str(SAMPLES / "speech.txt"), "--to", "toy", "-o", "-", env=plugin_path)
    assert r.stdout.startswith("区长在质量绩效管理推进会讲话|")


def test_a_reader_plugin_claims_its_inputs(plugin_path: dict[str, str], tmp_path: Path) -> None:
    page = tmp_path / "note.shout"
    page.write_text(">>>会议纪要\n今天讨论了三个问题。<<<", encoding="utf-8")
    r = docconv(str(page), "--to", "json", "-o", "-", env=plugin_path)
    assert r.returncode == 0, r.stderr
    view = json.loads(r.stdout)
    assert view["meta"]["title"] == "会议纪要"
    assert view["blocks"][0]["text"] == "今天讨论了三个问题。"


def test_site_profiles_from_an_entry_point(tmp_path: Path) -> None:
    """A package ships a folder of site profiles under `docconv.sites`."""
    site = tmp_path / "site"
    profiles = site / "docconv_mysites" / "profiles"
    profiles.mkdir(parents=True)
    (site / "docconv_mysites" / "__init__.py").write_text(
        "from pathlib import Path\nFOLDER = Path(__file__).parent / 'profiles'\n", encoding="utf-8"
    )
    (profiles / "examplewenku.toml").write_text(
        'name = "examplewenku"\n[match]\nphrases = ["示例文库独家"]\n[chrome]\nlines = ["示例文库独家 海量文档"]\n',
        encoding="utf-8",
    )
    info = site / "docconv_mysites-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: docconv-mysites\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[docconv.sites]\nmysites = docconv_mysites:FOLDER\n", encoding="utf-8"
    )
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])
    )
    page = tmp_path / "p.txt"
    page.write_text("示例文库独家 海量文档\n年度总结\n今年各项工作稳步推进。", encoding="utf-8")
    r = docconv(str(page), "--to", "json", "-o", "-", env=env)
    assert r.returncode == 0, r.stderr
    view = json.loads(r.stdout)
    assert view["meta"]["site"] == "examplewenku"
    assert [x["rule"] for x in view["meta"]["removed"]] == ["examplewenku:chrome-line"]


def test_without_the_plugin_the_format_is_unknown(tmp_path: Path) -> None:
    r = docconv(str(SAMPLES / "speech.txt"), "--to", "toy")
    assert r.returncode == 4 and "unknown output format 'toy'" in r.stderr


def test_options_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [project]
            name = "someone-elses-project"

            [tool.docconv]
            to = ["json"]
            output-dir = "out"
            repair = false
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "out").mkdir()
    (tmp_path / "work").mkdir()
    r = docconv(str(SAMPLES / "speech.txt"), cwd=tmp_path / "work")  # found walking up
    assert r.returncode == 0, r.stderr
    view = json.loads((tmp_path / "out" / "speech.json").read_text(encoding="utf-8"))
    assert view["blocks"][0]["text"] == "同志们:"  # repair = false: the page's own colon
    # The command line wins over the file.
    r = docconv(
        str(SAMPLES / "speech.txt"), "--to", "docx", "-d", str(tmp_path), cwd=tmp_path / "work"
    )
    assert r.returncode == 0 and (tmp_path / "speech.docx").is_file()


def test_docconv_toml_and_bad_keys(tmp_path: Path) -> None:
    (tmp_path / "docconv.toml").write_text(
        'to = "json"\nstyle = "plain"\nfont = { body = "fonts/x.ttf" }\n', encoding="utf-8"
    )
    from convert.config import default_map

    defaults = default_map(tmp_path)["convert"]
    assert defaults["to"] == ["json"] and defaults["style"] == "plain"
    assert defaults["font"] == [f"body={tmp_path / 'fonts' / 'x.ttf'}"]
    (tmp_path / "docconv.toml").write_text("jobz = 2\n", encoding="utf-8")
    r = docconv(str(SAMPLES / "speech.txt"), cwd=tmp_path)
    assert r.returncode == 2 and "unknown docconv option 'jobz'" in r.stderr


def test_a_pyproject_without_the_table_is_not_ours(tmp_path: Path) -> None:
    from convert.config import find

    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find(tmp_path) is None or find(tmp_path)[0].parent != tmp_path  # type: ignore[index]


def test_fonts_command() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "convert", "fonts"],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, COLUMNS="200"),
    )
    assert r.returncode == 0, r.stderr
    assert "NotoSerifSC-Regular.ttf" in r.stdout and "LXGWWenKai-Regular.ttf" in r.stdout
    assert "100.0%" in r.stdout
    assert "fallback order: serif" in r.stdout
