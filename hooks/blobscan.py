# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Scanning every blob of a repository's history, in parallel where it pays.

`BlobScan` reads the blobs (`history.read_blobs`), keeps of each only what no
earlier blob showed (`history.novel`), and sends that to secret-scan's blob
scanner in worker processes, while the calling process does other work:
`submit()` runs other jobs on the same workers.  What a job sends back is an
`Outcome`, so a failure is a value, never a worker that dies.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from typing import NamedTuple

from nhs_open_source_hooks import history
from nhs_open_source_hooks import secret_scan
from nhs_open_source_hooks.findings import Finding

DEFAULT_MAX_BLOB_MB = 10
# Below this much history, worker processes cost more than they save.
PARALLEL_MIN_BYTES = 4 << 20
CHUNK_BYTES = 1 << 20
# Distinct lines remembered by a history scan (about 70 bytes each).
MAX_SEEN_LINES = 4_000_000


@dataclass
class HistoryStats:
    commits: int = 0
    blobs: int = 0
    scanned: int = 0
    bytes: int = 0  # of the text blobs read
    novel_bytes: int = 0  # of the lines no earlier blob had, with context
    binary: int = 0
    large: int = 0
    failed: int = 0
    max_blob_mb: int = DEFAULT_MAX_BLOB_MB
    seconds: float = 0.0


class Outcome(NamedTuple):
    """A call's result, made safe to send back from a worker process."""
    value: Any
    error: str = ''  # one line: why it failed
    exit: int | None = None  # a configuration error's exit status


def attempt(call: Callable[[], Any]) -> Outcome:
    try:
        return Outcome(call())
    except SystemExit as e:  # bad configuration: its reason is already printed
        return Outcome(None, exit=e.code if isinstance(e.code, int) else 2)
    except Exception as e:  # one hook's bug must not hide the others' findings
        return Outcome(None, f'failed: {type(e).__name__}: {e}'.splitlines()[0][:200])


class Now:
    """A job done at once, for runs without worker processes."""

    def __init__(self, call: Callable[..., Any], *args: Any) -> None:
        self.value = call(*args)

    def get(self) -> Any:
        return self.value


class Progress:
    """A one-line progress bar on stderr, only where a person watches it."""

    def __init__(self, total: int, total_bytes: int, enabled: bool) -> None:
        self.total, self.total_bytes, self.enabled = total, total_bytes, enabled
        self._last = 0.0

    def show(self, done: int, size: int) -> None:
        now = time.monotonic()
        if self.enabled and now - self._last > 0.1:
            self._last = now
            share = min(size / self.total_bytes, 1.0) if self.total_bytes else 1.0
            bar = '#' * int(share * 30)
            sys.stderr.write(
                f'\rhistory [{bar:<30}] {done}/{self.total} blobs, '
                f'{size / 1e6:.1f}/{self.total_bytes / 1e6:.1f} MB',
            )
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write('\r\033[K')
            sys.stderr.flush()


def progress_wanted() -> bool:
    return sys.stderr.isatty() and not os.environ.get('CI')


_scanner: Callable[[str, bytes], list[Finding]] | None = None
Work = tuple[str, str, bytes, 'list[int] | None']  # sha, path, text, its lines' origin


def _init_worker(root: str) -> None:
    global _scanner
    from nhs_open_source_hooks import secret_scan
    _scanner = secret_scan.blob_scanner(root)


def _scan_chunk(chunk: list[Work]) -> list[tuple[str, list[Finding] | None]]:
    """Findings for each blob of CHUNK, lines as in the blob; None if it failed."""
    assert _scanner is not None
    out: list[tuple[str, list[Finding] | None]] = []
    for sha, path, text, where in chunk:
        try:
            found = _scanner(path, text)
        except Exception:  # counted and reported, never fatal to the scan
            out.append((sha, None))
            continue
        if where is not None:
            found = [
                f._replace(line=where[f.line - 1]) if 0 < f.line <= len(where) else f
                for f in found
            ]
        out.append((sha, found))
    return out


