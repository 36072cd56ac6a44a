# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

from tests.conftest import git
from tests.e2e.conftest import commit

AWS = 'AKIA' + 'Z7VRSQ5TFXQK3B2M'
NHS_NUMBER = '401 023 ' + '2137'


def test_try_repo(repo, hooks_repo, pre_commit):
    (repo / 'settings.py').write_text(f'AWS_ACCESS_KEY_ID = "{AWS}"\n')
    (repo / 'clean.py').write_text('x = 1\n')
    git(repo, 'add', '-A')
    proc = pre_commit('try-repo', str(hooks_repo), 'secret-scan', '--files', 'settings.py', 'clean.py')
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert 'settings.py:1: secret-aws-access-key' in proc.stdout
    assert AWS not in proc.stdout

    proc = pre_commit('try-repo', str(hooks_repo), 'secret-scan', '--files', 'clean.py')
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_commit_blocked_then_allowed(installed_repo):
    repo = installed_repo('secret-scan')
    (repo / 'patients.csv').write_text(f'name,nhs number\nA Person,{NHS_NUMBER}\n')
    (repo / 'config.py').write_text(f'key = "{AWS}"\n')

    blocked = commit(repo, 'Add the configuration')
    assert blocked.returncode != 0
    assert 'config.py:1: secret-aws-access-key' in blocked.stderr
    assert 'patients.csv:2: personal-data-nhs-number' in blocked.stderr
    assert AWS not in blocked.stderr and NHS_NUMBER not in blocked.stderr
    assert git(repo, 'rev-list', '--all') == ''

    (repo / 'patients.csv').unlink()
    (repo / 'config.py').write_text('import os\n\nkey = os.environ["AWS_ACCESS_KEY_ID"]\n')
    allowed = commit(repo, 'Add the configuration')
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
