# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import json

from tests.conftest import git
from tests.e2e.conftest import commit

NOTEBOOK = {
    'cells': [{
        'cell_type': 'code', 'execution_count': 7, 'id': 'f00d', 'metadata': {},
        'outputs': [{'name': 'stdout', 'output_type': 'stream', 'text': ['patient 1\n']}],
        'source': ['print("patient", 1)'],
    }],
    'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5,
}
STRIPPED = json.dumps({
    **NOTEBOOK,
    'cells': [{**NOTEBOOK['cells'][0], 'execution_count': None, 'id': '0', 'outputs': []}],
}, indent=1, sort_keys=True) + '\n'


def test_try_repo_strips_the_notebook(repo, hooks_repo, pre_commit):
    (repo / 'analysis.ipynb').write_text(json.dumps(NOTEBOOK, indent=2))
    git(repo, 'add', '-A')
    proc = pre_commit(
        'try-repo', str(hooks_repo), 'strip-notebook-outputs', '--files', 'analysis.ipynb',
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert 'analysis.ipynb:0: strip-notebook-outputs stripped 1 output' in proc.stdout
    assert 'files were modified by this hook' in proc.stdout
    assert (repo / 'analysis.ipynb').read_text() == STRIPPED

    git(repo, 'add', '-A')
    proc = pre_commit(
        'try-repo', str(hooks_repo), 'strip-notebook-outputs', '--files', 'analysis.ipynb',
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert 'Passed' in proc.stdout


def test_commit_with_outputs_is_stopped_until_restaged(installed_repo):
    repo = installed_repo('strip-notebook-outputs')
    (repo / 'analysis.ipynb').write_text(json.dumps(NOTEBOOK, indent=1))
    proc = commit(repo, 'Add the admissions analysis notebook')
    assert proc.returncode != 0
    assert 'strip-notebook-outputs' in proc.stdout + proc.stderr
    assert git(repo, 'rev-list', '--all') == ''
    assert (repo / 'analysis.ipynb').read_text() == STRIPPED

    proc = commit(repo, 'Add the admissions analysis notebook')
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert git(repo, 'show', 'HEAD:analysis.ipynb') == STRIPPED
    assert 'patient 1' not in git(repo, 'log', '-p')
