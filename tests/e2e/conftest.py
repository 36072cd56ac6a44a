# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Real pre-commit against a snapshot of this repository.

The snapshot is a clean commit of the working tree made once a session, so
pre-commit builds the hook environment once and every test reuses it.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, git


@pytest.fixture(scope='session')
def hooks_repo(tmp_path_factory) -> Path:
    """This repository's working tree as a clean git repository."""
    dest = tmp_path_factory.mktemp('hooks-repo')
    files = git(
        ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard',
    ).split('\0')
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    git(dest, 'init', '-q', '-b', 'main')
    git(dest, 'add', '-A')
    git(dest, 'commit', '-q', '--no-verify', '-m', 'Snapshot for end-to-end tests')
    return dest


@pytest.fixture(scope='session')
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp('pre-commit-home')


@pytest.fixture
def pre_commit(pre_commit_home, monkeypatch):
    """Run the real pre-commit; returns the completed process."""
    monkeypatch.setenv('PRE_COMMIT_HOME', str(pre_commit_home))
    monkeypatch.delenv('SKIP', raising=False)

    def run(*args: str, cwd: Path | str = '.') -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            (sys.executable, '-m', 'pre_commit', *args),
            cwd=cwd, capture_output=True, text=True,
        )
    return run


@pytest.fixture
def installed_repo(repo, hooks_repo, pre_commit):
    """A user's repository with this hook repository in its config.

    Call it with hook ids; it writes `.pre-commit-config.yaml` pinned to the
    snapshot and installs the git hooks, so `git commit` runs them for real.
    """
    def install(*hook_ids: str, args: dict[str, list[str]] | None = None) -> Path:
        rev = git(hooks_repo, 'rev-parse', 'HEAD').strip()
        lines = [
            'repos:',
            f'- repo: {hooks_repo}',
            f'  rev: {rev}',
            '  hooks:',
        ]
        for hook_id in hook_ids:
            lines.append(f'  - id: {hook_id}')
            if args and hook_id in args:
                lines.append(f'    args: {args[hook_id]!r}')
        (repo / '.pre-commit-config.yaml').write_text('\n'.join(lines) + '\n')
        proc = pre_commit(
            'install', '--hook-type', 'pre-commit', '--hook-type', 'commit-msg',
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return repo
    return install


def commit(cwd: Path | str, message: str) -> subprocess.CompletedProcess[str]:
    """`git commit` with the hooks installed; returns the process."""
    git(cwd, 'add', '-A')
    return subprocess.run(
        ('git', 'commit', '-q', '-m', message),
        cwd=cwd, capture_output=True, text=True,
    )