def _chunks(
        stream: Iterator[tuple[history.Blob, bytes]],
        stats: HistoryStats,
        gate: threading.Semaphore | None,
        stop: threading.Event,
) -> Iterator[list[Work]]:
    """What each text blob adds to history, in chunks of about CHUNK_BYTES."""
    seen: set[int] = set()
    chunk: list[Work] = []
    size = 0
    for blob, data in stream:
        try:
            data = secret_scan.text_bytes(data)
        except secret_scan.BinaryFile:
            stats.binary += 1
            continue
        stats.scanned += 1
        stats.bytes += len(data)
        if len(seen) > MAX_SEEN_LINES:  # bounded memory: rescan rather than grow
            seen.clear()
        new = history.novel(blob.path, data, seen)
        if new is None:
            continue
        text, where = new
        stats.novel_bytes += len(text)
        chunk.append((blob.sha, blob.path, text, where))
        size += len(text)
        if size >= CHUNK_BYTES:
            if gate is not None:
                gate.acquire()
            if stop.is_set():
                return
            yield chunk
            chunk, size = [], 0
    if gate is not None:
        gate.acquire()
    yield chunk  # perhaps empty: the last word on the counts


class BlobScan:
    """History's blobs through secret-scan's scanner, and other jobs.

    With more than one job, worker processes scan while this process reads
    the blobs: the scan runs in the background from the start, other jobs
    (the current files' audit, the commit messages) share the workers
    through `submit()`, and `wait()` collects the scan.  With one job,
    `submit()` runs a job at once and `wait()` does the scan.
    """

    def __init__(
            self, root: str, blobs: list[history.Blob], stats: HistoryStats,
            jobs: int, progress: Progress,
    ) -> None:
        self.root, self.stats, self.progress, self.jobs = root, stats, progress, jobs
        self.found: dict[str, list[Finding]] = {}
        self.error: BaseException | None = None
        self.stop = threading.Event()
        self.gate: threading.Semaphore | None = None
        self.pool: Any = None
        self.stream = history.read_blobs(root, blobs)
        if jobs > 1 and sum(b.size for b in blobs) >= PARALLEL_MIN_BYTES:
            import multiprocessing
            # Bounded: the pool would otherwise read all history into memory.
            self.gate = threading.Semaphore(jobs * 4)
            self.pool = multiprocessing.Pool(jobs, _init_worker, (root,))
            results = self.pool.imap(
                _scan_chunk, _chunks(self.stream, stats, self.gate, self.stop),
            )
            self.thread = threading.Thread(
                target=self._collect, args=(results,), daemon=True,
            )
            self.thread.start()

    def submit(self, call: Callable[..., Any], *args: Any) -> Any:
        """CALL(*ARGS) on a worker; `.get()` on the answer gives its result."""
        if self.pool is None:
            return Now(call, *args)
        return self.pool.apply_async(call, args)

    def _collect(self, results: Iterator[list[tuple[str, list[Finding] | None]]]) -> None:
        try:
            for result in results:
                if self.gate is not None:
                    self.gate.release()
                for sha, findings in result:
                    if findings is None:
                        self.stats.failed += 1
                    elif findings:
                        self.found[sha] = findings
                self.progress.show(self.stats.scanned + self.stats.binary, self.stats.bytes)
        except BaseException as e:  # raised again in the caller's thread
            self.error = e

    def wait(self) -> dict[str, list[Finding]]:
        """Findings by blob sha, for every blob that has any."""
        if self.pool is None:
            _init_worker(self.root)
            self._collect(map(
                _scan_chunk, _chunks(self.stream, self.stats, None, self.stop),
            ))
        else:
            self.thread.join()
        self.close()
        if self.error is not None:
            raise self.error
        return self.found

    def close(self) -> None:
        """Stop the scan, finished or not; idempotent."""
        self.progress.close()
        if self.pool is not None:
            self.stop.set()
            assert self.gate is not None
            for _ in range(self.jobs * 4 + 1):
                self.gate.release()  # let the reader see the stop
            self.pool.terminate()
            self.pool.join()
            self.pool = None
