# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nhs_open_source_hooks import licence_file
from nhs_open_source_hooks.licence_file import identify, licence_ids, main
from tests.conftest import assert_main_and_audit
from tests.conftest import ROOT
from tests.conftest import write

TEXTS = Path(licence_file.__file__).parent / 'licences'


def text(licence: str) -> str:
    return (TEXTS / f'{licence}.txt').read_text()


MIT = text('MIT').replace('<year> <copyright holders>', '2024 Crown Copyright')
APACHE = text('Apache-2.0')
GPL3 = text('GPL-3.0')
OGL = text('OGL-UK-3.0')
APACHE_NOTICE = APACHE[APACHE.index('Licensed under the Apache'):]
README_MIT = '# x\n\n## Licence\n\nReleased under the MIT licence.\n'


@pytest.mark.parametrize(('given', 'expected'), (
    (MIT, ['MIT']),
    ('# MIT Licence\n\n' + MIT.replace('"', '\u201c'), ['MIT']),
    (APACHE, ['Apache-2.0']),
    (APACHE.split('APPENDIX')[0], ['Apache-2.0']),
    (GPL3, ['GPL-3.0']),
    (OGL, ['OGL-UK-3.0']),
    (MIT + '\n\n' + OGL, ['MIT', 'OGL-UK-3.0']),
    (text('BSD-3-Clause'), ['BSD-3-Clause']),  # not also BSD-2, whose text it holds
    (text('BSD-2-Clause'), ['BSD-2-Clause']),
    (text('LGPL-3.0'), ['LGPL-3.0']),
    (text('AGPL-3.0'), ['AGPL-3.0']),  # 92% of GPL-3.0's text is in it
    (APACHE_NOTICE, []),
    ('MIT License\n\nCopyright (c) 2024 Crown Copyright\n', []),
    ('', []),
))
def test_identify(given, expected):
    assert sorted(identify(given)[0]) == expected


@pytest.mark.parametrize(('given', 'expected'), (
    ('Copyright (c) 2024 Crown Copyright', ['Copyright (c) 2024 Crown Copyright']),
    ('Copyright (c) NHS England 2023', ['Copyright (c) NHS England 2023']),
    ('Copyright (c) Crown Copyright', ['Copyright (c) Crown Copyright']),
    ('© Crown copyright 2024', ['© Crown copyright 2024']),
    ('Copyright 2021 NHS Digital', ['Copyright 2021 NHS Digital']),
    ('Copyright Crown', ['Copyright Crown']),
    ('  Copyright (C) <year>  <name of author>', ['Copyright (C) <year>  <name of author>']),
    ('copyright notice and this permission notice appear in all copies.', []),
    ('The above copyright notice and this permission notice', []),
    ('YEAR: 2024\nCOPYRIGHT HOLDER: Crown Copyright', ['COPYRIGHT HOLDER: Crown Copyright']),
))
def test_notices(given, expected):
    assert licence_file.notices(given) == expected


@pytest.mark.parametrize(('given', 'expected'), (
    ('MIT', {'MIT'}),
    ('MIT + file LICENSE', {'MIT'}),
    ('GPL (>= 3)', {'GPL-3.0'}),
    ('GPL-2 | GPL-3', {'GPL-2.0', 'GPL-3.0'}),
    ('GPL-3.0-or-later', {'GPL-3.0'}),
    ('License :: OSI Approved :: GNU General Public License v3 (GPLv3)', {'GPL-3.0'}),
    ('License :: OSI Approved :: Apache Software License', {'Apache-2.0'}),
    ('Apache License (== 2.0)', {'Apache-2.0'}),
    ('GNU Lesser General Public License v3', {'LGPL-3.0'}),
    ('GNU Affero General Public License v3', {'AGPL-3.0'}),
    ('AGPL-3.0-only', {'AGPL-3.0'}),
    ('Open Government Licence v3.0', {'OGL-UK-3.0'}),
    ('the terms of the Open Government 3.0 licence', {'OGL-UK-3.0'}),  # the policy's words
    ('OGLv3', {'OGL-UK-3.0'}),
    ('(MIT OR Apache-2.0)', {'MIT', 'Apache-2.0'}),
    ('Proprietary', set()),
    ('UNLICENSED', set()),
))
def test_licence_ids(given, expected):
    assert licence_ids(given) == expected


