# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import pytest

from nhs_open_source_hooks import repo_files
from nhs_open_source_hooks.repo_files import acceptance, main
from tests.conftest import assert_main_and_audit, write

CONTRIBUTING = (
    '# Contributing\n\nContributions are welcome. Open an issue first, then a '
    'pull request; write meaningful commit messages.\n'
)
SECURITY = '# Security\n\nEmail security@nhs-synthetic-trust.co.uk; do not open a public issue.\n'
CONDUCT = '# Code of conduct\n\nBe kind.\n'
GOOD = {'CONTRIBUTING.md': CONTRIBUTING, 'SECURITY.md': SECURITY, 'CODE_OF_CONDUCT.md': CONDUCT}
DEVICE = '[tool.nhs-open-source]\nmedical-device = "class-I"\n'
DEVICE_TEXT = (
    'In its compiled form, x is a Class I Medical Device and is covered by the '
    'Medical Device Regulations 2002 (as amended).\n'
)


@pytest.mark.parametrize(('text', 'expected'), (
    ('Contributions are welcome.', True),
    ('We welcome contributions from everyone.', True),
    ('We welcome all contributions', True),
    ('Pull requests are welcome.', True),
    ('Feel free to open an issue.', True),
    ('## How to contribute', True),
    ('This project is not currently accepting contributions.', False),
    ('We do not accept pull requests.', False),
    ("We don't accept external contributions.", False),
    ('Contributions will not be accepted.', False),
    ("We love contributions! Please read the code of conduct before contributing.", True),
    ('If you would like to contribute, fork the repository.', True),
    ('I will not be accepting contributions back into this repo. Feel free to fork.', False),
    ('This file is about style.', None),
    ('', None),
))
def test_acceptance(text, expected):
    assert acceptance(text) is expected


# (files, expected exit, expected check ids)
CASES = (
    (GOOD, 0, []),
    ({}, 1, ['repo-files-contributing-missing', 'repo-files-security-missing',
             'repo-files-code-of-conduct-missing']),
    # GitHub's other places for community files
    ({'.github/CONTRIBUTING.md': CONTRIBUTING, '.github/SECURITY.md': SECURITY,
      'docs/CODE_OF_CONDUCT.md': CONDUCT}, 0, []),
    ({'contributing.rst': CONTRIBUTING, 'security.txt': SECURITY,
      'code-of-conduct.md': CONDUCT}, 0, []),
    # README sections may stand in for the guides
    ({'README.md': '# x\n\n## Contributing\n\n' + CONTRIBUTING.split('\n\n', 1)[1]
      + '\n## Security\n\nReport vulnerabilities through https://github.com/o/x/security/advisories/new\n'
      + '\n## Code of conduct\n\nWe follow the Contributor Covenant.\n'}, 0, []),
    ({**GOOD, 'CONTRIBUTING.md': '# Contributing\n\nStyle: PEP 8.\n'}, 1,
     ['repo-files-contributing-acceptance', 'repo-files-contributing-issues',
      'repo-files-contributing-pull-requests', 'repo-files-contributing-commits']),
    ({**GOOD, 'CONTRIBUTING.md': 'Contributions are welcome: open a pull request.\n'}, 1,
     ['repo-files-contributing-issues', 'repo-files-contributing-commits']),
    ({**GOOD, 'CONTRIBUTING.md': 'Contributions are welcome via issues and pull requests.\n'},
     0, ['repo-files-contributing-commits']),  # a warning
    # A project that declines contributions needs no process or code of conduct.
    ({'CONTRIBUTING.md': 'This project does not accept contributions.\n',
      'SECURITY.md': SECURITY}, 0, []),
    ({**GOOD, 'SECURITY.md': '# Security\n\nPlease be responsible.\n'}, 1,
     ['repo-files-security-route']),
    ({**GOOD, 'SECURITY.md': 'Use private vulnerability reporting on GitHub.\n'}, 0, []),
    # A git host's SSH user is not a mailbox anyone reads.
    ({**GOOD, 'SECURITY.md': 'Clone git@github.com:org/repo.git and read the code.\n'}, 1,
     ['repo-files-security-route']),
    ({**GOOD, 'SECURITY.md': 'Email CONTACT@example.invalid.\n'}, 0,
     ['repo-files-security-placeholder']),  # a warning
    ({**GOOD, 'SECURITY.md': 'Email a@example.com or b@nhs-synthetic-trust.co.uk.\n'}, 0, []),
    ({**GOOD, 'SECURITY.md': 'See https://www.example.invalid/vulnerability-disclosure\n'},
     0, []),
    ({'CONTRIBUTING.md': CONTRIBUTING + 'We follow the [code of conduct]'
      '(https://www.contributor-covenant.org/version/2/1/code_of_conduct/).\n',
      'SECURITY.md': SECURITY}, 0, []),
    ({'CONTRIBUTING.md': CONTRIBUTING, 'SECURITY.md': SECURITY}, 1,
     ['repo-files-code-of-conduct-missing']),
    ({**GOOD, 'pyproject.toml': DEVICE}, 1,
     ['repo-files-medical-device-notice', 'repo-files-medical-device-readme']),
    ({**GOOD, 'pyproject.toml': DEVICE, 'NOTICE': DEVICE_TEXT,
      'README.md': '# x\n\n## Legal and regulatory notes\n\n' + DEVICE_TEXT}, 0, []),
    ({**GOOD, 'pyproject.toml': DEVICE, 'NOTICE': 'Copyright 2024 Crown Copyright\n',
      'README.md': '# x\n\n' + DEVICE_TEXT}, 1, ['repo-files-medical-device-notice']),
    # Class I is not Class IIa
    ({**GOOD, 'pyproject.toml': DEVICE.replace('class-I', 'class-IIa'), 'NOTICE': DEVICE_TEXT,
      'README.md': '# x\n\n' + DEVICE_TEXT}, 1,
     ['repo-files-medical-device-notice', 'repo-files-medical-device-readme']),
)


@pytest.mark.parametrize(('files', 'code', 'checks'), CASES)
def test_main_and_audit(repo, capsys, files, code, checks):
    assert_main_and_audit(repo_files, repo, capsys, files, code, checks)


def test_missing_items_are_named_with_a_hint(repo, capsys):
    main([])
    out = capsys.readouterr().out
    assert 'add CONTRIBUTING.md' in out
    assert 'an email address or a private reporting link' in out
    assert 'nhs-open-source init' in out


def test_medical_device_hint_quotes_the_policy(repo, capsys):
    write(repo, {**GOOD, 'pyproject.toml': DEVICE})
    main([])
    assert 'is a Class I Medical Device and is covered by' in capsys.readouterr().out


def test_unreadable_guide_is_a_problem(repo, capsys):
    write(repo, {**GOOD})
    (repo / 'SECURITY.md').write_bytes(b'\xc3\x28')
    assert main([]) == 2
    assert capsys.readouterr().err.startswith('SECURITY.md: not valid UTF-8')
    assert [f.check for f in repo_files.audit(str(repo), list(GOOD))] == [
        'repo-files-unreadable',
    ]
