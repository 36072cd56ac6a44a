# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""no-data-files next to pre-commit-hooks' check-added-large-files.

Both run as whole processes on the same files (the tracked files of
REPOSITORY, plus a generated set of data and large files in a temporary
copy), interleaved, repeated; check-added-large-files runs with
--enforce-all so it looks at every file as our hook does:
    pip install -e '.[bench]'
    python bench/no_data_files.py [REPOSITORY] [--runs N] [--copies N]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from timing import run


def make_tree(repository: str, dest: str, copies: int) -> list[str]:
    files = subprocess.run(
        ('git', 'ls-files', '-z'), cwd=repository, capture_output=True, text=True, check=True,
    ).stdout.split('\0')
    names = []
    for n in range(copies):
        for name in filter(None, files):
            src = os.path.join(repository, name)
            if not os.path.isfile(src):
                continue
            target = os.path.join(f'copy{n}', name)
            os.makedirs(os.path.join(dest, os.path.dirname(target)), exist_ok=True)
            shutil.copy(src, os.path.join(dest, target))
            names.append(target)
        for i, size in enumerate((10, 600_000, 2_000_000)):
            target = os.path.join(f'copy{n}', 'data', f'extract{i}.csv')
            os.makedirs(os.path.dirname(os.path.join(dest, target)), exist_ok=True)
            with open(os.path.join(dest, target), 'wb') as f:
                f.write(b'x' * size)
            names.append(target)
    subprocess.run(('git', 'init', '-q'), cwd=dest, check=True)
    subprocess.run(('git', 'add', '-A'), cwd=dest, check=True)
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('repository', nargs='?', default='.')
    parser.add_argument('--runs', type=int, default=20)
    parser.add_argument('--copies', type=int, default=10)
    args = parser.parse_args()
    ours = shutil.which('nhs-open-source')
    peer = shutil.which('check-added-large-files')
    if ours is None or peer is None:
        raise SystemExit("install both first: pip install -e '.[bench]'")
    with tempfile.TemporaryDirectory() as dest:
        names = make_tree(os.path.abspath(args.repository), dest, args.copies)
        commands = {
            'python -c pass': [sys.executable, '-c', 'pass'],
            'check-added-large-files': [peer, '--enforce-all', *names],
            'nhs-open-source no-data-files': [ours, 'no-data-files', *names],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so machine load hits all alike
            for name, cmd in commands.items():
                times[name].append(run(cmd, dest).wall)
    peer_median = statistics.median(times['check-added-large-files'])
    print(f'{len(names)} files, {args.runs} runs')
    print(f'{"command":<31} {"median ms":>10} {"min ms":>8} {"vs check-added-large-files":>27}')
    for name, values in times.items():
        median = statistics.median(values)
        print(f'{name:<31} {median * 1000:>10.1f} {min(values) * 1000:>8.1f} '
              f'{median / peer_median:>26.2f}x')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
