# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Whole-process time of readme, licence-file, repo-files and semver.

They have no single-purpose peer on PyPI that checks the same things, so
they are timed next to a bare interpreter; each hook runs at every commit,
so its cost is start-up plus a few small files:
    python bench/repository_checks.py [REPOSITORY] [--runs N]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys

from timing import run

HOOKS = ('readme', 'licence-file', 'repo-files', 'semver')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('repository', nargs='?', default='.')
    parser.add_argument('--runs', type=int, default=30)
    args = parser.parse_args()
    command = shutil.which('nhs-open-source')
    if command is None:
        raise SystemExit('install the package first: pip install -e .')
    commands = {'python -c pass': [sys.executable, '-c', 'pass']}
    commands.update({f'nhs-open-source {hook}': [command, hook] for hook in HOOKS})
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):  # interleaved, so machine load hits all alike
        for name, cmd in commands.items():
            times[name].append(run(cmd, args.repository).wall)
    base = statistics.median(times['python -c pass'])
    print(f'{"command":<30} {"median ms":>10} {"min ms":>8} {"vs python -c pass":>18}')
    for name, values in times.items():
        median = statistics.median(values)
        print(f'{name:<30} {median * 1000:>10.1f} {min(values) * 1000:>8.1f} {median / base:>17.2f}x')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
