# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from nhs_open_source_hooks.markup import find_section, sections
from nhs_open_source_hooks.repository import COMMUNITY_DIRS, Tree
from tests.conftest import write


@pytest.mark.parametrize(('text', 'expected'), (
    ('# A\n\ntext\n## B\nmore\n', [('A', 1, '\ntext\n## B\nmore'), ('B', 4, 'more')]),
    ('Title\n=====\n\nbody\n\nSub\n---\nx\n', [('Title', 1, '\nbody\n\nSub\n---\nx'), ('Sub', 6, 'x')]),
    ('intro\n\n## Only\n', [('Only', 3, '')]),
    ('```\n# not a heading\n```\n# Real\n', [('Real', 4, '')]),
    ('## Closed ##\n', [('Closed', 1, '')]),
    ('no headings\n', []),
    ('---\n---\n', []),  # rules, not headings
))
def test_sections(text, expected):
    found = sections(text, 'txt')[0][1:]
    assert [(s.title, s.line, s.text) for s in found] == expected


def test_section_matches_any_case():
    found = find_section('# x\n\n## LICENSE\n\nMIT\n', r'licen[cs]e')
    assert found is not None and found.text.strip() == 'MIT'
    assert find_section('# x\n', r'licen') is None


FILES = {
    'README.md': '', 'LICENSE': '', 'src/a.py': '', '.github/CONTRIBUTING.md': '',
    'docs/security.md': '',
}


@pytest.mark.parametrize('tracked', (None, list(FILES)))
def test_tree_on_disk_and_from_paths(tmp_path, tracked):
    write(tmp_path, FILES)
    tree = Tree(str(tmp_path), tracked)
    assert tree.listdir() == ['LICENSE', 'README.md']
    assert tree.folders() == ['docs', 'src']  # not hidden ones
    assert tree.find(r'licen[cs]e') == ['LICENSE']
    assert tree.find(r'contributing(\.md)?', COMMUNITY_DIRS) == ['.github/CONTRIBUTING.md']
    assert tree.find(r'SECURITY\.md', COMMUNITY_DIRS) == ['docs/security.md']
    assert tree.has('src/a.py') and not tree.has('src/b.py')
    assert tree.readme() == 'README.md'


def test_tree_from_paths_ignores_untracked_files(tmp_path):
    write(tmp_path, FILES)
    assert Tree(str(tmp_path), ['src/a.py']).readme() is None


SHARED = {'_main', 'config', 'findings'}


@pytest.mark.parametrize(('hook', 'modules'), (
    ('readme', {'readme', 'markup', 'repository', 'files'}),
    ('licence-file', {'licence_file', 'markup', 'repository', 'files'}),
    ('repo-files', {'repo_files', 'markup', 'repository', 'files'}),
    ('semver', {'semver', 'repository', 'files'}),
    ('no-data-files', {'no_data_files', 'files'}),
))
def test_hooks_import_only_what_they_use(tmp_path, hook, modules):
    code = (
        'import json, sys\n'
        'from nhs_open_source_hooks._main import main\n'
        f'main([{hook!r}])\n'
        'print(json.dumps([m for m in sys.modules if m.startswith("nhs_open_source_hooks.")]))\n'
    )
    out = subprocess.run(
        (sys.executable, '-c', code), cwd=tmp_path, capture_output=True, text=True,
    ).stdout.splitlines()[-1]
    assert set(json.loads(out)) == {f'nhs_open_source_hooks.{m}' for m in SHARED | modules}
