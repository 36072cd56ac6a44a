# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Benchmark: `nhs-open-source audit --history` against trufflehog3 and detect-secrets.

Builds a synthetic repository with a long history through `git fast-import`
(10,000 commits by default: source files edited a few lines at a time, with
credentials and NHS numbers planted in files deleted deep in history), then
runs, side by side on that same repository, as whole processes:

- ours: `nhs-open-source audit --history` (every blob of every ref once, every
  commit message, and every hook over the current files);
- trufflehog3: full history (`--depth` past the commit count) and current files;
- `detect-secrets scan`: the current files only (it has no history mode).

It prints wall time, MB of history per second (the bytes of every unique blob
reachable from any ref, divided by the wall time) and the ratios, and whether
each tool reported the planted values' files.

    pip install -e '.[bench]'
    python bench/audit.py                       # 10,000 commits, 3 rounds
    python bench/audit.py --commits 2000 --rounds 1

trufflehog3 pins attrs==20.3.0, which conflicts with reuse in the bench
extra: install it in its own environment and pass `--trufflehog3 PATH`.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time

from timing import run

WORDS = (
    'patient episode referral appointment clinic ward discharge record service '
    'provider organisation pathway result report summary measure cohort count '
    'region trust practice schedule status value index cache config session '
    'request response handler client table column query metric total average'
).split()


def ident(rng: random.Random) -> str:
    return '_'.join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))


def code_line(rng: random.Random) -> str:
    shape = rng.randrange(6)
    if shape == 0:
        return f'def {ident(rng)}({ident(rng)}, {ident(rng)}={rng.randint(0, 99)}):'
    if shape == 1:
        return f'    return {ident(rng)}.{ident(rng)}({ident(rng)})'
    if shape == 2:
        return f'    # {" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))}'
    if shape == 3:
        return f"    {ident(rng)} = '{rng.choice(WORDS)}-{rng.randint(0, 9999)}'"
    if shape == 4:
        return f'    if {ident(rng)} > {rng.randint(0, 1000)}:'
    return f'        {ident(rng)}[{rng.randint(0, 9)}] += {ident(rng)}'


def nhs_number(rng: random.Random) -> str:
    """A random number with a valid NHS check digit, in the issued ranges."""
    while True:
        digits = [rng.choice((4, 6, 7))] + [rng.randint(0, 9) for _ in range(8)]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        if check == 11:
            check = 0
        if check != 10:
            s = ''.join(map(str, digits)) + str(check)
            return f'{s[:3]} {s[3:6]} {s[6:]}'


def planted_values(rng: random.Random) -> dict[str, str]:
    """Credentials built from pieces at run time; none is real."""
    b32 = string.ascii_uppercase + '234567'
    alnum = string.ascii_letters + string.digits
    return {
        'aws': 'AKIA' + ''.join(rng.choice(b32) for _ in range(16)),
        'github': 'ghp' + '_' + ''.join(rng.choice(alnum) for _ in range(36)),
        'slack': 'xox' + 'b-' + '-'.join(
            ''.join(rng.choice(string.digits) for _ in range(12)) for _ in range(2)
        ) + '-' + ''.join(rng.choice(alnum) for _ in range(24)),
        'nhs': nhs_number(rng),
    }


def build(path: str, commits: int, seed: int = 8) -> dict[str, object]:
    """A repository at PATH with COMMITS commits; returns the planted facts."""
    rng = random.Random(seed)
    files: dict[str, list[str]] = {}
    planted = planted_values(rng)
    plant_at, delete_at = commits // 10, commits // 10 + 50
    os.makedirs(path)
    subprocess.run(('git', 'init', '-q', '-b', 'main', path), check=True)
    proc = subprocess.Popen(
        ('git', 'fast-import', '--quiet'), cwd=path, stdin=subprocess.PIPE,
    )
    assert proc.stdin is not None
    out = proc.stdin

    def data(text: str) -> None:
        raw = text.encode()
        out.write(b'data %d\n' % len(raw) + raw + b'\n')

    for n in range(1, commits + 1):
        changes: dict[str, str | None] = {}
        if n == 1 or (len(files) < 400 and rng.random() < 0.05):
            for _ in range(20 if n == 1 else 1):
                name = f'src/{rng.choice(WORDS)}/{ident(rng)}_{n}.py'
                files[name] = [code_line(rng) for _ in range(rng.randint(40, 400))]
                changes[name] = '\n'.join(files[name]) + '\n'
        else:
            for name in rng.sample(sorted(files), min(len(files), rng.randint(1, 2))):
                lines = files[name]
                for _ in range(rng.randint(1, 8)):
                    lines[rng.randrange(len(lines))] = code_line(rng)
                changes[name] = '\n'.join(lines) + '\n'
        if n == plant_at:
            changes['config/settings.py'] = (
                f"AWS_ACCESS_KEY_ID = '{planted['aws']}'\n"
                f"GITHUB_TOKEN = '{planted['github']}'\n"
                f"SLACK_TOKEN = '{planted['slack']}'\n"
            )
            changes['data/patients.csv'] = (
                'nhs_number,clinic\n' f"{planted['nhs']},cardiology\n"
            )
        if n == delete_at:
            changes['config/settings.py'] = None
            changes['data/patients.csv'] = None
        message = f'Update {rng.choice(WORDS)} handling in {rng.choice(WORDS)}\n'
        out.write(f'commit refs/heads/main\nmark :{n}\n'.encode())
        out.write(
            f'committer Bench <bench@example.invalid> {1600000000 + n * 600} +0000\n'.encode(),
        )
        data(message)
        if n > 1:
            out.write(f'from :{n - 1}\n'.encode())
        for name, text in changes.items():
            if text is None:
                out.write(f'D {name}\n'.encode())
            else:
                out.write(f'M 100644 inline {name}\n'.encode())
                data(text)
    out.close()
    if proc.wait():
        raise SystemExit('git fast-import failed')
    subprocess.run(('git', 'checkout', '-q', 'main'), cwd=path, check=True)
    return {'values': planted, 'plant_at': plant_at, 'delete_at': delete_at}