# (files, expected exit, expected check ids)
CASES = (
    ({'LICENCE': MIT}, 0, []),
    ({'LICENSE.md': MIT}, 0, []),
    ({'COPYING': GPL3}, 0, []),
    ({'LICENSE': text('AGPL-3.0')}, 1, ['licence-file-not-accepted']),
    ({}, 1, ['licence-file-missing']),
    ({'LICENSE': APACHE_NOTICE}, 1, ['licence-file-partial']),
    ({'LICENSE': 'All rights reserved.\n'}, 1, ['licence-file-unrecognised']),
    ({'LICENSE': text('BSD-3-Clause').replace('<year> <owner>', '2024 Crown Copyright')},
     1, ['licence-file-not-accepted']),
    ({'LICENCE': text('MIT')}, 1, ['licence-file-copyright-placeholder']),
    ({'LICENCE': MIT.replace('Copyright (c) 2024 Crown Copyright\n', '')},
     1, ['licence-file-copyright-missing']),
    ({'LICENCE': MIT.replace('Crown Copyright', 'NHS England')},
     0, ['licence-file-copyright-holder']),
    # A third-party notices file beside the licence is not a licence.
    ({'LICENCE': MIT, 'LICENSE-THIRD-PARTY.md': 'pandas: BSD\n'}, 0, []),
    ({'LICENCE': MIT, 'pyproject.toml': '[project]\nname = "x"\nlicense = "MIT"\n'}, 0, []),
    ({'LICENCE': MIT, 'pyproject.toml': '[project]\nname = "x"\nlicense = "GPL-3.0-only"\n'},
     1, ['licence-file-mismatch']),
    ({'LICENCE': MIT, 'pyproject.toml': '[project]\nname = "x"\nlicense = {text = "Apache-2.0"}\n'},
     1, ['licence-file-mismatch']),
    ({'LICENCE': MIT, 'pyproject.toml':
      '[project]\nname = "x"\nclassifiers = ["License :: OSI Approved :: MIT License"]\n'},
     0, []),
    ({'LICENCE': MIT, 'pyproject.toml': '[tool.poetry]\nlicense = "Apache-2.0"\n'},
     1, ['licence-file-mismatch']),
    ({'LICENCE': MIT, 'package.json': json.dumps({'license': 'MIT'})}, 0, []),
    ({'LICENCE': MIT, 'package.json': json.dumps({'license': 'ISC'})},
     1, ['licence-file-mismatch']),
    ({'LICENCE': MIT, 'package.json': json.dumps({'license': '(MIT OR Apache-2.0)'})},
     0, ['licence-file-mismatch']),  # a warning: Apache-2.0's text is not there
    ({'LICENCE': MIT, 'package.json': '{not json'}, 0, []),
    ({'LICENSE': 'YEAR: 2024\nCOPYRIGHT HOLDER: Crown Copyright\n', 'LICENSE.md': MIT,
      'DESCRIPTION': 'Package: x\nLicense: MIT + file LICENSE\n'}, 0, []),
    ({'LICENSE.md': GPL3, 'DESCRIPTION': 'Package: x\nLicense: MIT + file LICENSE\n'},
     1, ['licence-file-mismatch']),
    ({'LICENCE': MIT, 'setup.cfg': '[metadata]\nlicense = GPL-3.0\n'},
     1, ['licence-file-mismatch']),
    ({'LICENCE': MIT, 'README.md': README_MIT}, 0, []),
    ({'LICENCE': MIT, 'README.md': '# x\n\n## License\n\nGPLv3, see LICENSE.\n'},
     1, ['licence-file-mismatch']),
    # The documentation licence belongs in the README, not LICENCE.
    ({'LICENCE': MIT, 'README.md': README_MIT + 'Docs: Open Government Licence v3.0.\n'}, 0, []),
    # The NHS template's wording
    ({'LICENCE': MIT, 'README.md': '# x\n\n## Licence\n\nUnless stated otherwise, the codebase '
      'is released under the MIT License. The documentation is © Crown copyright and '
      'available under the terms of the Open Government 3.0 licence.\n'}, 0, []),
    ({'LICENCE': MIT, 'pyproject.toml': '[tool.nhs-open-source]\nlicence = "Apache-2.0"\n'},
     1, ['licence-file-mismatch']),
    ({'LICENCE': MIT, 'pyproject.toml': '[tool.nhs-open-source.licence-header]\nlicence = "GPL-3.0"\n'},
     1, ['licence-file-mismatch']),
    ({'LICENSE': APACHE, 'README.md': README_MIT.replace('MIT licence', 'Apache License 2.0')},
     0, []),
    ({'LICENSE': APACHE, 'pyproject.toml': '[tool.nhs-open-source]\nclinical = true\n'},
     1, ['licence-file-notice-missing']),
    ({'LICENSE': APACHE, 'README.md': '# x\n\nCovered by the Medical Device Regulations 2002.\n'},
     1, ['licence-file-notice-missing']),
    ({'LICENSE': APACHE, 'pyproject.toml': '[tool.nhs-open-source]\nclinical = true\n',
      'NOTICE': 'Copyright 2024 Crown Copyright\n'}, 1, ['licence-file-notice-regulatory']),
    ({'LICENSE': APACHE, 'pyproject.toml': '[tool.nhs-open-source]\nclinical = true\n',
      'NOTICE': 'This software is subject to clinical safety standard DCB0129.\n'}, 0, []),
    # A declared medical device's NOTICE is repo-files' to check.
    ({'LICENSE': APACHE, 'pyproject.toml': '[tool.nhs-open-source]\nmedical-device = "class-I"\n'},
     0, []),
    ({'LICENCE': text('BSD-3-Clause').replace('<year> <owner>', '2024 Crown Copyright'),
      'pyproject.toml': '[tool.nhs-open-source.licence-file]\naccept = ["BSD-3-Clause"]\n'},
     0, []),
)


