"""The second hostile pass (issue 17, items 7, 8, 9, 11 and 12): broken or hostile input and
configuration end in a one-line error with exit 1, 2 or 4, or in a right document with a
warning; never an internal error, a wrong document without a warning, or a hang.

Special files (a full device) are made here with mknod, never the system's own."""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from convert import api
from convert.cli import main
from convert.errors import InputError

TEXT = "同志们：今天我们召开全区质量工作会议，总结去年的工作，部署今年的任务。"
MORE = "各地区各部门要把思想和行动统一到工作部署上来，切实增强责任感和紧迫感。"
ROOT = Path(__file__).resolve().parents[1]


def page(body: str = f"<p>{TEXT}</p><p>{MORE}</p>", head: str = "<meta charset='utf-8'>") -> str:
    return f"<html><head>{head}<title>会议讲话</title></head><body>{body}</body></html>"


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stop:
        main([str(a) for a in args])
    code = stop.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err


def docconv(*args: object, **kw: object) -> subprocess.CompletedProcess[bytes]:
    options: dict[str, object] = {"capture_output": True, "timeout": 120, **kw}
    return subprocess.run([sys.executable, "-m", "convert", *map(str, args)], **options)  # type: ignore[call-overload, no-any-return]


def one_line_error(err: str, code: int, codes: tuple[int, ...] = (1, 2, 4)) -> None:
    assert code in codes, err
    assert err.count("\n") == 1 and err.startswith("docconv: error: "), err
    assert "internal error" not in err and "Traceback" not in err


@pytest.fixture
def src(tmp_path: Path) -> Path:
    path = tmp_path / "p.html"
    path.write_text(page(), encoding="utf-8")
    return path


# -- item 11: non-text codecs, deep MIME, stdin, full devices, manifests ------------------------


@pytest.mark.parametrize(
    "label",
    [
        "hex",
        "zlib",
        "base64",
        "rot13",
        "undefined",
        "uu",
        "bz2",
        "unicode_escape",
        "utf-7",
        "idna",
        "quopri",
    ],
)
def test_non_text_codecs_are_never_used(label: str) -> None:
    data = page(head=f"<meta charset='{label}'>").encode("gb18030")  # not UTF-8: the label counts
    reading = api.read_detailed(data, name="p.html")
    assert reading.encoding == "gb18030"
    assert MORE in [b.text for b in reading.document.blocks]


def mhtml(html: bytes, charset: str = "utf-8", encoding: str = "base64", cut: int = 0) -> bytes:
    body = base64.encodebytes(html).decode() if encoding == "base64" else html.decode()
    if cut:
        body = body.replace("\n", "")[:cut]
    return (
        "From: <Saved by Blink>\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="B"\r\n\r\n'
        f"--B\r\nContent-Type: text/html; charset={charset}\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n"
        "Content-Location: https://example.com/p.html\r\n\r\n"
        f"{body}\r\n--B--\r\n"
    ).encode()


def test_mhtml_with_a_non_text_charset() -> None:
    doc = api.read(mhtml(page().encode("gb18030"), charset="zlib"), name="p.mhtml")
    assert MORE in [b.text for b in doc.blocks]


def test_mhtml_nested_a_thousand_deep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = "MIME-Version: 1.0\r\n"
    parts = []
    for i in range(1000):
        parts.append(f'Content-Type: multipart/related; boundary="b{i}"\r\n\r\n--b{i}\r\n')
    inner = "Content-Type: text/html; charset=utf-8\r\n\r\n" + page() + "\r\n"
    tail = "".join(f"--b{i}--\r\n" for i in reversed(range(1000)))
    path = tmp_path / "deep.mhtml"
    path.write_text(head + "".join(parts) + inner + tail, encoding="utf-8")
    code, err = run_cli(capsys, path, "--to", "json", "-o", tmp_path / "x.json")
    if code == 0:
        doc = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
        assert TEXT in json.dumps(doc, ensure_ascii=False)
    else:
        one_line_error(err, code)
        assert "nested" in err


