# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Walking a repository's git history for the audit.

Every blob reachable from any ref is read once, however many commits hold
it: `git rev-list --objects --all` names them, `git cat-file --batch-check`
sizes them and `git cat-file --batch` streams their bytes.  Where a blob
turned out to hold a finding, one `git log --raw` pass names the commits that
added (or deleted) it, and at which paths.
"""
from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Iterable, Iterator
from typing import NamedTuple


class GitError(Exception):
    """git failed; the message is its first line of complaint."""


def git(root: str, *args: str, input: bytes | None = None) -> bytes:
    proc = subprocess.run(
        ('git', *args), cwd=root, input=input, capture_output=True,
    )
    if proc.returncode:
        reason = proc.stderr.decode(errors='replace').strip().splitlines()
        raise GitError(reason[0] if reason else f'git {args[0]} failed')
    return proc.stdout


def is_repository(root: str) -> bool:
    proc = subprocess.run(
        ('git', 'rev-parse', '--is-inside-work-tree'),
        cwd=root, capture_output=True, text=True,
    )
    return proc.returncode == 0 and proc.stdout.strip() == 'true'


def has_commits(root: str) -> bool:
    return bool(git(root, 'rev-list', '-n1', '--all').strip())


def tracked_files(root: str) -> list[str]:
    """Files in git's index under ROOT, relative to it, that exist on disk."""
    names = git(root, 'ls-files', '-z', '--cached', '--', '.').decode(
        'utf-8', 'surrogateescape',
    ).split('\0')
    return [n for n in names if n and os.path.isfile(os.path.join(root, n))]


def head_blobs(root: str) -> set[tuple[str, str]]:
    """(blob sha, path) of every file in HEAD's tree; empty with no HEAD."""
    proc = subprocess.run(
        ('git', 'ls-tree', '-r', '-z', '--full-tree', 'HEAD'),
        cwd=root, capture_output=True,
    )
    if proc.returncode:
        return set()
    out = set()
    for entry in proc.stdout.decode('utf-8', 'surrogateescape').split('\0'):
        if entry:
            meta, path = entry.split('\t', 1)
            _, kind, sha = meta.split()
            if kind == 'blob':
                out.add((sha, path))
    return out


class Blob(NamedTuple):
    sha: str
    path: str  # the first path git names it by; origins() gives them all
    size: int


def blobs(root: str) -> list[Blob]:
    """Every blob reachable from any ref, once each, with its size."""
    # Oldest first, so that a line is read, and a finding reported, in the
    # version of the file that brought it in.
    names = git(
        root, 'rev-list', '--objects', '--all', '--reverse',
        '--filter=object:type=blob',
    )
    # Commits still come through the filter, as a bare object name; every
    # blob has a path after it.  `%(rest)` carries the path through.
    wanted = b'\n'.join(line for line in names.splitlines() if b' ' in line)
    if not wanted:
        return []
    sized = git(
        root, 'cat-file',
        '--batch-check=%(objectname) %(objecttype) %(objectsize) %(rest)',
        input=wanted + b'\n',
    )
    out = []
    for line in sized.decode('utf-8', 'surrogateescape').splitlines():
        sha, kind, size, path = line.split(' ', 3)
        if kind == 'blob':
            out.append(Blob(sha, path, int(size)))
    return out


def read_blobs(root: str, wanted: Iterable[Blob]) -> Iterator[tuple[Blob, bytes]]:
    """Stream the bytes of WANTED from one `git cat-file --batch`."""
    wanted = list(wanted)
    if not wanted:
        return
    proc = subprocess.Popen(
        ('git', 'cat-file', '--batch=%(objectname) %(objectsize)'),
        cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, bufsize=1 << 20,
    )
    assert proc.stdin is not None and proc.stdout is not None

    def feed() -> None:
        try:
            for blob in wanted:
                proc.stdin.write(blob.sha.encode() + b'\n')
            proc.stdin.close()
        except BrokenPipeError:  # the reader stopped early
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        for blob in wanted:
            header = proc.stdout.readline().split()
            if len(header) != 2:
                raise GitError(f'git cat-file: unexpected reply for {blob.sha}')
            size = int(header[1])
            data = proc.stdout.read(size)
            proc.stdout.read(1)  # the newline after each object
            yield blob, data
    finally:
        proc.stdout.close()
        if proc.poll() is None:  # the caller stopped early
            proc.kill()
        proc.wait()
        writer.join()


