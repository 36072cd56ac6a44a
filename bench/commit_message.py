"""Whole-process time of `nhs-open-source commit-message` against gitlint.

Both run on the same message files in the same temporary git repository,
alternating, as pre-commit runs them at the commit-msg stage: one process per
message.  Ours runs from a regular install of this checkout in a temporary
virtual environment, as pre-commit installs it: an editable install adds an
import finder that costs more than the hook itself.  Usage:
`python bench/commit_message.py [--rounds N]` with the bench extra installed
(`pip install -e '.[bench]'`, or at least gitlint).
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MESSAGES = {
    'good-subject': 'Add CHI number validation\n',
    'good-body': (
        'Add CHI number validation\n\n'
        'CHI numbers start with a date of birth; reject those whose date does\n'
        'not exist before checking the check digit.\n\n'
        'Signed-off-by: Test Author <author@example.invalid>\n'
    ),
    'editor-template': (
        'Add CHI number validation\n\n'
        'CHI numbers start with a date of birth; reject those whose date does\n'
        'not exist before checking the check digit.\n\n'
        '# Please enter the commit message for your changes. Lines starting\n'
        "# with '#' will be ignored, and an empty message aborts the commit.\n"
        '#\n# On branch main\n# Changes to be committed:\n'
        '#\tmodified:   hooks/chi.py\n#\n'
    ),
    'placeholder': 'wip\n',
    'long-subject': 'Add ' + 'a very long subject line ' * 4 + '\n',
    'merge': "Merge branch 'feature/chi' into main\n",
}


ROOT = Path(__file__).resolve().parents[1]


def install_ours(venv: Path) -> str:
    subprocess.run((sys.executable, '-m', 'venv', str(venv)), check=True)
    subprocess.run(
        (str(venv / 'bin' / 'pip'), 'install', '-q', '--no-deps', str(ROOT)),
        check=True, stderr=subprocess.DEVNULL,
    )
    return str(venv / 'bin' / 'nhs-open-source')


def bin_path(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f'{name} is not installed: pip install -e ".[bench]"')
    return found


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cwd: str) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, exit status) of one run of CMD.

    CPU time (user + system) varies less than wall time on a busy machine.
    """
    cpu, start = _cpu(), time.perf_counter()
    proc = subprocess.run(
        cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start, _cpu() - cpu, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rounds', type=int, default=20, help='runs of each tool per message')
    args = parser.parse_args()
    gitlint = bin_path('gitlint')

    with tempfile.TemporaryDirectory() as tmp:
        ours = install_ours(Path(tmp, 'venv'))
        tmp = str(Path(tmp, 'repo'))
        subprocess.run(('git', 'init', '-q', tmp), check=True)
        files = {}
        for name, text in MESSAGES.items():
            files[name] = Path(tmp, f'{name}.msg')
            files[name].write_text(text)
        commands = {
            name: {
                'nhs-open-source': [ours, 'commit-message', str(path)],
                'gitlint': [gitlint, '--msg-filename', str(path)],
            }
            for name, path in files.items()
        }
        # The first run warms the file cache and .pyc files; its exit
        # status shows each tool's verdict.
        verdicts = {
            name: {tool: timed(cmd, tmp)[2] for tool, cmd in tools.items()}
            for name, tools in commands.items()
        }
        times: dict[str, dict[str, list[tuple[float, float]]]] = {
            name: {'nhs-open-source': [], 'gitlint': []} for name in MESSAGES
        }
        bare = [str(Path(ours).parent / 'python'), '-c', 'pass']
        startup = []
        for _ in range(args.rounds):
            startup.append(timed(bare, tmp)[:2])
            for name, tools in commands.items():
                for tool, cmd in tools.items():
                    times[name][tool].append(timed(cmd, tmp)[:2])

    for label, which in (('wall', 0), ('CPU (user + system)', 1)):
        print(f'median {label} time of {args.rounds} whole-process runs, milliseconds')
        print(f'{"message":<16} {"nhs-open-source":>16} {"gitlint":>9} {"ratio":>7}  exit status')
        ratios = []
        for name, tools in times.items():
            a = statistics.median(t[which] for t in tools['nhs-open-source']) * 1000
            b = statistics.median(t[which] for t in tools['gitlint']) * 1000
            ratios.append(b / a)
            exits = verdicts[name]
            print(
                f'{name:<16} {a:>16.1f} {b:>9.1f} {b / a:>6.1f}x  '
                f'{exits["nhs-open-source"]} / {exits["gitlint"]}',
            )
        bare_ms = statistics.median(t[which] for t in startup) * 1000
        print(f'python start-up alone (python -c pass): {bare_ms:.1f}')
        print(
            f'gitlint takes {statistics.geometric_mean(ratios):.1f} times as long '
            f'(geometric mean over {len(ratios)} messages)\n',
        )
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
