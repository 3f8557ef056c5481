"""`docconv serve`: a local web page over the library, for people who do not use a terminal.

Drop saved pages (or paste copied text), see each document's title and headings and the
inspect view of what was removed, download DOCX / PDF / EPUB one by one or as a zip.

Safe by default: loopback only unless told otherwise; a request whose Host, or whose Origin
when a browser sends one, is not the server's own is refused (a page the user visits cannot
drive it); uploads are held to the CLI's size limit; every conversion runs in a child process
killed at a time limit; outputs live in a private temporary folder under names the server
makes, and are deleted a few minutes after they were made and when the server stops.

Starlette and uvicorn come with the `web` extra (pip install 'docconv[web]').
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import secrets
import shutil
import tempfile
import time
import zipfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..fileio import max_input_bytes
from . import worker

KEEP_SECONDS = 600.0  # how long a conversion's files stay downloadable
TIMEOUT = 120.0  # seconds one conversion may take
MAX_FILES = 50  # files in one upload
_TEXT_NAME = "pasted.txt"
_STYLES = ("gongwen", "plain")
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|]+')


@dataclass(slots=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = TIMEOUT
    keep: float = KEEP_SECONDS
    jobs: int = 2  # conversions at once (each in its own process)
    max_bytes: int | None = None  # per file; None: the CLI's limit (DOCCONV_MAX_INPUT_MB)
    work: worker.Worker = worker.convert  # tests swap in one that hangs
    root: Path | None = None  # where the private folder goes (None: the system's temp)


@dataclass(slots=True)
class _Batch:
    folder: Path
    made: float
    names: list[str] = field(default_factory=list)  # each file's download name stem
    results: list[worker.Result] = field(default_factory=list)


class _Store:
    """Finished conversions by random token. A request names a token, an index and a
    format; paths are only ever made here, from the server's own folder."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = Path(tempfile.mkdtemp(prefix="docconv-serve-", dir=settings.root))
        os.chmod(self.root, 0o700)
        self.batches: dict[str, _Batch] = {}

    def new(self) -> tuple[str, _Batch]:
        self.sweep()
        token = secrets.token_urlsafe(16)
        folder = self.root / token
        folder.mkdir(mode=0o700)
        batch = self.batches[token] = _Batch(folder, time.monotonic())
        return token, batch

    def get(self, token: str) -> _Batch | None:
        self.sweep()
        return self.batches.get(token)

    def sweep(self) -> None:
        """Delete what is older than `keep` seconds."""
        now = time.monotonic()
        for token, batch in list(self.batches.items()):
            if now - batch.made > self.settings.keep:
                del self.batches[token]
                shutil.rmtree(batch.folder, ignore_errors=True)

    def close(self) -> None:
        self.batches.clear()
        shutil.rmtree(self.root, ignore_errors=True)


