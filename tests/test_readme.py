# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from nhs_open_source_hooks import readme

READMES = Path(__file__).parent / 'readmes'
COMPLETE_MD = (READMES / 'complete.md').read_text()
COMPLETE_RST = (READMES / 'complete.rst').read_text()
ALL = readme.DEFAULT_REQUIRED


def checks(text, kind='md', required=ALL, **kwargs):
    return [(f.check, f.severity) for f in readme.check(text, kind, required, **kwargs)]


def without(text, *sections):
    """TEXT without the Markdown sections whose headings start with SECTIONS."""
    for heading in sections:
        text = re.sub(rf'^## {heading}.*?(?=^## |\Z)', '', text, flags=re.M | re.S)
    return text


@pytest.mark.parametrize(('text', 'kind'), (
    (COMPLETE_MD, 'md'),
    (COMPLETE_RST, 'rst'),
    (COMPLETE_RST, 'txt'),
))
def test_complete_readmes_pass(text, kind):
    assert checks(text, kind, warn=['legal']) == []


@pytest.mark.parametrize(('text', 'expected'), (
    pytest.param(
        COMPLETE_MD.replace('[analytics@example.nhs.uk](mailto:analytics@example.nhs.uk)', 'the team'),
        [('readme-contact', 'error')], id='contact section without email',
    ),
    pytest.param(
        without(COMPLETE_MD, 'Maintainers'),
        [('readme-contact', 'error')], id='no contact section',
    ),
    pytest.param(
        without(COMPLETE_MD, 'License').replace('[![Licence: MIT](https://img.shields.io/badge/Licence-MIT-blue.svg)](LICENCE)', ''),
        [('readme-licence', 'error')], id='no licence statement',
    ),
    pytest.param(
        without(COMPLETE_MD, 'License'), [], id='licence badge is a statement',
    ),
    pytest.param(
        without(COMPLETE_MD, 'How to use'),
        [('readme-usage', 'error')], id='heading in code fence is not a heading',
    ),
    pytest.param(
        without(COMPLETE_MD, 'Data sources'),
        [('readme-data', 'error')], id='no data section',
    ),
    pytest.param(
        without(COMPLETE_MD, 'Project status'),
        [('readme-status', 'error')], id='no status',
    ),
    pytest.param(
        without(COMPLETE_MD, 'Project status') + '\nStatus: alpha, maintained.\n',
        [], id='status line without heading',
    ),
    pytest.param(
        without(COMPLETE_MD, 'Disclaimer'),
        [('readme-legal', 'warning')], id='no legal notes warns',
    ),
    pytest.param(
        COMPLETE_MD.replace('## How to use\n\nRun', '## How to use\n\nTODO\n\nRun').replace(
            'Run `bed-flow forecast --site RX1` to print a seven-day forecast.', ''),
        [('readme-usage', 'error')], id='placeholder section is empty',
    ),
    pytest.param(
        COMPLETE_MD.replace('[analytics@example.nhs.uk](mailto:analytics@example.nhs.uk)',
                            '`git clone git@github.com:org/repo.git`'),
        [('readme-contact', 'error')], id='ssh clone address is not an email',
    ),
))
def test_gaps(text, expected):
    assert checks(text, warn=['legal']) == expected


def test_stub_fails_with_every_item():
    found = checks('# Project\n\nA tool.\n', warn=['legal'])
    assert found[0] == ('readme-stub', 'error')
    assert {c for c, _ in found} >= {f'readme-{item}' for item in ALL}


def test_setext_and_html_headings():
    text = (
        'Tool\n====\n\nA tool that tidies appointment letters for clinic '
        'administrators in community trusts.\n\n'
        'Status\n------\n\nMaintained by the digital team.\n\n'
        '<h2>Prerequisites</h2>\n\nPython 3.10 and git.\n\n'
        '<h2 id="install">Installation</h2>\n\npip install tool please\n\n'
        'Usage\n-----\n\nRun tool on a folder.\n\n'
        'Data\n----\n\nUses no data at all.\n\n'
        'Contact\n-------\n\nteam@example.nhs.uk for help.\n\n'
        'Licence\n-------\n\nMIT, see LICENCE.\n'
    )
    assert checks(text, min_words=10) == []


def test_subsection_content_counts_for_parent():
    text = COMPLETE_MD.replace(
        '## How to use\n\nRun', '## How to use\n\n### Forecasting\n\nRun',
    )
    assert checks(text, warn=['legal']) == []


