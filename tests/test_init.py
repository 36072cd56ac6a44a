# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import datetime
import re
import stat

import pytest

from nhs_open_source_hooks import __version__, licence_file, licence_header, no_data_files, repo_files, semver
from nhs_open_source_hooks.init import RECOMMENDED_HOOKS, append_table, main
from nhs_open_source_hooks.config import load_toml
from tests.conftest import ROOT, git
from tests.conftest import write

WRITTEN = (
    'README.md', 'LICENCE', 'CONTRIBUTING.md', 'SECURITY.md', 'CODE_OF_CONDUCT.md',
    '.pre-commit-config.yaml', 'pyproject.toml',
)


def snapshot(root):
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob('*') if p.is_file() and '.git' not in p.parts
    }


def test_empty_folder(tmp_path, capsys):
    assert main([str(tmp_path / 'project')]) == 0
    root = tmp_path / 'project'
    assert sorted(snapshot(root)) == sorted(WRITTEN)
    assert (root / '.git').is_dir()
    out = capsys.readouterr().out
    assert 'wrote README.md' in out
    assert 'initialised a git repository' in out
    assert 'CONTACT@example.invalid' in out  # told to replace the placeholder
    assert '# project\n' in (root / 'README.md').read_text()


def test_result_passes_the_hooks(tmp_path, monkeypatch, capsys):
    assert main([str(tmp_path)]) == 0
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert licence_file.main([]) == 0
    assert repo_files.main([]) == 0
    assert semver.main([]) == 0
    assert no_data_files.main(list(snapshot(tmp_path))) == 0
    assert licence_file.audit(str(tmp_path), list(snapshot(tmp_path))) == []
    # Only the placeholder contact address is worth a warning.
    assert [f.check for f in repo_files.audit(str(tmp_path), list(snapshot(tmp_path)))] == [
        'repo-files-security-placeholder',
    ]


def test_result_with_a_contact_has_no_warnings(tmp_path):
    assert main([str(tmp_path), '--contact', 'team@nhs-synthetic-trust.co.uk']) == 0
    assert repo_files.audit(str(tmp_path), list(snapshot(tmp_path))) == []


@pytest.mark.parametrize(('name', 'comment'), (
    ('README.md', '<!-- {} -->'),
    ('CONTRIBUTING.md', '<!-- {} -->'),
    ('SECURITY.md', '<!-- {} -->'),
    ('CODE_OF_CONDUCT.md', '<!-- {} -->'),
    ('.pre-commit-config.yaml', '# {}'),
    ('pyproject.toml', '# {}'),
))
def test_files_carry_the_licence_header(tmp_path, name, comment):
    """As licence-header writes it, so the new repository passes that hook."""
    main([str(tmp_path)])
    licence = 'OGL-UK-3.0' if name.endswith('.md') else 'MIT'  # documentation
    head = (tmp_path / name).read_text().split('\n\n', 1)[0]
    assert comment.format(f'SPDX-License-Identifier: {licence}') in head.splitlines()
    assert licence_header.main(['--check', str(tmp_path / name)]) == 0


def test_licence_has_no_header(tmp_path):
    main([str(tmp_path)])
    assert (tmp_path / 'LICENCE').read_text().startswith('MIT License\n')


def test_licence_has_this_year_and_the_holder(tmp_path):
    write(tmp_path, {'pyproject.toml': '[tool.nhs-open-source]\ncopyright-holder = "NHS England"\n'})
    assert main([str(tmp_path)]) == 0
    year = datetime.date.today().year
    text = (tmp_path / 'LICENCE').read_text()
    assert f'Copyright (c) {year} NHS England\n' in text
    assert licence_file.identify(text)[0] == ['MIT']


def test_contact(tmp_path):
    assert main([str(tmp_path), '--contact', 'team@nhs.invalid', '--name', 'Triage']) == 0
    assert 'team@nhs.invalid' in (tmp_path / 'README.md').read_text()
    assert 'Email team@nhs.invalid' in (tmp_path / 'SECURITY.md').read_text()
    assert '\n# Triage\n' in (tmp_path / 'README.md').read_text()


def test_pre_commit_config_is_pinned_to_this_release(tmp_path):
    main([str(tmp_path)])
    text = (tmp_path / '.pre-commit-config.yaml').read_text()
    assert f'  rev: v{__version__}\n' in text
    assert re.findall(r'- id: (\S+)', text) == list(RECOMMENDED_HOOKS)


