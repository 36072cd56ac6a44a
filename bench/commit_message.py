# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""`nhs-open-source commit-message` against gitlint: time and verdicts.

Both run on the same message files in the same temporary git repository,
alternating, as pre-commit runs them at the commit-msg stage: one whole
process per message.  Ours runs from a regular install of this checkout in a
temporary virtual environment, as pre-commit installs it: an editable install
adds an import finder that costs more than the hook itself.  Each message
says whether it should block, so the table also shows which verdicts each
tool gets right (gitlint with its default rules).

Usage: `python bench/commit_message.py [--rounds N]` with the bench extra
installed (`pip install -e '.[bench]'`, or at least gitlint).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import run

ROOT = Path(__file__).resolve().parents[1]
BODY = (
    'CHI numbers start with a date of birth; reject those whose date does\n'
    'not exist before checking the check digit.\n'
)
SCISSORS = '# ------------------------ >8 ------------------------'


def nhs_number(first_nine: str) -> str:
    """A synthetic NHS number with a valid modulus-11 check digit."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(first_nine))
    return first_nine + str((11 - total % 11) % 11)


# name: (message, whether it should block).  Secrets are built at run time.
MESSAGES = {
    'good': (f'Add CHI number validation\n\n{BODY}', False),
    'subject-only': ('Add CHI number validation\n', False),
    'wip': ('wip\n', True),
    'update': (f'Update\n\n{BODY}', True),
    'changes': (f'changes\n\n{BODY}', True),
    'full-stop': (f'Add CHI number validation.\n\n{BODY}', True),
    'long-subject': (
        'Add the validation of CHI numbers to the scanner so that Scottish '
        f'patients are covered\n\n{BODY}',
        True,
    ),
    'no-blank-line': (f'Add CHI number validation\n{BODY}', True),
    'long-body-line': ('Add CHI number validation\n\n' + 'word ' * 20 + '\n', True),
    'merge': ("Merge branch 'feature/chi' into main\n", False),
    'revert': (
        'Revert "Add CHI number validation"\n\n'
        'This reverts commit 0123456789abcdef0123456789abcdef01234567.\n',
        False,
    ),
    'fixup': ('fixup! Add CHI number validation\n', False),
    'editor-comments': (
        f'Add CHI number validation\n\n{BODY}\n'
        '# Please enter the commit message for your changes. Lines starting\n'
        "# with '#' will be ignored, and an empty message aborts the commit.\n"
        '#\n# On branch main\n# Changes to be committed:\n'
        f'#\tmodified:   hooks/{"chi_" * 20}.py\n#\n',
        False,
    ),
    'scissors': (
        f'Add CHI number validation\n\n{BODY}\n{SCISSORS}\n'
        '# Do not modify or remove the line above.\n'
        f'diff --git a/x b/x\n+{"y " * 50}\n',
        False,
    ),
    'trailers': (
        f'Add CHI number validation\n\n{BODY}\n'
        'Co-authored-by: A Very Long Name Indeed, Of Many Parts '
        '<a.very.long.name@example.invalid>\n'
        'Signed-off-by: Test Author <author@example.invalid>\n',
        False,
    ),
    'url': (
        f'Add CHI number validation\n\n{BODY}\n'
        f'See https://example.org/{"long/" * 20}\n',
        False,
    ),
    'quoted-output': (
        'Fix the crash on start-up\n\nThe traceback was:\n\n'
        f'    {"Traceback line " * 8}\n',
        False,
    ),
    'empty': ('\n# only comments\n', False),
    'token': (
        f'Use the deploy token\n\n{BODY}\n'
        f'GITHUB_TOKEN={"ghp" + "_" + "T4r9QkLm2Vx8Zp1N" + "c5Yw7Hj3Bd6Fs0GaKe2R"}\n',
        True,
    ),
    'nhs-number': (
        f'Fix the lookup for one patient\n\n{BODY}\n'
        f'The NHS number {nhs_number("485777345")} failed.\n',
        True,
    ),
}
TOOLS = ('nhs-open-source', 'gitlint')


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


def timed(cmd: list[str], cwd: str) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, exit status): gitlint exits with its count."""
    wall, cpu, returncode, _ = run(cmd, cwd, check=False)
    return wall, cpu, returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rounds', type=int, default=20, help='runs of each tool per message')
    args = parser.parse_args()
    gitlint = bin_path('gitlint')

    with tempfile.TemporaryDirectory() as tmp:
        ours = install_ours(Path(tmp, 'venv'))
        bare = [str(Path(ours).parent / 'python'), '-c', 'pass']
        repo = str(Path(tmp, 'repo'))
        subprocess.run(('git', 'init', '-q', repo), check=True)
        commands = {}
        for name, (text, _) in MESSAGES.items():
            path = Path(repo, f'{name}.msg')
            path.write_text(text)
            commands[name] = {
                'nhs-open-source': [ours, 'commit-message', str(path)],
                'gitlint': [gitlint, '--msg-filename', str(path)],
            }
        # The first run warms the file cache and .pyc files; its exit
        # status is each tool's verdict.
        verdicts = {
            name: {tool: timed(cmd, repo)[2] for tool, cmd in tools.items()}
            for name, tools in commands.items()
        }
        times: dict[str, dict[str, list[tuple[float, float]]]] = {
            name: {tool: [] for tool in TOOLS} for name in MESSAGES
        }
        startup = []
        for _ in range(args.rounds):
            startup.append(timed(bare, repo)[:2])
            for name, tools in commands.items():
                for tool, cmd in tools.items():
                    times[name][tool].append(timed(cmd, repo)[:2])

    right = {tool: 0 for tool in TOOLS}
    for label, which in (('wall', 0), ('CPU (user + system)', 1)):
        print(f'median {label} time of {args.rounds} whole-process runs, milliseconds')
        print(
            f'{"message":<16} {"nhs-open-source":>16} {"gitlint":>9} {"ratio":>7}'
            '  exit status (ours / gitlint; x = wrong verdict)',
        )
        ratios = []
        for name, tools in times.items():
            a, b = (statistics.median(t[which] for t in tools[tool]) * 1000 for tool in TOOLS)
            ratios.append(b / a)
            marks = []
            for tool in TOOLS:
                ok = bool(verdicts[name][tool]) == MESSAGES[name][1]
                right[tool] += ok and which == 0
                marks.append(f'{verdicts[name][tool]}{"" if ok else "x"}')
            print(f'{name:<16} {a:>16.1f} {b:>9.1f} {b / a:>6.1f}x  {" / ".join(marks)}')
        bare_ms = statistics.median(t[which] for t in startup) * 1000
        print(f'python start-up alone (python -c pass): {bare_ms:.1f}')
        print(
            f'gitlint takes {statistics.geometric_mean(ratios):.1f} times as long '
            f'(geometric mean over {len(ratios)} messages)\n',
        )
    print(
        f'verdicts right: nhs-open-source {right["nhs-open-source"]}/{len(MESSAGES)}, '
        f'gitlint {right["gitlint"]}/{len(MESSAGES)}',
    )
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
