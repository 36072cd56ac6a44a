# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""The `nhs-open-source` command: dispatches to one hook module per subcommand.

A subcommand's module is imported only when it runs, so a fast hook never
pays for a slow hook's imports.
"""
from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from nhs_open_source_hooks import __version__

# name: (module, one-line summary).  Kept here, not discovered, because
# discovering them would mean importing every module at start-up.
SUBCOMMANDS = {
    'audit': (
        'audit',
        'audit a whole repository and its git history against the policy',
    ),
    'commit-message': (
        'commit_message',
        'meaningful commit message that carries no sensitive data',
    ),
    'init': (
        'init',
        'write the files a compliant repository needs, never overwriting',
    ),
    'licence-file': (
        'licence_file',
        'LICENCE file with the full text of an accepted licence',
    ),
    'licence-header': (
        'licence_header',
        'copyright notice and SPDX licence identifier in every source file',
    ),
    'no-data-files': (
        'no_data_files',
        'no data extracts, spreadsheets or oversized files',
    ),
    'readme': (
        'readme',
        'README present with the sections the policy asks for',
    ),
    'repo-files': (
        'repo_files',
        'CONTRIBUTING, SECURITY and code of conduct present and useful',
    ),
    'secret-scan': (
        'secret_scan',
        'no credentials or UK personal data (NHS, CHI, H&C, NI numbers)',
    ),
    'semver': (
        'semver',
        'project version and release tags follow semantic versioning',
    ),
    'strip-notebook-outputs': (
        'strip_notebook_outputs',
        'strip outputs and execution counts from Jupyter notebooks',
    ),
}

USAGE = 'usage: nhs-open-source [--version] [--help] SUBCOMMAND [options] [FILES...]'


def _help() -> str:
    width = max(map(len, SUBCOMMANDS))
    lines = [USAGE, '', 'subcommands:']
    for name, (_, summary) in sorted(SUBCOMMANDS.items()):
        lines.append(f'  {name:<{width}}  {summary}')
    lines += ['', "run 'nhs-open-source SUBCOMMAND --help' for a subcommand's options"]
    return '\n'.join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        print(_help(), file=sys.stderr)
        return 2
    name, rest = argv[0], argv[1:]
    if name in {'-h', '--help', 'help'}:
        print(_help())
        return 0
    if name in {'-V', '--version'}:
        print(f'nhs-open-source {__version__}')
        return 0
    if name not in SUBCOMMANDS:
        print(f'nhs-open-source: unknown subcommand {name!r}', file=sys.stderr)
        print(USAGE, file=sys.stderr)
        return 2
    module_name, _ = SUBCOMMANDS[name]
    module = importlib.import_module(f'nhs_open_source_hooks.{module_name}')
    return module.main(rest)
