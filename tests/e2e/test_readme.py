# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

from pathlib import Path

from tests.conftest import git
from tests.e2e.conftest import commit

COMPLETE = (Path(__file__).parents[1] / 'readmes' / 'complete.md').read_text()


def test_try_repo(repo, hooks_repo, pre_commit):
    (repo / 'README.md').write_text('# Project\n\nTODO\n')
    git(repo, 'add', '-A')
    proc = pre_commit('try-repo', str(hooks_repo), 'readme', '--all-files')
    assert proc.returncode == 1
    assert 'README.md:0: readme-stub' in proc.stdout
    assert 'readme-contact' in proc.stdout

    (repo / 'README.md').write_text(COMPLETE)
    git(repo, 'add', '-A')
    proc = pre_commit('try-repo', str(hooks_repo), 'readme', '--all-files')
    assert proc.returncode == 0, proc.stdout
    assert 'Passed' in proc.stdout


def test_commit_blocked_until_readme_is_complete(installed_repo):
    repo = installed_repo('readme')
    (repo / 'app.py').write_text('print("hello")\n')
    proc = commit(repo, 'Add the application entry point')
    assert proc.returncode != 0
    assert 'readme-missing' in proc.stdout + proc.stderr
    assert git(repo, 'rev-list', '--all') == ''

    (repo / 'README.md').write_text(COMPLETE)
    proc = commit(repo, 'Add the application and its README')
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert git(repo, 'log', '--format=%s') == 'Add the application and its README\n'