def history_bytes(path: str) -> tuple[int, int]:
    """(unique blobs, their total bytes) reachable from any ref."""
    names = subprocess.run(
        ('git', 'rev-list', '--objects', '--all', '--filter=object:type=blob'),
        cwd=path, capture_output=True, check=True,
    ).stdout
    wanted = b'\n'.join(line.split()[0] for line in names.splitlines() if b' ' in line)
    sizes = subprocess.run(
        ('git', 'cat-file', '--batch-check=%(objectsize)'),
        cwd=path, input=wanted + b'\n', capture_output=True, check=True,
    ).stdout.split()
    return len(sizes), sum(map(int, sizes))


def tree_bytes(path: str) -> int:
    names = subprocess.run(
        ('git', 'ls-files', '-z'), cwd=path, capture_output=True, check=True,
    ).stdout.decode().split('\0')
    return sum(os.path.getsize(os.path.join(path, n)) for n in names if n)


def found_by_ours(report: str) -> set[str]:
    paths: set[str] = set()
    for f in json.loads(report)['findings']:
        paths.update(f['paths'] or [f['path']])
    return paths


def found_by_trufflehog3(report: str) -> set[str]:
    return {f.get('path', '') for f in json.loads(report or '[]')}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--commits', type=int, default=10_000)
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--repo', help='use (or build once and keep) the repository here')
    parser.add_argument(
        '--trufflehog3', default=shutil.which('trufflehog3') or '',
        help='the trufflehog3 executable (default: on PATH)',
    )
    parser.add_argument(
        '--timeout', type=float, default=1800,
        help='seconds after which a peer run is abandoned (default: %(default)s)',
    )
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix='bench-audit-')
    repo = args.repo or os.path.join(workdir, 'repo')
    try:
        if not os.path.isdir(repo):
            start = time.perf_counter()
            build(repo, args.commits)
            print(f'built {args.commits} commits in {time.perf_counter() - start:.1f} s: {repo}')
        commits = int(subprocess.run(
            ('git', 'rev-list', '--all', '--count'), cwd=repo,
            capture_output=True, text=True, check=True,
        ).stdout)
        blobs, size = history_bytes(repo)
        tree = tree_bytes(repo)
        print(f'{commits} commits, {blobs} unique blobs, {size / 1e6:.1f} MB of '
              f'history; current tree {tree / 1e6:.2f} MB')

        ours_bin = os.path.join(os.path.dirname(sys.executable), 'nhs-open-source')
        ds_bin = os.path.join(os.path.dirname(sys.executable), 'detect-secrets')
        tools: list[tuple[str, list[str], int]] = [
            ('ours: audit --history',
             [ours_bin, 'audit', '--history', '--format', 'json'], size),
        ]
        if args.trufflehog3:
            tools.append((
                'trufflehog3 (history)',
                [args.trufflehog3, '-z', '--format', 'JSON', '--depth',
                 str(commits + 1), '.'], size,
            ))
        else:
            print('trufflehog3 not found: pass --trufflehog3 PATH')
        if os.path.exists(ds_bin):
            tools.append(('detect-secrets scan (tree only)', [ds_bin, 'scan', '.'], tree))

        times: dict[str, list[float]] = {name: [] for name, _, _ in tools}
        cpus: dict[str, list[float]] = {name: [] for name, _, _ in tools}
        outputs: dict[str, str] = {}
        for _ in range(args.rounds):
            for name, cmd, _ in tools:
                if times[name] and times[name][-1] == float('inf'):
                    continue
                elapsed, cpu, _, out = run(cmd, repo, timeout=args.timeout)
                times[name].append(elapsed)
                cpus[name].append(cpu)
                outputs[name] = out

        print(f'\n{"tool":<34} {"median s":>9} {"MB/s":>8} {"CPU s":>8}  wall runs')
        rates, cpu_rates = {}, {}
        for name, _, scanned in tools:
            median = statistics.median(times[name])
            cpu = statistics.median(cpus[name])
            rates[name] = scanned / 1e6 / median if median else 0.0
            cpu_rates[name] = scanned / 1e6 / cpu if cpu else 0.0
            runs = ' '.join(f'{t:.2f}' for t in times[name])
            print(f'{name:<34} {median:>9.2f} {rates[name]:>8.2f} {cpu:>8.2f}  {runs}')

        ours = 'ours: audit --history'
        planted = {'config/settings.py', 'data/patients.csv'}
        ours_found = found_by_ours(outputs[ours])
        print(f'\nours found the planted files: {sorted(planted & ours_found)}')
        th = 'trufflehog3 (history)'
        if th in rates:
            if outputs.get(th) is not None and times[th][-1] != float('inf'):
                th_found = found_by_trufflehog3(outputs[th])
                print(f'trufflehog3 found the planted files: {sorted(planted & th_found)}')
                print(f'throughput ratio ours / trufflehog3: {rates[ours] / rates[th]:.1f}x '
                      f'(wall), {cpu_rates[ours] / cpu_rates[th]:.1f}x (CPU)')
            else:
                print(f'trufflehog3 did not finish within {args.timeout:.0f} s')
        ds = 'detect-secrets scan (tree only)'
        if ds in rates:
            print(f'throughput ratio ours (history) / detect-secrets (tree): '
                  f'{rates[ours] / rates[ds]:.1f}x')
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
