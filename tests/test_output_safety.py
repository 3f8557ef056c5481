"""Nothing docconv writes may destroy a file that is not its own (issue 17, items 1, 2, 10
and 12): every path it writes (outputs, --report, --repair-report, manifests, caches) is
checked against every input, files inside input folders included; a device node, a FIFO or a
symlink named as an output is written through, never renamed over.

Special files are made here, in a scratch folder (mknod needs root: those cases skip
otherwise); docconv is never pointed at the system's own."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from convert import api, batch
from convert.batch import Job, plan
from convert.cli import main
from convert.errors import OutputError

TEXT = "同志们：今天我们召开全区质量工作会议，总结去年的工作，部署今年的任务。"


def page(n: int = 0) -> bytes:
    return (
        f"<html><head><meta charset='utf-8'><title>讲话{n}</title></head>"
        f"<body><p>{TEXT}{n}</p></body></html>"
    ).encode()


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stop:
        main([str(a) for a in args])
    code = stop.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err


def docconv(
    *args: object, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "convert", *map(str, args)],
        capture_output=True,
        timeout=120,
        env=env,
        cwd=cwd,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """in/ with two pages and one in a sub-folder."""
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "s0.html").write_bytes(page(0))
    (src / "s1.html").write_bytes(page(1))
    (src / "sub" / "s2.html").write_bytes(page(2))
    return src


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# -- item 1: side files and outputs against every input --------------------------------------


@pytest.mark.parametrize("target", ["s0.html", "sub/s2.html"])
def test_report_naming_a_file_inside_the_input_folder(
    target: str, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(folder)
    out = tmp_path / "out"
    out.mkdir()
    code, err = run_cli(capsys, folder, "-d", out, "--to", "json", "--report", folder / target)
    assert code == 1 and "refusing to overwrite the input" in err and err.count("\n") == 1
    assert snapshot(folder) == before
    assert list(out.iterdir()) == []  # refused before anything was written


def test_report_through_a_symlink_to_an_input(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(folder)
    link = tmp_path / "report.jsonl"
    link.symlink_to(folder / "sub" / "s2.html")
    code, err = run_cli(capsys, folder, "-d", tmp_path, "--to", "json", "--report", link)
    assert code == 1 and "refusing to overwrite the input" in err
    assert snapshot(folder) == before


def test_output_of_one_input_is_another_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """a.html → b/a.txt, and b/a.txt is itself an input of the same run."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "a.html").write_bytes(page())
    mine = "用户自己的文本，不是输出。".encode()
    (tmp_path / "b" / "a.txt").write_bytes(mine)
    code, err = run_cli(capsys, tmp_path / "a", tmp_path / "b", "--to", "txt", "-d", tmp_path / "b")
    assert code == 1 and "refusing to overwrite the input" in err
    assert (tmp_path / "b" / "a.txt").read_bytes() == mine
    with pytest.raises(OutputError, match="refusing to overwrite the input"):
        plan([tmp_path / "a", tmp_path / "b"], Job(formats=("txt",), out_dir=tmp_path / "b"))


def test_an_input_named_like_the_manifest(tmp_path: Path) -> None:
    """A file given as input under the manifest's name is never appended to or replaced."""
    src = tmp_path / ".docconv-manifest.json"
    src.write_bytes(page())
    done = docconv(src, "--to", "txt", "-d", tmp_path)
    assert done.returncode == 0, done.stderr
    assert src.read_bytes() == page()
    assert (tmp_path / ".docconv-manifest.json").read_bytes() == page()


def test_cache_never_replaces_an_input(tmp_path: Path) -> None:
    """DOCCONV_CACHE_DIR pointing into the inputs: the cache entry that a conversion would
    store is the input itself; the input stays."""
    cache = tmp_path / "cache"
    env = dict(os.environ, DOCCONV_CACHE_DIR=str(cache))
    (tmp_path / "p.html").write_bytes(page())
    assert docconv(tmp_path / "p.html", "-o", tmp_path / "x.docx", env=env).returncode == 0
    entries = [p for p in cache.rglob("*") if p.is_file() and "docx" in p.parts]
    assert entries, "the DOCX writer stored nothing in the cache"
    victim = entries[0]
    for p in entries:
        p.unlink()
    victim.write_bytes(page())  # now an input, named directly
    done = docconv(victim, "--to", "docx", "-o", tmp_path / "y.docx", env=env)
    assert done.returncode == 0, done.stderr
    assert victim.read_bytes() == page()


def test_library_convert_file_guards_its_input(tmp_path: Path) -> None:
    src = tmp_path / "p.html"
    src.write_bytes(page())
    link = tmp_path / "p.json"
    link.symlink_to(src)
    with pytest.raises(OutputError, match="refusing to overwrite the input"):
        api.convert_file(src, to="json", out=link)
    assert src.read_bytes() == page()


