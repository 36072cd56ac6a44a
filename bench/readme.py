"""Whole-process time of `nhs-open-source readme` next to a bare interpreter.

The hook runs at every commit, so its cost is start-up plus one README:
    python bench/readme.py [REPOSITORY] [--runs N]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def timed(cmd: list[str], cwd: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f'{cmd[0]} failed with exit {proc.returncode}')
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('repository', nargs='?', default='.')
    parser.add_argument('--runs', type=int, default=30)
    args = parser.parse_args()
    command = shutil.which('nhs-open-source')
    if command is None:
        raise SystemExit('install the package first: pip install -e .')
    commands = {
        'python -c pass': [sys.executable, '-c', 'pass'],
        'python -I -S -c pass': [sys.executable, '-I', '-S', '-c', 'pass'],
        'nhs-open-source readme': [command, 'readme'],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):  # interleaved, so machine load hits all alike
        for name, cmd in commands.items():
            times[name].append(timed(cmd, args.repository))
    base = statistics.median(times['python -c pass'])
    print(f'{"command":<26} {"median ms":>10} {"min ms":>8} {"vs python -c pass":>18}')
    for name, values in times.items():
        median = statistics.median(values)
        print(f'{name:<26} {median * 1000:>10.1f} {min(values) * 1000:>8.1f} {median / base:>17.2f}x')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
