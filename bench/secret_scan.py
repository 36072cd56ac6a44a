# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""secret-scan against detect-secrets-hook, side by side, as whole processes.

    pip install -e '.[bench]'   # or: pip install detect-secrets==1.5.0
    python bench/secret_scan.py [--tree DIR] [--repeat N]

Copies the text files of a large tree (default: this Python's standard
library, without site-packages) into a temporary folder, then runs both
hooks on the same copies: once over the whole tree, and repeatedly on a
10-file commit (pairs run back to back, median of each).  Prints times,
ratios, finding counts and the private keys each one reports.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time

from identify import identify

BIN = os.path.dirname(sys.executable)
OURS = (os.path.join(BIN, 'nhs-open-source'), 'secret-scan')
PEER = (os.path.join(BIN, 'detect-secrets-hook'),)


def text_files(tree: str) -> list[str]:
    """Files under TREE that pre-commit would pass to a `types: [text]` hook."""
    out = []
    for folder, dirs, files in os.walk(tree):
        dirs[:] = sorted(d for d in dirs if d not in {'site-packages', '__pycache__'})
        for name in sorted(files):
            path = os.path.join(folder, name)
            if not os.path.islink(path) and 'text' in identify.tags_from_path(path):
                out.append(os.path.relpath(path, tree))
    return out


def run(cmd: tuple[str, ...], files: list[str], cwd: str) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run((*cmd, *files), cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, proc.stdout + proc.stderr


def count_ours(output: str) -> tuple[int, int, list[str]]:
    errors = warnings = 0
    keys = []
    for line in output.splitlines():
        m = re.match(r'(.+?):(\d+): ((?:secret|personal-data)-\S+) (warning: )?', line)
        if not m:
            continue
        if m.group(4):
            warnings += 1
        else:
            errors += 1
        if m.group(3) == 'secret-private-key':
            keys.append(f'{m.group(1)}:{m.group(2)}')
    return errors, warnings, keys


def count_peer(output: str) -> tuple[int, list[str]]:
    locations = re.findall(r'Secret Type: (.+)\nLocation:\s+(\S+)', output)
    keys = [where for kind, where in locations if kind.strip() == 'Private Key']
    return len(locations), keys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--tree', default=sysconfig.get_paths()['stdlib'])
    parser.add_argument('--repeat', type=int, default=15)
    parser.add_argument('--skip-tree', action='store_true', help='only the 10-file commit')
    parser.add_argument('--show', action='store_true', help="print secret-scan's findings")
    args = parser.parse_args()

    files = text_files(args.tree)
    with tempfile.TemporaryDirectory() as tmp:
        for name in files:
            os.makedirs(os.path.join(tmp, os.path.dirname(name)), exist_ok=True)
            shutil.copy2(os.path.join(args.tree, name), os.path.join(tmp, name))
        size = sum(os.path.getsize(os.path.join(tmp, f)) for f in files)
        print(f'tree: {args.tree}: {len(files)} text files, {size / 1e6:.1f} MB')

        # A 10-file commit: ten .py files of middling size, spread over the tree.
        py = sorted((f for f in files if f.endswith('.py')), key=lambda f: os.path.getsize(os.path.join(tmp, f)))
        middle = py[len(py) // 4: 3 * len(py) // 4]
        commit = middle[::max(1, len(middle) // 10)][:10]
        commit_size = sum(os.path.getsize(os.path.join(tmp, f)) for f in commit)
        ours_t, peer_t = [], []
        for _ in range(args.repeat):
            ours_t.append(run(OURS, commit, tmp)[0])
            peer_t.append(run(PEER, commit, tmp)[0])
        ours_m, peer_m = statistics.median(ours_t), statistics.median(peer_t)
        print(f'10-file commit ({commit_size / 1e3:.0f} kB), median of {args.repeat}: '
              f'secret-scan {ours_m:.3f} s, detect-secrets-hook {peer_m:.3f} s, '
              f'ratio {peer_m / ours_m:.1f}x')

        if args.skip_tree:
            return
        ours_time, ours_out = run(OURS, files, tmp)
        peer_time, peer_out = run(PEER, files, tmp)
        errors, warnings, our_keys = count_ours(ours_out)
        peer_count, peer_keys = count_peer(peer_out)
        print(f'whole tree: secret-scan {ours_time:.2f} s ({size / 1e6 / ours_time:.1f} MB/s), '
              f'detect-secrets-hook {peer_time:.2f} s ({size / 1e6 / peer_time:.2f} MB/s), '
              f'ratio {peer_time / ours_time:.1f}x')
        print(f'findings: secret-scan {errors} blocking + {warnings} warnings; '
              f'detect-secrets-hook {peer_count}')
        print(f'private keys: secret-scan {len(our_keys)}, detect-secrets-hook {len(peer_keys)}')
        missed = sorted({k.rsplit(':', 1)[0] for k in peer_keys} - {k.rsplit(':', 1)[0] for k in our_keys})
        if missed:
            print('  files with a private key detect-secrets reports and secret-scan does not:')
            for name in missed:
                print('   ', name)
        if args.show:
            print(ours_out)


if __name__ == '__main__':
    main()