@pytest.mark.parametrize(('files', 'code', 'checks'), CASES)
def test_main_and_audit(repo, capsys, files, code, checks):
    assert_main_and_audit(licence_file, repo, capsys, files, code, checks)


def test_audit_sees_only_the_tracked_files(repo):
    write(repo, {'LICENCE': MIT})
    assert [f.check for f in licence_file.audit(str(repo), [])] == ['licence-file-missing']


def test_accept_on_the_command_line(repo, capsys):
    write(repo, {'LICENCE': text('BSD-2-Clause').replace('<year> <owner>', '2024 Crown Copyright')})
    assert main(['--accept', 'BSD-2-Clause']) == 0


def test_messages_name_the_licences(repo, capsys):
    write(repo, {'LICENCE': MIT, 'package.json': json.dumps({'license': 'ISC'})})
    main([])
    assert capsys.readouterr().out == (
        'package.json:1: licence-file-mismatch "license" names ISC but LICENCE holds '
        'MIT; make them agree\n'
    )


def test_json_format(repo, capsys):
    assert main(['--format', 'json']) == 1
    [finding] = json.loads(capsys.readouterr().out)
    assert finding['check'] == 'licence-file-missing'


@pytest.mark.parametrize('content', (b'\xc3\x28 not UTF-8', b'abc\0def'))
def test_unreadable_licence_is_a_one_line_problem(repo, capsys, content):
    (repo / 'LICENCE').write_bytes(content)
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith('LICENCE: ')
    assert len(captured.err.splitlines()) == 1


def test_licence_folder_is_not_a_file(repo):
    (repo / 'LICENSE').mkdir()
    assert main([]) == 1


def test_bad_configuration_exits_2(repo, capsys):
    write(repo, {'LICENCE': MIT, 'pyproject.toml': '[tool.nhs-open-source.licence-file]\nnope = 1\n'})
    with pytest.raises(SystemExit) as e:
        main([])
    assert e.value.code == 2


def test_wheel_carries_the_licence_texts(tmp_path):
    subprocess.run(
        (sys.executable, '-m', 'pip', 'wheel', '-q', '--no-deps', '--disable-pip-version-check',
         '-w', str(tmp_path), str(ROOT)),
        check=True, capture_output=True,
    )
    [wheel] = tmp_path.glob('*.whl')
    names = zipfile.ZipFile(wheel).namelist()
    for licence in licence_file.KNOWN:
        assert f'nhs_open_source_hooks/licences/{licence}.txt' in names


@pytest.mark.parametrize('config', ('accept = ["Unlicense"]', 'accept = "MIT"'))
def test_accept_must_name_known_licences(repo, capsys, config):
    write(repo, {'LICENCE': MIT, 'pyproject.toml': f'[tool.nhs-open-source.licence-file]\n{config}\n'})
    with pytest.raises(SystemExit) as e:
        main([])
    assert e.value.code == 2
    assert 'licence-file accept must be' in capsys.readouterr().err
