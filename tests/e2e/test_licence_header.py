# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import time

from tests.conftest import git
from tests.e2e.conftest import commit

Y = time.localtime().tm_year
HEADER = f'# Copyright (c) {Y} Crown Copyright\n# SPDX-License-Identifier: MIT\n\n'


def test_try_repo_fixes_the_files_given(repo, hooks_repo, pre_commit):
    (repo / 'a.py').write_text('x = 1\n')
    (repo / 'b.sh').write_text('#!/bin/sh\necho hi\n')
    (repo / 'c.json').write_text('{}\n')
    git(repo, 'add', '-A')

    proc = pre_commit(
        'try-repo', str(hooks_repo), 'licence-header',
        '--files', 'a.py', 'b.sh', 'c.json',
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert 'licence header' in proc.stdout and 'Failed' in proc.stdout
    assert 'files were modified by this hook' in proc.stdout
    assert 'a.py:1: licence-header-missing added copyright notice' in proc.stdout
    assert (repo / 'a.py').read_text() == HEADER + 'x = 1\n'
    assert (repo / 'b.sh').read_text() == '#!/bin/sh\n' + HEADER + 'echo hi\n'
    assert (repo / 'c.json').read_text() == '{}\n'

    git(repo, 'add', '-A')
    proc = pre_commit(
        'try-repo', str(hooks_repo), 'licence-header',
        '--files', 'a.py', 'b.sh', 'c.json',
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert 'Passed' in proc.stdout


def test_commit_with_the_hook_installed(installed_repo):
    repo = installed_repo('licence-header')
    (repo / 'app.py').write_text('print("hi")\r\n')

    proc = commit(repo, 'Add the app')
    assert proc.returncode != 0  # the hook added the header: review, then commit
    assert 'files were modified by this hook' in proc.stdout + proc.stderr
    assert (repo / 'app.py').read_bytes() == (
        HEADER.replace('\n', '\r\n') + 'print("hi")\r\n'
    ).encode()

    proc = commit(repo, 'Add the app')
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert git(repo, 'show', 'HEAD:app.py').startswith('# Copyright (c)')


def test_check_argument_blocks_without_changing(installed_repo):
    repo = installed_repo('licence-header', args={'licence-header': ['--check']})
    (repo / 'app.js').write_text('let x;\n')

    proc = commit(repo, 'Add the app')
    assert proc.returncode != 0
    assert 'app.js:1: licence-header-missing missing copyright notice' in proc.stderr
    assert (repo / 'app.js').read_text() == 'let x;\n'
