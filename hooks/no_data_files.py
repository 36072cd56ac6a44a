# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""no-data-files: no data extracts, spreadsheets or oversized files.

The policy's checklist asks that no sensitive or personal data is published
and that any data has its owner's written permission.  Data rarely belongs in
a code repository, so this hook blocks files that hold data by their type
(spreadsheets, extracts, statistics packages' files, databases, medical
images) and any file over a size limit, unless the path is allowed or the
data is declared synthetic in the configuration.  It never reads the files.
"""
from __future__ import annotations

import argparse
import os
import re
import stat
from collections.abc import Iterable, Sequence

from nhs_open_source_hooks import config
from nhs_open_source_hooks.files import os_error_reason
from nhs_open_source_hooks.findings import Finding, add_format_option, problem, report

HOOK_ID = 'no-data-files'
MAX_KB = 500  # as pre-commit-hooks' check-added-large-files
DATA_EXTENSIONS = frozenset((
    # tables and extracts
    'csv', 'tsv', 'psv', 'tab', 'jsonl', 'ndjson',
    # spreadsheets
    'xlsx', 'xlsm', 'xlsb', 'xls', 'ods', 'numbers',
    # columnar and array stores
    'parquet', 'feather', 'arrow', 'orc', 'avro', 'h5', 'hdf5', 'hdf', 'nc',
    'pkl', 'pickle', 'npy', 'npz', 'mat',
    # statistics packages: SPSS, Stata, SAS, R
    'sav', 'zsav', 'por', 'dta', 'sas7bdat', 'sas7bcat', 'xpt', 'rds', 'rdata', 'rda',
    # databases
    'sqlite', 'sqlite3', 'db', 'duckdb', 'mdb', 'accdb', 'dbf',
    # health records and medical images
    'hl7', 'dcm', 'dicom', 'nii', 'edf',
))
COMPRESSION = frozenset(('gz', 'bz2', 'xz', 'zst', 'zip', '7z'))
# Large by nature, and neither data nor a place data hides.
LOCKFILES = frozenset((
    'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml',
    'poetry.lock', 'uv.lock', 'pdm.lock', 'Pipfile.lock', 'Cargo.lock',
    'Gemfile.lock', 'composer.lock', 'renv.lock', 'go.sum', 'conda-lock.yml',
))


def _parser() -> argparse.ArgumentParser:
    parser = config.new_parser(
        HOOK_ID,
        'Block data extracts, spreadsheets and oversized files.',
    )
    parser.add_argument('filenames', nargs='*', help='files to check')
    parser.add_argument(
        '--max-kb', type=int, default=MAX_KB, metavar='KB',
        help='largest file allowed, in kilobytes; 0 for no limit (default: %(default)s)',
    )
    parser.add_argument(
        '--allow', action='append', default=[], metavar='GLOB',
        help='a path pattern that may hold data (tests/fixtures/**); repeatable',
    )
    parser.add_argument(
        '--synthetic', action='append', default=[], metavar='GLOB',
        help='a path pattern of data declared synthetic: generated, never '
             'derived from real people; repeatable',
    )
    add_format_option(parser)
    return parser


def glob_regex(pattern: str) -> re.Pattern[str]:
    """PATTERN, a gitignore-style glob, as a regex for '/'-separated paths.

    `*` stays within a folder, `**` crosses folders, a trailing `/` means
    everything beneath, and a pattern without a `/` matches at any depth.
    """
    anchored = '/' in pattern.rstrip('/')
    pattern = pattern.lstrip('/')
    if pattern.endswith('/'):
        pattern += '**'
    out = []
    for part in re.split(r'(\*\*/|\*\*|\*|\?|\[[^\]/]+\])', pattern):
        if part == '**/':
            out.append('(?:.*/)?')
        elif part == '**':
            out.append('.*')
        elif part == '*':
            out.append('[^/]*')
        elif part == '?':
            out.append('[^/]')
        elif part.startswith('[') and part.endswith(']') and len(part) > 2:
            out.append('[^' + part[2:] if part.startswith('[!') else part)
        else:
            out.append(re.escape(part))
    regex = ''.join(out)
    return re.compile(regex if anchored else f'(?:.*/)?{regex}')


def matches(path: str, patterns: Iterable[str]) -> bool:
    return any(glob_regex(p).fullmatch(path) for p in patterns)


def data_extension(path: str) -> str | None:
    """The data extension of PATH ('csv' for x.csv.gz), as written, or None."""
    parts = os.path.basename(path).lstrip('.').split('.')[1:]
    if parts and parts[-1].lower() in COMPRESSION:
        parts.pop()
    if parts and parts[-1].lower() in DATA_EXTENSIONS:
        return parts[-1]
    return None


def _size(n: int) -> str:
    return f'{n / 1024 / 1024:.1f} MB' if n >= 1024 * 1024 else f'{-(-n // 1024)} KB'


def check_file(path: str, size: int | None, args: argparse.Namespace) -> list[Finding]:
    """PATH ('/'-separated, relative to the root), of SIZE bytes (None: a link)."""
    if matches(path, args.allow) or matches(path, args.synthetic):
        return []
    out = []
    extension = data_extension(path)
    if extension is not None:
        out.append(Finding(
            path, 0, f'{HOOK_ID}-data',
            f'.{extension} is a data file; real data must not be published. '
            f'Synthetic? declare it: [tool.nhs-open-source.{HOOK_ID}] synthetic = '
            f'["{path}"]. Safe to publish (a test fixture, say)? allow = '
            '["tests/fixtures/**"]',
        ))
    limit = args.max_kb * 1024
    if (
            size is not None and limit and size > limit
            and os.path.basename(path) not in LOCKFILES
    ):
        out.append(Finding(
            path, 0, f'{HOOK_ID}-size',
            f'is {_size(size)}, over the {args.max_kb} KB limit (max-kb); large '
            'files are usually data or build output: keep them out of git, or '
            f'allow the path ([tool.nhs-open-source.{HOOK_ID}] allow)',
        ))
    return out


def _stat_size(path: str) -> int | None:
    """PATH's size; None for a symbolic link; OSError if it cannot be read."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        return None
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError
    return st.st_size


def audit(root: str, paths: Sequence[str]) -> list[Finding]:
    args = config.parse_args(_parser(), [], HOOK_ID, root)
    out = []
    for path in paths:
        try:
            size = _stat_size(os.path.join(root, path))
        except OSError:
            size = None  # tracked but gone from the working tree: its type still counts
        out.extend(check_file(path.replace(os.sep, '/'), size, args))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = config.parse_args(_parser(), argv, HOOK_ID)
    out = []
    failed = False
    for filename in args.filenames:
        try:
            size = _stat_size(filename)
        except OSError as e:
            problem(filename, os_error_reason(e))
            failed = True
            continue
        out.extend(check_file(os.path.normpath(filename).replace(os.sep, '/'), size, args))
    code = report(out, args.format)
    return 2 if failed else code