def test_recommended_hooks_are_in_the_manifest():
    manifest = (ROOT / '.pre-commit-hooks.yaml').read_text()
    assert set(RECOMMENDED_HOOKS) <= set(re.findall(r'^- id: (\S+)', manifest, re.MULTILINE))


@pytest.mark.parametrize('existing', (
    {'README.rst': 'Title\n=====\n'},
    {'LICENSE.md': 'my licence\n'},
    {'.github/CONTRIBUTING.md': 'Contributions are welcome.\n'},
    {'docs/SECURITY.md': 'no\n'},
    {'.github/CODE_OF_CONDUCT.md': 'be kind\n'},
    {'.pre-commit-config.yaml': 'repos: []\n'},
    {'README.md': 'mine\n', 'LICENCE': 'mine\n', 'pyproject.toml': '[tool.nhs-open-source]\n'},
))
def test_never_overwrites(tmp_path, existing):
    write(tmp_path, existing)
    assert main([str(tmp_path)]) == 0
    after = snapshot(tmp_path)
    for name, content in existing.items():
        assert after[name] == content.encode()


def test_declined_contributions_need_no_code_of_conduct(tmp_path):
    write(tmp_path, {'CONTRIBUTING.md': 'This project does not accept contributions.\n'})
    assert main([str(tmp_path)]) == 0
    assert not (tmp_path / 'CODE_OF_CONDUCT.md').exists()


def test_second_run_changes_nothing(tmp_path, capsys):
    main([str(tmp_path)])
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main([str(tmp_path)]) == 0
    assert snapshot(tmp_path) == before
    out = capsys.readouterr().out
    assert 'wrote' not in out
    assert out.count('kept') == len(WRITTEN)


PYPROJECT = '[project]\nname = "x"\nversion = "1.0.0"  # keep this comment\n'


@pytest.mark.parametrize(('old', 'expected_prefix'), (
    ('', ''),
    (PYPROJECT, PYPROJECT + '\n'),
    (PYPROJECT.rstrip('\n'), PYPROJECT + '\n'),
))
def test_append_table(old, expected_prefix):
    new = append_table(old, 'Crown Copyright')
    assert new.startswith(expected_prefix + '[tool.nhs-open-source]\n')
    assert load_toml(new)['tool']['nhs-open-source']['copyright-holder'] == 'Crown Copyright'


def test_keeps_an_existing_table(tmp_path):
    text = '[tool.nhs-open-source.readme]\nrequired = []\n'
    write(tmp_path, {'pyproject.toml': text})
    assert main([str(tmp_path)]) == 0
    assert (tmp_path / 'pyproject.toml').read_text() == text


def test_appends_to_pyproject(tmp_path):
    write(tmp_path, {'pyproject.toml': PYPROJECT})
    assert main([str(tmp_path)]) == 0
    text = (tmp_path / 'pyproject.toml').read_text()
    assert text.startswith(PYPROJECT)
    document = load_toml(text)
    assert document['project']['version'] == '1.0.0'
    assert document['tool']['nhs-open-source']['licence'] == 'MIT'


def test_invalid_pyproject_is_left_alone(tmp_path, capsys):
    write(tmp_path, {'pyproject.toml': '[project\n'})
    assert main([str(tmp_path)]) == 2
    assert (tmp_path / 'pyproject.toml').read_text() == '[project\n'
    captured = capsys.readouterr()
    assert 'wrote LICENCE' in captured.out  # the rest is still written
    assert captured.err.startswith('pyproject.toml: not valid TOML, not changed: ')


def test_read_only_pyproject(tmp_path, capsys):
    write(tmp_path, {'pyproject.toml': PYPROJECT})
    (tmp_path / 'pyproject.toml').chmod(stat.S_IRUSR)
    assert main([str(tmp_path)]) == 2
    assert (tmp_path / 'pyproject.toml').read_text() == PYPROJECT
    assert 'pyproject.toml: is read-only; not changed' in capsys.readouterr().err


def test_path_is_a_file(tmp_path, capsys):
    (tmp_path / 'f').write_text('')
    assert main([str(tmp_path / 'f')]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_inside_an_existing_repository(repo, capsys):
    (repo / 'sub').mkdir()
    assert main(['sub']) == 0
    assert not (repo / 'sub' / '.git').exists()
    assert 'initialised' not in capsys.readouterr().out
    assert git(repo, 'status', '--porcelain')
