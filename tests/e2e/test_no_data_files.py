# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

from tests.conftest import git
from tests.e2e.conftest import commit


def test_try_repo(repo, hooks_repo, pre_commit):
    (repo / 'extract.csv').write_text('id,value\n1,2\n')
    (repo / 'analysis.py').write_text('print()\n')
    git(repo, 'add', '-A')
    proc = pre_commit('try-repo', str(hooks_repo), 'no-data-files', '--files', 'extract.csv', 'analysis.py')
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert 'extract.csv:0: no-data-files-data .csv is a data file' in proc.stdout
    assert 'analysis.py' not in proc.stdout

    proc = pre_commit('try-repo', str(hooks_repo), 'no-data-files', '--files', 'analysis.py')
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_commit_blocked_then_allowed_by_configuration(installed_repo):
    repo = installed_repo('no-data-files')
    (repo / 'tests' / 'fixtures').mkdir(parents=True)
    (repo / 'tests' / 'fixtures' / 'synthetic.csv').write_text('id\n1\n')
    proc = commit(repo, 'Add a fixture')
    assert proc.returncode != 0
    assert 'tests/fixtures/synthetic.csv:0: no-data-files-data' in proc.stdout + proc.stderr

    (repo / 'pyproject.toml').write_text(
        '[tool.nhs-open-source.no-data-files]\nallow = ["tests/fixtures/**"]\n',
    )
    proc = commit(repo, 'Add a fixture')
    assert proc.returncode == 0, proc.stdout + proc.stderr