def test_empty_section_names_its_line():
    text = COMPLETE_MD.replace(
        'Run `bed-flow forecast --site RX1` to print a seven-day forecast.', 'TBD',
    )
    (finding,) = readme.check(text, 'md', ALL)
    assert finding.check == 'readme-usage'
    assert finding.line == text.splitlines().index('## How to use') + 1
    assert '"How to use" section is empty' in finding.message


def test_required_and_extra_items():
    text = '# T\n\nA tool that does a useful thing for a team of people.\n\n## Licence\n\nMIT licence.\n'
    assert checks(text, required=['licence', 'description'], min_words=5) == []
    assert checks(
        text, required=['licence'], min_words=5, extra=['Citation|How to cite'],
    ) == [('readme-extra', 'error')]
    assert checks(
        text + '\n## How to cite\n\nCite the DOI 10.5281/zenodo.1.\n',
        required=['licence'], min_words=5, extra=['Citation|How to cite'],
    ) == []


# -- the command, on real folders ---------------------------------------------

@pytest.mark.parametrize('name', ('README.md', 'readme.MD', 'README.rst', 'README.txt', 'README'))
def test_main_finds_readme_by_any_name(repo, name, capsys):
    source = COMPLETE_RST if name.endswith(('.rst', '.txt', 'README')) else COMPLETE_MD
    (repo / name).write_text(source)
    assert readme.main([]) == 0
    assert capsys.readouterr().out == ''


def test_main_missing_readme(repo, capsys):
    assert readme.main([]) == 1
    out = capsys.readouterr().out
    assert out.startswith('README.md:0: readme-missing no README')
    assert out.count('\n') == 1


def test_main_legal_is_an_error_for_medical_devices(repo, capsys):
    (repo / 'README.md').write_text(without(COMPLETE_MD, 'Disclaimer'))
    assert readme.main([]) == 0
    assert 'readme-legal warning:' in capsys.readouterr().out
    (repo / 'pyproject.toml').write_text('[tool.nhs-open-source]\nmedical-device = "class-I"\n')
    assert readme.main([]) == 1
    out = capsys.readouterr().out
    assert 'readme-legal README has no legal' in out


def test_main_json(repo, capsys):
    (repo / 'README.md').write_text(without(COMPLETE_MD, 'Data sources'))
    assert readme.main(['--format', 'json']) == 1
    (finding,) = json.loads(capsys.readouterr().out)
    assert finding['check'] == 'readme-data'
    assert finding['path'] == 'README.md'


def test_main_configuration(repo, capsys):
    (repo / 'README.md').write_text('# T\n\nA tool.\n\n## Licence\n\nMIT licence.\n')
    (repo / 'pyproject.toml').write_text(
        '[tool.nhs-open-source.readme]\nrequired = ["licence"]\nmin-words = 3\n',
    )
    assert readme.main([]) == 0
    assert readme.main(['--required', 'licence', 'contact']) == 1
    assert 'readme-contact' in capsys.readouterr().out


@pytest.mark.parametrize(('toml', 'message'), (
    ('[tool.nhs-open-source.readme]\nbogus = 1\n', "unknown key 'bogus'"),
    ('[tool.nhs-open-source.readme]\nrequired = ["everything"]\n', 'must be one of'),
    ('[tool.nhs-open-source.readme]\nmin-words = "many"\n', 'must be an integer'),
    ('[tool.nhs-open-source\n', 'not valid TOML'),
))
def test_main_bad_configuration(repo, capsys, toml, message):
    (repo / 'README.md').write_text(COMPLETE_MD)
    (repo / 'pyproject.toml').write_text(toml)
    with pytest.raises(SystemExit) as exc:
        readme.main([])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count('\n') == 1


def test_main_undecodable_readme(repo, capsys):
    (repo / 'README.md').write_bytes(b'# Caf\xe9\n')
    assert readme.main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith('README.md: not valid UTF-8')
    assert err.count('\n') == 1


def test_main_dangling_symlink_is_no_readme(repo, capsys):
    os.symlink('nowhere.md', repo / 'README.md')
    assert readme.main([]) == 1
    assert 'readme-missing' in capsys.readouterr().out


def test_audit_reports_the_same(repo):
    (repo / 'README.md').write_text(without(COMPLETE_MD, 'Data sources'))
    assert [f.check for f in readme.audit(str(repo), ['README.md'])] == ['readme-data']


def test_getting_started_covers_installation_and_usage():
    text = without(COMPLETE_MD, 'How to use').replace('## Setting up', '## Getting started')
    assert checks(text, warn=['legal']) == []
