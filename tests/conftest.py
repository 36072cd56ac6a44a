# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / 'shared'

# Every test's git runs with a known identity and no user or system
# configuration, so results do not depend on the machine.
GIT_ENV = {
    'GIT_AUTHOR_NAME': 'Test Author',
    'GIT_AUTHOR_EMAIL': 'author@example.invalid',
    'GIT_COMMITTER_NAME': 'Test Author',
    'GIT_COMMITTER_EMAIL': 'author@example.invalid',
    'GIT_CONFIG_NOSYSTEM': '1',
    'GIT_CONFIG_GLOBAL': os.devnull,
}


@pytest.fixture(autouse=True, scope='session')
def _git_identity():
    old = {k: os.environ.get(k) for k in GIT_ENV}
    os.environ.update(GIT_ENV)
    yield
    for key, value in old.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def corpus(*parts: str) -> Path:
    """A path in ../shared/corpora; skips without it unless CI requires it."""
    path = SHARED.joinpath('corpora', *parts)
    if not path.exists():
        reason = f'corpus {path} is not here (a clone outside the team)'
        if os.environ.get('NHS_OPEN_SOURCE_REQUIRE_CORPORA') == '1':
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def git(cwd: Path | str, *args: str) -> str:
    return subprocess.run(
        ('git', *args), cwd=cwd, check=True, capture_output=True, text=True,
    ).stdout


def write(root: Path, files: dict[str, str | None]) -> None:
    """Write FILES (name: text) under ROOT; a text of None deletes the file."""
    for name, text in files.items():
        path = root / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)


def assert_main_and_audit(module, root: Path, capsys, files, code, checks) -> None:
    """A repository-wide hook gives CODE and CHECKS through main and audit."""
    write(root, files)
    assert module.main([]) == code
    out = capsys.readouterr().out
    assert [line.split()[1] for line in out.splitlines()] == checks
    assert [f.check for f in module.audit(str(root), list(files))] == checks


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """An empty git repository, also the working directory."""
    git(tmp_path, 'init', '-q', '-b', 'main')
    monkeypatch.chdir(tmp_path)
    return tmp_path
