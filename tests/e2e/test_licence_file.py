# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

from tests.e2e.conftest import commit
from tests.conftest import git
from tests.test_licence_file import APACHE_NOTICE, MIT, README_MIT


def test_try_repo(repo, hooks_repo, pre_commit):
    (repo / 'README.md').write_text(README_MIT)
    git(repo, 'add', '-A')
    proc = pre_commit('try-repo', str(hooks_repo), 'licence-file', '--all-files')
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert 'LICENCE:0: licence-file-missing no LICENCE file' in proc.stdout

    (repo / 'LICENCE').write_text(MIT)
    git(repo, 'add', '-A')
    proc = pre_commit('try-repo', str(hooks_repo), 'licence-file', '--all-files')
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_commit_blocked_then_allowed(installed_repo):
    repo = installed_repo('licence-file')
    (repo / 'LICENCE').write_text(APACHE_NOTICE)
    proc = commit(repo, 'Add a licence')
    assert proc.returncode != 0
    assert 'licence-file-partial' in proc.stdout + proc.stderr

    (repo / 'LICENCE').write_text(MIT)
    proc = commit(repo, 'Add the MIT licence')
    assert proc.returncode == 0, proc.stdout + proc.stderr