# -- item 2: device nodes, FIFOs, sockets, symlinks as outputs ---------------------------------


def make_null(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a null device of our own
    except PermissionError:
        pytest.skip("mknod needs root")


def test_output_to_a_character_device(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "p.html").write_bytes(page())
    null = tmp_path / "null"
    make_null(null)
    for fmt in ("json", "docx"):
        code, err = run_cli(capsys, tmp_path / "p.html", "--to", fmt, "-o", null)
        assert code == 0, err
        assert stat.S_ISCHR(os.lstat(null).st_mode)  # still the device, not a regular file
        assert os.stat(null).st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "p.html"]  # no temp files


def test_output_through_a_symlink_to_a_device(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "p.html").write_bytes(page())
    null = tmp_path / "null"
    make_null(null)
    link = tmp_path / "out.json"
    link.symlink_to(null)
    code, err = run_cli(capsys, tmp_path / "p.html", "-o", link)
    assert code == 0, err
    assert os.path.islink(link) and stat.S_ISCHR(os.lstat(null).st_mode)


def read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def reader() -> None:
        with open(path, "rb") as f:
            into.append(f.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


def test_output_to_a_fifo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "p.html").write_bytes(page())
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = read_fifo(fifo, got)
    code, err = run_cli(capsys, tmp_path / "p.html", "-o", fifo)  # json from the extension
    thread.join(30)
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(got[0])["meta"]["title"] == "讲话0"


def test_report_to_a_fifo(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "report"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = read_fifo(fifo, got)
    code, err = run_cli(capsys, folder, "--to", "json", "-d", tmp_path, "--report", fifo)
    thread.join(30)
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert len(got[0].decode().splitlines()) == 3


def test_a_block_device_or_a_socket_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "p.html").write_bytes(page())
    sock_path = tmp_path / "s.json"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        code, err = run_cli(capsys, tmp_path / "p.html", "-o", sock_path)
        assert code == 1 and "it is a socket" in err and err.count("\n") == 1
        assert stat.S_ISSOCK(os.lstat(sock_path).st_mode)
    finally:
        server.close()
    block = tmp_path / "disk.json"
    try:
        os.mknod(block, stat.S_IFBLK | 0o600, os.makedev(7, 250))  # a loop device number
    except PermissionError:
        return
    code, err = run_cli(capsys, tmp_path / "p.html", "-o", block)
    assert code == 1 and "it is a block device" in err
    assert stat.S_ISBLK(os.lstat(block).st_mode)


def test_output_through_a_symlink_keeps_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "p.html").write_bytes(page())
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out.json"
    target.write_bytes(b"old")
    link = tmp_path / "out.json"
    link.symlink_to(target)
    code, err = run_cli(capsys, tmp_path / "p.html", "-o", link)
    assert code == 0, err
    assert os.path.islink(link) and os.readlink(link) == str(target)
    assert json.loads(target.read_bytes())["meta"]["title"] == "讲话0"
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["out.json"]


