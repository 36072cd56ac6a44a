# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import json

import pytest

from nhs_open_source_hooks import semver
from nhs_open_source_hooks.semver import is_valid, main
from tests.conftest import git
from tests.conftest import assert_main_and_audit
from tests.conftest import write


@pytest.mark.parametrize(('value', 'path', 'expected'), (
    ('1.0.0', 'package.json', True),
    ('0.3.12', 'package.json', True),
    ('1.0.0-rc.1', 'package.json', True),
    ('1.0.0-alpha+build.5', 'package.json', True),
    ('1.0', 'package.json', False),
    ('1', 'package.json', False),
    ('01.0.0', 'package.json', False),
    ('1.0.0.0', 'package.json', False),
    ('v1.0.0', 'package.json', False),
    ('2024.05', 'package.json', False),
    ('1.0.0rc1', 'pyproject.toml', True),
    ('1.0.0.dev3', 'hooks/__init__.py', True),
    ('1.0.0.post1', 'setup.cfg', True),
    ('1.0rc1', 'pyproject.toml', False),
    ('1.0.0rc1', 'package.json', False),
    ('0.1.0.9000', 'DESCRIPTION', True),
    ('0.1.0.1', 'DESCRIPTION', False),
    ('0.1-2', 'DESCRIPTION', False),
))
def test_is_valid(value, path, expected):
    assert is_valid(value, path) is expected


PACKAGE = 'pkg/__init__.py'
CASES = (
    ({'pyproject.toml': '[project]\nname = "x"\nversion = "1.2.3"\n'}, 0, []),
    ({'pyproject.toml': '[project]\nname = "x"\nversion = "1.2"\n'}, 1, ['semver-version']),
    ({'pyproject.toml': '[tool.poetry]\nversion = "0.1"\n'}, 1, ['semver-version']),
    # dynamic, through setuptools' attr, with and without src/ or a package-dir
    ({'pyproject.toml': '[project]\nname = "x"\ndynamic = ["version"]\n'
      '[tool.setuptools.dynamic]\nversion = {attr = "pkg.__version__"}\n',
      PACKAGE: '__version__ = "1.0"\n'}, 1, ['semver-version']),
    ({'pyproject.toml': '[project]\nname = "x"\ndynamic = ["version"]\n'
      '[tool.setuptools.dynamic]\nversion = {attr = "pkg.__version__"}\n',
      'src/' + PACKAGE: '__version__ = "1.0.0"\n'}, 0, []),
    ({'pyproject.toml': '[project]\nname = "x"\ndynamic = ["version"]\n'
      '[tool.setuptools]\npackage-dir = {"pkg" = "code"}\n'
      '[tool.setuptools.dynamic]\nversion = {attr = "pkg.__version__"}\n',
      'code/__init__.py': "__version__ = '2.0'\n"}, 1, ['semver-version']),
    ({'pyproject.toml': '[project]\nname = "x"\ndynamic = ["version"]\n'
      '[tool.setuptools.dynamic]\nversion = {file = "VERSION"}\n',
      'VERSION': '3.1\n'}, 1, ['semver-version']),
    ({'pyproject.toml': '[project]\nname = "x"\ndynamic = ["version"]\n'
      '[tool.hatch.version]\npath = "pkg/__about__.py"\n',
      'pkg/__about__.py': '__version__ = "0.0.1"\n'}, 0, []),
    # flit: the module named after the project
    ({'pyproject.toml': '[project]\nname = "my-pkg"\ndynamic = ["version"]\n',
      'my_pkg/__init__.py': '__version__ = "0.1"\n'}, 1, ['semver-version']),
    # setuptools-scm: the tags are the version
    ({'pyproject.toml': '[project]\nname = "x"\ndynamic = ["version"]\n[tool.setuptools_scm]\n'},
     0, []),
    ({'package.json': json.dumps({'name': 'x', 'version': '1.0.0'})}, 0, []),
    ({'package.json': json.dumps({'name': 'x', 'version': '1.0'}, indent=2)},
     1, ['semver-version']),
    ({'DESCRIPTION': 'Package: x\nVersion: 0.1.0\n'}, 0, []),
    ({'DESCRIPTION': 'Package: x\nVersion: 0.1.0.9000\n'}, 0, []),
    ({'DESCRIPTION': 'Package: x\nVersion: 0.1-1\n'}, 1, ['semver-version']),
    ({'setup.cfg': '[metadata]\nname = x\nversion = 1.0\n'}, 1, ['semver-version']),
    ({'setup.cfg': '[metadata]\nname = x\nversion = attr: pkg.__version__\n',
      PACKAGE: '__version__ = "1.0.0"\n'}, 0, []),
    ({'setup.py': 'from setuptools import setup\nsetup(name="x", version="0.1")\n'},
     1, ['semver-version']),
    # no packaging: a package's __version__
    ({PACKAGE: '__version__ = "0.1"\n'}, 1, ['semver-version']),
    ({}, 0, ['semver-missing']),  # a warning
    ({'pyproject.toml': '[tool.nhs-open-source]\n'}, 0, ['semver-missing']),
    ({'pyproject.toml': '[project]\nname = "x"\nversion = "1.0.0"\n',
      'package.json': json.dumps({'version': '2.0.0'})}, 0, ['semver-disagree']),
)


@pytest.mark.parametrize(('files', 'code', 'checks'), CASES)
def test_main_and_audit(repo, capsys, files, code, checks):
    assert_main_and_audit(semver, repo, capsys, files, code, checks)


def test_message_points_at_the_line(repo, capsys):
    write(repo, {'pyproject.toml': '[project]\nname = "x"\nversion = "1.2"\n'})
    main([])
    assert capsys.readouterr().out == (
        "pyproject.toml:3: semver-version version '1.2' (project.version) is not "
        'MAJOR.MINOR.PATCH; use a semantic version such as 1.0.0 or 0.3.1 (semver.org)\n'
    )


def tag(repo, *names):
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'Release')
    for name in names:
        git(repo, 'tag', name)


@pytest.mark.parametrize(('tags', 'code', 'checks'), (
    (('v0.9.0', '1.0.0', 'v1.0.0-rc.1'), 0, []),
    (('v1.0',), 1, ['semver-tag']),
    (('v1.0.0', 'release-2', 'latest', 'pkg-1.0'), 0, []),  # not release tags
    (('v2.0.0',), 0, ['semver-behind-tag']),  # a warning: the version is 1.0.0
))
def test_tags(repo, capsys, tags, code, checks):
    write(repo, {'package.json': json.dumps({'version': '1.0.0'})})
    tag(repo, *tags)
    assert main([]) == code
    out = capsys.readouterr().out
    assert [line.split()[1] for line in out.splitlines()] == checks


def test_tags_alone_are_a_version(repo, capsys):
    tag(repo, 'v0.1.0')
    assert main([]) == 0
    assert capsys.readouterr().out == ''


def test_pep440_tags_in_a_python_project(repo):
    write(repo, {'pyproject.toml': '[project]\nname = "x"\nversion = "1.0.0rc1"\n'})
    tag(repo, 'v1.0.0rc1')
    assert main([]) == 0


def test_no_tags_option(repo):
    tag(repo, 'v1')
    assert main([]) == 1
    assert main(['--no-tags']) == 0


def test_outside_git(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {'package.json': json.dumps({'version': '1.0.0'})})
    assert main([]) == 0


def test_unreadable_version_file_is_a_problem(repo, capsys):
    (repo / 'package.json').write_bytes(b'\0\0')
    assert main([]) == 2
    assert capsys.readouterr().err == 'package.json: binary file (NUL bytes); skipped\n'
