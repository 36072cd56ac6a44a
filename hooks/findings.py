# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Findings and how a hook reports them.

Text output is one `PATH:LINE: CHECK-ID message` a line (LINE 0 where no
line applies), which editors and CI annotate; `--format json` is for machines.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import NamedTuple, TextIO


class Finding(NamedTuple):
    path: str
    line: int
    check: str
    message: str
    # 'error' fails the hook; 'warning' is reported and leaves the exit at 0.
    severity: str = 'error'

    def __str__(self) -> str:
        warning = 'warning: ' if self.severity == 'warning' else ''
        return f'{self.path}:{self.line}: {self.check} {warning}{self.message}'


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        '--format', choices=('text', 'json'), default='text',
        help='how to print findings (default: %(default)s)',
    )


def report(
        findings: Iterable[Finding],
        fmt: str = 'text',
        file: TextIO | None = None,
) -> int:
    """Print FINDINGS; 1 when any of them is an error, else 0."""
    file = sys.stdout if file is None else file
    findings = list(findings)
    if fmt == 'json':
        import json  # here: most runs print text, and json costs 5 ms to import

        json.dump([f._asdict() for f in findings], file, indent=2)
        file.write('\n')
    else:
        for finding in findings:
            print(finding, file=file)
    return int(any(f.severity == 'error' for f in findings))


def problem(path: str, reason: str) -> None:
    """Say in one line on stderr why PATH could not be processed."""
    print(f'{path}: {reason}', file=sys.stderr)