class _SameOrigin:
    """Refuse a request whose Host is not this server, or whose Origin (sent by browsers
    on cross-site requests) is another site: DNS rebinding and cross-site form posts."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        hosts = {settings.host}
        if settings.host in ("127.0.0.1", "localhost", "::1"):
            hosts |= {"127.0.0.1", "localhost", "[::1]"}
        self.hosts = {f"{h}:{settings.port}" for h in hosts}
        if settings.port == 80:
            self.hosts |= hosts
        self.origins = {f"http://{h}" for h in self.hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
            origin = headers.get("origin")
            if headers.get("host", "") not in self.hosts:
                await _refuse("this server answers only to its own address")(scope, receive, send)
                return
            if origin is not None and origin not in self.origins:
                await _refuse("requests from other sites are refused")(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _refuse(message: str, status: int = 403) -> Response:
    return JSONResponse({"error": message}, status_code=status)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    store: _Store | None = None
    gate = asyncio.Semaphore(max(1, settings.jobs))
    limit = max_input_bytes(settings.max_bytes)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        nonlocal store
        store = _Store(settings)
        app.state.store = store
        try:
            yield
        finally:
            store.close()

    def _store() -> _Store:
        assert store is not None, "the app runs inside its lifespan"
        return store

    async def index(request: Request) -> Response:
        return HTMLResponse(_asset("index.html"))

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        kinds = {"app.js": "text/javascript", "app.css": "text/css"}
        if name not in kinds:
            return Response(status_code=404)
        return Response(_asset(name), media_type=f"{kinds[name]}; charset=utf-8")

    async def convert(request: Request) -> Response:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit * MAX_FILES + 1_000_000:
            return _refuse(_too_big(limit), 413)
        form = await request.form(max_files=MAX_FILES, max_fields=50)
        formats = tuple(f for f in worker.FORMATS if f in form.getlist("to")) or ("docx",)
        style = str(form.get("style") or "gongwen")
        if style not in _STYLES:
            return _refuse(f"unknown style {style[:20]!r}; one of {', '.join(_STYLES)}", 400)
        repair = form.get("repair", "on") != "off"
        uploads: list[tuple[str, bytes]] = []
        for item in form.getlist("file"):
            if not isinstance(item, UploadFile) or not item.filename:
                continue
            data = await item.read(limit + 1)
            if len(data) > limit:
                return _refuse(f"{_display_name(item.filename)}: {_too_big(limit)}", 413)
            uploads.append((item.filename, data))
        text = form.get("text")
        if isinstance(text, str) and text.strip():
            data = text.encode("utf-8")
            if len(data) > limit:
                return _refuse(f"the pasted text: {_too_big(limit)}", 413)
            uploads.append((_TEXT_NAME, data))
        if not uploads:
            return _refuse("nothing to convert: choose a file or paste the text", 400)
        token, batch = _store().new()

        async def one(i: int, name: str, data: bytes) -> worker.Result:
            folder = batch.folder / str(i)
            folder.mkdir(mode=0o700)
            job = worker.Job(data, _reader_name(name), formats, style, repair)
            async with gate:
                return await asyncio.to_thread(
                    worker.run, job, folder, settings.timeout, settings.work
                )

        batch.results = list(
            await asyncio.gather(*(one(i, n, d) for i, (n, d) in enumerate(uploads)))
        )
        batch.names = _download_stems([n for n, _ in uploads], batch.results)
        return JSONResponse(_summary(token, batch, [n for n, _ in uploads]))

    def _file(request: Request) -> tuple[_Batch, worker.Result, int] | None:
        batch = _store().get(request.path_params["token"])
        i = request.path_params["index"]
        if batch is None or not 0 <= i < len(batch.results):
            return None
        return batch, batch.results[i], i

    async def download(request: Request) -> Response:
        found = _file(request)
        fmt = request.path_params["fmt"]
        if found is None or fmt not in found[1].files or fmt == "inspect":
            return _refuse("no such file (files are kept a few minutes)", 404)
        batch, result, i = found
        path = batch.folder / str(i) / result.files[fmt]
        return FileResponse(path, filename=f"{batch.names[i]}.{fmt}")

    async def inspect_page(request: Request) -> Response:
        found = _file(request)
        if found is None or "inspect" not in found[1].files:
            return _refuse("no such page (files are kept a few minutes)", 404)
        batch, result, i = found
        page = (batch.folder / str(i) / result.files["inspect"]).read_text(encoding="utf-8")
        return HTMLResponse(page)

    async def zipped(request: Request) -> Response:
        batch = _store().get(request.path_params["token"])
        if batch is None:
            return _refuse("no such batch (files are kept a few minutes)", 404)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for i, (result, stem) in enumerate(zip(batch.results, batch.names, strict=True)):
                for fmt, name in result.files.items():
                    if fmt != "inspect":
                        z.write(batch.folder / str(i) / name, f"{stem}.{fmt}")
        headers = {"Content-Disposition": 'attachment; filename="docconv.zip"'}
        return Response(buf.getvalue(), media_type="application/zip", headers=headers)

    routes = [
        Route("/", index),
        Route("/static/{name}", asset),
        Route("/api/convert", convert, methods=["POST"]),
        Route("/api/file/{token}/{index:int}/{fmt}", download),
        Route("/api/inspect/{token}/{index:int}", inspect_page),
        Route("/api/zip/{token}", zipped),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(_SameOrigin, settings=settings)],
        lifespan=lifespan,
    )


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def _too_big(limit: int) -> str:
    return f"larger than the {limit / 1024 / 1024:g} MB limit (DOCCONV_MAX_INPUT_MB)"


def _display_name(name: str) -> str:
    return _UNSAFE_NAME.sub("_", name)[:80]


def _reader_name(name: str) -> str:
    """The upload's name as the readers see it: only its extension matters to them."""
    return _display_name(Path(name.replace("\\", "/")).name) or "upload"


def _download_stems(names: list[str], results: list[worker.Result]) -> list[str]:
    """Each output's download name: the document's title, else the upload's name; made
    unique in the batch (a zip holds them side by side)."""
    stems: list[str] = []
    for name, result in zip(names, results, strict=True):
        base = _display_name(result.title.strip())[:60] or Path(_reader_name(name)).stem
        stem, n = base or "document", 2
        while stem in stems:
            stem, n = f"{base}-{n}", n + 1
        stems.append(stem)
    return stems


def _summary(token: str, batch: _Batch, names: list[str]) -> dict[str, Any]:
    files = []
    for i, (name, result) in enumerate(zip(names, batch.results, strict=True)):
        entry = asdict(result)
        entry["name"] = _display_name(name)
        entry["downloads"] = {
            fmt: f"/api/file/{token}/{i}/{fmt}" for fmt in result.files if fmt != "inspect"
        }
        entry["inspect"] = f"/api/inspect/{token}/{i}" if "inspect" in result.files else ""
        del entry["files"]
        files.append(entry)
    ok = any(f["downloads"] for f in files)
    return {"files": files, "zip": f"/api/zip/{token}" if ok else ""}


def serve(settings: Settings, *, open_browser: bool = False) -> None:
    """Run the page until interrupted."""
    import uvicorn

    app = create_app(settings)
    config = uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning")
    server = uvicorn.Server(config)
    if open_browser:
        import threading
        import webbrowser

        url = f"http://{'localhost' if settings.host == '127.0.0.1' else settings.host}"
        threading.Timer(0.5, webbrowser.open, [f"{url}:{settings.port}/"]).start()
    server.run()
