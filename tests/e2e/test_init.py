from __future__ import annotations

import re
import subprocess
import sys

from nhs_open_source_hooks._main import SUBCOMMANDS
from tests.conftest import git
from tests.e2e.conftest import commit

MINE = ('licence-file', 'repo-files', 'semver', 'no-data-files')


def available(hooks_repo, config: str) -> list[str]:
    """The hook ids in CONFIG whose modules this snapshot has."""
    ids = re.findall(r'- id: (\S+)', config)
    return [
        hook for hook in ids
        if (hooks_repo / 'hooks' / f'{SUBCOMMANDS[hook][0]}.py').exists()
    ]


def test_init_then_every_hook_passes(tmp_path, hooks_repo, pre_commit):
    root = tmp_path / 'new-project'
    proc = subprocess.run(
        (sys.executable, '-m', 'nhs_open_source_hooks', 'init', str(root)),
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    config = (root / '.pre-commit-config.yaml').read_text()
    hooks = available(hooks_repo, config)
    names = dict(re.findall(
        r'(?m)^- id: (\S+)\n  name: (.*)$', (hooks_repo / '.pre-commit-hooks.yaml').read_text(),
    ))
    assert set(MINE) <= set(hooks)
    # The written config pins the published repository; point it at this
    # snapshot instead, keeping only the hooks this snapshot has.
    rev = git(hooks_repo, 'rev-parse', 'HEAD').strip()
    config = re.sub(r'(?m)^- repo: .*$', f'- repo: {hooks_repo}', config)
    config = re.sub(r'(?m)^  rev: .*$', f'  rev: {rev}', config)
    config = re.sub(
        r'(?m)^  - id: (\S+)\n', lambda m: m.group(0) if m.group(1) in hooks else '', config,
    )
    (root / '.pre-commit-config.yaml').write_text(config)

    # As a new user would: straight after init, nothing added yet.
    proc = pre_commit('run', '--all-files', cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for hook in hooks:
        assert re.search(rf'(?m)^{re.escape(names[hook])}\.+(Passed|\(no files to check\)Skipped)$',
                         proc.stdout), (hook, proc.stdout)

    # Then with every file staged, and a real commit through the git hooks.
    git(root, 'add', '-A')
    proc = pre_commit('run', '--all-files', cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for hook in hooks:
        assert re.search(rf'(?m)^{re.escape(names[hook])}\.+Passed$', proc.stdout), proc.stdout
    proc = pre_commit('install', cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = commit(root, 'Start the project with nhs-open-source init')
    assert proc.returncode == 0, proc.stdout + proc.stderr
