# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import json

from tests.conftest import git
from tests.e2e.conftest import commit


def test_try_repo(repo, hooks_repo, pre_commit):
    (repo / 'package.json').write_text(json.dumps({'name': 'x', 'version': '1.0'}))
    git(repo, 'add', '-A')
    proc = pre_commit('try-repo', str(hooks_repo), 'semver', '--all-files')
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "package.json:1: semver-version version '1.0'" in proc.stdout

    (repo / 'package.json').write_text(json.dumps({'name': 'x', 'version': '1.0.0'}))
    git(repo, 'add', '-A')
    proc = pre_commit('try-repo', str(hooks_repo), 'semver', '--all-files')
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_commit_blocked_by_a_bad_release_tag(installed_repo):
    repo = installed_repo('semver')
    (repo / 'package.json').write_text(json.dumps({'version': '1.0.0'}))
    assert commit(repo, 'Release 1.0.0').returncode == 0
    git(repo, 'tag', 'v1.0')
    (repo / 'package.json').write_text(json.dumps({'version': '1.0.1'}))
    proc = commit(repo, 'Fix the release')
    assert proc.returncode != 0
    assert "refs/tags/v1.0:0: semver-tag release tag 'v1.0'" in proc.stdout + proc.stderr