def test_dash_o_dev_stdout_is_stdout(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_bytes(page())
    done = docconv(tmp_path / "p.html", "--to", "json", "-o", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["meta"]["title"] == "讲话0"


def test_library_writes_a_descriptor_name_in_place(tmp_path: Path) -> None:
    """/proc/self/fd/N (what /dev/stdout leads to) names an open pipe: written into it."""
    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("no /proc")
    read_end, write_end = os.pipe()
    link = tmp_path / "fd.json"
    link.symlink_to(f"/proc/self/fd/{write_end}")
    try:
        api.write(api.read(page(), name="p.html"), link, to="json")
    finally:
        os.close(write_end)
    with os.fdopen(read_end, "rb") as f:
        assert json.loads(f.read())["meta"]["title"] == "讲话0"
    assert os.path.islink(link)


def test_manifest_never_follows_a_planted_symlink(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "precious.txt"
    elsewhere.write_bytes(b"keep me")
    (out / ".docconv-manifest.json").symlink_to(elsewhere)
    done = docconv(folder, "--to", "json", "-d", out)
    assert done.returncode == 0, done.stderr
    assert elsewhere.read_bytes() == b"keep me"


# -- item 10: re-runs -------------------------------------------------------------------------


def test_rerun_beside_the_inputs_skips_its_own_outputs(folder: Path) -> None:
    first = docconv(folder, "--to", "txt,docx")
    assert first.returncode == 0, first.stderr
    again = docconv(folder, "--to", "txt,docx")
    assert again.returncode == 0, again.stderr
    assert b"refusing" not in again.stderr and b"earlier output" in again.stderr
    assert not (folder / "s0.txt.txt").exists()


def test_output_folder_inside_the_input_folder_is_never_read(folder: Path) -> None:
    (folder / "out").mkdir()
    for _ in range(3):
        done = docconv(folder, "--to", "txt,json", "-d", folder / "out")
        assert done.returncode == 0, done.stderr
    assert not (folder / "out" / "out").exists()
    assert sorted(p.name for p in (folder / "out").iterdir() if p.suffix == ".txt") == [
        "s0.txt",
        "s1.txt",
    ]


# -- item 12: side files naming outputs, folders, symlinks -------------------------------------


def test_report_naming_an_output_is_refused(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_cli(
        capsys, folder, "--to", "json", "-d", tmp_path, "--report", tmp_path / "s0.json"
    )
    assert code == 1 and "--report" in err and "refusing to replace the output" in err
    assert not (tmp_path / "s0.json").exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["-o", "out/a.json", "--report", "out/a.json"],
            "--report out/a.json: refusing to replace",
        ),
        (["-o", "out/a.json", "--repair-report", "out/a.json"], "--repair-report out/a.json"),
        (["-o", "out/a.json", "--report", "out/link"], "refusing to replace the output"),
        (["-d", "out", "--to", "json,md", "--report", "out/a.md"], "the output out/a.md"),
        (
            ["-o", "out/b.json", "--repair-report", "out/r.json", "--report", "out/r.json"],
            "--report out/r.json: refusing to replace --repair-report out/r.json",
        ),
        (["-o", "out/b.json", "--report", "a.html"], "refusing to overwrite the input a.html"),
    ],
)
def test_single_input_side_files_never_replace_each_other(
    args: list[str], says: str, tmp_path: Path
) -> None:
    """One input: a report naming the output, the input or the other report is refused
    before anything is written (a batch checks the same in plan)."""
    (tmp_path / "a.html").write_bytes(page())
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_text("an earlier output\n", encoding="utf-8")
    (out / "a.md").write_text("an earlier output\n", encoding="utf-8")
    (out / "link").symlink_to("a.json")
    before = snapshot(tmp_path)
    done = docconv("a.html", *args, cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 1 and err.count("\n") == 1 and "refusing to" in err, err
    assert says in err and "Traceback" not in err
    assert snapshot(tmp_path) == before


def test_stdin_outputs_are_guarded_from_its_report(tmp_path: Path) -> None:
    (tmp_path / "stdin.md").write_text("an earlier output\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "convert", "-", "-d", ".", "--to", "md", "--report", "stdin.md"],
        input=page(),
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 1 and b"--report stdin.md: refusing to replace" in done.stderr
    assert (tmp_path / "stdin.md").read_text(encoding="utf-8") == "an earlier output\n"


def test_repair_report_with_a_folder_fails_before_converting(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_cli(
        capsys, folder, "--to", "json", "-d", tmp_path, "--repair-report", tmp_path / "r.json"
    )
    assert code == 1 and "--repair-report takes one input file" in err
    assert [p.name for p in tmp_path.iterdir()] == ["in"]


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """in/ holds one page, a symlink to a page outside it, a symlink to a folder outside it
    and a symlink back to itself."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "own.html").write_bytes(page(0))
    outside = tmp_path / "outside"
    (outside / "dir").mkdir(parents=True)
    (outside / "x.html").write_bytes(page(1))
    (outside / "dir" / "y.html").write_bytes(page(2))
    (src / "file-link.html").symlink_to(outside / "x.html")
    (src / "dir-link").symlink_to(outside / "dir")
    (src / "loop").symlink_to(src)
    return src


def test_symlinks_in_input_folders_are_not_followed_by_default(
    linked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, err = run_cli(capsys, linked, "--to", "json", "-d", out)
    assert code == 0, err
    assert sorted(p.name for p in out.rglob("[!.]*.json")) == ["own.json"]
    assert "3 symlink(s) not followed" in err


def test_follow_symlinks_follows_files_and_folders_alike(
    linked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, err = run_cli(capsys, linked, "--to", "json", "-d", out, "--follow-symlinks")
    assert code == 0, err
    made = sorted(str(p.relative_to(out)) for p in out.rglob("[!.]*.json"))
    assert made == ["dir-link/y.json", "file-link.json", "own.json"]  # the loop once only


# -- item 6: bounded -j -----------------------------------------------------------------------


def test_worker_count_is_bounded() -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert batch.worker_count(10000, 3) == (3, batch.worker_count(10000, 3)[1])
    count, note = batch.worker_count(10000, 100000)
    assert count == 4 * (cores or 1) and "10000 workers asked for" in note
    assert batch.worker_count(2, 100) == (2, "")
    assert batch.worker_count(0, 1)[0] == 1


def test_jobs_from_the_configuration_are_bounded(folder: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "docconv.toml").write_text("jobs = 10000\n", encoding="utf-8")
    done = docconv(folder, "--to", "json", "-d", tmp_path, cwd=work)
    assert done.returncode == 0, done.stderr
    assert b"10000 workers asked for" in done.stderr
