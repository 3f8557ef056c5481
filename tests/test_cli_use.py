"""The command line and the library as their users expect (issue 16): warnings seen,
configuration overridable, -o and folder runs alike, one-line usage errors, the library's
edges, pandoc's conventions. Everything runs docconv in a subprocess, as a user does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from conftest import FONTS, ROOT, SAMPLES, require_tool
from lxml import etree

# A complete little speech: no page counts, final full stop (so no truncation warning).
PAGE = (
    "<html><head><meta charset='utf-8'><title>会议讲话</title></head><body>"
    "<p>会议讲话</p><p>同志们：</p><p>一、总体要求</p>"
    "<p>今天我们召开全区工作会议，总结去年的工作，部署今年的任务。</p>"
    "<p>（一）工作任务</p><p>各部门要认真贯彻执行，确保各项工作落到实处。</p>"
    "<p>谢谢大家！</p></body></html>"
)
RARE = "同志们：\n今天开会🙂，请大家发言。\n"  # an emoji no bundled font has


def docconv(
    *args: object,
    cwd: Path | None = None,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    script: bool = False,
) -> subprocess.CompletedProcess[str]:
    """docconv in a subprocess: `python -m convert`, or the installed console script."""
    argv = [sys.executable, "-m", "convert"]
    if script:
        path = Path(sysconfig.get_path("scripts")) / "docconv"
        assert path.is_file(), f"no console script at {path}: pip install -e . first"
        argv = [str(path)]
    return subprocess.run(
        [*argv, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin.decode() if stdin is not None else None,
        env={**os.environ, **env} if env else None,
        timeout=180,
    )


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


# --- 1. warnings are seen ------------------------------------------------------------------


def test_a_single_file_prints_its_warnings(tmp_path: Path) -> None:
    rare = tmp_path / "rare.txt"
    rare.write_text(RARE, encoding="utf-8")
    done = docconv(rare, "--to", "pdf")  # no -o: once a silent batch of one
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "rare.pdf").is_file()
    assert f"docconv: warning: {rare}: no bundled font has '🙂'" in done.stderr


def test_fail_on_warnings_says_why(tmp_path: Path) -> None:
    rare = tmp_path / "rare.txt"
    rare.write_text(RARE, encoding="utf-8")
    done = docconv(rare, "--to", "pdf", "--fail-on-warnings", "-q")
    assert done.returncode == 3
    assert done.stderr.strip().splitlines() == [
        "docconv: error: 1 warning(s), and --fail-on-warnings was given"
    ]


def test_a_batch_names_each_warning(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).write_text(RARE, encoding="utf-8")
    done = docconv(tmp_path / "in", "--to", "pdf", "-d", tmp_path / "out", "-j", "1")
    assert done.returncode == 0, done.stderr
    for name in ("a.txt", "b.txt"):
        assert f"warning: {tmp_path / 'in' / name}: no bundled font has '🙂'" in done.stderr
    assert "2 converted, 0 skipped, 0 failed, 2 warnings" in done.stderr


def test_embedded_fonts_are_a_note_not_a_warning(page: Path) -> None:
    done = docconv(page, "--to", "epub", "--embed-fonts", "--fail-on-warnings")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    loud = docconv(page, "--to", "epub", "--embed-fonts", "-v")
    assert "note: " in loud.stderr and "embedded" in loud.stderr and "font subset" in loud.stderr


def test_a_truncated_preview_is_reported(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "speech.html", tmp_path / "speech.html")
    done = docconv(tmp_path / "speech.html", "--to", "json")
    assert done.returncode == 0, done.stderr
    assert "the preview stops before the end (the document has 12 pages)" in done.stderr
    # A page that says how much it shows ("已阅读5页,还剩5页未读").
    head = "已阅读5页,还剩5页未读 继续免费阅读\n页数:10页\n"
    (tmp_path / "cut.txt").write_text(head + RARE.replace("🙂", ""), encoding="utf-8")
    done = docconv(tmp_path / "cut.txt", "--to", "json", "-o", "-", "--site", "renrendoc")
    view = json.loads(done.stdout)
    if view["meta"]["pages"] == 10 and view["meta"]["pages_shown"] == 5:
        assert "the preview shows 5 of 10 pages" in done.stderr


# --- 3. configuration can be overridden ----------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, page: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docconv]\nto = ["docx", "pdf"]\noutput-dir = "out"\nrepair = false\n'
        "quiet = true\nforce = true\n",
        encoding="utf-8",
    )
    return tmp_path


def test_o_wins_over_the_configured_formats_and_folder(project: Path) -> None:
    done = docconv("page.html", "-o", "mine.docx", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (project / "mine.docx").is_file()
    assert not (project / "out").exists() and not list(project.glob("*.pdf"))
    done = docconv("page.html", "--to", "docx", "-o", "mine2.docx", cwd=project)
    assert done.returncode == 0 and (project / "mine2.docx").is_file()
    # A -d typed on the command line still places -o.
    done = docconv("page.html", "-o", "mine3.docx", "-d", "typed", cwd=project)
    assert done.returncode == 0 and (project / "typed" / "mine3.docx").is_file()


def test_every_configured_flag_has_an_opposite(project: Path) -> None:
    plain = json.loads(docconv("page.html", "--to", "json", "-o", "-", cwd=project).stdout)
    assert plain["blocks"][0]["text"] == "同志们："  # the page's own (full-width) colon
    (project / "half.txt").write_text("同志们:\n今天开会,请大家发言。\n", encoding="utf-8")
    raw = json.loads(docconv("half.txt", "--to", "json", "-o", "-", cwd=project).stdout)
    fixed = json.loads(
        docconv("half.txt", "--to", "json", "-o", "-", "--repair", cwd=project).stdout
    )
    assert raw["blocks"][0]["text"] == "同志们:" and fixed["blocks"][0]["text"] == "同志们："
    rare = project / "rare.txt"
    rare.write_text(RARE, encoding="utf-8")
    quiet = docconv("rare.txt", "--to", "pdf", "-o", "r.pdf", cwd=project)
    loud = docconv("rare.txt", "--to", "pdf", "-o", "r.pdf", "--no-quiet", cwd=project)
    assert quiet.stderr == "" and "no bundled font" in loud.stderr
    (project / "in").mkdir()
    shutil.copy(project / "page.html", project / "in" / "page.html")
    first = docconv("in", "--to", "json", "--report", "r1.jsonl", cwd=project)
    again = docconv("in", "--to", "json", "--no-force", "--report", "r2.jsonl", cwd=project)
    assert first.returncode == 0 and again.returncode == 0, again.stderr
    assert json.loads((project / "r2.jsonl").read_text())["status"] == "skipped"


def test_config_file_and_no_config(project: Path) -> None:
    (project / "other.toml").write_text('to = "txt"\n', encoding="utf-8")
    done = docconv("page.html", "--config", "other.toml", "-d", ".", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (project / "page.txt").is_file() and not (project / "page.docx").exists()
    done = docconv("page.html", "--no-config", cwd=project)
    assert done.returncode == 0 and (project / "page.docx").is_file()  # docx, beside it
    assert not (project / "out").exists()
    done = docconv("page.html", "--config", "missing.toml", cwd=project)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1


def test_a_malformed_pyproject_breaks_nothing(tmp_path: Path, page: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.docconv\nto = [", encoding="utf-8")
    listing = docconv("formats", cwd=tmp_path)
    assert listing.returncode == 0 and "docx" in listing.stdout and listing.stderr == ""
    done = docconv("page.html", "--to", "json", cwd=tmp_path)
    assert done.returncode == 0 and (tmp_path / "page.json").is_file()
    assert "pyproject.toml" in done.stderr and "not used" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    (tmp_path / "docconv.toml").write_text("to = [", encoding="utf-8")  # ours: an error
    done = docconv("page.html", "--to", "json", cwd=tmp_path)
    assert done.returncode == 2 and "docconv.toml" in done.stderr


# --- 4. -o and folder runs alike -----------------------------------------------------------


def test_report_with_o(page: Path, tmp_path: Path) -> None:
    done = docconv(page, "-o", tmp_path / "x.json", "--report", tmp_path / "r.jsonl")
    assert done.returncode == 0, done.stderr
    (line,) = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert line["status"] == "converted" and line["outputs"] == [str(tmp_path / "x.json")]
    assert set(line) == {"input", "status", "outputs", "warnings", "error", "seconds"}


def test_a_single_file_is_converted_every_time_and_leaves_no_manifest(page: Path) -> None:
    for _ in range(2):
        done = docconv(page, "--to", "json", "--report", page.parent / "r.jsonl")
        assert done.returncode == 0 and done.stderr == ""
        assert json.loads((page.parent / "r.jsonl").read_text())["status"] == "converted"
    assert not list(page.parent.glob(".docconv-manifest*"))


def test_stdin_with_d_and_a_new_folder(tmp_path: Path) -> None:
    done = docconv("-", "-d", tmp_path / "sd" / "deeper", "--to", "md", stdin=PAGE.encode())
    assert done.returncode == 0, done.stderr
    assert "会议讲话" in (tmp_path / "sd" / "deeper" / "stdin.md").read_text(encoding="utf-8")
    assert done.stdout == ""


# --- 5. usage errors are one line ----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-j", "abc"], "-j"),
        (["--shard", "3/2"], "--shard 3/2"),
        (["--shard", "x"], "--shard takes I/N"),
        (["--nosuchoption"], "No such option"),
        (["-M", "colour=red"], "unknown metadata field 'colour'"),
    ],
)
def test_usage_errors_are_one_line(page: Path, args: list[str], message: str) -> None:
    done = docconv(page, "--to", "json", *args)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("docconv: error: ")
    assert message in done.stderr and "Input should be" not in done.stderr


def test_help_reads_as_people_write_it() -> None:
    text = docconv("convert", "--help").stdout
    assert "Usage: docconv convert [OPTIONS] INPUT..." in text
    for typer_ism in ("<list[str]>", "{inputs}", "[default: 0]", "<str>", "<path>", "<int>"):
        assert typer_ism not in text
    assert "-t, --to FORMAT" in text and "-j, --jobs N" in text


def test_short_version() -> None:
    done = docconv("-V")
    assert done.returncode == 0 and done.stdout.startswith("docconv ")


# --- 6. the library's edges ----------------------------------------------------------------


def test_top_level_exports_and_plan_takes_str(tmp_path: Path) -> None:
    code = (
        "import convert\n"
        "from convert import ProfileError, RuleSwitchError, read_detailed, write_bytes\n"
        "from convert import ReadOptions, WriteOptions, OptionError, ConfigError\n"
        "from convert.batch import Job, plan\n"
        "assert issubclass(ProfileError, convert.DocconvError)\n"
        "assert issubclass(RuleSwitchError, convert.DocconvError)\n"
        f"tasks = plan([{str(tmp_path)!r}], Job(formats=('json',)))\n"
        "print(len(tasks))\n"
        f"r = read_detailed({str(tmp_path / 'page.html')!r}, ReadOptions(repair=False))\n"
        "print(write_bytes(r.document, 'txt').decode().split()[0])\n"
        "try:\n"
        f"    convert.read({str(tmp_path / 'page.html')!r}, repiar=False)\n"
        "except OptionError as e:\n"
        "    print('option error:', e)\n"
    )
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "1" and lines[1].startswith("会议讲话")
    assert lines[2].startswith("option error: unknown read option 'repiar'")


def test_readme_warns_about_a_script_named_convert_py() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    library = readme[readme.index("## Library") :]
    assert "named `convert.py`" in library and "Rename the script" in library


# --- 7. pandoc's conventions ---------------------------------------------------------------


def test_metadata_option(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.docx"
    done = docconv(page, "-o", out, "-M", "title=另一个标题", "-M", "author=区政府办公室",
                   "--metadata", "date=2024-05-06", "-M", "keywords=质量, 管理")  # fmt: skip
    assert done.returncode == 0, done.stderr
    props = docx.Document(str(out)).core_properties
    assert props.title == "另一个标题" and props.author == "区政府办公室"
    view = json.loads(docconv(page, "--to", "json", "-o", "-", "-M", "author=某某").stdout)
    assert view["meta"]["author"] == "某某"
    done = docconv(page, "--to", "json", "-o", "-", "-M", "date=2024-05-06", "-M", "keywords=a,b")
    view = json.loads(done.stdout)
    assert view["meta"]["date"] == "2024-05-06" and view["meta"]["keywords"] == ["a", "b"]


def test_subject_metadata_in_every_format(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = docconv(page, "--to", "docx,pdf,epub,md,json,html", "-d", out, "-M", "subject=质量管理",
                   "-M", "keywords=质量,管理")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert docx.Document(str(out / "page.docx")).core_properties.subject == "质量管理"
    info = subprocess.run([require_tool("pdfinfo"), out / "page.pdf"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Subject"].strip() == "质量管理"
    with zipfile.ZipFile(out / "page.epub") as book:
        opf = next(n for n in book.namelist() if n.endswith(".opf"))
        subjects = [
            e.text
            for e in etree.fromstring(book.read(opf)).iter(
                "{http://purl.org/dc/elements/1.1/}subject"
            )
        ]
    assert subjects == ["质量管理", "质量", "管理"]  # the subject first, then the keywords
    md = (out / "page.md").read_text(encoding="utf-8")
    assert yaml.safe_load(md.split("---\n")[1])["subject"] == "质量管理"
    assert json.loads((out / "page.json").read_text(encoding="utf-8"))["meta"]["subject"] == (
        "质量管理"
    )
    page_head = etree.parse(str(out / "page.html"), etree.HTMLParser()).getroot()
    assert page_head.find(".//meta[@name='dcterms.subject']").get("content") == "质量管理"
    # the Markdown reader reads it back: md → json keeps the subject
    back = docconv(out / "page.md", "--to", "json", "-o", "-")
    assert back.returncode == 0, back.stderr
    assert json.loads(back.stdout)["meta"]["subject"] == "质量管理"


def test_subject_is_the_subtitle_when_none_is_given(tmp_path: Path) -> None:
    out = tmp_path / "s.docx"
    done = docconv(SAMPLES / "speech.txt", "-o", out, "-M", "subtitle=——在推进会上的讲话")
    assert done.returncode == 0, done.stderr
    assert docx.Document(str(out)).core_properties.subject == "——在推进会上的讲话"
    bad = docconv(SAMPLES / "speech.txt", "--to", "json", "-o", "-", "-M", "topic=x")
    assert bad.returncode == 2 and "subject" in bad.stderr  # named among the fields


def test_listings_pandoc_users_reach_for() -> None:
    inputs = docconv("--list-input-formats")
    assert inputs.returncode == 0
    names = [line.split()[0] for line in inputs.stdout.splitlines()]
    assert {"html", "mhtml", "txt"} <= set(names) and ".htm" in inputs.stdout
    outputs = docconv("--list-output-formats")
    assert outputs.returncode == 0 and "epub" in outputs.stdout
    style = docconv("--print-default-style")
    assert style.returncode == 0
    assert style.stdout == (ROOT / "styles" / "gongwen.toml").read_text(encoding="utf-8")
    assert tomllib.loads(style.stdout)


def test_shell_completion() -> None:
    # --show-completion finds the shell among the parent processes, which a test run in the
    # background may not have; the variable names it (what the installed script runs).
    env = {**os.environ, "_DOCCONV_COMPLETE": "source_bash"}
    done = subprocess.run(
        [sys.executable, "-m", "convert"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "complete -o" in done.stdout and "_docconv_completion" in done.stdout


def test_verbose(page: Path, tmp_path: Path) -> None:
    done = docconv(page, "-o", tmp_path / "v.json", "-v")
    assert done.returncode == 0
    assert f"wrote {tmp_path / 'v.json'}" in done.stderr and "html, utf-8" in done.stderr


def test_format_aliases(page: Path, tmp_path: Path) -> None:
    done = docconv(page, "--to", "markdown", "-d", tmp_path / "o")
    assert done.returncode == 0 and (tmp_path / "o" / "page.md").is_file()
    for name, head in (("x.htm", "<!DOCTYPE html"), ("x.markdown", "---")):
        done = docconv(page, "-o", tmp_path / name)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(head)


# --- 8. inspect ----------------------------------------------------------------------------


def test_inspect_filters_by_kind(page: Path) -> None:
    full = json.loads(docconv("inspect", page, "--json").stdout)
    only = json.loads(docconv("inspect", page, "--json", "--only", "removed").stdout)
    assert "blocks" in full and "blocks" not in only and "removed" in only["meta"]
    tree = docconv("inspect", page, "--only", "repairs,flags").stdout
    assert "repairs" in tree and "blocks (" not in tree and "removed (" not in tree
    bad = docconv("inspect", page, "--only", "everything")
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1


def test_inspect_a_folder_says_one_page(tmp_path: Path) -> None:
    done = docconv("inspect", tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"docconv: error: {tmp_path} is a folder; inspect looks at one page (docconv inspect FILE)"
    ]


def test_inspect_says_where_each_rule_lives_and_what_matched() -> None:
    wide = {"COLUMNS": "300"}  # rich wraps at 80 columns when not on a terminal
    done = docconv("inspect", SAMPLES / "speech.txt", "--only", "removed", env=wide, script=True)
    assert done.returncode == 0, done.stderr
    lines = [line.strip("│├└─ ") for line in done.stdout.splitlines()]

    def why(removed: str) -> str:  # the detail printed under a removed line
        return lines[next(i for i, x in enumerate(lines) if x.endswith(f"  {removed}")) + 1]

    assert why("分享") == "generic.toml [chrome] lines"  # the shared profile's rule…
    assert why("收藏 分享赚钱") == "huiwen.toml [chrome] lines"  # …and the site's own
    assert why("ID:2065240") == "generic.toml [meta.keys]: doc_id"
    assert why("网站客服:3074922707") == (
        "generic.toml [chrome.patterns] customer-service: "
        "^(网站|在线|人工)?客服(QQ|电话|微信)?\\s*[:：]"
    )
    assert why("你可能关注的文档").startswith(
        "generic.toml [chrome.end] markers: ^你可能关注的文档$"
    )
    # A line the scorer removed: its score, the weights file and the features that decided.
    scored = docconv(
        "inspect", ROOT / "tests" / "corpus" / "51yjg-1.txt", "--only", "removed",
        env=wide, script=True,
    )  # fmt: skip
    assert "generic:score-line 0.76  Skip to main content" in scored.stdout
    assert (
        "weights.toml (score 0.76): above the document's first sentence; a row of short words"
        in scored.stdout
    )


# --- 9. no waste ---------------------------------------------------------------------------


def test_adding_a_format_to_a_batch_writes_only_that_format(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(SAMPLES / "speech.html", src / "a.html")
    (src / "b.html").write_text(PAGE, encoding="utf-8")
    report = tmp_path / "r.jsonl"

    def run(*formats: str) -> list[dict]:
        done = docconv(src, "--to", ",".join(formats), "-d", out, "--report", report, "-q")
        assert done.returncode == 0, done.stderr
        lines = [json.loads(x) for x in report.read_text().splitlines()]
        return sorted(lines, key=lambda r: r["input"])

    run("docx")
    stamps = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.glob("*.docx")}
    assert sorted(stamps) == ["a.docx", "b.docx"]
    time.sleep(0.05)
    added = run("docx", "epub")
    assert [(r["status"], r["outputs"]) for r in added] == [
        ("converted", [str(out / "a.epub")]),
        ("converted", [str(out / "b.epub")]),
    ]
    assert {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.glob("*.docx")} == stamps
    assert [r["status"] for r in run("epub", "docx")] == ["skipped", "skipped"]


def test_style_edits_leave_small_cache_entries_that_pruning_removes(tmp_path: Path) -> None:
    from convert.cache import STALE_DAYS

    cache, style = tmp_path / "cache", tmp_path / "house.toml"
    sheet = (ROOT / "styles" / "gongwen.toml").read_text(encoding="utf-8")
    assert sheet.count('margin_top = "37mm"') == 1

    def convert_with(margin: str) -> None:
        edited = sheet.replace('margin_top = "37mm"', f'margin_top = "{margin}"')
        style.write_text(edited, encoding="utf-8")
        done = docconv(SAMPLES / "speech.html", "-o", tmp_path / "x.docx", "-s", style, "-q",
                       env={"DOCCONV_CACHE_DIR": str(cache)})  # fmt: skip
        assert done.returncode == 0, done.stderr

    for margin in ("37mm", "36mm", "35mm"):
        convert_with(margin)
    entries = sorted((cache / "docx").glob("*.cache"))
    assert len(entries) == 3  # one package skeleton per edit of the sheet…
    assert all(p.stat().st_size < 100_000 for p in entries)  # …of tens of KB, not ~800
    # Entries no run has used for STALE_DAYS go the next time a run stores one.
    unused = time.time() - (STALE_DAYS + 1) * 86400
    for path in entries:
        os.utime(path, (unused, unused))
    convert_with("34mm")
    left = sorted((cache / "docx").glob("*.cache"))
    assert len(left) == 1 and left[0] not in entries
    convert_with("37mm")  # the first sheet again: built anew, the 34mm entry still fresh
    assert len(list((cache / "docx").glob("*.cache"))) == 2


def test_toc_is_a_field_word_and_libreoffice_update(tmp_path: Path) -> None:
    out = tmp_path / "toc.docx"
    done = docconv(SAMPLES / "speech.html", "-o", out, "--toc", "-q")
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
    assert '<w:instrText xml:space="preserve"> TOC \\o "1-4" \\h \\z \\u </w:instrText>' in body
    assert '<w:updateFields w:val="true"/>' in settings
    d = docx.Document(str(out))
    styles = [p.style.name for p in d.paragraphs]
    entries = [
        p.text
        for p in d.paragraphs
        if p.style.name.lower()[:5] in {f"toc {i}" for i in range(1, 5)}
    ]
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert styles[0] == "Title" and d.paragraphs[1].text == "目录"
    assert entries == headings and len(headings) == 7
    # Before any update, LibreOffice shows the entries the field was written with.
    office, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS / "fontconfig.conf"), "HOME": str(tmp_path)}
    subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=240, env=env,
    )  # fmt: skip
    text = subprocess.run(
        [pdftotext, "-l", "1", str(tmp_path / "toc.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert text.index("目录") < text.index("四、加强领导") < text.index("同志们")


def test_reference_doc_styles_replace_the_sheets(tmp_path: Path) -> None:
    from docx.shared import Pt, RGBColor

    ref = docx.Document()
    ref.styles["Normal"].font.size = Pt(16)
    ref.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0, 0)
    ref.save(str(tmp_path / "ref.docx"))
    out = tmp_path / "out.docx"
    done = docconv(SAMPLES / "speech.html", "-o", out, "--reference-doc", tmp_path / "ref.docx")
    assert done.returncode == 0, done.stderr
    d = docx.Document(str(out))
    assert d.styles["Normal"].font.size.pt == 16
    assert d.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0, 0)
    assert d.paragraphs[1].style.name == "Greeting"  # the sheet's own style stays
    missing = docconv(SAMPLES / "speech.html", "-o", out, "--reference-doc", tmp_path / "no.docx")
    assert missing.returncode == 4 and len(missing.stderr.splitlines()) == 1


def test_no_arguments_show_the_help() -> None:
    done = docconv()
    assert done.returncode == 2
    assert done.stderr.startswith("Usage: docconv [OPTIONS] COMMAND [ARGS]...\n")
    assert "convert" in done.stderr and "docconv: error" not in done.stderr
