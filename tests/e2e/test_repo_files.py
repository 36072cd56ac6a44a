# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

from tests.conftest import git
from tests.e2e.conftest import commit
from tests.conftest import write
from tests.test_repo_files import GOOD


def test_try_repo(repo, hooks_repo, pre_commit):
    proc = pre_commit('try-repo', str(hooks_repo), 'repo-files', '--all-files')
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for check in ('contributing-missing', 'security-missing', 'code-of-conduct-missing'):
        assert f'repo-files-{check}' in proc.stdout

    write(repo, GOOD)
    git(repo, 'add', '-A')
    proc = pre_commit('try-repo', str(hooks_repo), 'repo-files', '--all-files')
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_commit_blocked_then_allowed(installed_repo):
    repo = installed_repo('repo-files')
    write(repo, {**GOOD, 'SECURITY.md': 'Be responsible.\n'})
    proc = commit(repo, 'Add the community files')
    assert proc.returncode != 0
    assert 'SECURITY.md:0: repo-files-security-route' in proc.stdout + proc.stderr

    write(repo, GOOD)
    proc = commit(repo, 'Add the community files')
    assert proc.returncode == 0, proc.stdout + proc.stderr
