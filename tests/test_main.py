# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from nhs_open_source_hooks import __version__
from nhs_open_source_hooks import _main
from nhs_open_source_hooks.findings import Finding
from nhs_open_source_hooks.findings import report


def test_help_lists_every_subcommand_once(capsys):
    assert _main.main(['--help']) == 0
    out = capsys.readouterr().out
    for name, (_, summary) in _main.SUBCOMMANDS.items():
        assert sum(line.split()[:1] == [name] for line in out.splitlines()) == 1
        assert summary in out


def test_version(capsys):
    assert _main.main(['--version']) == 0
    assert capsys.readouterr().out == f'nhs-open-source {__version__}\n'


@pytest.mark.parametrize('argv', ([], ['no-such-hook']))
def test_usage_errors_exit_2(capsys, argv):
    assert _main.main(argv) == 2
    assert 'usage: nhs-open-source' in capsys.readouterr().err


def test_python_dash_m():
    # Which modules each subcommand imports is tested in test_repository.py.
    proc = subprocess.run(
        (sys.executable, '-m', 'nhs_open_source_hooks', '--version'),
        capture_output=True, text=True,
    )
    assert proc.stdout == f'nhs-open-source {__version__}\n'


def test_report_text_and_json():
    findings = [
        Finding('a.py', 3, 'secret-aws', 'AWS access key AKIA...'),
        Finding('README.md', 0, 'readme-legal', 'no legal notes', 'warning'),
    ]
    out = io.StringIO()
    assert report(findings, 'text', out) == 1
    assert out.getvalue() == (
        'a.py:3: secret-aws AWS access key AKIA...\n'
        'README.md:0: readme-legal warning: no legal notes\n'
    )
    out = io.StringIO()
    assert report(findings[1:], 'json', out) == 0
    assert json.loads(out.getvalue()) == [{
        'path': 'README.md', 'line': 0, 'check': 'readme-legal',
        'message': 'no legal notes', 'severity': 'warning',
    }]
    assert report([], 'text', io.StringIO()) == 0
