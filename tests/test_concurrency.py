# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT
"""pre-commit runs a hook over batches of files in parallel processes.

The hooks share no writable state: a baseline is only read, and a fixer's
temporary files carry its process id.  These tests run the fixers and the
scanner as parallel processes over one folder, as pre-commit would.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PROCESSES = 4
FILES_EACH = 25


def run_in_parallel(hook: str, batches: list[list[str]], cwd) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(
            (sys.executable, '-m', 'nhs_open_source_hooks', hook, *batch),
            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for batch in batches
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def batches_of(names: list[str]) -> list[list[str]]:
    return [names[i::PROCESSES] for i in range(PROCESSES)]


def test_licence_header_in_parallel_over_one_folder(tmp_path):
    names = [f'module_{i}.py' for i in range(PROCESSES * FILES_EACH)]
    for name in names:
        (tmp_path / name).write_text(f'VALUE = {len(name)}\n')
    results = run_in_parallel('licence-header', batches_of(names), tmp_path)
    assert [r.returncode for r in results] == [1] * PROCESSES, [r.stderr for r in results]
    assert all(r.stderr == '' for r in results)
    for name in names:
        text = (tmp_path / name).read_text()
        assert text.endswith(f'\n\nVALUE = {len(name)}\n') and 'SPDX-License-Identifier: MIT' in text
    assert sorted(os.listdir(tmp_path)) == sorted(names)  # no temporaries left


def test_strip_notebook_outputs_in_parallel_over_one_folder(tmp_path):
    names = [f'analysis_{i}.ipynb' for i in range(PROCESSES * FILES_EACH)]
    notebook = {
        'cells': [{
            'cell_type': 'code', 'execution_count': 3, 'id': 'a1', 'metadata': {},
            'outputs': [{'name': 'stdout', 'output_type': 'stream', 'text': ['42\n']}],
            'source': ['print(42)'],
        }],
        'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5,
    }
    for name in names:
        (tmp_path / name).write_text(json.dumps(notebook, indent=1) + '\n')
    results = run_in_parallel('strip-notebook-outputs', batches_of(names), tmp_path)
    assert [r.returncode for r in results] == [1] * PROCESSES, [r.stderr for r in results]
    for name in names:
        cell = json.loads((tmp_path / name).read_text())['cells'][0]
        assert (cell['outputs'], cell['execution_count']) == ([], None)
    assert sorted(os.listdir(tmp_path)) == sorted(names)


@pytest.mark.parametrize('baseline', (False, True))
def test_secret_scan_in_parallel_shares_its_baseline_read_only(tmp_path, baseline):
    token = 'ghp_' + 'Zq8Xw2Lm4Np6Rt0Vb3Yc5Hd7Jf9Kg1Ms2Qa4'  # built here, not a real token; pragma: allowlist secret
    names = [f'settings_{i}.py' for i in range(PROCESSES * FILES_EACH)]
    for name in names:
        (tmp_path / name).write_text(f'GITHUB_TOKEN = "{token}"\n')
    if baseline:
        import hashlib
        digest = hashlib.sha1(token.encode()).hexdigest()
        (tmp_path / '.secrets.baseline').write_text(json.dumps({
            'version': '1.5.0', 'plugins_used': [], 'filters_used': [],
            'results': {name: [{
                'type': 'GitHub Token', 'filename': name, 'hashed_secret': digest,
                'is_verified': False, 'line_number': 1,
            }] for name in names},
        }))
    before = sorted(os.listdir(tmp_path))
    results = run_in_parallel('secret-scan', batches_of(names), tmp_path)
    expected = 0 if baseline else 1
    assert [r.returncode for r in results] == [expected] * PROCESSES, [r.stderr for r in results]
    if not baseline:
        reported = {line.split(':')[0] for r in results for line in r.stdout.splitlines()}
        assert reported == set(names)
        assert all(token not in r.stdout + r.stderr for r in results)
    assert sorted(os.listdir(tmp_path)) == before  # nothing written, baseline included
