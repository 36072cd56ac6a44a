# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""The secret-scan hook: files, notebooks, data files, baselines, audit."""
from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from nhs_open_source_hooks import secret_scan
from tests.conftest import git

R20 = 'Vq8mT2pLx9' + 'Zr4KcW7bNd'
R32 = R20 + 'H3sJf6GtY1eU'
AWS = 'AKIA' + 'Z7VRSQ5TFXQK3B2M'
NHS_NUMBER = '401 023 ' + '2137'  # valid check digit, built here


@pytest.mark.parametrize(('name', 'content', 'expected_exit', 'expected'), (
    ('clean.py', 'x = 1\n', 0, ''),
    ('cfg.py', f'x = 1\naws_access_key_id = "{AWS}"\n', 1, 'cfg.py:2: secret-aws-access-key'),
    ('settings.ini', f'[db]\npassword = {R20[:9]}#4\n', 1, 'settings.ini:2: secret-password'),
    ('.env', f'DB_PASSWORD={R20[:9]}#4\n', 1, '.env:1: secret-password'),
    ('.Renviron', f'GITHUB_PAT={"ghp_" + R32 + "Ab12"}\n', 1, '.Renviron:1: secret-github-token'),
    ('.env.local', 'DJANGO_SECRET_KEY=dj-' + 'k8f$2k@w!x9z#q7m3n&p5\n', 1, '.env.local:1: secret-keyword'),
    ('.Renviron', 'NHS_API_KEY="' + R20[::-1] + '" # for the dashboards\n', 1, '.Renviron:1: secret-keyword'),
    ('.env.example', 'API_KEY=your-api-key-here\nSECRET_KEY=changeme\nTOKEN=\nDB_PASSWORD=${DB_PASSWORD}\n', 0, ''),
    ('notes.md', f'Patient NHS number {NHS_NUMBER}\n', 1, 'notes.md:1: personal-data-nhs-number'),
    ('ok.py', 'password = os.environ["PASSWORD"]\n', 0, ''),
    ('hint.py', f'token = "{R32}"  # pragma: allowlist secret\n', 0, ''),
))
def test_main(tmp_path, monkeypatch, capsys, name, content, expected_exit, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(content)
    assert secret_scan.main([name]) == expected_exit
    out = capsys.readouterr().out
    assert out.startswith(expected)
    assert AWS not in out and R20 not in out


def test_warnings_do_not_fail(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'a.py').write_text('login(user, password="hunter")\n')
    assert secret_scan.main(['a.py']) == 0
    assert 'a.py:1: secret-password warning: ' in capsys.readouterr().out


@pytest.mark.parametrize(('setup', 'message'), (
    (lambda p: None, 'missing: no such file'),
    (lambda p: p.mkdir(), 'missing: is a directory, not a file'),
    (lambda p: p.write_bytes(b'\x00\x01\x02' + AWS.encode()), 'missing: binary file (NUL bytes); skipped'),
    (lambda p: p.symlink_to('nowhere'), 'missing: no such file'),
))
def test_bad_input(tmp_path, monkeypatch, capsys, setup, message):
    monkeypatch.chdir(tmp_path)
    setup(tmp_path / 'missing')
    assert secret_scan.main(['missing']) == 2
    assert capsys.readouterr().err.strip() == message


def test_undecodable_bytes_are_still_scanned(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'latin1.cfg').write_bytes(b'caf\xe9 = 1\naws = ' + AWS.encode() + b'\n')
    assert secret_scan.main(['latin1.cfg']) == 1
    assert 'latin1.cfg:2: secret-aws-access-key' in capsys.readouterr().out


@pytest.mark.parametrize('encoding', ('utf-16', 'utf-32', 'utf-8-sig'))
def test_wide_encodings_are_scanned(tmp_path, monkeypatch, capsys, encoding):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'deploy.ps1').write_bytes(f'$x = 1\r\n$key = "{AWS}"\r\n'.encode(encoding))
    assert secret_scan.main(['deploy.ps1']) == 1
    assert capsys.readouterr().out.startswith('deploy.ps1:2: secret-aws-access-key')


