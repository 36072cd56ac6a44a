# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import git
from tests.e2e.conftest import commit

# Run by git at the commit-msg stage, not by `pre-commit run`.
COMMIT_MSG_HOOKS = {'commit-message'}


def assert_ran(output: str, names: list[str]) -> None:
    """Each hook passed, or had no file of its type (notebooks) to check."""
    for name in names:
        pattern = rf'(?m)^{re.escape(name)}\.+(Passed|\(no files to check\)Skipped)$'
        assert re.search(pattern, output), (name, output)


def test_init_then_every_hook_passes(tmp_path, hooks_repo, pre_commit):
    root = tmp_path / 'new-project'
    proc = subprocess.run(
        (sys.executable, '-m', 'nhs_open_source_hooks', 'init', str(root)),
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    config = (root / '.pre-commit-config.yaml').read_text()
    names = dict(re.findall(
        r'(?m)^- id: (\S+)\n  name: (.*)$', (hooks_repo / '.pre-commit-hooks.yaml').read_text(),
    ))
    assert set(re.findall(r'- id: (\S+)', config)) == set(names)
    hooks = [hook for hook in names if hook not in COMMIT_MSG_HOOKS]
    # The written config pins the published repository; point it at this
    # snapshot instead.
    rev = git(hooks_repo, 'rev-parse', 'HEAD').strip()
    config = re.sub(r'(?m)^- repo: .*$', f'- repo: {hooks_repo}', config)
    config = re.sub(r'(?m)^  rev: .*$', f'  rev: {rev}', config)
    (root / '.pre-commit-config.yaml').write_text(config)

    # As a new user would: straight after init, nothing added yet.
    proc = pre_commit('run', '--all-files', cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert_ran(proc.stdout, [names[hook] for hook in hooks])

    # Then with every file staged, and a real commit through the git hooks.
    git(root, 'add', '-A')
    proc = pre_commit('run', '--all-files', cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert_ran(proc.stdout, [names[hook] for hook in hooks])
    proc = pre_commit('install', cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = commit(root, 'Start the project with nhs-open-source init')
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r'(?m)^commit message\.+Passed$', proc.stdout + proc.stderr)
