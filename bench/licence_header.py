# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""licence-header against `reuse annotate` and insert-license, side by side.

Each tool runs as a whole process on the same copy of the same real source
tree (the Python files of the running interpreter's standard library, or the
folder given), restored from git before every run; the runs are repeated and
interleaved and the ratio of the best times is printed; ours and
insert-license also run on one file of it, where start-up is the cost.
insert-license (`insert-license-header` from PyPI, the maintained fork of
Lucas-C's hook) runs through pre-commit, as users run it, and so does
licence-header for that comparison.  Every tool runs with its bytecode
cached, as pip installs it (timing.ENV).

    pip install -e '.[test]'    # reuse and pre-commit
    python bench/licence_header.py [--repeat N] [SOURCE_FOLDER]

Needs the registry once, for pre-commit to build insert-license's hook
environment (cached in bench/results/pre-commit-home afterwards).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from timing import ENV

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
YEAR = time.localtime().tm_year
HOLDER = 'Crown Copyright'
LICENCE = 'MIT'
INSERT_LICENSE = 'insert-license-header==1.3.0'


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(('git', *args), cwd=cwd, check=True, capture_output=True)


def _copy_tree(source: Path, dest: Path) -> list[str]:
    """The UTF-8 Python files under SOURCE, copied to DEST and committed."""
    names = []
    for path in sorted(source.rglob('*.py')):
        rel = path.relative_to(source)
        if 'site-packages' in rel.parts or path.is_symlink():
            continue
        data = path.read_bytes()
        try:  # files every tool can read: the peers stop on anything else
            data.decode('utf-8')
        except UnicodeDecodeError:
            continue
        if b'\0' in data or not data.strip():
            continue
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_bytes(data)
        names.append(str(rel))
    (dest / 'LICENSE.txt').write_text(
        f'Copyright (c) {YEAR} {HOLDER}\nSPDX-License-Identifier: {LICENCE}\n',
    )
    _git(dest, 'init', '-q', '-b', 'main')
    _git(dest, 'add', '-A')
    _git(dest, '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid',
         'commit', '-q', '--no-verify', '-m', 'Source tree')
    return names


def _snapshot(dest: Path) -> str:
    """This working tree as a git repository at DEST; its commit.

    Fixed dates make the same tree the same commit, so pre-commit rebuilds
    our hook's environment only when the code changed.
    """
    names = subprocess.run(
        ('git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'),
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split('\0')
    for name in filter(None, names):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    _git(dest, 'init', '-q', '-b', 'main')
    _git(dest, 'add', '-A')
    env = dict(
        os.environ, GIT_AUTHOR_DATE='2000-01-01T00:00:00Z',
        GIT_COMMITTER_DATE='2000-01-01T00:00:00Z',
    )
    subprocess.run(
        ('git', '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid',
         'commit', '-q', '--no-verify', '-m', 'Snapshot'),
        cwd=dest, env=env, check=True, capture_output=True,
    )
    return subprocess.run(
        ('git', 'rev-parse', 'HEAD'), cwd=dest, check=True,
        capture_output=True, text=True,
    ).stdout.strip()


def _pre_commit_config(dest: Path, hooks: Path, rev: str) -> None:
    # Both through pre-commit as users run them, on the same files:
    # ours from a snapshot of this tree, insert-license from PyPI.
    (dest / '.pre-commit-config.yaml').write_text(f"""\
repos:
- repo: {hooks}
  rev: {rev}
  hooks:
  - id: licence-header
    types: [python]
- repo: local
  hooks:
  - id: insert-license
    name: insert-license
    entry: insert-license --license-filepath LICENSE.txt --comment-style "#"
    language: python
    additional_dependencies: [{INSERT_LICENSE}]
    types: [python]
""")
    _git(dest, 'add', '.pre-commit-config.yaml')
    _git(dest, '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid',
         'commit', '-q', '--no-verify', '-m', 'Hooks')


def _changed(dest: Path) -> int:
    out = subprocess.run(
        ('git', 'diff', '--name-only'), cwd=dest, check=True,
        capture_output=True, text=True,
    ).stdout
    return len(out.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        'source', nargs='?',
        default=sysconfig.get_paths()['stdlib'],
        help='source tree to copy (default: this Python standard library)',
    )
    parser.add_argument('--repeat', type=int, default=5)
    args = parser.parse_args()

    results = ROOT / 'bench' / 'results'
    results.mkdir(parents=True, exist_ok=True)
    env = dict(ENV, PRE_COMMIT_HOME=str(results / 'pre-commit-home'))
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / 'tree'
        dest.mkdir()
        names = _copy_tree(Path(args.source), dest)
        hooks = Path(tmp) / 'hooks'
        hooks.mkdir()
        _pre_commit_config(dest, hooks, _snapshot(hooks))
        print(f'{len(names)} Python files from {args.source}, '
              f'{sum((dest / n).stat().st_size for n in names) / 1e6:.1f} MB')
        print('building the pre-commit hook environments (not timed)...', flush=True)
        subprocess.run(
            (sys.executable, '-m', 'pre_commit', 'install-hooks'),
            cwd=dest, env=env, check=True, capture_output=True,
        )
        reuse = shutil.which('reuse', path=str(BIN))
        if reuse is None:
            print("reuse is not installed: pip install -e '.[test]'")
            return 2
        # insert-license from the environment pre-commit built for it.
        insert_license = next(
            (results / 'pre-commit-home').glob('repo*/py_env-*/bin/insert-license'),
        )
        tools = {
            'licence-header': (
                str(BIN / 'nhs-open-source'), 'licence-header', *names,
            ),
            'reuse annotate': (
                reuse, 'annotate', '--copyright', HOLDER, '--license', LICENCE,
                '--year', str(YEAR), '--copyright-prefix', 'string-c', *names,
            ),
            'insert-license': (
                str(insert_license), '--license-filepath', 'LICENSE.txt',
                '--comment-style', '#', *names,
            ),
            'pre-commit licence-header': (
                sys.executable, '-m', 'pre_commit', 'run', 'licence-header',
                '--all-files',
            ),
            'pre-commit insert-license': (
                sys.executable, '-m', 'pre_commit', 'run', 'insert-license',
                '--all-files',
            ),
        }
        # And on one file, as at a commit of one change: start-up is the cost.
        one = names[len(names) // 2]
        for name in ('licence-header', 'insert-license'):
            tools[f'{name}, one file'] = (*tools[name][:-len(names)], one)
        # Untimed: the checkout's bytecode written, as pip writes an installed one's.
        subprocess.run(
            (*tools['licence-header'][:2], '--check', names[0]),
            cwd=dest, env=env, capture_output=True,
        )
        # Each tool twice in a row: on the tree as it was (every file needs a
        # header), then on its own output (the usual case at a commit: the
        # files already have one).
        runs = [(name, again) for name in tools for again in (False, True)]
        times: dict[tuple[str, bool], list[float]] = {run: [] for run in runs}
        cpu: dict[tuple[str, bool], list[float]] = {run: [] for run in runs}
        changed: dict[str, int] = {}
        for _ in range(args.repeat):
            for name, again in runs:
                if not again:
                    _git(dest, 'reset', '-q', '--hard')
                # Flush what git (or the last tool) wrote, untimed: else the
                # first fsync a tool makes pays for writing all of it out.
                os.sync()
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                proc = subprocess.run(
                    tools[name], cwd=dest, env=env, capture_output=True, text=True,
                )
                times[name, again].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name, again].append(
                    after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
                )
                if proc.returncode not in (0, 1):
                    print(f'{name} failed ({proc.returncode}):\n{proc.stderr[-2000:]}')
                    return 2
                if not again:
                    changed[name] = _changed(dest)
        # A second run of ours over its own output changes nothing.
        _git(dest, 'reset', '-q', '--hard')
        subprocess.run(tools['licence-header'], cwd=dest, capture_output=True)
        _git(dest, 'add', '-A')  # git diff: what the second run changes
        second = subprocess.run(tools['licence-header'], cwd=dest, capture_output=True)
        rewritten = _changed(dest)

    # Wall time is what a developer waits; CPU time (user + system, the
    # process and its children) is steadier on a busy machine.
    print(f'\n{"tool":<38}{"wall best":>10}{"median":>8}{"CPU best":>10}'
          f'{"median":>8}{"files changed":>15}')
    for name, again in runs:
        label = f'{name} ({"again" if again else "first"})'
        print(f'{label:<38}{min(times[name, again]):>10.3f}'
              f'{statistics.median(times[name, again]):>8.3f}'
              f'{min(cpu[name, again]):>10.3f}{statistics.median(cpu[name, again]):>8.3f}'
              f'{changed[name] if not again else "":>15}')
    print()
    for peer, ours in (('reuse annotate', 'licence-header'),
                       ('insert-license', 'licence-header'),
                       ('insert-license, one file', 'licence-header, one file'),
                       ('pre-commit insert-license', 'pre-commit licence-header')):
        for again in (False, True):
            print(f'{peer} / {ours} ({"again" if again else "first"}): '
                  f'wall {min(times[peer, again]) / min(times[ours, again]):.1f}x, '
                  f'CPU {min(cpu[peer, again]) / min(cpu[ours, again]):.1f}x')
    print(f'second run of licence-header: exit {second.returncode}, '
          f'{rewritten} files changed')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
