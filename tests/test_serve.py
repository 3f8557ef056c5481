"""`docconv serve`: the API through Starlette's test client, the safety rules, a real server
driven by headless Chromium (Debian's chromium-driver, through selenium), concurrency, and
the command itself."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest
from conftest import SAMPLES, require_tool

pytest.importorskip("starlette")
from starlette.testclient import TestClient

from convert import web
from convert.web import worker

BASE = "http://127.0.0.1:8000"
SEED = (SAMPLES / "speech.html").read_bytes()
SEED_HEADINGS = 7


def client(tmp_path: Path, **settings: object) -> TestClient:
    app = web.create_app(web.Settings(root=tmp_path, **settings))  # type: ignore[arg-type]
    return TestClient(app, base_url=BASE)


def upload(c: TestClient, *files: tuple[str, bytes], to: tuple[str, ...] = ("docx",), **data: str):
    return c.post(
        "/api/convert",
        files=[("file", (name, body, "application/octet-stream")) for name, body in files],
        data={"to": list(to), **data},
    )


def leftovers(tmp_path: Path) -> list[Path]:
    return [p for p in tmp_path.rglob("*") if p.is_file()]


# -- the API -------------------------------------------------------------------------------


def test_the_seed_converts_and_downloads(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        answer = upload(c, ("speech.html", SEED), to=("docx", "pdf", "epub"))
        assert answer.status_code == 200
        (f,) = answer.json()["files"]
        assert f["error"] == "" and f["title"] == "区长在质量绩效管理推进会讲话"
        assert len(f["headings"]) == SEED_HEADINGS and f["headings"][0][0] == 1
        assert any("12 pages" in w for w in f["warnings"])  # the preview is cut short
        assert set(f["downloads"]) == {"docx", "pdf", "epub"}
        got = c.get(f["downloads"]["docx"])
        assert got.status_code == 200
        assert "attachment" in got.headers["content-disposition"]
        d = docx.Document(io.BytesIO(got.content))
        assert d.paragraphs[0].text == "区长在质量绩效管理推进会讲话"
        assert c.get(f["downloads"]["pdf"]).content.startswith(b"%PDF-")
        page = c.get(f["inspect"])
        assert page.status_code == 200 and "docconv inspect" in page.text
        assert "ID:2065240" in page.text  # the removed metadata line, shown struck through
    assert leftovers(tmp_path) == []  # the server's folder went when it stopped


def test_pasted_text_converts(tmp_path: Path) -> None:
    text = (SAMPLES / "speech.txt").read_text(encoding="utf-8")
    with client(tmp_path) as c:
        (f,) = c.post("/api/convert", data={"text": text, "to": ["docx"]}).json()["files"]
        assert f["title"] and len(f["headings"]) == SEED_HEADINGS


def test_a_batch_gives_a_zip_of_every_output(tmp_path: Path) -> None:
    pages = [(f"p{i}.html", SEED) for i in range(3)]
    with client(tmp_path) as c:
        answer = upload(c, *pages, to=("docx", "pdf", "epub")).json()
        z = zipfile.ZipFile(io.BytesIO(c.get(answer["zip"]).content))
        names = z.namelist()
        assert len(names) == 9 and len(set(names)) == 9  # same title thrice: names made unique
        assert sum(n.endswith(".docx") for n in names) == 3


def test_a_binary_upload_is_a_one_line_error(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        answer = upload(c, ("photo.html", bytes(range(256)) * 64), ("speech.html", SEED))
        bad, good = answer.json()["files"]
        assert bad["error"] and "\n" not in bad["error"] and not bad["downloads"]
        assert "Traceback" not in bad["error"] and good["error"] == ""


def test_nothing_to_convert_and_a_bad_style_are_refused(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        assert c.post("/api/convert", data={"to": ["docx"]}).status_code == 400
        assert upload(c, ("a.html", SEED), style="../../etc").status_code == 400


def test_a_token_is_not_a_path(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        f = upload(c, ("speech.html", SEED)).json()["files"][0]
        token = f["downloads"]["docx"].split("/")[3]
        for url in (
            f"/api/file/{token}/0/..%2F..%2Fetc%2Fpasswd",
            f"/api/file/{token}/1/docx",
            "/api/file/..%2F..%2F/0/docx",
            f"/api/file/{token}/0/inspect",
            "/static/..%2F__init__.py",
        ):
            assert c.get(url).status_code == 404, url


# -- safety --------------------------------------------------------------------------------


def test_another_host_or_origin_is_refused(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        assert c.get("/", headers={"host": "evil.example:8000"}).status_code == 403
        assert c.get("/", headers={"host": "127.0.0.1:9999"}).status_code == 403
        foreign = upload_with(c, {"origin": "http://evil.example"})
        assert foreign.status_code == 403 and "other sites" in foreign.json()["error"]
        assert upload_with(c, {"origin": "http://localhost:8000"}).status_code == 200
        assert c.get("/", headers={"host": "localhost:8000"}).status_code == 200


def upload_with(c: TestClient, headers: dict[str, str]):
    return c.post(
        "/api/convert",
        files=[("file", ("a.html", SEED, "text/html"))],
        data={"to": ["docx"]},
        headers=headers,
    )


def test_an_oversize_upload_is_refused(tmp_path: Path) -> None:
    with client(tmp_path, max_bytes=10_000) as c:
        answer = upload(c, ("big.html", b"x" * 20_000))
        assert answer.status_code == 413 and "MB limit" in answer.json()["error"]
        assert leftovers(tmp_path) == []


def _hang(job: worker.Job, folder: Path) -> worker.Result:
    (folder / "pid").write_text(str(os.getpid()))
    time.sleep(600)
    return worker.Result()


def test_a_hung_conversion_is_killed_at_its_limit(tmp_path: Path) -> None:
    # 3 s, not 1: on a loaded machine a forked child can take over a second to run at all,
    # and the test needs it to have written its pid before the limit.
    with client(tmp_path, timeout=3.0, work=_hang) as c:
        start = time.monotonic()
        (f,) = upload(c, ("slow.html", SEED)).json()["files"]
        assert time.monotonic() - start < 20
        assert "longer than 3 s" in f["error"]
        (pid_file,) = tmp_path.rglob("pid")
        pid = int(pid_file.read_text())
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # the child is gone, not left running
        # The server still answers.
        assert c.get("/").status_code == 200
    assert leftovers(tmp_path) == []


def test_files_are_deleted_after_their_time(tmp_path: Path) -> None:
    with client(tmp_path, keep=0.5) as c:
        f = upload(c, ("speech.html", SEED)).json()["files"][0]
        assert leftovers(tmp_path)
        time.sleep(1.0)
        assert c.get(f["downloads"]["docx"]).status_code == 404
        assert leftovers(tmp_path) == []


# -- a real server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    port = free_port()
    settings = web.Settings(port=port, root=tmp_path_factory.mktemp("serve"))
    config = uvicorn.Config(web.create_app(settings), port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    driver_path = require_tool("chromedriver")
    options = webdriver.ChromeOptions()
    options.binary_location = require_tool("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def _convert_in_page(browser: object, server: str, *paths: Path, reload: bool = True) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    b = browser
    if reload:
        b.get(server + "/")  # type: ignore[attr-defined]
    b.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in paths))  # type: ignore[attr-defined]
    b.find_element(By.ID, "go").click()  # type: ignore[attr-defined]
    WebDriverWait(b, 120).until(ec.text_to_be_present_in_element((By.ID, "status"), "完成"))


def test_the_page_in_a_browser(browser: object, server: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    _convert_in_page(browser, server, SAMPLES / "speech.html")
    card = browser.find_element(By.CSS_SELECTOR, ".file")  # type: ignore[attr-defined]
    assert card.find_element(By.TAG_NAME, "h2").text == "区长在质量绩效管理推进会讲话"
    items = card.find_elements(By.CSS_SELECTOR, "ol.headings li")
    assert len(items) == SEED_HEADINGS and items[0].text.startswith("一、")
    link = card.find_element(By.CSS_SELECTOR, "a[data-format=docx]").get_attribute("href")
    with urllib.request.urlopen(link) as got:  # what the link the page shows gives
        d = docx.Document(io.BytesIO(got.read()))
    assert d.paragraphs[0].text == "区长在质量绩效管理推进会讲话"
    shot = tmp_path / "page.png"
    browser.save_screenshot(str(shot))  # type: ignore[attr-defined]
    assert shot.stat().st_size > 10_000


def test_a_batch_in_a_browser(browser: object, server: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    pages = []
    for i in range(3):
        pages.append(tmp_path / f"p{i}.html")
        pages[-1].write_bytes(SEED)
    b = browser
    b.get(server + "/")  # type: ignore[attr-defined]
    for fmt in ("pdf", "epub"):
        b.find_element(By.CSS_SELECTOR, f"input[name=to][value={fmt}]").click()  # type: ignore[attr-defined]
    _convert_in_page(b, server, *pages, reload=False)
    assert len(b.find_elements(By.CSS_SELECTOR, ".file")) == 3  # type: ignore[attr-defined]
    zip_url = b.find_element(By.ID, "zip").get_attribute("href")  # type: ignore[attr-defined]
    with urllib.request.urlopen(zip_url) as got:
        names = zipfile.ZipFile(io.BytesIO(got.read())).namelist()
    assert len(names) == 9 and {n.rsplit(".", 1)[1] for n in names} == {"docx", "pdf", "epub"}


def test_a_binary_upload_in_a_browser(browser: object, server: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    bad = tmp_path / "photo.html"
    bad.write_bytes(bytes(range(256)) * 64)
    _convert_in_page(browser, server, bad)
    error = browser.find_element(By.CSS_SELECTOR, ".file .error").text  # type: ignore[attr-defined]
    assert error and "\n" not in error and "Traceback" not in error
    assert "1 个文件没能转换" in browser.find_element(By.ID, "status").text  # type: ignore[attr-defined]


def test_the_preview_shows_the_document(browser: object, server: str) -> None:
    from selenium.webdriver.common.by import By

    _convert_in_page(browser, server, SAMPLES / "speech.html")
    card = browser.find_element(By.CSS_SELECTOR, ".file")  # type: ignore[attr-defined]
    card.find_element(By.CSS_SELECTOR, ".preview summary").click()
    preview = card.find_element(By.CSS_SELECTOR, ".preview")
    assert len(preview.find_elements(By.CSS_SELECTOR, "h3, h4")) == SEED_HEADINGS
    first = preview.find_element(By.CSS_SELECTOR, "p.salutation").text
    assert first == "同志们："
    assert len(preview.find_elements(By.CSS_SELECTOR, "p")) >= 10


def test_twenty_uploads_at_once(server: str) -> None:
    import httpx2 as httpx

    def one(i: int) -> tuple[int, str]:
        r = httpx.post(
            server + "/api/convert",
            files=[("file", (f"p{i}.html", SEED, "text/html"))],
            data={"to": ["docx"]},
            timeout=300,
        )
        return r.status_code, r.json()["files"][0]["title"]

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(one, range(20)))
    assert answers == [(200, "区长在质量绩效管理推进会讲话")] * 20


# -- the command -----------------------------------------------------------------------------


def test_docconv_serve_starts_answers_and_stops(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "convert", "serve", "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as got:
                    assert "docconv" in got.read().decode()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise AssertionError("the server never answered")
        assert list(tmp_path.glob("docconv-serve-*"))  # its private folder
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert f"http://localhost:{port}/" in err
    assert list(tmp_path.glob("docconv-serve-*")) == []  # removed when it stopped


def test_a_bad_port_is_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "convert", "serve", "--port", "70000"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and done.stderr.count("\n") == 1 and "--port" in done.stderr
