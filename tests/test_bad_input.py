# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Every hook, and the audit, on input that is not what it expects.

Each run is a whole process, as pre-commit runs it, so a traceback anywhere
shows.  Exit codes follow the convention (0, 1 or 2); a file that is not
processed is named in one line on stderr; no byte changes unless a fixer
legitimately rewrote the file.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

# hook id: the file name suffix it is normally given
FILE_HOOKS = {
    'secret-scan': '.txt',
    'strip-notebook-outputs': '.ipynb',
    'licence-header': '.py',
    'no-data-files': '.txt',
    'commit-message': '',
}
FIXERS = {'strip-notebook-outputs', 'licence-header'}
# no-data-files judges a path by its name and size, not its content; git
# stores a symbolic link as a link, never as the data it points to.
LINKS_ARE_NOT_DATA = {'no-data-files'}
REPOSITORY_HOOKS = ('readme', 'licence-file', 'repo-files', 'semver')
BIG = 50 * 1024 * 1024


def _contents() -> dict[str, bytes]:
    return {
        'binary': b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' + bytes(range(256)),
        'nul-bytes': b'text with a\x00NUL byte\n',
        'invalid-utf8': b'caf\xe9 au lait\n\xff\xfe\n',
        'utf16-bom': '# caf\xe9\nprint(1)\n'.encode('utf-16'),
        'empty': b'',
        'crlf': b'line one\r\nline two\r\n',
        'mixed-endings': b'one\r\ntwo\nthree\rfour\n',
        'single-5mb-line': b'x = "' + b'a' * (5 * 1024 * 1024) + b'"\n',
    }


def run(hook: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        (sys.executable, '-m', 'nhs_open_source_hooks', hook, *args),
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )


def assert_clean_exit(proc: subprocess.CompletedProcess[str]) -> None:
    assert proc.returncode in (0, 1, 2), proc.stderr
    assert 'Traceback' not in proc.stderr + proc.stdout, proc.stderr


@pytest.fixture(scope='module')
def big_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp('big') / 'big'
    line = b'an ordinary line of text, nothing to see here at all\n'
    with open(path, 'wb') as f:
        f.write(line * (BIG // len(line)))
    return path


@pytest.mark.parametrize('hook', FILE_HOOKS)
@pytest.mark.parametrize('kind', list(_contents()) + ['50mb', 'read-only'])
def test_file_content(tmp_path, hook, kind, big_file):
    path = tmp_path / f'input{FILE_HOOKS[hook]}'
    if kind == '50mb':
        path.write_bytes(big_file.read_bytes())
    elif kind == 'read-only':
        path.write_bytes(b'print("hello")\n')
        path.chmod(0o444)
    else:
        path.write_bytes(_contents()[kind])
    before = path.read_bytes()
    mode = path.stat().st_mode
    proc = run(hook, path.name, cwd=tmp_path)
    assert_clean_exit(proc)
    after = path.read_bytes()
    if hook not in FIXERS or kind in {'binary', 'nul-bytes', 'invalid-utf8', 'read-only', 'empty'}:
        assert after == before
    assert path.stat().st_mode == mode
    if after != before:  # a fixer changed it: it kept the original bytes
        assert proc.returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    for line in proc.stderr.splitlines():
        assert path.name in line or hook in line, proc.stderr


@pytest.mark.parametrize('hook', FILE_HOOKS)
@pytest.mark.parametrize('kind', ('missing', 'directory', 'dangling-symlink', 'symlink-to-directory'))
def test_path_that_is_not_a_file(tmp_path, hook, kind):
    name = f'input{FILE_HOOKS[hook]}'
    if kind == 'directory':
        (tmp_path / name).mkdir()
    elif kind == 'dangling-symlink':
        os.symlink('nowhere', tmp_path / name)
    elif kind == 'symlink-to-directory':
        (tmp_path / 'folder').mkdir()
        os.symlink('folder', tmp_path / name)
    proc = run(hook, name, cwd=tmp_path)
    assert_clean_exit(proc)
    if hook in LINKS_ARE_NOT_DATA and 'symlink' in kind:
        assert (proc.returncode, proc.stdout, proc.stderr) == (0, '', '')
        return
    assert proc.returncode != 0
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and name in lines[0], proc.stderr


@pytest.mark.parametrize('hook', FILE_HOOKS)
def test_symlink_to_a_file_is_not_written_through(tmp_path, hook):
    target = tmp_path / f'target{FILE_HOOKS[hook]}'
    target.write_bytes(b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n')
    link = tmp_path / f'link{FILE_HOOKS[hook]}'
    os.symlink(target.name, link)
    before = target.read_bytes()
    proc = run(hook, link.name, cwd=tmp_path)
    assert_clean_exit(proc)
    assert target.read_bytes() == before
    assert link.is_symlink()


@pytest.mark.parametrize('hook', FILE_HOOKS)
def test_file_that_changes_while_being_read(tmp_path, hook):
    path = tmp_path / f'growing{FILE_HOOKS[hook]}'
    path.write_bytes(b'start\n' * 1000)
    stop = threading.Event()

    def grow():
        with open(path, 'ab') as f:
            while not stop.is_set():
                f.write(b'more text appended while the hook reads\n' * 100)
                f.flush()
                time.sleep(0.001)
    writer = threading.Thread(target=grow)
    writer.start()
    try:
        proc = run(hook, path.name, cwd=tmp_path)
    finally:
        stop.set()
        writer.join()
    assert_clean_exit(proc)


@pytest.mark.parametrize('hook', REPOSITORY_HOOKS)
@pytest.mark.parametrize('kind', ('binary', 'invalid-utf8', 'utf16-bom', 'empty', 'directory', 'dangling-symlink'))
def test_repository_files_that_are_bad(tmp_path, hook, kind):
    """README, LICENCE, pyproject.toml and friends that cannot be read."""
    for name in ('README.md', 'LICENCE', 'CONTRIBUTING.md', 'SECURITY.md', 'package.json'):
        path = tmp_path / name
        if kind == 'directory':
            path.mkdir()
        elif kind == 'dangling-symlink':
            os.symlink('nowhere', path)
        else:
            path.write_bytes(_contents()[kind])
    subprocess.run(('git', 'init', '-q'), cwd=tmp_path, check=True)
    proc = run(hook, cwd=tmp_path)
    assert_clean_exit(proc)


def test_audit_on_a_repository_of_bad_files(tmp_path, big_file):
    subprocess.run(('git', 'init', '-q'), cwd=tmp_path, check=True)
    for kind, data in _contents().items():
        (tmp_path / f'{kind}.txt').write_bytes(data)
        (tmp_path / f'{kind}.ipynb').write_bytes(data)
        (tmp_path / f'{kind}.py').write_bytes(data)
    (tmp_path / 'big.txt').write_bytes(big_file.read_bytes())
    os.symlink('nowhere', tmp_path / 'dangling.py')
    os.symlink('empty.txt', tmp_path / 'link.txt')
    subprocess.run(('git', 'add', '-A'), cwd=tmp_path, check=True)
    subprocess.run(('git', 'commit', '-qm', 'Add bad files'), cwd=tmp_path, check=True)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    proc = run('audit', '--history', cwd=tmp_path)
    assert_clean_exit(proc)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