# Lines scanned either side of a changed line that has a digit: the
# personal-data detectors look up to 80 characters before a number for a
# keyword, and a private key's changed body needs the line that begins it.
CONTEXT_LINES = 1
_DIGIT = re.compile(rb'[0-9]')
# Formats scanned whole: their parsers need the whole file (notebooks), or a
# table's rows need their header (data files).
WHOLE = ('.ipynb', '.csv', '.tsv', '.tab')


def novel(path: str, data: bytes, seen: set[int]) -> tuple[bytes, list[int] | None] | None:
    """The part of DATA that no earlier blob showed, with its context.

    Successive versions of a file share most of their lines; a history scan
    that has read a line once need not read it again.  Returns the text to
    scan and, for each of its lines, the line of DATA it came from (None when
    the text is DATA itself), or None when every line was seen before.
    Lines are remembered by hash in SEEN.  Each kept run of lines is led by
    the first line of its paragraph (a table's header) and set apart from the
    next by a blank line.
    """
    lines = data.split(b'\n')
    new = []
    for number, line in enumerate(lines):
        key = hash(line)
        if key not in seen:
            seen.add(key)
            new.append(number)
    if not new:
        return None
    if path.lower().endswith(WHOLE) or len(new) * 4 > len(lines):
        return data, None
    keep = [False] * len(lines)
    for number in new:
        reach = CONTEXT_LINES if _DIGIT.search(lines[number]) else 0
        for near in range(max(0, number - reach), min(len(lines), number + reach + 1)):
            keep[near] = True
    out: list[bytes] = []
    where: list[int] = []
    paragraph = 0  # the first line of the current paragraph
    previous = -2
    for number, line in enumerate(lines):
        if not line.strip():
            paragraph = number + 1
        if not keep[number]:
            continue
        if number != previous + 1:
            if out:
                out.append(b'')
                where.append(number + 1)
            if paragraph < number:
                out.append(lines[paragraph])
                where.append(paragraph + 1)
        out.append(line)
        where.append(number + 1)
        previous = number
    return b'\n'.join(out), where


class Origin(NamedTuple):
    commit: str
    path: str
    added: bool  # False: the commit deleted or replaced it at PATH


def origins(root: str, shas: set[str]) -> dict[str, list[Origin]]:
    """The commits, on any ref, that added or removed each blob of SHAS."""
    found: dict[str, list[Origin]] = {sha: [] for sha in shas}
    if not shas:
        return found
    log = git(
        root, 'log', '--all', '--raw', '--no-abbrev', '--no-renames',
        '--format=%x00%H', '-z',
    )
    # With -z: "\0COMMIT\n\0:MODE MODE OLD NEW STATUS\0PATH\0..." per commit.
    commit = ''
    fields = iter(log.decode('utf-8', 'surrogateescape').split('\0'))
    for field in fields:
        field = field.strip('\n')
        if not field:
            continue
        if not field.startswith(':'):
            commit = field
            continue
        _, _, old, new, _ = field[1:].split(' ', 4)
        path = next(fields, '')
        if new in found:
            found[new].append(Origin(commit, path, True))
        if old in found and old != new:
            found[old].append(Origin(commit, path, False))
    return found


def commit_messages(root: str) -> Iterator[tuple[str, str]]:
    """(commit, message) for every commit reachable from any ref."""
    out = git(root, 'log', '--all', '--format=%H%x00%B%x00')
    text = out.decode('utf-8', 'replace')
    parts = text.split('\0')
    for sha, message in zip(parts[0::2], parts[1::2]):
        yield sha.strip(), message