def test_stdin_closed(tmp_path: Path) -> None:
    done = docconv("-", "--to", "json", stdin=subprocess.DEVNULL, cwd=tmp_path)
    assert done.returncode == 1 and b"is empty" in done.stderr
    closed = subprocess.run(  # started with no standard input at all
        [sys.executable, "-m", "convert", "-", "--to", "json"],
        preexec_fn=lambda: os.close(0),
        capture_output=True,
        timeout=60,
        cwd=tmp_path,
    )
    err = closed.stderr.decode()
    assert closed.returncode == 1, err
    assert "stdin" in err and err.count("\n") == 1 and "internal error" not in err


def test_stdout_on_a_full_device(src: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    try:
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # a full device of our own
    except PermissionError:
        pytest.skip("mknod needs root")
    with open(full, "wb") as out:
        done = subprocess.run(
            [sys.executable, "-m", "convert", src, "--to", "json", "-o", "-"],
            stdout=out,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "No space left" in err and err.count("\n") == 1 and "internal error" not in err
    assert stat.S_ISCHR(os.lstat(full).st_mode)


MANIFESTS = [
    b'{"output": "p.json", "input": 5, "options": []}\n',
    b"[1, 2, 3]\n",
    b'"just a string"\n',
    b'{"p.json": [1, 2], "q.json": "x"}',  # the old one-object form, with wrong entries
    b"[" * 100_000 + b"]" * 100_000,  # deep enough to exhaust the recursion limit
    b'{"output": "p.json"' + b', "x": {"y": ' * 50_000 + b"1" + b"}" * 50_001 + b"\n",
    b"\xff\xfe garbage \x00\x01",
]


@pytest.mark.parametrize("data", MANIFESTS, ids=range(len(MANIFESTS)))
def test_damaged_manifest_is_ignored(
    data: bytes, src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".docconv-manifest.json").write_bytes(data)
    (out / "p.json").write_bytes(b"{}")  # an output newer than its input: the entry is read
    code, err = run_cli(capsys, src, "--to", "json", "-d", out)
    assert code == 0, err
    assert (out / "p.json").is_file()
    code, err = run_cli(capsys, src, "--to", "json", "-d", out)  # the rewritten one is good
    assert code == 0 and "internal error" not in err


# -- item 11: style sheets ----------------------------------------------------------------------

BAD_STYLES = {
    # wrong types
    "size-list": ("[roles.body]\nsize = [1, 2]\n", "roles.body.size"),
    "bold-string": ('[roles.body]\nbold = "yes"\n', "roles.body.bold"),
    "page-string": ('page = "A4"\n[roles.body]\n', "page must be a table"),
    "roles-body-number": ("[roles]\nbody = 5\n", "roles.body must be a table"),
    "fonts-numbers": ("[roles.body]\nfonts = [1, 2]\n", "roles.body.fonts"),
    "lines-float": ("[page]\nlines = 1.5\n[roles.body]\n", "page.lines"),
    "kinds-number": ("[headings]\nkinds = 5\n[roles.body]\n", "headings.kinds"),
    "faces-list": ("faces = [1]\n[roles.body]\n", "faces"),
    # impossible numbers
    "margin-300mm": ('[page]\nmargin_left = "300mm"\n[roles.body]\n', "margins leave no room"),
    "width-0": ("[page]\nwidth = 0\n[roles.body]\n", "page.width"),
    "line-height-inf": ("[roles.body]\nline_height = inf\n", "roles.body.line_height"),
    "line-height-0": ("[roles.body]\nline_height = 0\n", "roles.body.line_height"),
    "size-1e308": ("[roles.body]\nsize = 1e308\n", "roles.body.size"),
    "size-nan": ("[roles.body]\nsize = nan\n", "roles.body.size"),
    "size-0": ("[roles.body]\nsize = 0\n", "roles.body.size"),
    "size-negative": ('[roles.body]\nsize = "-12pt"\n', "roles.body.size"),
    "space-inf": ("[roles.h1]\nspace_before = inf\n[roles.body]\n", "roles.h1.space_before"),
    "indent-huge": ("[roles.body]\nindent = 1e9\n", "roles.body.indent"),
    "chars-huge": ("[page]\nchars = 100000000\n[roles.body]\n", "page.chars"),
    "font-control": ('[roles.body]\nfonts = ["Sim\\fSun"]\n', "roles.body.fonts"),
}


@pytest.mark.parametrize("case", sorted(BAD_STYLES))
def test_bad_style_sheet(
    case: str, src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, says = BAD_STYLES[case]
    sheet = tmp_path / "bad.toml"
    sheet.write_text('extends = "gongwen"\n' + text, encoding="utf-8")
    code, err = run_cli(capsys, src, "--to", "pdf", "-s", sheet, "-o", tmp_path / "x.pdf")
    one_line_error(err, code)
    assert says in err and "bad.toml" in err, err
    assert not (tmp_path / "x.pdf").exists()


# -- item 7: CSS strings ------------------------------------------------------------------------

HOSTILE_FONTS = [
    'Evil"; } body { background: url(http://example.com/x.png); } p { x: "',
    'Evil\\"; @import url(http://example.com/x.css); x: "',
    "Evil'</style><link rel=stylesheet href=http://example.com/x.css><style>'",
    "Evil\\",
]


#: Names only the library can pass (a style sheet with a control character is refused).
RAW_NAMES = [
    'Evil\f} body { background: url(http://example.com/x.png) } p { x: "',
    "Evil\r; } @import url(http://example.com/x.css); {",
    "Evil\n\x00\ud800",
]


def css_tokens(css: str) -> list[object]:
    tinycss2 = pytest.importorskip("tinycss2")
    out: list[object] = []
    stack = list(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    while stack:
        node = stack.pop()
        out.append(node)
        for attr in ("prelude", "content", "arguments"):
            stack.extend(getattr(node, attr, None) or ())
    return out


def test_font_names_cannot_leave_their_css_string(tmp_path: Path) -> None:
    """Every hostile name stays one CSS string: no url(), no @import, no extra rule."""
    from convert.styles import load
    from convert.writers.style_css import quote

    for name in HOSTILE_FONTS + RAW_NAMES:
        tokens = css_tokens(f"p {{ font-family: {quote(name)}; }}")
        kinds = [getattr(t, "type", "") for t in tokens]
        assert kinds.count("qualified-rule") == 1 and "at-rule" not in kinds
        assert "url" not in kinds and not any(getattr(t, "name", "") == "url" for t in tokens)
        strings = [t.value for t in tokens if getattr(t, "type", "") == "string"]
        assert strings == [name.replace("\x00", "\ufffd").replace("\ud800", "\ufffd")]
    sheet = tmp_path / "evil.toml"
    names = ", ".join(json.dumps(n) for n in HOSTILE_FONTS)
    sheet.write_text(
        f'extends = "gongwen"\n[roles.body]\nfonts = [{names}]\nlatin = {json.dumps(HOSTILE_FONTS[0])}\n',
        encoding="utf-8",
    )
    load(sheet)  # names without control characters are allowed, and escaped


def test_no_output_references_a_remote_url(src: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "evil.toml"
    names = ", ".join(json.dumps(n) for n in HOSTILE_FONTS)
    sheet.write_text(f'extends = "gongwen"\n[roles.body]\nfonts = [{names}]\n', encoding="utf-8")
    html = api.convert_file(src, to="html", out=tmp_path / "out.html", style=str(sheet)).outputs[0]
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html.read_bytes())
    for el in tree.iter():
        for attr in ("src", "href", "data", "poster", "action"):
            assert not (el.get(attr) or "").startswith(("http:", "https:", "//")), (el.tag, attr)
    css = "\n".join(s.text or "" for s in tree.iter("style"))
    for token in css_tokens(css):
        assert getattr(token, "type", "") not in ("url", "at-rule") or getattr(
            token, "at_keyword", ""
        ) in ("font-face", "page", "media")
        assert getattr(token, "name", "") != "url" or "http" not in str(
            getattr(token, "arguments", "")
        )
    epub = api.convert_file(src, to="epub", out=tmp_path / "p.epub", style=str(sheet)).outputs[0]
    with zipfile.ZipFile(epub) as z:
        for member in z.namelist():
            if member.endswith((".css", ".xhtml", ".opf", ".ncx")):
                body = z.read(member).decode("utf-8")
                if member.endswith(".css"):
                    for token in css_tokens(body):
                        assert getattr(token, "type", "") != "url" or not str(
                            token.value
                        ).startswith("http")
                        if getattr(token, "type", "") == "function" and token.name == "url":
                            assert "http" not in str(token.arguments)


def test_epub_with_hostile_font_names_passes_epubcheck(src: Path, tmp_path: Path) -> None:
    from test_epub import _epubcheck_command

    sheet = tmp_path / "evil.toml"
    names = ", ".join(json.dumps(n) for n in HOSTILE_FONTS)
    sheet.write_text(f'extends = "gongwen"\n[roles.body]\nfonts = [{names}]\n', encoding="utf-8")
    epub = api.convert_file(src, to="epub", out=tmp_path / "p.epub", style=str(sheet)).outputs[0]
    done = subprocess.run([*_epubcheck_command(), str(epub)], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stdout.decode()[-2000:]


# -- item 11: fonts, site profiles, configuration ----------------------------------------------


@pytest.mark.parametrize("kind", ["garbage", "truncated"])
def test_bad_font_file(
    kind: str, src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    font = tmp_path / "bad.ttf"
    good = (ROOT / "fonts" / "NotoSerifSC-Regular.ttf").read_bytes()
    font.write_bytes(os.urandom(4000) if kind == "garbage" else good[:20000])
    for fmt in ("pdf", "epub"):
        code, err = run_cli(
            capsys,
            src,
            "--to",
            fmt,
            "-o",
            tmp_path / f"x.{fmt}",
            "--font",
            f"body={font}",
            "--embed-fonts",
        )
        one_line_error(err, code)
        assert "cannot read font" in err


def test_font_that_is_a_device(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    node = tmp_path / "random.ttf"
    try:
        os.mknod(node, stat.S_IFCHR | 0o444, os.makedev(1, 9))  # a urandom of our own
    except PermissionError:
        pytest.skip("mknod needs root")
    code, err = run_cli(capsys, src, "-o", tmp_path / "x.pdf", "--font", f"body={node}")
    one_line_error(err, code)
    assert "not a regular file" in err and "does not exist" not in err


BAD_PROFILES = {
    "name-number": ("name = 5\n", "name must be a string"),
    "domains-string": ('name = "x"\n[match]\ndomains = "a.com"\n', "match.domains must be a list"),
    "patterns-number": ('name = "x"\n[chrome.patterns]\nad = 5\n', "chrome.patterns must be"),
    "chunked-string": (
        'name = "x"\n[pages]\nchunked = "yes"\n',
        "pages.chunked must be true or false",
    ),
    "meta-list": ('name = "x"\nmeta = [1]\n', "meta must be a table"),
    "keys-not-lists": ('name = "x"\n[meta.keys]\ntitle = "标题"\n', "meta.keys must be"),
    "title-without-group": ('name = "x"\n[title.lines]\nt = "^标题"\n', "(?P<title>"),
    "unknown-subkey": ('name = "x"\n[chrome]\nline = ["a"]\n', "unknown key chrome.line"),
    "tips-item-list": (
        'name = "x"\n[chrome.tips]\nitem = ["a"]\n',
        "chrome.tips.item must be a string",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PROFILES))
def test_bad_site_profile(
    case: str, src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, says = BAD_PROFILES[case]
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "mine.toml").write_text(text, encoding="utf-8")
    code, err = run_cli(capsys, src, "--to", "json", "-o", tmp_path / "x.json", "--sites", sites)
    one_line_error(err, code)
    assert says in err and "mine.toml" in err, err


def test_catastrophic_user_pattern_is_stopped(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "slow.toml").write_text(
        'name = "slow"\n[chrome.patterns]\nbad = "^(a|aa)+$"\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text(
        "会议讲话\n\n" + "a" * 60 + "b\n" + TEXT + "\n", encoding="utf-8"
    )
    code, err = run_cli(
        capsys,
        tmp_path / "a.txt",
        "--to",
        "json",
        "-o",
        tmp_path / "x.json",
        "--sites",
        sites,
        "--site",
        "slow",
    )
    one_line_error(err, code)
    assert "slow.toml" in err and "took over" in err and "^(a|aa)+$" in err


def test_user_patterns_still_work(tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "mine.toml").write_text(
        'name = "mine"\n[chrome.patterns]\nad = "^广告"\n[title.lines]\nt = "^标题：(?P<title>.+)$"\n',
        encoding="utf-8",
    )
    text = f"标题：会议讲话\n广告：点击下载\n\n{TEXT}\n"
    reading = api.read_detailed(text.encode(), name="a.txt", site="mine", sites_dirs=[sites])
    blocks = [b.text for b in reading.document.blocks]
    assert not any("广告" in b for b in blocks) and "今天我们召开全区质量工作会议" in "".join(
        blocks
    )
    assert reading.document.meta.title == "会议讲话"


BAD_CONFIGS = {
    "to-number": ("docconv.toml", "to = 5\n", "to must be a format name"),
    "sites-number": ("docconv.toml", "sites = 5\n", "sites must be a path"),
    "style-date": ("docconv.toml", "style = 1979-05-27\n", "style must be"),
    "jobs-string": ("docconv.toml", 'jobs = "4"\n', "jobs must be a whole number"),
    "jobs-negative": ("docconv.toml", "jobs = -3\n", "jobs must be a whole number"),
    "font-list": ("docconv.toml", 'font = ["a.ttf"]\n', "font must be a table"),
    "to-list-of-numbers": ("docconv.toml", "to = [1, 2]\n", "to must be"),
    "tool-docconv-number": (
        "pyproject.toml",
        "[tool]\ndocconv = 5\n",
        "tool.docconv must be a table",
    ),
    "deep": ("docconv.toml", "to = " + "[" * 5000 + "]" * 5000 + "\n", "cannot read"),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_bad_configuration(case: str, src: Path, tmp_path: Path) -> None:
    name, text, says = BAD_CONFIGS[case]
    work = tmp_path / "work"
    work.mkdir()
    (work / name).write_text(text, encoding="utf-8")
    done = docconv(src, "--to", "json", "-o", tmp_path / "x.json", cwd=work)
    err = done.stderr.decode()
    one_line_error(err, done.returncode, (2,))
    assert says in err and name in err, err


# -- item 12: messages ---------------------------------------------------------------------------


def test_control_characters_in_messages_are_escaped(tmp_path: Path) -> None:
    name = "bad\nname\x1b[31m\u202e.html"
    path = tmp_path / name
    path.write_bytes(b"")  # empty: an error that names the file
    done = docconv(path, "--to", "json", "-o", tmp_path / "x.json")
    err = done.stderr.decode()
    assert done.returncode == 1 and err.count("\n") == 1, err
    assert "bad\\nname\\x1b[31m\\u202e.html" in err
    # In a batch, the failure line and the summary stay one line each: no forged lines.
    (tmp_path / "good.html").write_text(page(), encoding="utf-8")
    done = docconv(tmp_path, "--to", "json", "-d", tmp_path)
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 2 and lines[0].startswith("docconv: failed: ") and "\\n" in lines[0]
    assert lines[1].startswith("docconv: 1 converted, 0 skipped, 1 failed")


def test_printable() -> None:
    from convert.errors import printable

    assert (
        printable("a\nb\tc\x00\x9b\u2028\u202e\udcff") == "a\\nb\\tc\\x00\\x9b\\u2028\\u202e\\udcff"
    )
    assert printable("普通的文字 ok") == "普通的文字 ok"
    assert str(InputError("x\ny")) == "x\\ny"


# -- item 9: wrong documents with exit 0 ----------------------------------------------------------


@pytest.mark.parametrize("label", ["iso-8859-1", "koi8-r", "windows-1251", "latin1"])
def test_gbk_page_with_a_single_byte_label(label: str) -> None:
    data = page(
        head=f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'
    ).encode("gb18030")
    reading = api.read_detailed(data, name="p.html")
    assert reading.encoding == "gb18030"
    assert [b.text for b in reading.document.blocks][-1] == MORE
    assert any(
        ("GB18030" in w.text and label.lower() in w.text.lower()) or "gb18030" in w.text.lower()
        for w in reading.warnings
    )


def test_real_latin1_page_stays_latin1() -> None:
    data = (
        "<html><head><meta charset='iso-8859-1'><title>Réunion</title></head><body>"
        "<p>Le café était très bon, à côté de l'hôtel.</p><p>Déjà vu, naïve façade.</p>"
        "</body></html>"
    ).encode("latin-1")
    reading = api.read_detailed(data, name="p.html")
    assert "café était" in reading.document.blocks[0].text
    assert reading.encoding == "cp1252"


@pytest.mark.parametrize("extra", [1, 2, 3])
def test_mhtml_base64_cut_short(extra: int) -> None:
    html = page().encode()
    encoded = base64.b64encode(html).decode()
    cut = (len(encoded) // 4 - 3) * 4 + extra
    reading = api.read_detailed(mhtml(html, cut=cut), name="p.mhtml")
    text = " ".join(b.text for b in reading.document.blocks)
    assert MORE in text and "PGh0bWw" not in text
    assert any("base64 ends cut off" in w.text for w in reading.warnings)


def test_mhtml_base64_whole_has_no_warning() -> None:
    reading = api.read_detailed(mhtml(page().encode()), name="p.mhtml")
    assert not any("base64" in w.text for w in reading.warnings)


def test_xhtml_internal_subset_does_not_leak() -> None:
    data = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "x.dtd" [\n'
        '  <!ENTITY company "公司">\n  <!ATTLIST p id ID #IMPLIED>\n]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
        f"<p>{TEXT}</p><p>{MORE}</p></body></html>"
    ).encode()
    doc = api.read(data, name="p.xhtml")
    assert doc.meta.title != "]>" and "]>" not in " ".join(b.text for b in doc.blocks)
    assert [b.text for b in doc.blocks][-1] == MORE


def test_ebcdic_text_file() -> None:
    text = "QUALITY MEETING\n\nTHE MEETING REVIEWED LAST YEAR'S WORK AND PLANNED THIS YEAR.\n" * 3
    reading = api.read_detailed(text.encode("cp037"), name="memo.txt")
    assert reading.document.meta.title != "@"
    assert "MEETING REVIEWED" in " ".join(b.text for b in reading.document.blocks)
    assert any("EBCDIC" in w.text for w in reading.warnings)


@pytest.mark.parametrize("name", ["p.html", "p.txt"])
def test_page_of_only_zero_width_characters(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    invisible = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202c" * 40
    data = (
        f"<html><body><p>{invisible}</p><p>{invisible}</p></body></html>"
        if name == "p.html"
        else f"{invisible}\n\n{invisible}\n"
    )
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    code, err = run_cli(capsys, path, "--to", "json", "-o", tmp_path / "x.json")
    one_line_error(err, code)
    assert "no document text" in err
    titled = tmp_path / "t.html"
    titled.write_text(
        f"<html><head><title>会议</title></head><body><p>{invisible}</p></body></html>",
        encoding="utf-8",
    )
    reading = api.read_detailed(titled)
    assert reading.document.blocks == ()
    assert any("invisible" in w.text for w in reading.warnings)


def test_bidi_controls_are_not_drawn_in_pdf(tmp_path: Path) -> None:
    text = "同志们：\u202a今天\u202b开会\u202c，\u202d总结\u202e工作\u2066。\u2069"
    reading = api.read_detailed(page(f"<p>{text}</p><p>{MORE}</p>").encode(), name="p.html")
    assert reading.document.blocks[1].text == "今天开会，总结工作。"
    assert any("control character" in w.text for w in reading.warnings)
    out = tmp_path / "x.pdf"
    api.write(reading.document, out)
    from pdfminer.high_level import extract_text

    drawn = extract_text(str(out))
    assert "今天开会" in drawn and not any(0x202A <= ord(c) <= 0x202E for c in drawn)


# -- item 8: linear time -------------------------------------------------------------------------


def in_seconds(code: str, limit: float) -> None:
    """Run `code` in a process of its own; it must end well within `limit` (the old code took
    minutes on these inputs: this catches a return of the quadratic behaviour, not speed)."""
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {limit} s")
    assert done.returncode == 0, done.stderr.decode()[-2000:]


def test_stray_byte_and_a_long_line_is_linear() -> None:
    in_seconds(
        "from convert import api\n"
        "line = ('同志们今天开会' * 15000).encode()\n"  # 105 000 characters, no bad byte
        "data = b'<p>' + line + b'</p><p>\\xff</p><p>' + '正文'.encode() * 10 + b'</p>'\n"
        "r = api.read_detailed(data, name='p.html')\n"
        "assert len(r.document.blocks) >= 2\n",
        120,
    )


def test_many_attributes_are_linear() -> None:
    in_seconds(
        "from convert import api\n"
        "attrs = ' '.join(f'a{i}=\"\"' for i in range(120000))\n"
        "data = f'<html><body><p {attrs}>同志们：今天开会。</p></body></html>'.encode()\n"
        "assert api.read(data, name='p.html').blocks\n",
        120,
    )


def test_library_style_with_control_characters_in_font_names(tmp_path: Path) -> None:
    """A Style built by a program (not read from a sheet) reaches the writers unchecked: the
    CSS it gives still holds each name as one string, and no remote address."""
    import dataclasses

    from convert.styles import load

    sheet = load("gongwen")
    body = dataclasses.replace(sheet.roles["body"], fonts=tuple(RAW_NAMES), latin=RAW_NAMES[1])
    style = dataclasses.replace(sheet, roles={**sheet.roles, "body": body})
    doc = api.read(page().encode(), name="p.html")
    html = api.write_bytes(doc, "html", style=style).decode("utf-8")
    from lxml import html as lxml_html

    css = "\n".join(s.text or "" for s in lxml_html.fromstring(html).iter("style"))
    for token in css_tokens(css):
        if getattr(token, "type", "") == "url" or getattr(token, "name", "") == "url":
            raise AssertionError(f"a url() in the CSS: {token}")
        assert getattr(token, "at_keyword", "") != "import"


def test_pyproject_whose_tool_is_not_a_table(src: Path, tmp_path: Path) -> None:
    """Not docconv's file to judge: passed over with a warning naming it, and the run goes on."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "pyproject.toml").write_text('tool = "x"\n', encoding="utf-8")
    done = docconv(src, "--to", "json", "-o", tmp_path / "x.json", cwd=work)
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert "pyproject.toml: tool must be a table" in err and err.count("\n") == 1
    assert (tmp_path / "x.json").is_file()