def test_bad_exclude_pattern(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'a.py').write_text('x = 1\n')
    assert secret_scan.main(['--exclude', '(', 'a.py']) == 2
    assert "--exclude '('" in capsys.readouterr().err


def test_large_files_are_read_in_blocks(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(secret_scan, 'BLOCK', 64)
    lines = [f'line = {i}\n' for i in range(200)]
    lines[150] = f'aws = "{AWS}"\n'
    (tmp_path / 'big.py').write_text(''.join(lines))
    assert secret_scan.main(['big.py']) == 1
    assert capsys.readouterr().out.startswith('big.py:151: secret-aws-access-key')


def test_long_lines_and_large_notebooks_stay_bounded(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(secret_scan, 'BLOCK', 64)
    monkeypatch.setattr(secret_scan, 'NOTEBOOK_LIMIT', 2)
    (tmp_path / 'one-line.txt').write_text('x' * 1000 + f' aws = "{AWS}" ' + 'y' * 1000)
    (tmp_path / 'big.ipynb').write_text('{"cells": []}' + ' ' * 300 + f'\naws = "{AWS}"\n')
    assert secret_scan.main(['one-line.txt', 'big.ipynb']) == 1
    out = capsys.readouterr().out
    assert 'one-line.txt:1: secret-aws-access-key' in out
    assert 'big.ipynb:2: secret-aws-access-key' in out


def _notebook(cells):
    return json.dumps({'cells': cells, 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}, indent=1)


def test_notebook_cells_and_outputs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    image = base64.b64encode(b'\x89PNG' + AWS.encode() + bytes(range(200))).decode()
    (tmp_path / 'nb.ipynb').write_text(_notebook([
        {'cell_type': 'markdown', 'metadata': {}, 'source': ['# Title\n']},
        {'cell_type': 'code', 'metadata': {}, 'execution_count': 1,
         'source': ['import os\n', f'key = "{AWS}"\n'],
         'outputs': [
             {'output_type': 'stream', 'name': 'stdout', 'text': ['ok\n', f'NHS number {NHS_NUMBER}\n']},
             {'output_type': 'display_data', 'metadata': {},
              'data': {'image/png': image, 'text/plain': ['<Figure>']}},
         ]},
    ]))
    assert secret_scan.main(['nb.ipynb']) == 1
    out = capsys.readouterr().out.splitlines()
    assert [re.match(r'(.*?:[0-9]+): (\S+)', line).groups() for line in out] == [
        ('nb.ipynb:cell 2:2', 'secret-aws-access-key'),
        ('nb.ipynb:cell 2 output:2', 'personal-data-nhs-number'),
    ]


def test_broken_notebook_is_scanned_as_text(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'nb.ipynb').write_text(f'{{"cells": [\nkey = "{AWS}"\n')
    assert secret_scan.main(['nb.ipynb']) == 1
    assert capsys.readouterr().out.startswith('nb.ipynb:2: secret-aws-access-key')


def test_csv_header_is_context_for_identifiers(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    digits = NHS_NUMBER.replace(' ', '')
    (tmp_path / 'patients.csv').write_text(f'nhs_no,age\n{digits},42\n')
    (tmp_path / 'numbers.csv').write_text(f'reference,age\n{digits},42\n')
    assert secret_scan.main(['patients.csv', 'numbers.csv']) == 1
    out = capsys.readouterr().out
    assert out.startswith('patients.csv:2: personal-data-nhs-number')
    assert 'numbers.csv' not in out


def test_lock_files_skip_generic_checks(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    text = f'"resolved": "x", "integrity": "sha512-{R32}{R32}", "token": "{R32}"\n'
    (tmp_path / 'package-lock.json').write_text(text)
    (tmp_path / 'other.json').write_text(text)
    assert secret_scan.main(['package-lock.json']) == 0
    assert secret_scan.main(['other.json']) == 1


def _baseline(results, filters=()):
    return json.dumps({
        'version': '1.5.0', 'plugins_used': [], 'filters_used': list(filters),
        'results': results, 'generated_at': '2024-01-01T00:00:00Z',
    }, indent=2)


def test_baseline_accepts_known_values_wherever_they_move(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    sha1 = hashlib.sha1(AWS.encode()).hexdigest()
    baseline = _baseline({'src/cfg.py': [
        {'type': 'AWS Access Key', 'filename': 'src/cfg.py', 'hashed_secret': sha1,
         'is_verified': False, 'line_number': 1},
    ]})
    (tmp_path / '.secrets.baseline').write_text(baseline)
    (tmp_path / 'src').mkdir()
    (tmp_path / 'src/cfg.py').write_text(f'\n\n\naws = "{AWS}"\n')
    (tmp_path / 'other.py').write_text(f'aws = "{AWS}"\n')
    assert secret_scan.main(['src/cfg.py', '.secrets.baseline']) == 0
    assert secret_scan.main(['other.py']) == 1
    assert (tmp_path / '.secrets.baseline').read_text() == baseline


def test_baseline_option_and_its_exclude_filter(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'b.json').write_text(_baseline({}, [
        {'path': 'detect_secrets.filters.regex.should_exclude_file', 'pattern': ['^fixtures/']},
    ]))
    (tmp_path / 'fixtures').mkdir()
    (tmp_path / 'fixtures/x.py').write_text(f'aws = "{AWS}"\n')
    assert secret_scan.main(['--baseline', 'b.json', 'fixtures/x.py']) == 0


@pytest.mark.parametrize('content', ('not json', '[1, 2]'))
def test_broken_baseline(tmp_path, monkeypatch, capsys, content):
    monkeypatch.chdir(tmp_path)
    (tmp_path / '.secrets.baseline').write_text(content)
    (tmp_path / 'a.py').write_text('x = 1\n')
    assert secret_scan.main(['a.py']) == 2
    assert 'not a detect-secrets baseline' in capsys.readouterr().err


def test_configuration(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'pyproject.toml').write_text(
        '[tool.nhs-open-source.secret-scan]\npersonal-data = "warning"\nexclude = ["^docs/"]\n',
    )
    (tmp_path / 'docs').mkdir()
    (tmp_path / 'docs/a.md').write_text(f'aws {AWS}\n')
    (tmp_path / 'b.md').write_text(f'Patient NHS number {NHS_NUMBER}\n')
    assert secret_scan.main(['docs/a.md', 'b.md']) == 0
    assert 'b.md:1: personal-data-nhs-number warning: ' in capsys.readouterr().out
    assert secret_scan.main(['--personal-data', 'off', 'b.md']) == 0
    assert capsys.readouterr().out == ''


def test_json_format(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'a.py').write_text(f'aws = "{AWS}"\n')
    assert secret_scan.main(['--format', 'json', 'a.py']) == 1
    [finding] = json.loads(capsys.readouterr().out)
    assert finding['check'] == 'secret-aws-access-key'
    assert AWS not in finding['message']


def test_audit_and_blob_scanner(repo):
    (repo / 'a.py').write_text(f'aws = "{AWS}"\n')
    (repo / 'b.bin').write_bytes(b'\0' + AWS.encode())
    (repo / 'c.py').write_text('x = 1\n')
    git(repo, 'add', '-A')
    found = secret_scan.audit(str(repo), ['a.py', 'b.bin', 'c.py', 'gone.py'])
    assert [(f.path, f.line, f.check) for f in found] == [('a.py', 1, 'secret-aws-access-key')]
    scan = secret_scan.blob_scanner(str(repo))
    assert [f.check for f in scan('old/a.py', f'x\naws = "{AWS}"\n'.encode())] == ['secret-aws-access-key']
    assert scan('b.bin', b'\0' + AWS.encode()) == []
