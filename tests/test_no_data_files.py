# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import os

import pytest

from nhs_open_source_hooks import no_data_files
from nhs_open_source_hooks.no_data_files import data_extension, glob_regex, main
from tests.conftest import write


@pytest.mark.parametrize(('path', 'expected'), (
    ('a.csv', 'csv'),
    ('data/extract.XLSX', 'XLSX'),
    ('b.RData', 'RData'),
    ('c.csv.gz', 'csv'),
    ('scan.nii.gz', 'nii'),
    ('survey.sav', 'sav'),
    ('model.sas7bdat', 'sas7bdat'),
    ('x.parquet', 'parquet'),
    ('db.sqlite3', 'sqlite3'),
    ('events.jsonl', 'jsonl'),
    ('README.md', None),
    ('archive.zip', None),
    ('csv', None),
    ('.csv', None),  # a hidden file named csv, not a .csv file
    ('analysis.py', None),
    ('notebook.ipynb', None),
))
def test_data_extension(path, expected):
    assert data_extension(path) == expected


@pytest.mark.parametrize(('pattern', 'path', 'expected'), (
    ('tests/fixtures/**', 'tests/fixtures/a/b.csv', True),
    ('tests/fixtures/**', 'tests/fixtures.csv', False),
    ('tests/fixtures/', 'tests/fixtures/b.csv', True),
    ('*.csv', 'a/b/c.csv', True),
    ('data/*.csv', 'data/x.csv', True),
    ('data/*.csv', 'data/x/y.csv', False),
    ('**/synthetic/*', 'a/synthetic/x.csv', True),
    ('**/synthetic/*', 'synthetic/x.csv', True),
    ('x.csv', 'y/x.csv', True),
    ('/x.csv', 'y/x.csv', False),
    ('data/[ab].csv', 'data/a.csv', True),
    ('data/[!ab].csv', 'data/a.csv', False),
    ('data/?.csv', 'data/c.csv', True),
))
def test_glob(pattern, path, expected):
    assert bool(glob_regex(pattern).fullmatch(path)) is expected


BIG = 'x' * (501 * 1024)
# (files, configuration, arguments, expected exit, expected check ids)
CASES = (
    ({'a.py': 'print()\n'}, '', [], 0, []),
    ({'a.csv': 'nhs_number\n'}, '', [], 1, ['no-data-files-data']),
    ({'a.csv': 'x\n', 'b.xlsx': '', 'c.RData': ''}, '', [], 1, ['no-data-files-data'] * 3),
    ({'big.txt': BIG}, '', [], 1, ['no-data-files-size']),
    ({'big.csv': BIG}, '', [], 1, ['no-data-files-data', 'no-data-files-size']),
    ({'package-lock.json': BIG}, '', [], 0, []),
    ({'big.txt': BIG}, '', ['--max-kb', '1000'], 0, []),
    ({'big.txt': BIG}, '', ['--max-kb', '0'], 0, []),
    ({'big.txt': BIG}, 'max-kb = 1000\n', [], 0, []),
    ({'tests/fixtures/a.csv': 'x\n'}, 'allow = ["tests/fixtures/**"]\n', [], 0, []),
    ({'tests/fixtures/a.csv': 'x\n'}, '', ['--allow', 'tests/fixtures/**'], 0, []),
    ({'data/a.csv': 'x\n'}, 'allow = ["tests/fixtures/**"]\n', [], 1, ['no-data-files-data']),
    ({'data/synthetic/a.csv': 'x\n'}, 'synthetic = ["data/synthetic/**"]\n', [], 0, []),
    ({'data/synthetic/big.csv': BIG}, 'synthetic = ["data/synthetic/"]\n', [], 0, []),
)


def _configure(repo, table):
    if table:
        (repo / 'pyproject.toml').write_text(f'[tool.nhs-open-source.no-data-files]\n{table}')


@pytest.mark.parametrize(('files', 'table', 'argv', 'code', 'checks'), CASES)
def test_main(repo, capsys, files, table, argv, code, checks):
    write(repo, files)
    _configure(repo, table)
    assert main([*argv, *files]) == code
    out = capsys.readouterr().out
    assert [line.split()[1] for line in out.splitlines()] == checks


@pytest.mark.parametrize(
    ('files', 'table', 'checks'),
    # The audit takes its options from the configuration only.
    [(files, table, checks) for files, table, argv, _, checks in CASES if not argv],
)
def test_audit_agrees_with_main(repo, files, table, checks):
    write(repo, files)
    _configure(repo, table)
    assert [f.check for f in no_data_files.audit(str(repo), list(files))] == checks


def test_message(repo, capsys):
    write(repo, {'data/extract.csv': 'x\n'})
    main(['data/extract.csv'])
    assert capsys.readouterr().out == (
        'data/extract.csv:0: no-data-files-data .csv is a data file; real data must not '
        'be published. Synthetic? declare it: [tool.nhs-open-source.no-data-files] '
        'synthetic = ["data/extract.csv"]. Safe to publish (a test fixture, say)? '
        'allow = ["tests/fixtures/**"]\n'
    )


def test_size_message(repo, capsys):
    write(repo, {'big.bin': 'x' * (3 * 1024 * 1024)})
    main(['big.bin'])
    assert 'is 3.0 MB, over the 500 KB limit' in capsys.readouterr().out


def test_symlink_is_judged_by_its_name(repo, capsys):
    write(repo, {'big.txt': BIG})
    os.symlink('big.txt', repo / 'link.txt')
    os.symlink('big.txt', repo / 'link.csv')
    assert main(['link.txt']) == 0
    assert main(['link.csv']) == 1


@pytest.mark.parametrize(('make', 'reason'), (
    (lambda repo: None, 'no such file'),
    (lambda repo: (repo / 'x').mkdir(), 'is a directory, not a file'),
))
def test_bad_input(repo, capsys, make, reason):
    make(repo)
    assert main(['x']) == 2
    assert capsys.readouterr().err == f'x: {reason}\n'


def test_bad_configuration_exits_2(repo, capsys):
    _configure(repo, 'max-kb = "big"\n')
    with pytest.raises(SystemExit) as e:
        main(['a.py'])
    assert e.value.code == 2
    assert 'max-kb' in capsys.readouterr().err
